/*
 * saturn flame graph script, embedded in each SVG that `saturn flamegraph` writes. It fetches
 * nothing, and does nothing per frame when the document loads: the renderer already truncated the
 * labels. Per-frame data (name, count, depth, geometry) is read lazily, on the first zoom or search.
 *
 * DOM contract (docs/flamegraph.md):
 *   #frames > g.frame     one per frame, in depth-first pre-order: a frame's subtree follows it,
 *                         the root ("all") first
 *     data-name data-type the label and the frame type ("JIT compiled", "interpreted"...) of a frame
 *                         whose name had a type suffix (_[j]...); a search matches "NAME (TYPE)"
 *     > title             "NAME (N samples, P%)", differential "NAME (N samples, P%; +D%)",
 *                         "NAME (TYPE) (N samples, P%)" for a typed frame,
 *                         then "; vanished: NAME (N samples before), ..." on a g.frame.vanished
 *     > rect              x, y, width, height, fill ("> a > rect" for frames with an --nameattr href)
 *     > text              the label; present only when the frame is wide enough for one
 *   #frames data-*        width, xpad, fontsize, fontwidth, frameheight, inverted, nametype, countname
 *   #details              "Function: NAME (N samples, P%)" while the mouse is over a frame
 *   #matched              "Matched: P%" after a search, "Invalid regular expression: RE" after one
 *                         that did not compile (the previous search cleared); class hide otherwise
 *   #search #reset #ignorecase   the Search / Reset Search, Reset Zoom and ic buttons
 *   classes               g.frame.match (search hit), g.frame.zoom (in the zoomed subtree),
 *                         g.frame.parent (ancestor of the zoomed frame), #frames.zoomed, .hide, .show
 *
 * API (window.flamegraph):
 *   search(re)        highlight the frames whose name matches re (a RegExp, or its source as a
 *                     string); returns matchedPercent()
 *   resetSearch()     clear the highlight
 *   zoom(frame)       zoom to a g.frame, an element inside one, or its index in frames()
 *   resetZoom()       back to the whole graph
 *   reset()           resetSearch() and resetZoom()
 *   matchedPercent()  % of all samples under a matched frame, nested matches counted once;
 *                     null without a search
 *   ignoreCase(on)    set case-insensitive search (true/false); returns the current setting
 *   frames()          the g.frame elements in document order
 *   zoomed()          the zoomed g.frame, or null
 *
 * URL: the state is kept in the fragment, #s=REGEX&i=1&z=INDEX (z: index in frames()), and is
 * also read from the query (?s=...), so a link reopens the same view.
 */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var doc = document;
  var framesEl = doc.getElementById("frames");
  var detailsEl = doc.getElementById("details");
  var matchedEl = doc.getElementById("matched");
  var searchBtn = doc.getElementById("search");
  var resetBtn = doc.getElementById("reset");
  var icBtn = doc.getElementById("ignorecase");

  function attr(name) { return framesEl.getAttribute("data-" + name); }
  var imageWidth = parseFloat(attr("width"));
  var xpad = parseFloat(attr("xpad"));
  var charWidth = parseFloat(attr("fontsize")) * parseFloat(attr("fontwidth"));
  var frameHeight = parseFloat(attr("frameheight"));
  var nameType = attr("nametype") || "Function:";
  var countName = attr("countname") || "samples";
  var titleRe = new RegExp("^([\\s\\S]*) \\(([-0-9.,]+) " + countName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + ", ");

  var frames = null;    // the g.frame elements, on first use
  var info = [];        // per frame index: lazily parsed data
  var depths = null;    // per frame index: depth, -1 until read
  var changed = [];     // indexes whose geometry the zoom changed
  var zoomedIndex = -1;
  var matches = [];
  var term = null;
  var percent = null;
  var ignoreCase = false;
  var restoring = false;

  function all() {
    if (frames === null) {
      frames = Array.prototype.slice.call(framesEl.children);
      depths = new Int32Array(frames.length).fill(-1);
    }
    return frames;
  }

  function rectOf(g) {
    var r = g.children[1];
    return r.tagName === "a" ? r.firstElementChild : r;
  }

  function data(i) {
    var d = info[i];
    if (d === undefined) {
      var g = all()[i];
      var rect = rectOf(g);
      var title = g.firstElementChild.textContent;
      var m = titleRe.exec(title);
      var name = g.getAttribute("data-name");
      var n = g.getAttribute("data-samples");
      d = info[i] = {
        g: g,
        rect: rect,
        text: rect.nextElementSibling,
        name: name !== null ? name : m ? m[1] : title,
        type: g.getAttribute("data-type"),
        n: n !== null ? parseFloat(n) : m ? parseFloat(m[2].replace(/,/g, "")) : 0,
        x: rect.getAttribute("x"),
        w: rect.getAttribute("width"),
        saved: false,
        label: "",
        tx: null
      };
    }
    return d;
  }

  // What a search matches: the name, and a frame type as the tooltip gives it ("name (interpreted)").
  function searched(d) {
    return d.type ? d.name + " (" + d.type + ")" : d.name;
  }

  function depth(i) {
    all();
    if (depths[i] < 0) {
      var y0 = parseFloat(rectOf(frames[0]).getAttribute("y"));
      depths[i] = Math.round(Math.abs(parseFloat(rectOf(frames[i]).getAttribute("y")) - y0) / frameHeight);
    }
    return depths[i];
  }

  // Index past the subtree of frame i (its descendants are contiguous in pre-order).
  function subtreeEnd(i) {
    var d = depth(i), n = all().length, j = i + 1;
    while (j < n && depth(j) > d) j++;
    return j;
  }

  function indexOf(target) {
    if (typeof target === "number") return target >= 0 && target < all().length ? target : -1;
    var g = frameOf(target);
    return g ? all().indexOf(g) : -1;
  }

  function frameOf(el) {
    while (el && el.parentNode !== framesEl) el = el.parentNode;
    return el || null;
  }

  // Moves frame i; its label is measured afterwards, with the others (relabel).
  function place(i, x, w) {
    var d = data(i);
    if (!d.saved) {
      d.saved = true;
      d.label = d.text ? d.text.textContent : "";
      d.tx = d.text ? d.text.getAttribute("x") : null;
      changed.push(i);
    }
    d.rect.setAttribute("x", x.toFixed(1));
    d.rect.setAttribute("width", w.toFixed(1));
    if (d.text) d.text.setAttribute("x", (x + 3).toFixed(2));
  }

  // The labels of the placed frames, measured in the font the browser draws them with, by
  // flamegraph.pl's rule (its update_text), so that a zoom shows the same labels there and here:
  // the text measured is the name and a space (flamegraph.pl's title less its parenthesis); the
  // whole name when that is narrower than the frame less 3 px, else, stepping down by two
  // characters from the proportional estimate, the first prefix whose measure with two more
  // characters fits, then ".."; nothing below two average characters. All texts are written first
  // and measured after, so that the browser lays them out once, not once per frame.
  function relabel(list) {
    var todo = [], widths = [], k, d, w;
    for (k = 0; k < list.length; k++) {
      d = info[list[k]];
      w = parseFloat(d.rect.getAttribute("width")) - 3;
      if (w < 2 * charWidth) {
        setLabel(d, "");
      } else if (/^ *$/.test(d.name)) {
        setLabel(d, d.name);
      } else {
        setLabel(d, d.name + " ");
        todo.push(d);
        widths.push(w);
      }
    }
    var labels = [];
    for (k = 0; k < todo.length; k++) labels.push(measured(todo[k].text, todo[k].name, widths[k]));
    for (k = 0; k < todo.length; k++) setLabel(todo[k], labels[k]);
  }

  // t holds name + " ".
  function measured(t, name, w) {
    var n = name.length + 1;
    var sl = t.getSubStringLength(0, n);
    if (sl < w) return name;
    for (var x = Math.floor((w / sl) * n); x > 0; x -= 2) {
      if (t.getSubStringLength(0, Math.min(x + 2, n)) <= w) {
        var c = name.charCodeAt(x - 1);
        var cut = c >= 0xd800 && c <= 0xdbff ? x - 1 : x;
        return cut > 0 ? name.substring(0, cut) + ".." : "";
      }
    }
    return "";
  }

  function setLabel(d, label) {
    if (!d.text) {
      if (label === "") return;
      d.text = doc.createElementNS(SVGNS, "text");
      var y = parseFloat(d.rect.getAttribute("y")) + parseFloat(d.rect.getAttribute("height")) / 2 + 3;
      d.text.setAttribute("y", String(y));
      d.text.setAttribute("x", (parseFloat(d.rect.getAttribute("x")) + 3).toFixed(2));
      d.rect.parentNode.appendChild(d.text);
    }
    if (d.text.textContent !== label) d.text.textContent = label;
  }

  function restore(i) {
    var d = info[i];
    d.saved = false;
    d.rect.setAttribute("x", d.x);
    d.rect.setAttribute("width", d.w);
    if (d.text) {
      if (d.tx === null) {
        d.text.parentNode.removeChild(d.text);
        d.text = null;
      } else {
        d.text.setAttribute("x", d.tx);
        if (d.text.textContent !== d.label) d.text.textContent = d.label;
      }
    }
    d.g.classList.remove("zoom", "parent");
  }

  function unzoom() {
    for (var k = 0; k < changed.length; k++) restore(changed[k]);
    changed = [];
    zoomedIndex = -1;
    framesEl.classList.remove("zoomed");
    resetBtn.classList.add("hide");
  }

  function zoom(target) {
    var i = indexOf(target);
    if (i < 0) return;
    unzoom();
    if (i > 0) {
      var d0 = depth(i);
      var x0 = parseFloat(data(i).x);
      var full = imageWidth - 2 * xpad;
      var ratio = full / parseFloat(data(i).w);
      framesEl.classList.add("zoomed");
      for (var j = i - 1, want = d0 - 1; j >= 0 && want >= 0; j--) {
        if (depth(j) === want) {
          data(j).g.classList.add("parent");
          place(j, xpad, full);
          want--;
        }
      }
      var end = subtreeEnd(i);
      for (j = i; j < end; j++) {
        var d = data(j);
        d.g.classList.add("zoom");
        place(j, xpad + (parseFloat(d.x) - x0) * ratio, parseFloat(d.w) * ratio);
      }
      relabel(changed);
      zoomedIndex = i;
      resetBtn.classList.remove("hide");
    }
    save();
  }

  function resetZoom() {
    unzoom();
    save();
  }

  function clearMatches() {
    for (var k = 0; k < matches.length; k++) frames[matches[k]].classList.remove("match");
    matches = [];
  }

  function search(re) {
    if (re instanceof RegExp) {
      ignoreCase = re.ignoreCase;
      icBtn.classList.toggle("show", ignoreCase);
      re = re.source;
    }
    if (re === null || re === undefined || re === "") {
      resetSearch();
      return null;
    }
    var regex;
    try {
      regex = new RegExp(String(re), ignoreCase ? "i" : "");
    } catch (e) {
      // The old highlights would pass for this term's: clear them, then say why nothing matches.
      resetSearch();
      matchedEl.classList.remove("hide");
      matchedEl.textContent = "Invalid regular expression: " + String(re);
      return null;
    }
    clearMatches();
    term = String(re);
    var n = all().length, hits = [];
    for (var i = 0; i < n; i++) {
      if (regex.test(searched(data(i)))) {
        frames[i].classList.add("match");
        hits.push(i);
      }
    }
    matches = hits;
    var sum = 0, end = -1;
    for (var k = 0; k < hits.length; k++) {
      if (hits[k] < end) continue;
      sum += data(hits[k]).n;
      end = subtreeEnd(hits[k]);
    }
    var total = data(0).n;
    percent = total > 0 ? 100 * sum / total : 0;
    searchBtn.classList.add("show");
    searchBtn.textContent = "Reset Search";
    matchedEl.classList.remove("hide");
    matchedEl.textContent = "Matched: " + (percent === 100 ? "100" : percent.toFixed(1)) + "%";
    save();
    return percent;
  }

  function resetSearch() {
    if (frames !== null) clearMatches();
    term = null;
    percent = null;
    searchBtn.classList.remove("show");
    searchBtn.textContent = "Search";
    matchedEl.classList.add("hide");
    matchedEl.textContent = " ";
    save();
  }

  function setIgnoreCase(on) {
    if (on !== undefined && !!on !== ignoreCase) {
      ignoreCase = !!on;
      icBtn.classList.toggle("show", ignoreCase);
      if (term !== null) search(term); else save();
    }
    return ignoreCase;
  }

  function promptSearch() {
    var answer = window.prompt("Search (regular expression" + (ignoreCase ? ", ignoring case" : "") +
        "; Ctrl-I toggles case)", term === null ? "" : term);
    if (answer !== null) search(answer);
  }

  function params() {
    var p = {};
    [window.location.search, window.location.hash].forEach(function (part) {
      part.substring(1).split("&").forEach(function (kv) {
        var eq = kv.indexOf("=");
        if (eq <= 0) return;
        try { p[kv.substring(0, eq)] = decodeURIComponent(kv.substring(eq + 1)); } catch (e) { /* not ours */ }
      });
    });
    return p;
  }

  function save() {
    if (restoring) return;
    var parts = [];
    if (term !== null) parts.push("s=" + encodeURIComponent(term));
    if (ignoreCase) parts.push("i=1");
    if (zoomedIndex > 0) parts.push("z=" + zoomedIndex);
    var url = window.location.href.split("#")[0];
    var q = url.indexOf("?");
    if (q >= 0) {
      var kept = url.substring(q + 1).split("&").filter(function (kv) { return !/^(s|i|z)=/.test(kv); });
      url = url.substring(0, q) + (kept.length && kept[0] !== "" ? "?" + kept.join("&") : "");
    }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (window.location.hash === hash || (hash === "" && window.location.hash === "#")) return;
    try {
      window.history.replaceState(null, "", url + hash);
    } catch (e) {
      // Some engines refuse replaceState on file: URLs; a fragment-only replace never reloads.
      try { window.location.replace(hash || "#"); } catch (ignored) { /* sandboxed: no URL state */ }
    }
  }

  doc.documentElement.addEventListener("click", function (e) {
    var g = frameOf(e.target);
    if (g) {
      var link = e.target.closest ? e.target.closest("a") : null;
      if (link && !e.ctrlKey) return;
      if (link) e.preventDefault();
      var i = all().indexOf(g);
      if (i === 0) resetZoom(); else if (i !== zoomedIndex) zoom(i);
      return;
    }
    var id = e.target.id || (e.target.parentNode && e.target.parentNode.id);
    if (id === "reset") resetZoom();
    else if (id === "search") { if (term !== null) resetSearch(); else promptSearch(); }
    else if (id === "ignorecase") setIgnoreCase(!ignoreCase);
  });
  framesEl.addEventListener("mouseover", function (e) {
    var g = frameOf(e.target);
    if (g) detailsEl.textContent = nameType + " " + g.firstElementChild.textContent;
  });
  framesEl.addEventListener("mouseout", function (e) {
    if (frameOf(e.target)) detailsEl.textContent = " ";
  });
  window.addEventListener("keydown", function (e) {
    var ctrl = e.ctrlKey || e.metaKey;
    if (e.key === "F3" || e.keyCode === 114 || (ctrl && (e.key === "f" || e.key === "F"))) {
      e.preventDefault();
      promptSearch();
    } else if (ctrl && (e.key === "i" || e.key === "I")) {
      e.preventDefault();
      setIgnoreCase(!ignoreCase);
    }
  });

  window.flamegraph = {
    search: search,
    resetSearch: resetSearch,
    zoom: zoom,
    resetZoom: resetZoom,
    reset: function () { resetSearch(); resetZoom(); },
    matchedPercent: function () { return percent; },
    ignoreCase: setIgnoreCase,
    frames: function () { return all().slice(); },
    zoomed: function () { return zoomedIndex > 0 ? frames[zoomedIndex] : null; }
  };

  var p = params();
  if (p.i === "1" || p.s !== undefined || p.z !== undefined) {
    restoring = true;
    if (p.i === "1") setIgnoreCase(true);
    if (p.z !== undefined && /^\d+$/.test(p.z)) zoom(parseInt(p.z, 10));
    if (p.s !== undefined && p.s !== "") search(p.s);
    restoring = false;
  }
})();
