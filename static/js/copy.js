/* "Kopieer" buttons. Without this file the texts are plain selectable text and the buttons stay hidden.
 * With it: a click copies the text with the Clipboard API; where that is missing or refused (no HTTPS,
 * an old browser, permissions), the text is selected so Ctrl+C / Cmd+C copies it.
 */
(function () {
  "use strict";

  function say(button, message) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) { status.textContent = message; }
  }

  function selectText(field, button) {
    field.focus();
    field.select();
    if (field.setSelectionRange) { field.setSelectionRange(0, field.value.length); }
    say(button, button.getAttribute("data-selected"));
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(
          function () { say(button, button.getAttribute("data-copied")); },
          function () { selectText(field, button); }
        );
      } else {
        selectText(field, button);
      }
    });
  });
}());
