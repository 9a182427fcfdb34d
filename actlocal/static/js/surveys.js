// Skip logic on one page: a question marked data-show-if-* is hidden until its condition is met.
// Without this file the question stays visible with a note saying when to answer it; the server
// ignores its answer when the condition is not met.
(function () {
  "use strict";
  function update(form) {
    form.querySelectorAll("[data-show-if-name]").forEach(function (box) {
      var name = box.getAttribute("data-show-if-name");
      var value = box.getAttribute("data-show-if-value");
      var met = Array.prototype.some.call(form.elements[name] ? form.querySelectorAll("[name='" + name + "']") : [], function (input) {
        return input.checked && input.value === value;
      });
      box.hidden = !met;
      var note = box.querySelector(".skip-note");
      if (note) { note.hidden = true; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.survey-form").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
    var errors = document.getElementById("errors");
    if (errors) { errors.focus(); }
  });
})();
