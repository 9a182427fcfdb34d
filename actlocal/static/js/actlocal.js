// ActLocal's only first-party script. Everything works without it; it adds conveniences.
(function () {
  "use strict";
  // Submit a filter form as soon as a select changes (the Apply button stays for keyboard and no-JS users).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("form[data-autosubmit] select")) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });
  // Move focus to the results after an HTMX swap so screen-reader users hear the update.
  document.body && document.body.addEventListener("htmx:afterSwap", function (event) {
    var heading = event.detail.target.querySelector("[data-focus-after-swap]");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  });
})();
