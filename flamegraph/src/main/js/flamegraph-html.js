/*
 * The script of saturn flamegraph's HTML page (--format html): reads the data elements HtmlRenderer
 * writes and draws them on canvases.
 *
 * Data (written by dev.saturn.flamegraph.html.HtmlRenderer):
 *   #fg-meta          JSON: title, subtitle, countName, nameType, factor, total, unit (counts are integers
 *                     of 1/unit), frames, names, inverted, flameChart, frameHeight, fontFamily, fontSize,
 *                     fontWidth, background [top, bottom], colors (the colour table), chain,
 *                     differential (then diffScale, maxAbsDelta, negate)
 *   #fg-names         JSON array: each name without the part it shares with the name before it
 *   #fg-prefixes      varints: how many characters each name shares with the one before
 *   #fg-colors        varints: each name's colour (an index into meta.colors); #fg-waker-colors the same
 *                     for frames after a "--" frame (the chain palette)
 *   #fg-types         varints, when names carried frame types (_[j]...): each name's type, 0 for none,
 *                     else an index + 1 into meta.types ("interpreted", "JIT compiled"...); the tooltip,
 *                     the search and the table of functions read the name as "NAME (TYPE)"
 *   #fg-frames        varints, the frames in pre-order, each: head = up << 3 | gap << 2 | selfKind
 *                     (up: levels up from the frame before plus one; selfKind 0: no self count, 1: all
 *                     self, 2: given), name (0: the next new name, else index + 1), count, [gap before it
 *                     within its parent], [self count], [first-column count, differential only]
 *   A varint is 5 bits a character, lowest first: '?'..'^' end it, '_'..'~' continue it.
 *
 * window.flamegraph, for tests and users' own scripts:
 *   frames(), total(), name(i), count(i), depth(i), find(name) -> first frame of that name, or -1
 *   zoom(i), zoomed(), reset()         click-zoom on the flame graph
 *   search(re), resetSearch(), matchedPercent(), ignoreCase([on])
 *   inverted([on])                     icicle view
 *   sandwich(name)                     the callers view of a function: {name, total, self, callers, callees}
 *   functions()                        [{name, self, total}] of every function
 *   show(tab)                          "flame", "sandwich" or "functions"
 *   box(i)                             where frame i is drawn, in CSS pixels of the page
 *   details()                          the text of the details line
 *   firstDrawAt                        performance.now() when the first frame was drawn
 */
