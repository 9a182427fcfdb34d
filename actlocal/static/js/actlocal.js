// ActLocal's only first-party script. Everything works without it; it adds conveniences.
(function () {
  "use strict";
  // Filter forms are submitted with their Apply button only: submitting on "change" would reload the page
  // on every arrow key in a select (WCAG 3.2.2, On Input).
  // Move focus to the results after an HTMX swap so screen-reader users hear the update.
  document.body && document.body.addEventListener("htmx:afterSwap", function (event) {
    var heading = event.detail.target.querySelector("[data-focus-after-swap]");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  });
})();
