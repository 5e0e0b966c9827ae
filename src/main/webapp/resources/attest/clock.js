/*
 * Keeps response-SLA clocks live: a running clock counts down, an overdue one counts up. It counts from the
 * server's time sent with the page (data-now), not from the viewer's computer clock, which may be off: the margin
 * is the server's, moved on by the time elapsed since the page arrived.
 */
(function () {
    function humanize(ms) {
        var s = Math.floor(Math.abs(ms) / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600),
            m = Math.floor(s % 3600 / 60);
        if (d > 0) { return d + ' d ' + h + ' h'; }
        if (h > 0) { return h + ' h ' + (m < 10 ? '0' : '') + m + ' min'; }
        if (m > 0) { return m + ' min'; }
        return (s % 60) + ' s';
    }
    function serverNow(el) {
        var sent = Number(el.getAttribute('data-now'));
        if (isNaN(sent) || sent === 0) { return Date.now(); }
        if (el.attestSent !== sent) { // first seen (a re-rendered clock is a new element)
            el.attestSent = sent;
            el.attestSeenAt = Date.now();
        }
        // the viewer's clock only measures time elapsed since, so how far off it is cancels out
        return sent + (Date.now() - el.attestSeenAt);
    }
    function tick() {
        document.querySelectorAll('.sla-clock[data-due]').forEach(function (el) {
            var state = el.getAttribute('data-state');
            if (state !== 'RUNNING' && state !== 'OVERDUE') { return; }
            var left = Number(el.getAttribute('data-due')) - serverNow(el);
            var margin = el.querySelector('.sla-margin');
            if (left >= 0) {
                margin.textContent = humanize(left) + ' ' + el.getAttribute('data-left');
            } else {
                margin.textContent = el.getAttribute('data-late') + ' ' + humanize(left);
                el.classList.add('sla-OVERDUE');
            }
        });
    }
    setInterval(tick, 1000);
    document.addEventListener('DOMContentLoaded', tick);
})();
