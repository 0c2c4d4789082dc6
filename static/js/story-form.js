/* Story form enhancements. The form works fully without this file; with it:
 * - the draft is kept in this tab's sessionStorage (never localStorage: family devices are shared)
 *   and cleared on the thank-you page;
 * - sending while offline keeps everything on screen with a clear message;
 * - a second click on "Versturen" is ignored (the server also stores one story per form);
 * - conditional questions hide until they apply;
 * - the triad gets a triangle to place a dot in, kept in step with the number inputs.
 */
(function () {
  "use strict";
  var store;
  try { store = window.sessionStorage; store.setItem("vp-test", "1"); store.removeItem("vp-test"); }
  catch (e) { store = null; }

  document.querySelectorAll("[data-clear-draft]").forEach(function (el) {
    if (store) { store.removeItem(el.getAttribute("data-clear-draft")); }
  });

  var form = document.querySelector("form[data-draft-key]");
  if (!form) { return; }
  var key = form.getAttribute("data-draft-key");
  var SKIP = { submission: true };

  function saveDraft() {
    if (!store) { return; }
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.type === "submit") { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) { (data[el.name] = data[el.name] || []).push(el.value); }
      } else {
        data[el.name] = el.value;
      }
    });
    try { store.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full: the form still works */ }
  }

  function restoreDraft() {
    if (!store) { return; }
    var data;
    try { data = JSON.parse(store.getItem(key) || "null"); } catch (e) { data = null; }
    if (!data) { return; }
    Object.keys(data).forEach(function (name) {
      var els = form.querySelectorAll('[name="' + name.replace(/"/g, "") + '"]');
      if (!els.length) { return; }
      var first = els[0];
      if (first.type === "radio" || first.type === "checkbox") {
        var anyChecked = Array.prototype.some.call(els, function (el) { return el.checked; });
        if (anyChecked) { return; }  // what the server re-showed wins
        Array.prototype.forEach.call(els, function (el) { el.checked = data[name].indexOf(el.value) !== -1; });
      } else if (!first.value) {
        first.value = data[name];
      }
    });
  }

  restoreDraft();
  // After a refused submit, take keyboard and screen-reader users straight to what needs attention.
  var message = document.getElementById("form-message");
  if (message) { message.focus(); }
  var timer = null;
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(saveDraft, 300); });
  form.addEventListener("change", saveDraft);

  var button = form.querySelector("button[type=submit]");
  var offline = form.querySelector(".offline-message");
  var sending = false;
  var buttonText = button.textContent;
  form.addEventListener("submit", function (event) {
    saveDraft();
    if (sending) { event.preventDefault(); return; }
    if (navigator.onLine === false) {
      event.preventDefault();
      offline.textContent = form.getAttribute("data-offline-message");
      offline.hidden = false;
      offline.focus();
      return;
    }
    offline.hidden = true;
    sending = true;
    button.setAttribute("aria-disabled", "true");
    button.textContent = form.getAttribute("data-sending-message");
  });
  window.addEventListener("pageshow", function () {
    sending = false;
    button.removeAttribute("aria-disabled");
    button.textContent = buttonText;
  });
  window.addEventListener("online", function () { offline.hidden = true; });

  // Conditional questions: show only when the earlier answer applies.
  form.querySelectorAll("[data-show-if]").forEach(function (block) {
    var target = block.getAttribute("data-show-if");
    var values = block.getAttribute("data-show-if-values").split(" ");
    var inputs = form.querySelectorAll('[name="' + target + '"]');
    if (!inputs.length) { return; }
    var hint = block.querySelector(".condition-hint");
    if (hint) { hint.hidden = true; }
    function update() {
      var on = Array.prototype.some.call(inputs, function (el) {
        return (el.checked || (el.type !== "radio" && el.type !== "checkbox")) && values.indexOf(el.value) !== -1;
      });
      block.hidden = !on;
    }
    inputs.forEach(function (el) { el.addEventListener("change", update); });
    update();
  });

  // Triad: a triangle with a dot; the three number inputs stay the accessible way to answer.
  var SVG = "http://www.w3.org/2000/svg";
  form.querySelectorAll("[data-triad]").forEach(function (block) {
    var inputs = block.querySelectorAll("input.score");
    var labels = block.querySelectorAll(".triad-score label");
    if (inputs.length !== 3) { return; }
    var W = 300, H = 280, corners = [[150, 34], [24, 250], [276, 250]];
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("class", "triad-board");
    svg.setAttribute("aria-hidden", "true");
    var poly = document.createElementNS(SVG, "polygon");
    poly.setAttribute("points", corners.map(function (c) { return c.join(","); }).join(" "));
    svg.appendChild(poly);
    // Corner labels in lines of whole words: the top one has the width, the bottom two half of it each
    // (so they never run into each other), at most two lines, the rest cut with an ellipsis.
    var anchors = [[150, 11, "middle", 46], [6, 264, "start", 22], [294, 264, "end", 22]];
    function wrap(text, width) {
      var lines = [""];
      text.trim().split(/\s+/).forEach(function (word) {
        var last = lines[lines.length - 1];
        if (!last || (last + " " + word).length <= width) { lines[lines.length - 1] = last ? last + " " + word : word; }
        else { lines.push(word); }
      });
      if (lines.length > 2) { lines = [lines[0], lines.slice(1).join(" ")]; }
      return lines.map(function (line) { return line.length > width ? line.slice(0, width - 1) + "…" : line; });
    }
    labels.forEach(function (label, i) {
      var t = document.createElementNS(SVG, "text");
      t.setAttribute("text-anchor", anchors[i][2]);
      var lines = wrap(label.textContent, anchors[i][3]);
      lines.forEach(function (line, n) {
        var span = document.createElementNS(SVG, "tspan");
        span.setAttribute("x", anchors[i][0]);
        // The top label grows upwards from just above its corner, the bottom ones downwards.
        span.setAttribute("y", i === 0 ? anchors[i][1] + 12 * (n + 2 - lines.length) : anchors[i][1] + 12 * n);
        span.textContent = line;
        t.appendChild(span);
      });
      svg.appendChild(t);
    });
    var dot = document.createElementNS(SVG, "circle");
    dot.setAttribute("r", 10); dot.setAttribute("class", "dot"); dot.setAttribute("visibility", "hidden");
    svg.appendChild(dot);
    var scores = block.querySelector(".triad-scores");
    block.insertBefore(svg, scores);
    var helpJs = block.getAttribute("data-help-js");
    if (helpJs) {
      var p = document.createElement("p"); p.className = "help"; p.textContent = helpJs;
      block.insertBefore(p, svg);
    }

    function weights() {
      var w = Array.prototype.map.call(inputs, function (el) { return Math.max(0, parseFloat(el.value) || 0); });
      var sum = w[0] + w[1] + w[2];
      return sum > 0 ? w.map(function (x) { return x / sum; }) : null;
    }
    function drawDot() {
      var w = weights();
      if (!w) { dot.setAttribute("visibility", "hidden"); return; }
      var x = w[0] * corners[0][0] + w[1] * corners[1][0] + w[2] * corners[2][0];
      var y = w[0] * corners[0][1] + w[1] * corners[1][1] + w[2] * corners[2][1];
      dot.setAttribute("cx", x); dot.setAttribute("cy", y); dot.setAttribute("visibility", "visible");
    }
    function setFromPoint(x, y) {
      var a = corners[0], b = corners[1], c = corners[2];
      var det = (b[1] - c[1]) * (a[0] - c[0]) + (c[0] - b[0]) * (a[1] - c[1]);
      var l1 = ((b[1] - c[1]) * (x - c[0]) + (c[0] - b[0]) * (y - c[1])) / det;
      var l2 = ((c[1] - a[1]) * (x - c[0]) + (a[0] - c[0]) * (y - c[1])) / det;
      var w = [l1, l2, 1 - l1 - l2].map(function (v) { return Math.max(0, v); });
      var sum = w[0] + w[1] + w[2];
      w = w.map(function (v) { return Math.round((v / sum) * 10); });
      if (w[0] + w[1] + w[2] === 0) { w = [1, 1, 1]; }
      inputs.forEach(function (el, i) { el.value = w[i]; });
      drawDot();
      saveDraft();
    }
    function pointer(event) {
      var rect = svg.getBoundingClientRect();
      setFromPoint((event.clientX - rect.left) * W / rect.width, (event.clientY - rect.top) * H / rect.height);
    }
    var dragging = false;
    svg.addEventListener("pointerdown", function (e) { dragging = true; svg.setPointerCapture(e.pointerId); pointer(e); });
    svg.addEventListener("pointermove", function (e) { if (dragging) { pointer(e); } });
    svg.addEventListener("pointerup", function () { dragging = false; });
    inputs.forEach(function (el) { el.addEventListener("input", drawDot); });
    drawDot();
  });

  // A gentle character counter near the limit.
  form.querySelectorAll("[data-counter-for]").forEach(function (note) {
    var field = document.getElementById(note.getAttribute("data-counter-for"));
    var max = parseInt(note.getAttribute("data-max"), 10);
    var original = note.textContent;
    var live = document.createElement("span");
    live.setAttribute("aria-live", "polite");
    note.appendChild(live);
    function update() {
      var left = max - field.value.length;
      live.textContent = left < max * 0.1 ? " (" + left + ")" : "";
    }
    field.addEventListener("input", update);
    update();
    note.setAttribute("data-original", original);
  });
})();
