/*
 * A date picker's calendar button carries the hidden text "ui-button": it gets the words of its own label
 * ("Choose Date") instead, when the page has loaded and after every partial update.
 */
(function () {
    function name(root) {
        (root || document).querySelectorAll('.ui-datepicker-trigger .ui-button-text').forEach(function (text) {
            if (text.textContent === 'ui-button') {
                text.textContent = text.parentElement.getAttribute('aria-label') || 'Choose date';
            }
        });
    }
    window.addEventListener('load', function () { name(); });
    if (window.jQuery) {
        window.jQuery(document).on('pfAjaxComplete', function () { name(); });
    }
})();
