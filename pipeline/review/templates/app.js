/* The review app's controls (pipeline/reviewapp): decide on the current item with the keyboard or the buttons. */
(function () {
  "use strict";
  var island = document.getElementById("review-items");
  if (!island) { return; }
  var ITEMS = JSON.parse(island.textContent);
  var meta = document.querySelector('meta[name="csrf-token"]');
  var CSRF = meta ? meta.getAttribute("content") : "";
  var bar = document.getElementById("appbar");
  var DOC = bar ? bar.getAttribute("data-doc") : "";
  var toastEl = document.getElementById("toast");
  var history = [];  // this tab's decisions: {when, id, before}
  var order = [], current = -1, toastTimer = null;

  function itemOf(el) {
    if (!el) { return null; }
    if (el.hasAttribute("data-item")) { return el.getAttribute("data-item"); }
    if (el.hasAttribute("data-mid")) { return "m:" + el.getAttribute("data-mid"); }
    return null;
  }
  // every element that shows an item, in page order; the first one of an item is where navigation goes
  function elements(id) {
    var out = [], all = document.querySelectorAll("[data-item], #text .m[data-mid]");
    for (var i = 0; i < all.length; i++) { if (itemOf(all[i]) === id) { out.push(all[i]); } }
    return out;
  }
  (function buildOrder() {
    var seen = {}, all = document.querySelectorAll("[data-item], #text .m[data-mid]:not([data-cont])");
    for (var i = 0; i < all.length; i++) {
      var id = itemOf(all[i]);
      if (id && ITEMS[id] && !seen[id]) { seen[id] = 1; order.push({id: id, el: all[i]}); }
    }
  })();

  function toast(text, error) {
    toastEl.textContent = text;
    toastEl.className = "show" + (error ? " error" : "");
    toastEl.setAttribute("role", error ? "alert" : "status");
    if (toastTimer) { clearTimeout(toastTimer); }
    toastTimer = setTimeout(function () { toastEl.className = ""; }, error ? 8000 : 4000);
  }
  function paint(id) {
    var it = ITEMS[id], els = elements(id);
    for (var i = 0; i < els.length; i++) {
      if (it.state) { els[i].setAttribute("data-state", it.state); } else { els[i].removeAttribute("data-state"); }
      var st = els[i].querySelector(".rv-state");
      if (st) { st.textContent = it.state ? it.state + (it.reviewer ? " (" + it.reviewer + ")" : "") : ""; }
    }
  }
  Object.keys(ITEMS).forEach(paint);

  // the current item's actions at the top of the side panel (document pages)
  var panel = document.getElementById("panel"), tpl = document.getElementById("tpl-actions"), actions = null;
  if (panel && tpl) {
    actions = tpl.content.firstElementChild.cloneNode(true);
    panel.insertBefore(actions, panel.firstChild);
    actions.hidden = true;
  }
  function showActions() {
    if (!actions || current < 0) { return; }
    var it = ITEMS[order[current].id];
    actions.hidden = false;
    actions.setAttribute("data-state", it.state || "");
    actions.querySelector('[data-slot="label"]').textContent = it.label + (it.value ? " = " + it.value : "");
    actions.querySelector('[data-slot="state"]').textContent = it.state ? it.state + (it.reviewer ? " (" + it.reviewer + ")" : "") : "";
    actions.querySelector('[data-act="fix"]').disabled = !it.fix;
  }
  function select(i, scroll) {
    if (!order.length) { return; }
    current = (i + order.length) % order.length;
    var cur = document.querySelectorAll(".cur");
    for (var j = 0; j < cur.length; j++) { cur[j].classList.remove("cur"); }
    var el = order[current].el;
    el.classList.add("cur");
    document.body.setAttribute("data-current", order[current].id);
    if (el.classList.contains("m")) { el.click(); }  // doc.js pins the span's details in the panel
    showActions();
    if (scroll !== false) { el.scrollIntoView({block: "center"}); }
  }
  function selectId(id) {
    for (var i = 0; i < order.length; i++) { if (order[i].id === id) { select(i); return true; } }
    return false;
  }
  function nextUnreviewed() {
    for (var k = 1; k <= order.length; k++) {
      var i = (current + k) % order.length;
      if (!ITEMS[order[i].id].state) { select(i); return; }
    }
    toast("every item on this page is reviewed");
  }
  function fromHash() {
    var h = "";
    try { h = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!h) { return; }
    for (var i = 0; i < order.length; i++) {
      if (ITEMS[order[i].id].anchor === h) { select(i); return; }
    }
  }

  function post(url, body) {
    return fetch(url, {method: "POST", credentials: "same-origin",
                       headers: {"Content-Type": "application/json", "X-CSRF-Token": CSRF},
                       body: JSON.stringify(body || {})})
      .then(function (r) { return r.json().catch(function () { return {ok: false, error: "HTTP " + r.status}; }); });
  }
  function refreshProgress() {
    fetch("/api/progress", {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
      (data.progress || []).forEach(function (p) {
        var a = document.querySelector('#appbar a[data-kind="' + p[0] + '"]');
        if (a) { var b = a.getElementsByTagName("b"); b[0].textContent = p[1]; b[1].textContent = p[2]; }
      });
      var qc = document.getElementById("queue-count");
      if (qc) {
        var done = 0, total = 0;
        Object.keys(ITEMS).forEach(function (k) { total++; if (ITEMS[k].state) { done++; } });
        qc.textContent = qc.textContent.replace(/^\d+ of \d+/, done + " of " + total);
      }
    }).catch(function () {});
  }
  var STATE = {accept: "accepted", reject: "rejected", fix: "fixed"};
  function decide(action, fix) {
    if (current < 0) { toast("pick an item first (j / k, or click one)", true); return; }
    var id = order[current].id, it = ITEMS[id];
    var body = {action: action, item: id, seen: it.seen};
    if (fix) { body.fix = fix; }
    post("/api/decide", body).then(function (res) {
      if (!res.ok) { toast(res.error, true); return; }
      history.push({when: res.when, id: id, before: [it.state, it.reviewer, it.when]});
      it.state = STATE[action]; it.reviewer = res.lines.length ? res.lines[0].reviewer : ""; it.when = res.when;
      paint(id);
      showActions();
      refreshProgress();
      toast(it.state + ": " + it.label + " — u undoes it");
      nextUnreviewed();
    }, function () { toast("the review app does not answer: is `kotakembar review --serve` still running?", true); });
  }
  function undo() {
    post("/api/undo").then(function (res) {
      if (!res.ok) { toast(res.error, true); return; }
      var h = null;
      for (var i = history.length - 1; i >= 0; i--) { if (history[i].when === res.when) { h = history.splice(i, 1)[0]; break; } }
      if (h) {
        var it = ITEMS[h.id];
        it.state = h.before[0]; it.reviewer = h.before[1]; it.when = h.before[2];
        paint(h.id); selectId(h.id);
      }
      refreshProgress();
      toast("undone (" + res.removed + " line(s) removed from the corrections file)");
    });
  }

  // --- dialogs ---
  var dialogs = {place: "dlg-place", date: "dlg-date", instrument: "dlg-instrument", sector: "dlg-sector"};
  function openFix() {
    if (current < 0) { toast("pick an item first (j / k, or click one)", true); return; }
    var it = ITEMS[order[current].id];
    if (!it.fix) { toast("a " + it.kind + " row has no fix here: accept (a) or reject (r) it", true); return; }
    var dlg = document.getElementById(dialogs[it.fix]);
    dlg.querySelector('[data-slot="label"]').textContent = it.label + (it.value ? " = " + it.value : "");
    var form = dlg.querySelector("form");
    form.reset();
    if (it.fix === "date") { form.elements.value.value = it.value; }
    if (it.fix === "sector") { form.elements.sector.value = it.kind === "sectors" ? it.seen : it.value; }
    if (it.fix === "place") { form.elements.q.value = it.seen; search(form.elements.q.value); }
    dlg.showModal();
    var first = form.querySelector("input, select");
    if (first) { first.focus(); if (first.select) { first.select(); } }
  }
  var cands = document.getElementById("cands"), searchTimer = null;
  function pick(li) {
    var all = cands.querySelectorAll("li");
    for (var i = 0; i < all.length; i++) { all[i].setAttribute("aria-selected", String(all[i] === li)); }
    if (li) { li.scrollIntoView({block: "nearest"}); }
  }
  function search(q) {
    if (searchTimer) { clearTimeout(searchTimer); }
    searchTimer = setTimeout(function () {
      fetch("/api/places?q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.json(); }).then(function (res) {
          while (cands.firstChild) { cands.removeChild(cands.firstChild); }
          (res.candidates || []).forEach(function (c) {
            var li = document.createElement("li");
            li.setAttribute("role", "option");
            li.setAttribute("data-ref", c.ref);
            li.textContent = c.name + " (" + c.country + ", " + c.level + (c.iso3166_2 ? " " + c.iso3166_2 : "") +
              (c.geonames_id ? ", GeoNames " + c.geonames_id : "") + (c.population ? ", pop. " + c.population : "") + ")";
            li.addEventListener("click", function () { pick(li); });
            cands.appendChild(li);
          });
          pick(cands.querySelector("li"));
        });
    }, 120);
  }
  if (cands) {
    var q = document.getElementById("place-q");
    q.addEventListener("input", function () { search(q.value); });
    q.addEventListener("keydown", function (e) {
      var sel = cands.querySelector('li[aria-selected="true"]');
      if (e.key === "ArrowDown") { e.preventDefault(); pick(sel && sel.nextElementSibling || cands.firstElementChild); }
      if (e.key === "ArrowUp") { e.preventDefault(); pick(sel && sel.previousElementSibling || cands.lastElementChild); }
    });
  }
  var forms = document.querySelectorAll("dialog form");
  for (var f = 0; f < forms.length; f++) {
    forms[f].addEventListener("submit", function (e) {
      var form = this, dlg = form.parentNode;
      e.preventDefault();
      dlg.close();
      if (form.hasAttribute("data-add")) { submitAdd(form); return; }
      var kind = form.getAttribute("data-fix"), fix = {};
      if (kind === "place") {
        var sel = cands.querySelector('li[aria-selected="true"]');
        if (!sel) { toast("no candidate chosen: type a name and pick one", true); return; }
        fix.place = sel.getAttribute("data-ref");
      } else if (kind === "date") {
        fix.value = form.elements.value.value;
      } else if (kind === "instrument") {
        var it = ITEMS[order[current].id];
        if (it.kind === "mentions") { fix.instrument = form.elements.instrument.value; } else {
          fix.instrument = form.elements.instrument.value; fix.signed = form.elements.signed.value;
        }
      } else { fix.sector = form.elements.sector.value; }
      decide("fix", fix);
    });
  }

  // --- adding a row from the selected text ---
  var textEl = document.getElementById("text"), pending = null;
  function plain(range) {
    // the document's text of a range of #text: the page labels (p. N) are not part of it
    var frag = range.cloneContents(), labels = frag.querySelectorAll(".pb");
    for (var i = 0; i < labels.length; i++) { labels[i].remove(); }
    return frag.textContent;
  }
  function offsetIn(node, offset) {
    var probe = document.createRange();
    probe.setStart(textEl, 0);
    probe.setEnd(node, offset);
    return plain(probe).length;
  }
  function openAdd(kind) {
    var sel = window.getSelection();
    if (!textEl || !sel || sel.isCollapsed || !textEl.contains(sel.anchorNode) || !textEl.contains(sel.focusNode)) {
      toast("select the evidence in the text first, then press " + (kind === "instrument" ? "i" : "p"), true);
      return;
    }
    var r = sel.getRangeAt(0);
    var a = offsetIn(r.startContainer, r.startOffset), b = offsetIn(r.endContainer, r.endOffset);
    pending = {start: a, end: b, seen: plain(r)};
    var dlg = document.getElementById("dlg-add"), form = dlg.querySelector("form");
    form.reset();
    form.elements.kind.value = kind;
    dlg.querySelector('[data-slot="selection"]').textContent = pending.seen;
    dlg.querySelector('[data-slot="kind"]').textContent = kind;
    dlg.showModal();
    form.elements.kind.focus();
  }
  function submitAdd(form) {
    var el = form.elements, a = el.a.value, b = el.b.value;
    if (el.pair.value) { var ab = el.pair.value.split("\n"); a = ab[0]; b = ab[1]; }
    var body = {action: "add", doc_id: DOC, start: pending.start, end: pending.end, seen: pending.seen,
                kind: el.kind.value, relationship: el.relationship.value, a: a, b: b};
    if (el.kind.value === "instrument") { body.instrument = el.instrument.value; body.signed = el.signed.value; }
    post("/api/decide", body).then(function (res) {
      if (!res.ok) { toast(res.error, true); return; }
      history.push({when: res.when, id: null, before: null});
      refreshProgress();
      toast("added: " + el.kind.value + " — it shows in the tables after `dvc repro`; u undoes it");
    });
  }

  // --- buttons and keys ---
  document.addEventListener("click", function (e) {
    var cancel = e.target.closest ? e.target.closest("dialog button.cancel") : null;
    if (cancel) { cancel.closest("dialog").close(); return; }
    var btn = e.target.closest ? e.target.closest("button[data-act]") : null;
    var host = e.target.closest ? e.target.closest("[data-item], #text .m[data-mid]") : null;
    var id = itemOf(host);
    if (id && ITEMS[id] && !(current >= 0 && order[current].id === id)) {
      for (var i = 0; i < order.length; i++) { if (order[i].id === id) { select(i, false); break; } }
    }
    if (!btn) { return; }
    var act = btn.getAttribute("data-act");
    if (act === "fix") { openFix(); } else { decide(act); }
  });
  var undoBtn = document.getElementById("undo");
  if (undoBtn) { undoBtn.addEventListener("click", undo); }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || document.querySelector("dialog[open]")) { return; }
    var t = e.target.tagName;
    if (t === "INPUT" || t === "SELECT" || t === "TEXTAREA") { return; }
    var keys = {j: function () { select(current + 1); }, k: function () { select(current - 1); },
                n: nextUnreviewed, a: function () { decide("accept"); }, r: function () { decide("reject"); },
                f: openFix, u: undo, i: function () { openAdd("instrument"); }, p: function () { openAdd("partnership"); },
                Enter: function () {
                  var link = current >= 0 ? order[current].el.querySelector("a[href]") : null;
                  if (link && document.body.classList.contains("queue")) { location.href = link.href; }
                }};
    var fn = keys[e.key];
    if (!fn) { return; }
    e.preventDefault();
    fn();
  });
  window.addEventListener("hashchange", fromHash);
  document.body.setAttribute("data-app-ready", String(order.length));
  if (location.hash) { fromHash(); } else if (document.body.classList.contains("queue") && order.length) { select(0, false); }
})();
