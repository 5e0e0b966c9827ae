/* Keeps response-SLA clocks live: a running clock counts down, an overdue one counts up. */
(function () {
    function humanize(ms) {
        var s = Math.floor(Math.abs(ms) / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600),
            m = Math.floor(s % 3600 / 60);
        if (d > 0) { return d + ' d ' + h + ' h'; }
        if (h > 0) { return h + ' h ' + (m < 10 ? '0' : '') + m + ' min'; }
        if (m > 0) { return m + ' min'; }
        return (s % 60) + ' s';
    }
    function tick() {
        document.querySelectorAll('.sla-clock[data-due]').forEach(function (el) {
            var state = el.getAttribute('data-state');
            if (state !== 'RUNNING' && state !== 'OVERDUE') { return; }
            var left = Number(el.getAttribute('data-due')) - Date.now();
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
