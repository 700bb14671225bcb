// The booth's MRZ field. A document reader types each line followed by Enter; people
// paste or type. The read is sent as soon as the lines are complete: TD3 (2 x 44),
// TD2/MRV-B (2 x 36) or TD1 (3 x 30). Ctrl+Enter sends whatever is there.
(function () {
  "use strict";
  const form = document.getElementById("mrz-form");
  const field = document.getElementById("mrz");
  if (!form || !field) return;
  let sent = null;
  function lines(value) {
    return value.toUpperCase().split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
  }
  function complete(ls) {
    const same = function (n) { return ls.every(function (l) { return l.length === n; }); };
    return (ls.length === 2 && (same(44) || same(36))) || (ls.length === 3 && same(30));
  }
  function send() {
    const value = lines(field.value).join("\n");
    if (!value || value === sent) return;
    sent = value;
    field.value = value;
    htmx.trigger(form, "submit");
  }
  field.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    if (event.ctrlKey || complete(lines(field.value))) { event.preventDefault(); send(); }
  });
  field.addEventListener("input", function (event) {
    if (event.inputType === "insertFromPaste" && complete(lines(field.value))) send();
    if (!field.value) sent = null;
  });
  form.addEventListener("submit", function () { sent = lines(field.value).join("\n"); });
  // After a decision: empty the field, ready for the next traveller (concordia.js
  // already put the next idempotency key in the form).
  document.body.addEventListener("booth-reset", function () {
    field.value = "";
    sent = null;
    field.focus();
  });
})();
