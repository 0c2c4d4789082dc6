/* The live hexagon board of a workshop.
 *
 * The page works without this script (a list and plain forms). With it, hexagons sit on a hexagonal grid
 * (pointy top, axial q/r: the same geometry as sensemaking/board/geometry.py), can be dragged with a pointer
 * or moved with the arrow keys, and every change goes to the server as a small operation. Operations wait
 * in an outbox (kept in sessionStorage, so a reload or a dropped connection loses nothing) and are sent
 * again until the server confirms them; the server makes every operation safe to receive twice. The board
 * asks for news every second (a 304 when nothing changed) and replays the changes still on their way on
 * top of what it gets, so nobody's change disappears from their own screen.
 * The board can be shown larger or smaller (CSS zoom on the canvas, kept for the tab in sessionStorage),
 * for a projector or a phone; positions stay in unzoomed board pixels, so only pointer distances and the
 * scroll position are divided by the zoom.
 * All text is set with textContent: hexagon texts are never parsed as HTML.
 */
(function () {
  "use strict";
  var dataEl = document.getElementById("board-data");
  var root = document.getElementById("board");
  if (!dataEl || !root) { return; }
  var config = JSON.parse(dataEl.textContent);
  var t = JSON.parse(document.getElementById("board-words").textContent);
  var SIZE = 60, W = Math.sqrt(3) * SIZE, H = 2 * SIZE, MARGIN = 80, POLL_MS = 1000;
  var KINDS = ["observation", "theme", "action"];
  var canvas = document.getElementById("board-canvas");
  var viewport = document.getElementById("board-viewport");
  var statusEl = document.getElementById("board-status");
  var alertEl = document.getElementById("board-alert");
  var listEl = document.getElementById("board-list-live");
  var editor = document.getElementById("board-editor");
  var form = document.getElementById("board-add");
  var storeKey = "vertelpunt-board-outbox:" + config.opsUrl;
  var ZOOMS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2], ZOOM_KEY = "vertelpunt-board-zoom";
  var zoom = 1, drawn = false;

  var server = config.state;          // the last state the server sent
  var etag = null;
  var outbox = loadOutbox();          // operations not yet sent
  var inflight = [];                  // operations sent, not yet confirmed
  var state = replay(server);         // what this screen shows
  var selectedId = null, editing = null, retryMs = 1000, closed = server.closed, busy = false;
  var origin = { x: 0, y: 0 };

  root.classList.add("board-live");
  Array.prototype.forEach.call(root.querySelectorAll("[data-js-only]"), function (el) { el.hidden = false; });
  Array.prototype.forEach.call(root.querySelectorAll("[data-no-js]"), function (el) { el.hidden = true; });
  KINDS.forEach(function (kind) { canvas.style.setProperty("--hex-" + kind, server.colours[kind]); });

  function uuid4() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function loadOutbox() {
    try { return JSON.parse(window.sessionStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function saveOutbox() {
    try { window.sessionStorage.setItem(storeKey, JSON.stringify(inflight.concat(outbox))); } catch (e) { /* storage off: memory only */ }
  }

  // Long Dutch compounds ("jeugdhulpverlener") fit on one line in a smaller letter rather than break:
  // the longest word is measured on a canvas (no layout), down to 65 % of the letter; longer ones break.
  var ruler = document.createElement("canvas").getContext("2d");
  function fitWords(textEl, text) {
    textEl.style.fontSize = "";
    var longest = text.split(/\s+/).reduce(function (a, w) { return w.length > a.length ? w : a; }, "");
    if (longest.length < 9 || !ruler) { return; }
    var style = window.getComputedStyle(textEl);
    // A canvas measures a little narrower than the page sets the same word: keep 10 % spare.
    var size = parseFloat(style.fontSize), room = (parseFloat(style.maxWidth) || 82) * 0.9;
    ruler.font = style.fontWeight + " " + size + "px " + style.fontFamily;
    var width = ruler.measureText(longest).width;
    if (width > room) { textEl.style.fontSize = Math.max(size * 0.65, Math.floor(size * room / width * 10) / 10) + "px"; }
  }

  // Geometry (pointy-top axial coordinates) ---------------------------------------------------------
  function centre(q, r) { return { x: W * (q + r / 2), y: 1.5 * SIZE * r }; }
  function cellAt(x, y) {
    var q = (Math.sqrt(3) / 3 * x - y / 3) / SIZE, r = (2 / 3 * y) / SIZE, s = -q - r;
    var rq = Math.round(q), rr = Math.round(r), rs = Math.round(s);
    var dq = Math.abs(rq - q), dr = Math.abs(rr - r), ds = Math.abs(rs - s);
    if (dq > dr && dq > ds) { rq = -rr - rs; } else if (dr > ds) { rr = -rq - rs; }
    return { q: rq, r: rr };
  }
  var RING = [[1, 0], [1, -1], [0, -1], [-1, 0], [-1, 1], [0, 1]];
  function nearestFree(hexes, q, r, besides) {
    var taken = {};
    hexes.forEach(function (h) { if (h.id !== besides) { taken[h.q + "," + h.r] = true; } });
    if (!taken[q + "," + r]) { return { q: q, r: r }; }
    for (var radius = 1; radius < 60; radius++) {
      var cq = q - radius, cr = r + radius;   // start at a corner of the ring, walk its six sides
      for (var side = 0; side < 6; side++) {
        for (var step = 0; step < radius; step++) {
          if (!taken[cq + "," + cr]) { return { q: cq, r: cr }; }
          cq += RING[side][0]; cr += RING[side][1];
        }
      }
    }
    return { q: q, r: r };
  }

  // Local model: the server's state with the unconfirmed operations replayed on top ------------------
  function clone(s) { return JSON.parse(JSON.stringify(s)); }
  function find(s, id) { for (var i = 0; i < s.hexagons.length; i++) { if (s.hexagons[i].id === id) { return s.hexagons[i]; } } return null; }
  function apply(s, op) {
    var h = op.id ? find(s, op.id) : null, target;
    if (op.op === "add" && !h) {
      var cell = nearestFree(s.hexagons, op.q, op.r);
      s.hexagons.push({ id: op.id, kind: op.kind, text: op.text, q: cell.q, r: cell.r, links: op.link ? [op.link] : [] });
    } else if (op.op === "move" && h) {
      var free = nearestFree(s.hexagons, op.q, op.r, h.id); h.q = free.q; h.r = free.r;
    } else if (op.op === "text" && h) {
      h.text = op.text;
    } else if (op.op === "delete" && h) {
      s.hexagons.splice(s.hexagons.indexOf(h), 1);
    } else if (op.op === "link" && h) {
      target = find(s, op.target);
      if (target && h.links.indexOf(op.target) < 0) { h.links = h.kind === "observation" ? [op.target] : h.links.concat([op.target]); }
    } else if (op.op === "unlink" && h) {
      h.links = h.links.filter(function (x) { return x !== op.target; });
    }
  }
  function replay(base) {
    var s = clone(base);
    inflight.concat(outbox).forEach(function (op) { apply(s, op); });
    return s;
  }
  function order(hexes) {
    return hexes.slice().sort(function (a, b) { return a.r - b.r || a.q - b.q; });
  }

  // Sending and fetching ---------------------------------------------------------------------------------
  function send(op) {
    if (closed || (state.locked && !config.staff)) { say(t.locked, true); return; }
    outbox.push(op); saveOutbox();
    state = replay(server); render(); flush();
  }
  function headers(extra) {
    var h = { "Accept": "application/json" };
    if (config.csrf) { h["X-CSRFToken"] = config.csrf; }
    Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
    return h;
  }
  function flush() {
    if (busy || !outbox.length) { return; }
    busy = true;
    inflight = outbox; outbox = []; saveOutbox();
    fetch(config.opsUrl, {
      method: "POST", credentials: "same-origin",
      headers: headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ ops: inflight })
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (answer) {
      busy = false;
      if (answer.status >= 500) { throw new Error("server"); }
      inflight = []; saveOutbox(); retryMs = 1000;
      if (answer.body.state) { server = answer.body.state; etag = null; }
      if (answer.status === 410) { closed = true; }
      if (answer.body.error) { say(answer.body.error, true); }
      else if (answer.body.conflicts && answer.body.conflicts.length) { say(t.conflict, true); }
      // A fresh note ("Verplaatst …", "Op het bord gezet.") is not cut short by "Opgeslagen.": a screen
      // reader would only read the last of the two. After a warning, "Opgeslagen." clears it.
      else if (alertEl.textContent || Date.now() - noteAt > NOTE_MS) { say(t.saved, false); }
      state = replay(server); render(); flush();
    }).catch(function () {
      busy = false;
      outbox = inflight.concat(outbox); inflight = []; saveOutbox();
      say(t.offline, true);
      window.setTimeout(flush, retryMs); retryMs = Math.min(retryMs * 2, 8000);
    });
  }
  function poll() {
    if (closed) { return; }
    if (busy || document.hidden) { window.setTimeout(poll, POLL_MS); return; }
    fetch(config.stateUrl, { credentials: "same-origin", headers: headers(etag ? { "If-None-Match": etag } : {}) })
      .then(function (response) {
        if (response.status === 304) { return null; }
        if (response.status === 410) { closed = true; say(t.closed, true); return null; }
        if (!response.ok) { throw new Error("status"); }
        etag = response.headers.get("ETag");
        return response.json();
      }).then(function (body) {
        if (body && !busy) {
          var before = state.hexagons.length;
          server = body; state = replay(server); render();
          if (state.hexagons.length > before) { say(t.news.replace("{n}", state.hexagons.length - before), false); }
        }
        if (outbox.length) { flush(); }
        window.setTimeout(poll, POLL_MS);
      }).catch(function () { say(t.offline, true); window.setTimeout(poll, POLL_MS * 3); });
  }
  var lastMessage = "", noteAt = 0, NOTE_MS = 3000;
  function say(message, important) {
    if (message === lastMessage) { return; }
    lastMessage = message;
    if (!important && message !== t.saved) { noteAt = Date.now(); }
    (important ? alertEl : statusEl).textContent = message;
    (important ? statusEl : alertEl).textContent = "";
  }

  // The canvas holds every hexagon with a margin, and is at least one screen wider and taller than its
  // origin: so the view can always scroll along when the origin grows (see render).
  var extent = { x: 0, y: 0 };
  function sizeCanvas() {
    var width = Math.max(origin.x + extent.x + W / 2 + MARGIN * 3, origin.x + viewport.clientWidth / zoom);
    var height = Math.max(origin.y + extent.y + H / 2 + MARGIN * 3, origin.y + viewport.clientHeight / zoom);
    canvas.style.width = width + "px"; canvas.style.height = height + "px";
  }

  // Drawing ------------------------------------------------------------------------------------------------
  function themeText(id) { var h = find(state, id); return h ? h.text : ""; }
  function render() {
    var hexes = order(state.hexagons);
    var minX = 0, minY = 0, maxX = 0, maxY = 0;
    hexes.forEach(function (h) {
      var c = centre(h.q, h.r);
      minX = Math.min(minX, c.x); minY = Math.min(minY, c.y); maxX = Math.max(maxX, c.x); maxY = Math.max(maxY, c.y);
    });
    // The origin only moves outwards. When it does (a hexagon went past the left or top edge), the view
    // scrolls along and a hexagon being dragged moves with it, so nothing jumps on the screen.
    var grownX = drawn ? Math.max(0, -minX + W / 2 + MARGIN - origin.x) : 0;
    var grownY = drawn ? Math.max(0, -minY + H / 2 + MARGIN - origin.y) : 0;
    origin.x = Math.max(origin.x + grownX, -minX + W / 2 + MARGIN); origin.y = Math.max(origin.y + grownY, -minY + H / 2 + MARGIN);
    extent = { x: maxX, y: maxY };
    sizeCanvas();
    if (grownX || grownY) {
      viewport.scrollLeft += grownX * zoom; viewport.scrollTop += grownY * zoom;
      if (drag) {
        drag.left += grownX; drag.top += grownY;
        drag.el.style.left = (parseFloat(drag.el.style.left) + grownX) + "px";
        drag.el.style.top = (parseFloat(drag.el.style.top) + grownY) + "px";
      }
    }
    drawn = true;
    var seen = {};
    hexes.forEach(function (h) {
      seen[h.id] = true;
      var el = canvas.querySelector('[data-id="' + h.id + '"]');
      if (!el) {
        el = document.createElement("div");
        el.className = "hex"; el.setAttribute("role", "button"); el.tabIndex = 0; el.dataset.id = h.id;
        var shape = document.createElement("span"); shape.className = "hex-shape"; el.appendChild(shape);
        var kind = document.createElement("span"); kind.className = "hex-kind"; el.appendChild(kind);
        var text = document.createElement("span"); text.className = "hex-text"; el.appendChild(text);
        el.addEventListener("pointerdown", startDrag);
        el.addEventListener("keydown", onKey);
        el.addEventListener("click", function () { if (!el.dataset.dragged) { openEditor(h.id); } });
      }
      el.className = "hex hex-" + h.kind + (h.id === selectedId ? " is-selected" : "");
      el.querySelector(".hex-kind").textContent = t.kinds[h.kind];
      var textEl = el.querySelector(".hex-text");
      textEl.textContent = h.text || "…";
      var group = h.links.map(themeText).filter(Boolean).join(", ");
      var label = t.kinds[h.kind] + ": " + (h.text || t.empty);
      if (group) { label += (/[.!?]$/.test(label) ? " " : ". ") + t.under + ": " + group; }
      el.setAttribute("aria-label", label);
      if (!el.classList.contains("is-dragging")) {
        var c = centre(h.q, h.r);
        el.style.left = (origin.x + c.x - W / 2) + "px"; el.style.top = (origin.y + c.y - H / 2) + "px";
      }
      if (!el.parentNode) { canvas.appendChild(el); }
      fitWords(textEl, h.text || "");  // measured in place: the letter depends on the hexagon's kind
    });
    // Keep the tab order the grid order, moving nodes only when it changed (a moved node loses its drag).
    var wanted = hexes.map(function (h) { return h.id; });
    var current = Array.prototype.map.call(canvas.children, function (el) { return el.dataset.id; });
    if (!drag && wanted.join() !== current.filter(function (id) { return seen[id]; }).join()) {
      var focused = document.activeElement;
      wanted.forEach(function (id) { canvas.appendChild(canvas.querySelector('[data-id="' + id + '"]')); });
      if (focused && canvas.contains(focused)) { focused.focus(); }
    }
    Array.prototype.forEach.call(canvas.querySelectorAll(".hex"), function (el) { if (!seen[el.dataset.id]) { el.remove(); } });
    renderList(hexes);
    renderThemeChoices();
    root.classList.toggle("is-locked", !!state.locked);
    document.getElementById("board-locked").hidden = !(state.locked && !closed);
    document.getElementById("board-closed").hidden = !closed;
    if (editing && !find(state, editing)) { closeEditor(); }
  }
  function renderList(hexes) {
    listEl.textContent = "";
    var themes = hexes.filter(function (h) { return h.kind === "theme"; });
    var loose = hexes.filter(function (h) { return h.kind !== "theme" && !h.links.some(function (l) { return find(state, l); }); });
    function item(h) {
      var li = document.createElement("li");
      var b = document.createElement("button"); b.type = "button"; b.className = "link-button pre-line";
      b.textContent = t.kinds[h.kind] + ": " + (h.text || t.empty);
      b.addEventListener("click", function () { openEditor(h.id); });
      li.appendChild(b); return li;
    }
    themes.forEach(function (theme) {
      var li = item(theme), ul = document.createElement("ul");
      hexes.forEach(function (h) { if (h.kind !== "theme" && h.links[0] === theme.id) { ul.appendChild(item(h)); } });
      if (ul.children.length) { li.appendChild(ul); }
      listEl.appendChild(li);
    });
    if (loose.length) {
      var li = document.createElement("li"); li.textContent = t.loose;
      var ul = document.createElement("ul"); loose.forEach(function (h) { ul.appendChild(item(h)); });
      li.appendChild(ul); listEl.appendChild(li);
    }
  }
  function renderThemeChoices() {
    var themes = order(state.hexagons).filter(function (h) { return h.kind === "theme"; });
    Array.prototype.forEach.call(root.querySelectorAll("select[data-themes]"), function (select) {
      var value = select.value;
      while (select.options.length > 1) { select.remove(1); }
      themes.forEach(function (h) { select.add(new Option(h.text || t.empty, h.id)); });
      select.value = value;
    });
  }

  // Dragging with a pointer --------------------------------------------------------------------------
  var drag = null;
  function startDrag(event) {
    if (event.button !== 0 || closed || (state.locked && !config.staff)) { return; }
    var el = event.currentTarget;
    drag = { el: el, id: el.dataset.id, x: event.clientX, y: event.clientY, left: parseFloat(el.style.left), top: parseFloat(el.style.top), moved: false };
    el.setPointerCapture(event.pointerId);
    el.addEventListener("pointermove", moveDrag);
    el.addEventListener("pointerup", endDrag);
    el.addEventListener("pointercancel", endDrag);
    delete el.dataset.dragged;
  }
  function moveDrag(event) {
    var dx = (event.clientX - drag.x) / zoom, dy = (event.clientY - drag.y) / zoom;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 6 / zoom) { return; }
    drag.moved = true; drag.el.classList.add("is-dragging");
    drag.el.style.left = (drag.left + dx) + "px"; drag.el.style.top = (drag.top + dy) + "px";
  }
  function endDrag(event) {
    var el = drag.el, id = drag.id, moved = drag.moved;
    el.removeEventListener("pointermove", moveDrag); el.removeEventListener("pointerup", endDrag);
    el.removeEventListener("pointercancel", endDrag);
    el.classList.remove("is-dragging");
    drag = null;
    if (!moved) { return; }
    el.dataset.dragged = "1";
    window.setTimeout(function () { delete el.dataset.dragged; }, 0);
    var cell = cellAt(parseFloat(el.style.left) + W / 2 - origin.x, parseFloat(el.style.top) + H / 2 - origin.y);
    send({ op: "move", id: id, q: cell.q, r: cell.r });
    event.preventDefault();
  }

  // Keyboard: arrows move the hexagon one cell, Enter edits, Delete removes ---------------------------
  var STEPS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  function onKey(event) {
    var id = event.currentTarget.dataset.id, h = find(state, id);
    if (!h) { return; }
    if (STEPS[event.key]) {
      event.preventDefault();
      var step = STEPS[event.key];
      var dq = step[0], dr = step[1];
      if (event.key === "ArrowUp" && event.shiftKey) { dq = 1; }      // up and to the right
      if (event.key === "ArrowDown" && event.shiftKey) { dq = -1; }   // down and to the left
      // A taken cell is jumped over, so that the hexagon really goes the way of the arrow (and does not
      // land on the nearest free cell, which can be where it already was).
      var q = h.q + dq, r = h.r + dr, from = h.q + "," + h.r;
      var taken = {};
      state.hexagons.forEach(function (o) { if (o.id !== id) { taken[o.q + "," + o.r] = true; } });
      for (var hop = 0; hop < 60 && taken[q + "," + r]; hop++) { q += dq; r += dr; }
      send({ op: "move", id: id, q: q, r: r });
      var moved = find(state, id);
      if (moved && moved.q + "," + moved.r !== from) { say(t.moved.replace("{q}", moved.q).replace("{r}", moved.r), false); }
      var el = canvas.querySelector('[data-id="' + id + '"]'); if (el) { el.focus(); }
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault(); openEditor(id);
    } else if (event.key === "Delete") {
      event.preventDefault();
      if (window.confirm(t.confirmDelete)) { send({ op: "delete", id: id }); }
    }
  }

  // Editing one hexagon -------------------------------------------------------------------------------
  function openEditor(id) {
    var h = find(state, id);
    if (!h || closed) { return; }
    editing = id; selectedId = id; render();
    editor.hidden = false;
    editor.dataset.base = h.text;
    document.getElementById("board-editor-title").textContent = t.kinds[h.kind];
    var text = document.getElementById("board-editor-text");
    text.value = h.text;
    var themeField = document.getElementById("board-editor-theme-field");
    themeField.hidden = h.kind === "theme";
    var select = document.getElementById("board-editor-theme");
    renderThemeChoices();
    select.value = h.links[0] || "";
    text.focus();
  }
  function closeEditor() {
    var id = editing;
    editing = null; selectedId = null; editor.hidden = true; render();
    var el = id && canvas.querySelector('[data-id="' + id + '"]');
    if (el) { el.focus(); }
  }
  document.getElementById("board-editor-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var h = find(state, editing);
    if (!h) { closeEditor(); return; }
    var text = document.getElementById("board-editor-text").value.trim();
    if (text.length > config.maxText) { say(t.tooLong, true); return; }
    if (text !== h.text) { send({ op: "text", id: h.id, text: text, base: editor.dataset.base, opid: uuid4() }); }
    var theme = document.getElementById("board-editor-theme").value;
    if (h.kind !== "theme" && theme !== (h.links[0] || "")) {
      if (h.links[0] && h.kind === "observation") { send({ op: "unlink", id: h.id, target: h.links[0] }); }
      if (theme) { send({ op: "link", id: h.id, target: theme }); }
      else if (h.links[0]) { send({ op: "unlink", id: h.id, target: h.links[0] }); }
    }
    closeEditor();
  });
  document.getElementById("board-editor-delete").addEventListener("click", function () {
    if (editing && window.confirm(t.confirmDelete)) { send({ op: "delete", id: editing }); closeEditor(); }
  });
  document.getElementById("board-editor-cancel").addEventListener("click", closeEditor);
  editor.addEventListener("keydown", function (event) { if (event.key === "Escape") { closeEditor(); } });

  // Adding (a closed session's board has no form) -----------------------------------------------------
  if (form) { form.addEventListener("submit", function (event) {
    event.preventDefault();
    var kind = (form.querySelector('input[name="kind"]:checked') || {}).value;
    var text = form.querySelector('[name="text"]').value.trim();
    var theme = form.querySelector('[name="theme"]').value;
    if (!kind || !text) { say(t.needText, true); form.querySelector('[name="text"]').focus(); return; }
    if (text.length > config.maxText) { say(t.tooLong, true); return; }
    var near = theme ? find(state, theme) : null;
    var middle = viewMiddle();
    var spot = near || cellAt(middle.x - origin.x, middle.y - origin.y);
    var id = uuid4();
    send({ op: "add", id: id, kind: kind, text: text, q: spot.q, r: spot.r, link: theme || null });
    form.querySelector('[name="text"]').value = "";
    say(t.added, false);
  }); }

  // Zoom ---------------------------------------------------------------------------------------------
  function viewMiddle() {
    return { x: (viewport.scrollLeft + viewport.clientWidth / 2) / zoom, y: (viewport.scrollTop + viewport.clientHeight / 2) / zoom };
  }
  function setZoom(value, announce) {
    var middle = viewMiddle();
    zoom = value;
    canvas.style.zoom = String(zoom);
    sizeCanvas();
    viewport.scrollLeft = middle.x * zoom - viewport.clientWidth / 2;
    viewport.scrollTop = middle.y * zoom - viewport.clientHeight / 2;
    var level = Math.round(zoom * 100);
    document.getElementById("board-zoom-level").textContent = level + "%";
    document.getElementById("board-zoom-out").disabled = zoom <= ZOOMS[0];
    document.getElementById("board-zoom-in").disabled = zoom >= ZOOMS[ZOOMS.length - 1];
    try { window.sessionStorage.setItem(ZOOM_KEY, String(zoom)); } catch (e) { /* storage off: this page only */ }
    if (announce) { say(t.zoomed.replace("{n}", level), false); }
  }
  function stepZoom(direction) {
    var i = ZOOMS.indexOf(zoom);
    var next = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, i + direction))];
    if (next !== zoom) { setZoom(next, true); }
  }
  document.getElementById("board-zoom-in").addEventListener("click", function () { stepZoom(1); });
  document.getElementById("board-zoom-out").addEventListener("click", function () { stepZoom(-1); });
  document.getElementById("board-zoom-reset").addEventListener("click", function () { setZoom(1, true); });

  // Back online: send what waited at once instead of at the next retry.
  window.addEventListener("online", function () { retryMs = 1000; flush(); });

  state = replay(server);
  render();
  var kept = 1;
  try { kept = parseFloat(window.sessionStorage.getItem(ZOOM_KEY) || "1"); } catch (e) { kept = 1; }
  setZoom(ZOOMS.indexOf(kept) >= 0 ? kept : 1, false);
  if (outbox.length) { flush(); }
  window.setTimeout(poll, POLL_MS);
}());
