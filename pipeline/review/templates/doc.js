(function () {
  "use strict";
  var text = document.getElementById("text");
  var body = document.getElementById("panel-body");
  var marks = text ? text.getElementsByClassName("m") : [];
  var seen = {}, count = 0, i;
  for (i = 0; i < marks.length; i++) {
    var id = marks[i].getAttribute("data-mid");
    if (!Object.prototype.hasOwnProperty.call(seen, id)) { seen[id] = 1; count++; }
  }
  document.body.setAttribute("data-highlighted", String(count));
  document.body.setAttribute("data-fragments", String(marks.length));
  var stat = document.getElementById("stat-highlighted");
  if (stat) { stat.textContent = count + " mentions highlighted (" + marks.length + " elements)"; }
  var FIELDS = [["type", "type"], ["text", "text"], ["value", "normalized value"], ["method", "method"],
                ["conf", "confidence"], ["mid", "mention_id"], ["span", "offsets"], ["page", "page"]];
  var pinned = false;
  function clearSel() {
    var sel = document.querySelectorAll(".m.sel");
    for (var j = 0; j < sel.length; j++) { sel[j].classList.remove("sel"); }
  }
  function entry(el) {
    var div = document.createElement("div");
    div.className = "entry";
    var table = document.createElement("table");
    for (var k = 0; k < FIELDS.length; k++) {
      var v = FIELDS[k][0] === "span" ? el.getAttribute("data-start") + "\u2013" + el.getAttribute("data-end")
                                       : el.getAttribute("data-" + FIELDS[k][0]);
      var tr = document.createElement("tr");
      var th = document.createElement("th"); th.textContent = FIELDS[k][1];
      var td = document.createElement("td"); td.textContent = v === null ? "" : v;
      if (FIELDS[k][0] === "mid") { td.className = "mid"; }
      tr.appendChild(th); tr.appendChild(td); table.appendChild(tr);
    }
    div.appendChild(table);
    return div;
  }
  function show(el) {
    clearSel();
    var mid = el.getAttribute("data-mid");
    for (var j = 0; j < marks.length; j++) {
      if (marks[j].getAttribute("data-mid") === mid) { marks[j].classList.add("sel"); }
    }
    while (body.firstChild) { body.removeChild(body.firstChild); }
    var h = document.createElement("h3"); h.textContent = "Mention"; body.appendChild(h);
    body.appendChild(entry(el));
    var outer = el.parentElement, first = true;
    while (outer && outer !== text) {
      if (outer.classList.contains("m")) {
        if (first) { var h2 = document.createElement("h3"); h2.textContent = "Inside"; body.appendChild(h2); first = false; }
        body.appendChild(entry(outer));
      }
      outer = outer.parentElement;
    }
    body.setAttribute("data-shown", mid);
  }
  if (text) {
    text.addEventListener("mouseover", function (e) {
      var el = e.target.closest ? e.target.closest(".m") : null;
      if (el && !pinned) { show(el); }
    });
    text.addEventListener("click", function (e) {
      var el = e.target.closest ? e.target.closest(".m") : null;
      if (el) { show(el); pinned = true; } else { pinned = false; clearSel(); }
    });
  }
  function fromHash() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    var el = id ? document.getElementById(id) : null;
    if (!el) { return; }
    if (el.classList.contains("m")) { show(el); pinned = true; }
    var fl = document.querySelectorAll(".flash");
    for (var j = 0; j < fl.length; j++) { fl[j].classList.remove("flash"); }
    if (el.classList.contains("ev")) {
      var aid = el.getAttribute("data-aid"), evs = text.getElementsByClassName("ev");
      for (var k = 0; k < evs.length; k++) {
        if (evs[k].getAttribute("data-aid") === aid) { evs[k].classList.add("flash"); }
      }
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  var boxes = document.querySelectorAll("input[data-type]");
  for (i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function () {
      document.body.classList.toggle("hide-" + this.getAttribute("data-type"), !this.checked);
    });
  }
})();