(function () {
  "use strict";

  var XPAD = 10;
  var MIN_PX = 0.25;
  var SEARCH_COLOR = "rgb(230,0,230)";

  function el(id) { return document.getElementById(id); }

  function make(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- data ------------------------------------------------------------------------------------------

  function reader(id) {
    var e = el(id);
    return { s: e ? e.textContent : "", i: 0 };
  }

  function readVarint(r) {
    var v = 0, mult = 1, s = r.s;
    for (;;) {
      var c = s.charCodeAt(r.i++);
      if (c >= 0x5f) {
        v += (c - 0x5f) * mult;
        mult *= 32;
      } else {
        return v + (c - 0x3f) * mult;
      }
    }
  }

  var meta = JSON.parse(el("fg-meta").textContent);
  var names = (function () {
    var suffixes = JSON.parse(el("fg-names").textContent), r = reader("fg-prefixes");
    var out = new Array(suffixes.length), prev = "";
    for (var i = 0; i < suffixes.length; i++) {
      prev = prev.substring(0, readVarint(r)) + suffixes[i];
      out[i] = prev;
    }
    return out;
  })();

  function perName(id) {
    var r = reader(id), out = new Int32Array(names.length);
    if (!r.s) return null;
    for (var i = 0; i < names.length; i++) out[i] = readVarint(r);
    return out;
  }
  var nameColor = perName("fg-colors");
  var nameTypes = meta.types ? perName("fg-types") : null;

  // The name with its frame type, "NAME (interpreted)", as tooltips, search and the table read it.
  function fullName(k) {
    var t = nameTypes ? nameTypes[k] : 0;
    return t ? names[k] + " (" + meta.types[t - 1] + ")" : names[k];
  }
  var wakerColor = meta.chain ? perName("fg-waker-colors") : null;
  var diff = !!meta.differential;
  var total = meta.total;

  // A tree as flat arrays in pre-order: frame i's subtree is i .. end[i] - 1.
  function View(n) {
    this.n = n;
    this.depth = new Int32Array(n);
    this.name = new Int32Array(n);
    this.x = new Float64Array(n);
    this.w = new Float64Array(n);
    this.self = new Float64Array(n);
    this.end = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.before = diff ? new Float64Array(n) : null;
    this.waker = meta.chain ? new Uint8Array(n) : null;
    this.maxDepth = 0;
  }

  var main = (function () {
    var n = meta.frames, v = new View(n), r = reader("fg-frames"), unit = meta.unit;
    var open = [], cursor = [0], prevDepth = -1, newNames = 0, dash = names.indexOf("--");
    for (var i = 0; i < n; i++) {
      var head = readVarint(r);
      var d = prevDepth + 1 - Math.floor(head / 8);
      var ref = readVarint(r);
      var w = readVarint(r);
      var gap = head & 4 ? readVarint(r) : 0;
      var kind = head & 3;
      var self = kind === 0 ? 0 : kind === 1 ? w : readVarint(r);
      if (diff) v.before[i] = readVarint(r) / unit;
      while (open.length > d) v.end[open.pop()] = i;
      var x = d > 0 ? cursor[d] + gap : 0;
      var p = d > 0 ? open[d - 1] : -1;
      v.parent[i] = p;
      v.depth[i] = d;
      v.name[i] = ref === 0 ? newNames++ : ref - 1;
      v.x[i] = x / unit;
      v.w[i] = w / unit;
      v.self[i] = self / unit;
      if (v.waker && p >= 0) v.waker[i] = v.waker[p] || v.name[p] === dash ? 1 : 0;
      cursor[d] = x + w;
      cursor[d + 1] = x;
      open.push(i);
      prevDepth = d;
      if (d > v.maxDepth) v.maxDepth = d;
    }
    while (open.length) v.end[open.pop()] = n;
    return v;
  })();

  // ---- numbers and words -----------------------------------------------------------------------------

  function fmtCount(c) {
    var neg = c < 0;
    if (neg) c = -c;
    var milli = Math.round(c * 1000), whole = Math.floor(milli / 1000), frac = milli % 1000;
    var s = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    if (frac) s += "." + String(1000 + frac).substring(1).replace(/0+$/, "");
    return (neg ? "-" : "") + s;
  }

  function pct(c) { return (100 * c / total).toFixed(2) + "%"; }

  function delta(v, i) {
    var d = v.w[i] - v.before[i] * meta.diffScale;
    return meta.negate ? -d : d;
  }

  // "name (N samples, P%)", as the SVG's tooltips; in a differential "; +D%"
  function describe(v, i) {
    var s = fullName(v.name[i]) + " (" + fmtCount(v.w[i] * meta.factor) + " " + meta.countName + ", "
      + (v === main && i === 0 ? "100%" : pct(v.w[i]));
    if (diff && v.before && i > 0) {
      var d = delta(v, i);
      s += "; " + (d > 0 ? "+" : "") + (100 * d / total).toFixed(2) + "%";
    }
    return s + ")";
  }

  // White for no change, towards red for growth and blue for shrinkage (SvgRenderer.deltaColor).
  function deltaColor(value, max) {
    var r = 255, g = 255, b = 255;
    if (max > 0) {
      var x = Math.max(-max, Math.min(max, value));
      if (x > 0) g = b = Math.floor(210 * (max - x) / max);
      else if (x < 0) r = g = Math.floor(210 * (max + x) / max);
    }
    return "rgb(" + r + "," + g + "," + b + ")";
  }

  // ---- search ----------------------------------------------------------------------------------------

  var matchName = null;
  var term = null;
  var ignoreCase = false;
  var matched = null;

  function search(re) {
    if (re instanceof RegExp) {
      ignoreCase = re.ignoreCase;
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
      resetSearch();
      ui.matched.textContent = "Invalid regular expression: " + String(re);
      return null;
    }
    term = String(re);
    matchName = new Uint8Array(names.length);
    for (var k = 0; k < names.length; k++) matchName[k] = regex.test(fullName(k)) ? 1 : 0;
    var sum = 0, i = 0, v = main;
    while (i < v.n) {
      if (matchName[v.name[i]]) {
        sum += v.w[i];
        i = v.end[i];
      } else {
        i++;
      }
    }
    matched = 100 * sum / total;
    if (ui.input.value !== term) ui.input.value = term;
    ui.matched.textContent = "Matched: " + matched.toFixed(2) + "%";
    syncButtons();
    redrawAll();
    if (tab === "functions") table.render();
    return matched;
  }

  function resetSearch() {
    matchName = null;
    term = null;
    matched = null;
    ui.matched.textContent = "";
    syncButtons();
    redrawAll();
    if (tab === "functions") table.render();
  }

  // ---- a canvas graph --------------------------------------------------------------------------------

  function Graph(canvas, view, inverted) {
    this.canvas = canvas;
    this.view = view;
    this.inverted = inverted;
    this.zoomed = 0;
    this.hover = -1;
    this.width = 0;
    var g = this;
    canvas.addEventListener("mousemove", function (e) { g.onMove(e); });
    canvas.addEventListener("mouseleave", function () { g.setHover(-1, null); });
    canvas.addEventListener("click", function (e) {
      var i = g.at(e);
      if (i >= 0) g.onClick(i);
    });
    canvas.addEventListener("contextmenu", function (e) {
      var i = g.at(e);
      if (i >= 0) {
        e.preventDefault();
        sandwich(g.view.name[i]);
      }
    });
  }

  Graph.prototype.rowY = function (d) {
    var h = meta.frameHeight;
    return this.inverted ? d * h : (this.view.maxDepth - d) * h;
  };

  Graph.prototype.layout = function () {
    var c = this.canvas, ratio = window.devicePixelRatio || 1;
    var width = Math.max(100, c.parentNode.clientWidth);
    var height = (this.view.maxDepth + 1) * meta.frameHeight;
    this.width = width;
    c.style.width = width + "px";
    c.style.height = height + "px";
    c.width = Math.round(width * ratio);
    c.height = Math.round(height * ratio);
    this.ratio = ratio;
  };

  Graph.prototype.scale = function () {
    return (this.width - 2 * XPAD) / this.view.w[this.zoomed];
  };

  Graph.prototype.fill = function (i) {
    var v = this.view, nm = v.name[i];
    if (matchName && matchName[nm]) return SEARCH_COLOR;
    var label = names[nm];
    if (diff && v.before && label !== "--" && label !== "-") return deltaColor(delta(v, i), meta.maxAbsDelta / meta.unit);
    var c = v.waker && v.waker[i] ? wakerColor[nm] : nameColor[nm];
    return meta.colors[c];
  };

  Graph.prototype.draw = function () {
    if (!this.width) this.layout();
    var v = this.view, ctx = this.canvas.getContext("2d"), z = this.zoomed;
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, (v.maxDepth + 1) * meta.frameHeight);
    ctx.font = meta.fontSize + "px " + meta.fontFamily;
    ctx.textBaseline = "middle";
    var x0 = v.x[z], scale = this.scale(), full = this.width - 2 * XPAD;
    ctx.globalAlpha = 0.5;
    for (var a = v.parent[z]; a >= 0; a = v.parent[a]) this.box(ctx, a, XPAD, full);
    ctx.globalAlpha = 1;
    var i = z, e = v.end[z];
    while (i < e) {
      var pw = v.w[i] * scale;
      if (pw < MIN_PX) {
        i = v.end[i];
        continue;
      }
      this.box(ctx, i, XPAD + (v.x[i] - x0) * scale, pw);
      i++;
    }
    if (this.hover >= 0) {
      var b = this.rect(this.hover);
      if (b) {
        ctx.strokeStyle = "black";
        ctx.lineWidth = 1;
        ctx.strokeRect(b.x + 0.5, b.y + 0.5, Math.max(1, b.w - 1), b.h - 1);
      }
    }
    if (window.flamegraph && !window.flamegraph.firstDrawAt) window.flamegraph.firstDrawAt = performance.now();
  };

  Graph.prototype.box = function (ctx, i, px, pw) {
    var v = this.view, y = this.rowY(v.depth[i]), h = meta.frameHeight - 1;
    ctx.fillStyle = this.fill(i);
    ctx.fillRect(px, y, pw > 1.5 ? pw - 0.5 : pw, h);
    var chars = Math.floor((pw - 6) / (meta.fontSize * meta.fontWidth));
    if (chars < 3) return;
    var label = names[v.name[i]];
    if (label.length > chars) label = label.substring(0, chars - 2) + "..";
    ctx.fillStyle = "black";
    ctx.fillText(label, px + 3, y + h / 2 + 0.5);
  };

  // Where frame i is drawn now (CSS pixels of the canvas), or null when it is not.
  Graph.prototype.rect = function (i) {
    var v = this.view, z = this.zoomed, y = this.rowY(v.depth[i]);
    if (i < z || i >= v.end[z]) {
      for (var a = v.parent[z]; a >= 0; a = v.parent[a]) {
        if (a === i) return { x: XPAD, y: y, w: this.width - 2 * XPAD, h: meta.frameHeight };
      }
      return null;
    }
    var scale = this.scale(), pw = v.w[i] * scale;
    if (pw < MIN_PX) return null;
    return { x: XPAD + (v.x[i] - v.x[z]) * scale, y: y, w: pw, h: meta.frameHeight };
  };

  // The frame under canvas point (px, py), or -1.
  Graph.prototype.frameAt = function (px, py) {
    var v = this.view, z = this.zoomed, h = meta.frameHeight;
    var row = Math.floor(py / h), d = this.inverted ? row : v.maxDepth - row;
    if (d < 0 || d > v.maxDepth || px < XPAD || px >= this.width - XPAD) return -1;
    if (d < v.depth[z]) {
      for (var a = v.parent[z]; a >= 0; a = v.parent[a]) if (v.depth[a] === d) return a;
      return -1;
    }
    var x = v.x[z] + (px - XPAD) / this.scale(), cur = z;
    if (x < v.x[z] || x >= v.x[z] + v.w[z]) return -1;
    while (v.depth[cur] < d) {
      var c = cur + 1, e = v.end[cur], next = -1;
      while (c < e) {
        if (x >= v.x[c] && x < v.x[c] + v.w[c]) {
          next = c;
          break;
        }
        c = v.end[c];
      }
      if (next < 0) return -1;
      cur = next;
    }
    return this.rect(cur) ? cur : -1;
  };

  Graph.prototype.at = function (e) {
    var r = this.canvas.getBoundingClientRect();
    return this.frameAt(e.clientX - r.left, e.clientY - r.top);
  };

  Graph.prototype.onMove = function (e) {
    this.setHover(this.at(e), e);
  };

  Graph.prototype.setHover = function (i, e) {
    if (i !== this.hover) {
      this.hover = i;
      this.draw();
    }
    if (i < 0) {
      ui.tip.style.display = "none";
      ui.details.textContent = " ";
      return;
    }
    var text = describe(this.view, i);
    if (this.view !== main) text += this.caption ? " \u2014 " + this.caption(i) : "";
    ui.details.textContent = meta.nameType + " " + text;
    ui.tip.textContent = text;
    ui.tip.style.display = "block";
    if (e) {
      var left = Math.min(e.pageX + 12, document.documentElement.scrollWidth - ui.tip.offsetWidth - 4);
      ui.tip.style.left = Math.max(0, left) + "px";
      ui.tip.style.top = (e.pageY + 16) + "px";
    }
  };

  Graph.prototype.onClick = function (i) {
    this.zoom(i);
  };

  Graph.prototype.zoom = function (i) {
    this.zoomed = i >= 0 && i < this.view.n ? i : 0;
    this.hover = -1;
    this.draw();
    syncButtons();
  };

  // ---- the callers view ------------------------------------------------------------------------------

  // A merged tree under construction: nodes by (parent, name).
  function Trie(rootName) {
    this.name = [rootName];
    this.count = [0];
    this.self = [0];
    this.kids = [new Map()];
  }

  Trie.prototype.child = function (node, nm) {
    var m = this.kids[node], c = m.get(nm);
    if (c === undefined) {
      c = this.name.length;
      this.name.push(nm);
      this.count.push(0);
      this.self.push(0);
      this.kids.push(new Map());
      m.set(nm, c);
    }
    return c;
  };

  // The trie as a View, children by name, self time first (as the flame graph draws them).
  Trie.prototype.view = function () {
    var n = this.name.length, v = new View(n), t = this;
    v.before = null;
    v.waker = null;
    var order = [], stack = [[0, 0, -1, 0]];
    var k = 0;
    while (stack.length) {
      var top = stack.pop(), node = top[0], x = top[1], p = top[2], d = top[3], i = k++;
      v.name[i] = t.name[node];
      v.x[i] = x;
      v.w[i] = t.count[node];
      v.self[i] = t.self[node];
      v.parent[i] = p;
      v.depth[i] = d;
      if (d > v.maxDepth) v.maxDepth = d;
      order.push(i);
      var kids = Array.from(t.kids[node].values());
      kids.sort(function (a, b) { return names[t.name[a]] < names[t.name[b]] ? -1 : names[t.name[a]] > names[t.name[b]] ? 1 : 0; });
      var sum = 0;
      for (var j = 0; j < kids.length; j++) sum += t.count[kids[j]];
      var cx = x + t.count[node] - sum, placed = [];
      for (j = 0; j < kids.length; j++) {
        placed.push([kids[j], cx, i, d + 1]);
        cx += t.count[kids[j]];
      }
      for (j = placed.length - 1; j >= 0; j--) stack.push(placed[j]);
    }
    // subtree ends, from the parents, in reverse pre-order
    for (i = n - 1; i >= 0; i--) if (v.end[i] === 0) v.end[i] = i + 1;
    for (i = n - 1; i > 0; i--) if (v.end[i] > v.end[v.parent[i]]) v.end[v.parent[i]] = v.end[i];
    return v;
  };

  // A name's index: given as one, or the first name so labelled (two names differing only in an
  // annotation such as _[k] share a label).
  function nameIndex(name) {
    if (typeof name === "number") return name >= 0 && name < names.length ? name : -1;
    return names.indexOf(String(name));
  }

  // Every path that reaches the function, merged (callers: the function at the root, its callers
  // above it), and everything it calls, merged (callees). A stack that holds the function more than
  // once counts once: for callers from its deepest call, for callees from its outermost (as --callers
  // and --callees cut stacks).
  function callersOf(k) {
    var v = main, callers = new Trie(k), callees = new Trie(k), open = [], outer = -1, map = null;
    var contrib = new Float64Array(v.n);
    for (var i = 1; i < v.n; i++) {
      while (open.length && v.end[open[open.length - 1]] <= i) open.pop();
      if (outer >= 0 && i >= v.end[outer]) outer = -1;
      if (v.name[i] === k) {
        if (open.length) contrib[open[open.length - 1]] -= v.w[i];
        contrib[i] += v.w[i];
        open.push(i);
        if (outer < 0) {
          outer = i;
          map = new Map();
          map.set(i, 0);
          callees.count[0] += v.w[i];
          callees.self[0] += v.self[i];
          continue;
        }
      }
      if (outer >= 0 && i > outer) {
        var node = callees.child(map.get(v.parent[i]), v.name[i]);
        map.set(i, node);
        callees.count[node] += v.w[i];
        callees.self[node] += v.self[i];
      }
    }
    for (i = 1; i < v.n; i++) {
      var c = contrib[i];
      if (v.name[i] !== k || c <= 0) continue;
      callers.count[0] += c;
      var at = 0;
      for (var a = v.parent[i]; a > 0; a = v.parent[a]) {
        at = callers.child(at, v.name[a]);
        callers.count[at] += c;
      }
      callers.self[at] += c;
    }
    return { callers: callers.view(), callees: callees.view() };
  }

  function immediate(view) {
    var out = [];
    for (var c = 1; c < view.n; c = view.end[c]) out.push({ name: names[view.name[c]], count: view.w[c] * meta.factor });
    return out;
  }

  var sandwichOf = -1;

  function sandwich(name) {
    var k = nameIndex(name);
    if (k <= 0) return null; // unknown, or the root
    var s = callersOf(k);
    sandwichOf = k;
    ui.callers.view = s.callers;
    ui.callees.view = s.callees;
    ui.callers.zoomed = ui.callees.zoomed = 0;
    ui.callers.hover = ui.callees.hover = -1;
    var t = s.callers.w[0];
    ui.sandwichTitle.textContent = "Callers and callees of " + fullName(k) + ": " + fmtCount(t * meta.factor) + " "
      + meta.countName + " (" + pct(t) + " of all), " + fmtCount(s.callees.self[0] * meta.factor) + " self";
    show("sandwich");
    return {
      name: names[k], total: t * meta.factor, self: s.callees.self[0] * meta.factor,
      callers: immediate(s.callers), callees: immediate(s.callees)
    };
  }

  // ---- the table of functions ------------------------------------------------------------------------

  function functionTotals() {
    var v = main, self = new Float64Array(names.length), tot = new Float64Array(names.length);
    var active = new Int32Array(names.length), open = [];
    for (var i = 1; i < v.n; i++) {
      while (open.length && v.end[open[open.length - 1]] <= i) active[v.name[open.pop()]]--;
      var nm = v.name[i];
      self[nm] += v.self[i];
      if (active[nm] === 0) tot[nm] += v.w[i];
      active[nm]++;
      open.push(i);
    }
    return { self: self, total: tot };
  }

  var table = {
    sums: null,
    by: "self",
    limit: 500,
    functions: function () {
      if (!this.sums) this.sums = functionTotals();
      var out = [], s = this.sums;
      for (var k = 1; k < names.length; k++) {
        if (s.total[k] > 0) out.push({ name: fullName(k), index: k, self: s.self[k] * meta.factor, total: s.total[k] * meta.factor });
      }
      return out;
    },
    render: function () {
      var rows = this.functions(), by = this.by;
      if (matchName) rows = rows.filter(function (r) { return matchName[r.index]; });
      rows.sort(function (a, b) {
        if (by === "name") return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
        return b[by] - a[by] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      });
      var body = make("tbody"), shown = Math.min(rows.length, this.limit), all = total * meta.factor;
      for (var i = 0; i < shown; i++) {
        var r = rows[i], tr = make("tr", { "data-name": r.name, "data-index": r.index });
        tr.appendChild(make("td", { "class": "name", title: r.name }, r.name));
        tr.appendChild(make("td", {}, fmtCount(r.self)));
        tr.appendChild(make("td", {}, (100 * r.self / all).toFixed(2) + "%"));
        tr.appendChild(make("td", {}, fmtCount(r.total)));
        tr.appendChild(make("td", {}, (100 * r.total / all).toFixed(2) + "%"));
        body.appendChild(tr);
      }
      ui.table.replaceChild(body, ui.table.tBodies[0]);
      ui.tableNote.textContent = rows.length + " functions" + (matchName ? " matching the search" : "")
        + (rows.length > shown ? "; the first " + shown + " shown" : "") + ", by " + (by === "name" ? "name" : by + " " + meta.countName)
        + ". Click a function for its callers and callees.";
      var ths = ui.table.tHead.rows[0].cells;
      for (i = 0; i < ths.length; i++) ths[i].classList.toggle("sorted", ths[i].getAttribute("data-by") === by);
    }
  };

  // ---- the page --------------------------------------------------------------------------------------

  var ui = {};
  var tab = "flame";
  var graphs = [];

  function build() {
    var body = document.body;
    var bg = meta.background;
    document.documentElement.style.setProperty("--fg-bg", "linear-gradient(to bottom, " + bg[0] + " 5%, " + bg[1] + " 95%)");
    document.documentElement.style.setProperty("--fg-font", meta.fontFamily);
    var header = make("header");
    header.appendChild(make("h1", { id: "title" }, meta.title));
    if (meta.subtitle) header.appendChild(make("div", { id: "subtitle" }, meta.subtitle));
    var bar = make("nav", { id: "toolbar" });
    ui.tabs = {};
    [["flame", "Flame graph"], ["sandwich", "Callers / callees"], ["functions", "Functions"]].forEach(function (t) {
      var b = make("button", { id: "tab-" + t[0], "class": "tab", type: "button" }, t[1]);
      b.addEventListener("click", function () { show(t[0]); });
      ui.tabs[t[0]] = b;
      bar.appendChild(b);
    });
    ui.reset = make("button", { id: "reset", type: "button", title: "Reset zoom (Esc)" }, "Reset zoom");
    ui.reset.addEventListener("click", function () { reset(); });
    ui.invert = make("button", { id: "invert", type: "button", title: "Icicle: the root at the top" }, "Invert");
    ui.invert.addEventListener("click", function () { inverted(!ui.flame.inverted); });
    ui.input = make("input", { id: "search", type: "search", placeholder: "Search (regex, Ctrl-F)", spellcheck: "false" });
    ui.input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") search(ui.input.value);
      if (e.key === "Escape") { ui.input.value = ""; resetSearch(); }
    });
    ui.input.addEventListener("search", function () { if (!ui.input.value) resetSearch(); });
    ui.ic = make("button", { id: "ignorecase", type: "button", title: "Ignore case" }, "ic");
    ui.ic.addEventListener("click", function () { setIgnoreCase(!ignoreCase); });
    ui.matched = make("span", { id: "matched" });
    [ui.reset, ui.invert, ui.input, ui.ic, ui.matched].forEach(function (e) { bar.appendChild(e); });
    header.appendChild(bar);
    body.insertBefore(header, body.firstChild);

    var flamePanel = make("section", { id: "panel-flame", "class": "panel graph" });
    var canvas = make("canvas", { id: "flame" });
    flamePanel.appendChild(canvas);
    ui.flame = new Graph(canvas, main, !!meta.inverted);
    body.appendChild(flamePanel);

    var sw = make("section", { id: "panel-sandwich", "class": "panel" });
    ui.sandwichTitle = make("h2", { id: "sandwich-title" }, "Right-click a frame, or click a function in Functions, to see its callers and callees.");
    sw.appendChild(ui.sandwichTitle);
    var up = make("div", { "class": "graph" }), cUp = make("canvas", { id: "callers" });
    var down = make("div", { "class": "graph" }), cDown = make("canvas", { id: "callees" });
    up.appendChild(cUp);
    down.appendChild(cDown);
    sw.appendChild(make("h3", {}, "Callers (every path that reaches it, merged)"));
    sw.appendChild(up);
    sw.appendChild(make("h3", {}, "Callees (what it calls, merged)"));
    sw.appendChild(down);
    ui.callers = new Graph(cUp, new View(0), false);
    ui.callees = new Graph(cDown, new View(0), true);
    var share = function (i) { return pct(this.view.w[i]) + " of all, " + (100 * this.view.w[i] / this.view.w[0]).toFixed(2) + "% of " + names[this.view.name[0]]; };
    ui.callers.caption = share;
    ui.callees.caption = share;
    // a click in the callers view centres it on the function clicked
    ui.callers.onClick = ui.callees.onClick = function (i) { sandwich(this.view.name[i]); };
    body.appendChild(sw);

    var fn = make("section", { id: "panel-functions", "class": "panel" });
    ui.tableNote = make("p", { id: "functions-note" });
    ui.table = make("table", { id: "functions" });
    var head = make("thead"), tr = make("tr");
    [["name", "Function"], ["self", "Self"], ["self", "Self %"], ["total", "Total"], ["total", "Total %"]].forEach(function (c) {
      var th = make("th", { "data-by": c[0], title: "Sort by " + c[0] }, c[1]);
      th.addEventListener("click", function () { table.by = c[0]; table.render(); });
      tr.appendChild(th);
    });
    head.appendChild(tr);
    ui.table.appendChild(head);
    ui.table.appendChild(make("tbody"));
    ui.table.addEventListener("click", function (e) {
      var row = e.target.closest("tr[data-index]");
      if (row) sandwich(Number(row.getAttribute("data-index")));
    });
    fn.appendChild(ui.tableNote);
    fn.appendChild(ui.table);
    body.appendChild(fn);

    ui.details = make("div", { id: "details" }, " ");
    body.appendChild(ui.details);
    ui.tip = make("div", { id: "tip" });
    body.appendChild(ui.tip);
    graphs = [ui.flame, ui.callers, ui.callees];

    window.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && (e.key === "f" || e.key === "F") || e.key === "F3") {
        e.preventDefault();
        ui.input.focus();
        ui.input.select();
      } else if ((e.ctrlKey || e.metaKey) && (e.key === "i" || e.key === "I")) {
        e.preventDefault();
        setIgnoreCase(!ignoreCase);
      } else if (e.key === "Escape" && document.activeElement !== ui.input) {
        reset();
      }
    });
    var resizing = 0;
    window.addEventListener("resize", function () {
      cancelAnimationFrame(resizing);
      resizing = requestAnimationFrame(function () {
        graphs.forEach(function (g) { g.width = 0; });
        redrawAll();
      });
    });
  }

  function visibleGraphs() {
    return tab === "flame" ? [ui.flame] : tab === "sandwich" ? [ui.callers, ui.callees] : [];
  }

  function redrawAll() {
    visibleGraphs().forEach(function (g) { g.width = 0; g.draw(); });
  }

  function show(name) {
    tab = name;
    ["flame", "sandwich", "functions"].forEach(function (t) {
      el("panel-" + t).classList.toggle("shown", t === name);
      ui.tabs[t].classList.toggle("on", t === name);
    });
    ui.tip.style.display = "none";
    if (name === "functions") table.render();
    redrawAll();
    syncButtons();
  }

  function syncButtons() {
    ui.ic.classList.toggle("on", ignoreCase);
    ui.invert.classList.toggle("on", ui.flame.inverted);
    ui.reset.disabled = tab === "flame" ? ui.flame.zoomed === 0 : tab !== "sandwich";
  }

  function reset() {
    if (tab === "sandwich") {
      show("flame");
    }
    ui.flame.zoom(0);
  }

  function inverted(on) {
    if (on === undefined) return ui.flame.inverted;
    ui.flame.inverted = !!on;
    ui.flame.draw();
    syncButtons();
    return ui.flame.inverted;
  }

  function setIgnoreCase(on) {
    ignoreCase = !!on;
    syncButtons();
    if (term !== null) search(term);
    else if (ui.input.value) search(ui.input.value);
  }

  build();
  window.flamegraph = {
    firstDrawAt: 0,
    frames: function () { return main.n; },
    total: function () { return total * meta.factor; },
    name: function (i) { return names[main.name[i]]; },
    count: function (i) { return main.w[i] * meta.factor; },
    depth: function (i) { return main.depth[i]; },
    find: function (name) {
      var k = names.indexOf(String(name));
      if (k < 0) return -1;
      for (var i = 0; i < main.n; i++) if (main.name[i] === k) return i;
      return -1;
    },
    zoom: function (i) { show("flame"); ui.flame.zoom(i); },
    zoomed: function () { return ui.flame.zoomed; },
    reset: reset,
    search: search,
    resetSearch: resetSearch,
    matchedPercent: function () { return matched; },
    ignoreCase: function (on) {
      if (on !== undefined) setIgnoreCase(on);
      return ignoreCase;
    },
    inverted: inverted,
    sandwich: sandwich,
    sandwichOf: function () { return sandwichOf < 0 ? null : names[sandwichOf]; },
    functions: function () { return table.functions().map(function (r) { return { name: r.name, self: r.self, total: r.total }; }); },
    show: show,
    tab: function () { return tab; },
    box: function (i, which) {
      var g = which === "callers" ? ui.callers : which === "callees" ? ui.callees : ui.flame;
      var b = g.rect(i), r = g.canvas.getBoundingClientRect();
      return b ? { x: r.left + window.scrollX + b.x, y: r.top + window.scrollY + b.y, w: b.w, h: b.h } : null;
    },
    details: function () { return ui.details.textContent; }
  };
  show("flame");
})();
