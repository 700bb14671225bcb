// Console-wide behaviour. Shortcut keys: a button with data-key="1" is pressed by the key
// "1" when focus is not in a text field. Focus moves to [data-autofocus] after each swap.
(function () {
  "use strict";
  function typing(el) {
    return el && (el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
      (el.tagName === "INPUT" && !["button", "submit", "checkbox", "radio"].includes(el.type)));
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === "Escape") {
      const first = document.querySelector("[data-escape-focus]");
      if (first) { event.preventDefault(); first.focus(); first.select && first.select(); }
      return;
    }
    if (typing(document.activeElement)) return;
    const button = document.querySelector('[data-key="' + CSS.escape(event.key) + '"]:not([disabled])');
    if (!button) return;
    event.preventDefault();
    // Not while htmx is still putting the button in place: a form it has not processed
    // yet would be submitted natively, reloading the page instead of deciding.
    if (button.closest(".htmx-swapping, .htmx-settling, .htmx-added")) return;
    button.click();
  });
  function autofocus(root) {
    const target = (root || document).querySelector("[data-autofocus]");
    if (target) target.focus();
  }
  document.addEventListener("htmx:afterSettle", function (event) { autofocus(event.target); });
  // The server names the idempotency key of the next read (HX-Trigger booth-key or
  // booth-reset): a double send of one read replays it, a new read gets a new key.
  function newKey(event) {
    if (!event.detail || !event.detail.key) return;
    document.querySelectorAll("input[name=idempotency_key]").forEach(function (input) {
      input.value = event.detail.key;
    });
  }
  document.addEventListener("booth-key", newKey);
  // A server error or a lost connection: say so in the page's message area (htmx also
  // logs it to the console, which the browser tests treat as a failure).
  function show(templateId) {
    const template = document.getElementById(templateId);
    const flash = document.getElementById("flash");
    if (template && flash) flash.replaceChildren(template.content.cloneNode(true));
  }
  document.addEventListener("htmx:responseError", function () { show("msg-server-error"); });
  document.addEventListener("htmx:sendError", function () { show("msg-offline"); });
  document.addEventListener("booth-reset", newKey);
  document.addEventListener("DOMContentLoaded", function () { autofocus(document); });
})();
