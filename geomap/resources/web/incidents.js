/* geomap incident layers: vanilla JS + Leaflet, no CDN (see geomap/render/incident_layer.py).
 * geomapInit(map, cfg) draws the incident payload, adds a grouped layer control, a time slider,
 * a search box, clusters, a heatmap and the incident list (every incident, also those without a
 * place; role="list", virtual: only the rows in view are in the DOM), draws big ("compact") maps
 * on one canvas (canvas.js), fits the first view clear of the panels (collapsed to one toggle each on
 * small screens), keeps popups clear of them and exposes window.geomap (tests/benchmarks).
 * Every string from the payload reaches the DOM through esc() or textContent, except the
 * "detailed" popups, which Python built and escaped. */
function geomapInit(map, cfg) {
  "use strict";
  var D = cfg.incidents;
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function el(tag, cls, parent, txt) {
    var e = L.DomUtil.create(tag, cls || "", parent);
    if (txt != null) { e.textContent = txt; }
    return e;
  }
  // ---------------------------------------------------------------- grouped layer control
  var Grouped = L.Control.Layers.extend({
    _update: function () { this._geomapHead = {}; return L.Control.Layers.prototype._update.call(this); },
    _addItem: function (obj) {  // a head per group; categories empty under the filters hidden
      var g = obj.layer.geomapGroup, key = (obj.overlay ? "o:" : "b:") + g, empty = obj.layer.geomapEmpty;
      if (g && !empty && !this._geomapHead[key]) {
        this._geomapHead[key] = true;
        el("div", "geomap-lc-head", obj.overlay ? this._overlaysList : this._baseLayersList, g);
      }
      var label = L.Control.Layers.prototype._addItem.call(this, obj);
      if (empty) { label.hidden = true; }
      return label;
    }
  });
  // small screens: the panels start collapsed (one toggle each), the map keeps the screen
  var W = window.innerWidth, H = window.innerHeight;
  var small = W < 700 || H < 600;
  var lc = new Grouped(null, null, {collapsed: true, position: "topright", autoZIndex: false,
    sortLayers: true, sortFunction: function (a, b) {
      return (a.geomapOrder || 0) - (b.geomapOrder || 0);
    }});
  cfg.base.forEach(function (b, i) { b[1].geomapOrder = i; lc.addBaseLayer(b[1], b[0]); });
  var api = {map: map, control: lc, ready: false, small: small, t: {start: performance.now()}};
  window.geomap = api;
  cfg.places.forEach(function (p) {
    p[1].geomapGroup = cfg.placesHead; p[1].geomapOrder = 2000; lc.addOverlay(p[1], p[0]);
  });
  api.placeLayers = cfg.places.map(function (p) { return p[1]; });
  lc.addTo(map);
  var lcc = lc.getContainer();
  lcc.classList.add("geomap-layers");
  L.DomEvent.disableScrollPropagation(lcc);
  document.body.classList.toggle("geomap-small", small);
  // popups: as wide as the screen allows, panned clear of the panels (L.Popup's defaults, read
  // by every popup of the page, also the places' popups of elements.GeoJsonLayer)
  var PO = L.Popup.prototype.options;
  PO.maxWidth = Math.min(420, W - 70);
  PO.minWidth = Math.min(240, W - 70);
  PO.maxHeight = Math.max(200, Math.round(H * (small ? 0.5 : 0.6)));

  // rectangles of the visible panels (controls), in container pixels
  function panelRects() {
    var box = map.getContainer().getBoundingClientRect(), out = [];
    map.getContainer().querySelectorAll(".leaflet-control-container .leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        out.push({x: r.left - box.left, y: r.top - box.top, w: r.width, h: r.height, el: c});
      }
    });
    return out;
  }
  // padding that keeps a fitted view clear of the four corners' panels: each corner is avoided
  // either across (left/right) or along (top/bottom), whichever leaves the larger free area
  function panelPadding(margin) {
    var size = map.getSize(), corners = {tl: null, tr: null, bl: null, br: null};
    panelRects().forEach(function (r) {
      if (r.el.classList.contains("leaflet-control-attribution") ||
          r.el.classList.contains("leaflet-control-scale")) { return; }
      var k = (r.y + r.h / 2 < size.y / 2 ? "t" : "b") + (r.x + r.w / 2 < size.x / 2 ? "l" : "r");
      var c = corners[k] || (corners[k] = {w: 0, h: 0});
      c.w = Math.max(c.w, k[1] === "l" ? r.x + r.w : size.x - r.x);
      c.h = Math.max(c.h, k[0] === "t" ? r.y + r.h : size.y - r.y);
    });
    var keys = Object.keys(corners).filter(function (k) { return corners[k]; }), best = null;
    for (var m = 0; m < (1 << keys.length); m++) {
      var p = {l: 0, r: 0, t: 0, b: 0};
      keys.forEach(function (k, i) {
        var c = corners[k];
        if (m & (1 << i)) { p[k[1]] = Math.max(p[k[1]], c.w); } else { p[k[0]] = Math.max(p[k[0]], c.h); }
      });
      var area = Math.max(0, size.x - p.l - p.r) * Math.max(0, size.y - p.t - p.b);
      if (!best || area > best.area) { best = p; best.area = area; }
    }
    best = best || {l: 0, r: 0, t: 0, b: 0};
    best.b = Math.max(best.b, 18);  // the attribution line
    return {tl: L.point(best.l + margin, best.t + margin), br: L.point(best.r + margin, best.b + margin)};
  }
  function layout() {
    var pad = panelPadding(8), size = map.getSize();
    var popW = Math.min(PO.maxWidth + 40, size.x);
    // pan popups clear of the panels when the popup still fits between them
    var l = pad.tl.x, r = pad.br.x, t = pad.tl.y, b = pad.br.y;
    if (size.x - l - r < popW) { l = r = 10; }
    if (size.y - t - b < Math.min(PO.maxHeight + 60, size.y)) { t = b = 10; }
    PO.autoPanPaddingTopLeft = L.point(l, t);
    PO.autoPanPaddingBottomRight = L.point(r, b);
    return pad;
  }
  api.panelRects = panelRects;
  // share of the map under panels, sampled on a 4 px grid (tests and benchmarks)
  api.panelShare = function () {
    var rs = panelRects(), sz = map.getSize(), hit = 0, all = 0;
    for (var y = 2; y < sz.y; y += 4) {
      for (var x = 2; x < sz.x; x += 4) {
        all++;
        if (rs.some(function (r) { return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h; })) { hit++; }
      }
    }
    return hit / all;
  };
  api.layout = layout;
  api.fit = function () {  // the first view: cfg.bounds, clear of the panels
    var pad = layout();
    if (cfg.bounds) {
      map.fitBounds(cfg.bounds, {paddingTopLeft: pad.tl, paddingBottomRight: pad.br, maxZoom: 8,
        animate: false});
    }
  };
  if (!D) { api.fit(); api.t.ready = performance.now(); api.ready = true; return; }
  geomapPayload(D).then(function (data) {
    geomapIncidents(map, data, lc, api, esc, el);  // fits the view itself
    api.t.ready = performance.now();
    api.ready = true;
  }).catch(function (err) { console.error("geomap: cannot read the incident data: " + err); });
}

// big payloads are deflated + base85 (see incident_layer._embed, render/packing.py); compact
// maps keep the popups' details in LZMA-packed chunks (D.lazy) read when a popup opens
function geomapPayload(D) {
  if (!D.deflated) { return Promise.resolve(D); }
  return geomapInflate(D.deflated).then(function (data) {
    data.lazy = D.lazy;
    if (data.cols) { data.rows = geomapRows(data.cols); data.cols = null; }
    return data;
  });
}
// compact maps: the rows come column by column (incident_layer._columns), item 10 (the popup)
// left out and read on click, the end day as days after the start
function geomapRows(c) {
  var n = c[0].length, rows = new Array(n);
  for (var i = 0; i < n; i++) {
    var a = c[3][i], d = c[4][i];
    rows[i] = [c[0][i], c[1][i], c[2][i], a, a == null || d == null ? d : a + d, c[5][i], c[6][i],
      c[7][i], c[8][i], c[9][i], null, c[10][i]];
  }
  return rows;
}
function geomapInflate(b85) {
  var bytes = geomapBase85(b85);
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Response(stream).text().then(JSON.parse);
}
function geomapUnlzma(packed) {  // [base85 text, byte length] -> Promise of the JSON value
  return new Promise(function (done) { done(geomapUnpack(packed)); });
}

function geomapIncidents(map, D, lc, api, esc, el) {
  "use strict";
  var compact = D.mode === "compact";
  if (map.options.maxZoom === undefined) { map.setMaxZoom(18); }  // markercluster needs one
  var renderer = compact ? L.canvas({pane: "geomap-incidents", padding: 0.3})
                         : L.svg({pane: "geomap-incidents"});
  var DAY = 864e5;
  function day(d) { return d == null ? "" : new Date(d * DAY).toISOString().slice(0, 10); }
  function when(r) {
    if (r[3] == null) { return ""; }
    var s = day(r[3]) + (r[4] !== r[3] ? " \u2013 " + day(r[4]) : ""), tp = D.tp[r[5]];
    return esc(s) + (tp ? ' <span class="geomap-tp">(' + esc(tp) + ")</span>" : "");
  }
  // popup built on click (compact) or taken from Python's escaped HTML (detailed)
  function popup(r) {
    if (!compact) { return r[10]; }
    var x = r[10], cat = D.cats[r[0]], rows = [];
    function row(k, v) { if (v) { rows.push("<tr><th>" + k + "</th><td>" + v + "</td></tr>"); } }
    row("Category", esc(cat.name) + ' <span class="geomap-quad">(' + esc(cat.quad) + ")</span>");
    row("When", when(r));
    row("Where", [esc(r[8]), r[1] ? "precision " + r[1] + ": " + esc(D.precision[r[1]] || "?") : ""]
      .filter(Boolean).join(" \u00b7 "));
    row("Actors", esc(r[9]));
    row("Modality", esc(x[0] === 0 ? "asserted" : x[0]));
    row("Confidence", x[1] == null ? "" : esc((x[1] / 100).toFixed(2)));
    var note = D.modality[x[0]], cut = 0, items = x[2].map(function (s) {
      cut += s[2] === 1 ? 1 : 0;
      var a = D.articles[s[1]] || ["", "", ""], meta = [];
      var label = esc(a[0] || a[1]);
      if (/^https?:\/\//i.test(a[1])) {
        meta.push('<a href="' + esc(a[1]) + '" target="_blank" rel="noopener noreferrer">' + label + "</a>");
      } else if (label) { meta.push(label); }
      if (a[2]) { meta.push(esc(a[2])); }
      return "<li>" + (s[0] ? "<q>" + esc(s[0]) + "</q>" : "") +
        (meta.length ? '<div class="geomap-src">' + meta.join(" \u00b7 ") + "</div>" : "") + "</li>";
    });
    return '<div class="geomap-popup geomap-incident"><h4>' + (esc(r[7]) || esc(cat.name)) + "</h4>" +
      (note ? '<div class="geomap-modality">' + esc(note) + "</div>" : "") +
      '<table class="geomap-meta">' + rows.join("") + "</table>" +
      '<div class="geomap-count">' + items.length + " source" + (items.length === 1 ? "" : "s") + "</div>" +
      '<ol class="geomap-sources">' + items.join("") + "</ol>" +
      (cut ? '<div class="geomap-cut">' + (cut === items.length && cut === 1 ? "Quote" : cut +
        " of " + items.length + " quotes") + " shortened to the part around the event (\u2026 marks " +
        "a cut); the full sentences are in the exports (GeoJSON, CSV, GeoParquet).</div>" : "") +
      (x[3] ? '<div class="geomap-id">' + esc(x[3]) + "</div>" : "") + "</div>";
  }
  function popupFor(r) { return function () { return popup(r); }; }
  // compact: the popups' details (quotes, sources, ids) and the article table are read only
  // when a popup opens, one LZMA-packed chunk of D.lazy.chunk incidents at a time
  var chunks = {}, articlesP = null;
  function withPopup(e, cb) {
    if (!compact || e.r[10] != null) { cb(popup(e.r)); return; }
    var n = D.lazy.chunk, c = Math.floor(e.i / n);
    if (!chunks[c]) { chunks[c] = geomapUnlzma(D.lazy.popups[c]); }
    if (!articlesP) {
      articlesP = geomapUnlzma(D.lazy.articles).then(function (a) { D.articles = a; });
    }
    Promise.all([chunks[c], articlesP]).then(function (res) {
      var q = res[0].q;  // the chunk's quotes, each stored once (incident_layer._quote_table)
      res[0].p.forEach(function (x, j) {
        x[2] = x[2].map(function (s) { return [q[s[0]]].concat(s.slice(1)); });
        E[c * n + j].r[10] = x;
      });
      cb(popup(e.r));
    }).catch(function (err) { console.error("geomap: cannot read the popup data: " + err); });
  }
  function openAt(e, ll) {
    withPopup(e, function (html) {
      L.popup(POPUP).setLatLng(ll).setContent(html).openOn(map);
      api.focused = e;
    });
  }
  // popup width and auto-pan padding: L.Popup's defaults, set by geomapInit from the panels
  var POPUP = {};

  // ---------------------------------------------------------------- drawing by precision
  function make(r) {
    var p = r[1], spec = r[2], g = r[6], col = D.cats[r[0]].color;
    var cls = "geomap-feature geomap-incident geomap-p" + p + (spec ? " geomap-spec" : "");
    var o = {renderer: renderer, pane: "geomap-incidents", className: cls};
    var fade = spec ? 0.5 : 1, dash = spec ? "4 4" : null, layer, ll;
    if (Array.isArray(g)) {
      ll = [g[1], g[0]];
      if (p >= 4) {  // vague: an honest dashed area, never an exact-looking dot
        layer = L.circle(ll, L.extend(o, {radius: D.area[p] || 150000, color: col, weight: 2,
          opacity: 0.9 * fade, dashArray: "6 4", fillColor: col, fillOpacity: 0.06 * fade}));
      } else {
        var hollow = p === 3;
        var m = L.circleMarker(ll, L.extend(o, {radius: 6, color: hollow ? col : "#222",
          weight: hollow ? 3 : 1.2, opacity: fade, fillColor: hollow ? "#fff" : col,
          fillOpacity: 0.9 * fade, dashArray: dash}));
        if (!compact && (p === 2 || p === 3)) {
          var c = L.circle(ll, {renderer: renderer, pane: "geomap-incidents", interactive: false,
            radius: D.area[p], color: col, weight: 1, opacity: 0.6 * fade, dashArray: "4 4",
            fillColor: col, fillOpacity: 0.08 * fade, className: "geomap-area"});
          layer = L.featureGroup([c, m]);
        } else { layer = m; }
      }
    } else {
      var line = /LineString/.test(g.type), sea = p === 7 && !line;
      layer = L.geoJSON(g, {style: function () {
        return L.extend({}, o, line
          ? {color: col, weight: 4, opacity: 0.9 * fade, dashArray: dash}
          : {color: col, weight: 2, opacity: 0.9 * fade, dashArray: sea ? dash : "6 4",
             fillColor: col, fillOpacity: (sea ? 0.25 : 0.06) * fade});
      }, pointToLayer: function (f, l) {
        return L.circle(l, L.extend({}, o, {radius: D.area[p] || 150000, color: col, weight: 2,
          dashArray: "6 4", fillOpacity: 0.06}));
      }});
    }
    layer.bindPopup(popupFor(r), POPUP);
    if (!compact && r[7]) { layer.bindTooltip(esc(r[7]), {sticky: true}); }
    return layer;
  }

  // ---------------------------------------------------------------- layers per category
  var adding = false, shownAll = false;  // the category groups go on the map after the fit
  // compact: every incident on one canvas (canvas.js); a category's overlay is a toggle for it
  var catOn = D.cats.map(function () { return false; }), cv = null;
  var Toggle = L.Layer.extend({
    onAdd: function () { catOn[this.geomapIndex] = true; if (cv && !adding) { cv.schedule(); } },
    onRemove: function () { catOn[this.geomapIndex] = false; if (cv) { cv.schedule(); } }
  });
  var groups = D.cats.map(function (c, i) {
    var g = compact ? new Toggle() : L.featureGroup();
    g.geomapIndex = i;
    g.geomapGroup = c.quad;
    g.geomapCategory = c.key;
    return g;
  });
  api.t.inflated = performance.now();
  var E = D.rows.map(function (r, i) {  // incidents without a place: listed, not drawn
    var lay = r[6] == null || compact ? null : make(r);
    if (lay) { groups[r[0]].addLayer(lay); }
    return {i: i, r: r, k: r[0], lay: lay, p: r[6] != null, on: true, a: r[3], b: r[4], s: null,
      hit: true};
  });
  api.t.entries = performance.now();
  if (compact) {
    cv = geomapCanvas(map, D, E, catOn);
    cv.onHit = openAt;
    api.canvas = cv;
  }
  api.t.projected = performance.now();
  // the groups go on the map last, once the view is fitted: each move redraws every incident
  groups.forEach(function (g, i) { g.geomapOrder = i; lc.addOverlay(g, D.cats[i].label); });

  // ---------------------------------------------------------------- clusters and heatmap
  var precise = E.filter(function (e) { return Array.isArray(e.r[6]) && e.r[1] >= 1 && e.r[1] <= 3; });
  var cluster = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,
    maxClusterRadius: 50});
  var heat = L.heatLayer([], {radius: 18, blur: 15, minOpacity: 0.25, maxZoom: 10});
  cluster.geomapGroup = heat.geomapGroup = "Precise incidents (precision 1-3)";
  cluster.geomapOrder = 1000; heat.geomapOrder = 1001;
  function shown(e) { return e.on && map.hasLayer(groups[e.k]); }
  function refreshDerived() {
    var pts = precise.filter(shown);
    if (map.hasLayer(heat)) {
      heat.setLatLngs(pts.map(function (e) { return [e.r[6][1], e.r[6][0], e.r[1] === 3 ? 0.4 : 1]; }));
    }
    if (map.hasLayer(cluster)) {
      cluster.clearLayers();
      cluster.addLayers(pts.map(function (e) {
        if (!e.cm) {
          e.cm = L.circleMarker([e.r[6][1], e.r[6][0]], {radius: 6, color: "#222", weight: 1,
            fillColor: D.cats[e.k].color, fillOpacity: 0.9, className: "geomap-clustered"});
          e.cm.on("click", function () { openAt(e, e.cm.getLatLng()); });
        }
        return e.cm;
      }));
    }
  }
  cluster.on("add", function () { setTimeout(refreshDerived, 0); });
  heat.on("add", function () { setTimeout(refreshDerived, 0); });
  lc.addOverlay(cluster, "Clusters (" + precise.length + ")");
  lc.addOverlay(heat, "Heatmap (" + precise.length + ", precision 3 down-weighted)");
  map.on("overlayadd overlayremove", function (ev) {
    if (ev.layer && ev.layer.geomapCategory && !adding) { refreshDerived(); refreshCounts(); }
  });

  // ---------------------------------------------------------------- time slider
  var days = [];
  E.forEach(function (e) { if (e.a != null) { days.push(e.a, e.b); } });
  var state = {from: -Infinity, to: Infinity, undated: true};
  function visible(e) {
    if (e.a == null) { return state.undated; }
    return e.a <= state.to && e.b >= state.from;
  }
  function applyFilter() {
    var n = 0;
    E.forEach(function (e) {
      var v = visible(e);
      if (v !== e.on) {
        e.on = v;
        if (!e.lay) { /* no place (only listed), or on the canvas */ }
        else if (v) { groups[e.k].addLayer(e.lay); } else { groups[e.k].removeLayer(e.lay); }
      }
      if (v) { n++; }
    });
    api.nVisible = n;
    if (cv) { cv.schedule(); }
    refreshDerived();
    if (timeCount) { timeCount.textContent = n + " of " + E.length + " incidents"; }
    if (timeToggle) { timeToggle.textContent = "Time: " + n + " of " + E.length; }
    refreshCounts();
  }
  var timeCount = null, timeToggle = null;
  if (days.length) {
    var lo = days.reduce(function (a, b) { return Math.min(a, b); }, Infinity);
    var hi = days.reduce(function (a, b) { return Math.max(a, b); }, -Infinity);
    var tc = L.control({position: "bottomleft"});
    tc.onAdd = function () {
      var d = el("div", "geomap-time leaflet-bar");
      // one toggle: collapsed to this button on small screens
      timeToggle = el("button", "geomap-toggle geomap-time-toggle", d, "Time: " + E.length + " of " + E.length);
      timeToggle.type = "button";
      timeToggle.setAttribute("aria-expanded", String(!api.small));
      if (api.small) { d.classList.add("geomap-collapsed"); }
      timeToggle.addEventListener("click", function () {
        var open = d.classList.toggle("geomap-collapsed") === false;
        timeToggle.setAttribute("aria-expanded", String(open));
        api.layout();
      });
      var label = el("span", "geomap-time-label", d);
      var from = el("input", "geomap-from", d), to = el("input", "geomap-to", d);
      [from, to].forEach(function (i) { i.type = "range"; i.min = lo; i.max = hi; i.step = 1; });
      from.value = lo; to.value = hi;
      from.title = "from"; to.title = "to";
      var row = el("div", "geomap-time-row", d);
      var play = el("button", "geomap-play", row, "\u25b6 play");
      play.type = "button";
      var reset = el("button", "geomap-reset", row, "all dates");
      reset.type = "button";
      var und = el("label", "geomap-undated", row);
      var cb = el("input", "", und); cb.type = "checkbox"; cb.checked = true;
      und.appendChild(document.createTextNode(" undated"));
      timeCount = el("div", "geomap-time-count", d);
      var pending = false, timer = null;
      function read() {
        var f = +from.value, t = +to.value;
        if (f > t) { if (this === from) { to.value = f; t = f; } else { from.value = t; f = t; } }
        state.from = f; state.to = t; state.undated = cb.checked;
        label.textContent = day(f) + " \u2013 " + day(t);
        if (!pending) { pending = true; L.Util.requestAnimFrame(function () { pending = false; applyFilter(); }); }
      }
      from.addEventListener("input", read); to.addEventListener("input", read);
      cb.addEventListener("change", read);
      reset.addEventListener("click", function () { from.value = lo; to.value = hi; read(); });
      play.addEventListener("click", function () {
        if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6 play"; return; }
        var width = Math.max(1, Math.round((hi - lo) / 10));
        from.value = lo; to.value = lo + width; read();
        play.textContent = "\u25a0 stop";
        timer = setInterval(function () {
          var f = +from.value + Math.max(1, Math.round(width / 4));
          if (f > hi) { clearInterval(timer); timer = null; play.textContent = "\u25b6 play"; return; }
          from.value = f; to.value = Math.min(hi, f + width); read();
        }, 400);
      });
      label.textContent = day(lo) + " \u2013 " + day(hi);
      timeCount.textContent = E.length + " of " + E.length + " incidents";
      L.DomEvent.disableClickPropagation(d);
      L.DomEvent.disableScrollPropagation(d);
      return d;
    };
    tc.addTo(map);
  }
  api.setRange = function (f, t) {  // days since 1970; for tests and scripts
    state.from = f; state.to = t; applyFilter();
    var d = document.querySelector(".geomap-time");
    if (d) {
      d.querySelector(".geomap-from").value = f; d.querySelector(".geomap-to").value = t;
      d.querySelector(".geomap-time-label").textContent = day(f) + " \u2013 " + day(t);
    }
  };
  api.nVisible = E.length;

  // ---------------------------------------------------------------- search
  var hl = L.featureGroup().addTo(map);
  function bounds(e) {  // of a shape's geometry (GeoJSON), computed once
    if (e.bb) { return e.bb; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    function walk(c) {
      if (typeof c[0] === "number") {
        x0 = Math.min(x0, c[0]); x1 = Math.max(x1, c[0]); y0 = Math.min(y0, c[1]); y1 = Math.max(y1, c[1]);
      } else { c.forEach(walk); }
    }
    (function geom(g) { if (g.geometries) { g.geometries.forEach(geom); } else { walk(g.coordinates); } })(e.r[6]);
    e.bb = L.latLngBounds([y0, x0], [y1, x1]);
    return e.bb;
  }
  function center(e) {
    var g = e.r[6];
    if (g == null) { return null; }
    if (Array.isArray(g)) { return L.latLng(g[1], g[0]); }
    if (!e.c) { e.c = bounds(e).getCenter(); }
    return e.c;
  }
  api.center = center;
  // fly to an incident and open its popup (an incident without a place: its popup at the centre)
  function focus(e, fly) {
    if (!map.hasLayer(groups[e.k])) { map.addLayer(groups[e.k]); }
    var c = center(e), done = false;
    function open() {
      if (done) { return; }
      done = true;
      openAt(e, c || map.getCenter());
    }
    if (!c) { open(); return; }
    var pad = api.layout(), opts = {paddingTopLeft: pad.tl, paddingBottomRight: pad.br, maxZoom: 8};
    var target = Array.isArray(e.r[6]) ? null : bounds(e);
    var z = target ? map.getBoundsZoom(target, false, pad.tl.add(pad.br)) : Math.max(map.getZoom(), 7);
    z = Math.min(z, 8);
    if (map.getCenter().distanceTo(c) > 1 || map.getZoom() !== z) {
      map.once("moveend", open);
      setTimeout(open, 1500);  // moveend can be swallowed by a newer move
      if (fly) { map.flyTo(c, z, {duration: 0.6}); } else { map.setView(c, z); }
    } else { open(); }
  }
  // the mentioned places are searched too: their (Python-escaped) tooltips, read as text by a
  // DOMParser (which runs nothing and loads nothing)
  var places = null;
  function placeEntries() {
    if (places) { return places; }
    places = [];
    var parser = new DOMParser();
    (api.placeLayers || []).forEach(function (fg) {
      fg.eachLayer(function (gj) {
        if (!gj.eachLayer) { return; }
        gj.eachLayer(function (l) {
          var p = l.feature && l.feature.properties;
          if (!p || !p._tooltip) { return; }
          var t = parser.parseFromString(p._tooltip, "text/html").body.textContent || "";
          places.push({name: t, s: t.toLowerCase(), lay: l, fg: fg});
        });
      });
    });
    return places;
  }
  function focusPlace(pl) {
    if (!map.hasLayer(pl.fg)) { map.addLayer(pl.fg); }
    var b = pl.lay.getBounds ? pl.lay.getBounds() : L.latLngBounds([pl.lay.getLatLng()]);
    var pad = api.layout();
    map.fitBounds(b, {maxZoom: 8, paddingTopLeft: pad.tl, paddingBottomRight: pad.br, animate: false});
    pl.lay.openPopup(b.getCenter());
  }
  function searchPlaces(q) {
    api.placeMatches = q.length >= 2 ? placeEntries().filter(function (pl) { return pl.s.indexOf(q) >= 0; }) : [];
    return api.placeMatches;
  }
  function search(q) {
    q = (q || "").trim().toLowerCase();
    searchPlaces(q);
    hl.clearLayers();
    var out = [];
    if (q.length >= 2) {
      E.forEach(function (e) {
        if (e.s === null) { e.s = (e.r[7] + "\n" + e.r[8] + "\n" + e.r[9] + "\n" + D.cats[e.k].name).toLowerCase(); }
        if (e.s.indexOf(q) >= 0) { out.push(e); }
      });
      out.slice(0, 500).forEach(function (e) {
        if (!center(e)) { return; }
        L.circleMarker(center(e), {radius: 13, color: "#ffd400", weight: 4, fill: false,
          interactive: false, className: "geomap-search-hit"}).addTo(hl);
      });
    }
    api.matches = out;
    api.query = q.length >= 2 ? q : "";
    E.forEach(function (e) { e.hit = !api.query; });
    out.forEach(function (e) { e.hit = true; });
    refreshCounts();
    return out;
  }
  var sc = L.control({position: "topleft"});
  sc.onAdd = function () {
    var d = el("div", "geomap-search leaflet-bar");
    var input = el("input", "geomap-search-input", d);
    input.type = "search";
    input.placeholder = api.small ? "Search" : "Search incidents, places, actors";
    input.setAttribute("aria-label", "Search incidents, places and actors");
    var count = el("div", "geomap-search-count", d);
    var list = el("ol", "geomap-search-results", d);
    var timer = null;
    function run() {
      var out = search(input.value);
      list.textContent = "";
      var pm = api.placeMatches;
      count.textContent = input.value.trim().length >= 2 ? out.length + " match" + (out.length === 1 ? "" : "es") +
        (pm.length ? " \u00b7 " + pm.length + " mentioned place" + (pm.length === 1 ? "" : "s") : "") : "";
      out.slice(0, 8).forEach(function (e) {
        var li = el("li", "geomap-search-result", list, (e.r[7] || D.cats[e.k].name) + (e.r[9] ? " \u2014 " + e.r[9] : ""));
        li.addEventListener("click", function () { focus(e); });
      });
      pm.slice(0, 4).forEach(function (pl) {
        var li = el("li", "geomap-search-result geomap-search-place", list, "place: " + pl.name);
        li.addEventListener("click", function () { focusPlace(pl); });
      });
      var placed = out.slice(0, 500).map(center).filter(Boolean);
      if (placed.length) {
        var pad = api.layout();
        map.fitBounds(L.latLngBounds(placed).pad(0.2), {maxZoom: 7, paddingTopLeft: pad.tl,
          paddingBottomRight: pad.br});
      }
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { clearTimeout(timer); run(); if (api.matches && api.matches.length === 1) { focus(api.matches[0]); } }
    });
    L.DomEvent.disableClickPropagation(d);
    L.DomEvent.disableScrollPropagation(d);
    return d;
  };
  sc.addTo(map);

  // ---------------------------------------------------------------- counts that follow the filters
  function listed(e) { return e.on && e.hit && (!shownAll || map.hasLayer(groups[e.k])); }
  function refreshCounts() {
    if (!listUl) { return; }
    var n = D.cats.map(function () { return 0; }), changed = false;
    E.forEach(function (e) { if (e.on && e.hit) { n[e.k]++; } });
    lc._layers.forEach(function (o) {
      var g = o.layer;
      if (g.geomapIndex == null) { return; }
      var name = esc(D.cats[g.geomapIndex].name + " (" + n[g.geomapIndex] + ")");
      var empty = n[g.geomapIndex] === 0;
      if (o.name !== name || !!g.geomapEmpty !== empty) { o.name = name; g.geomapEmpty = empty; changed = true; }
    });
    if (changed) { lc._update(); }
    map.getContainer().querySelectorAll(".geomap-legend .row[data-k]").forEach(function (row) {
      var k = +row.getAttribute("data-k");
      row.querySelector(".geomap-n").textContent = String(n[k]);
      row.hidden = n[k] === 0;
    });
    renderList();
  }

  // ---------------------------------------------------------------- the incident list
  // virtual: only the rows in (and near) the scrolled view are in the DOM, each with its
  // position (aria-posinset of aria-setsize); rows have one fixed height (map.css)
  var listUl = null, listHead = null, listBox = null, ROW = 38, OVER = 8;
  var listState = {desc: true, focus: 0}, listRows = [], orders = {};
  function sorted(desc) {  // by date (newest or oldest first), undated last, ties by position
    if (orders[desc]) { return orders[desc]; }
    var M = 16777216, keys = new Float64Array(E.length);
    E.forEach(function (e, i) {
      keys[i] = (e.a == null ? 3e5 : 1e5 + (desc ? -e.a : e.a)) * M + i;
    });
    keys.sort();
    var out = new Array(E.length);
    for (var j = 0; j < keys.length; j++) { out[j] = E[keys[j] % M]; }
    orders[desc] = out;
    return out;
  }
  function renderList() {
    var rows = sorted(listState.desc).filter(listed), unplaced = 0;
    rows.forEach(function (e) { if (!e.p) { unplaced++; } });
    api.listed = listRows = rows;
    listHead.textContent = "Incidents: " + rows.length + " of " + E.length +
      (D.n_unplaced ? " \u00b7 " + unplaced + " no place" : "");
    listHead.title = D.n_unplaced ? D.n_unplaced + " incident" + (D.n_unplaced === 1 ? " has" : "s have") +
      " no place: listed here, not on the map" : "";
    listState.focus = Math.max(0, Math.min(listState.focus, rows.length - 1));
    paintList();
  }
  function rowEl(e, j, n) {
    var r = e.r, cat = D.cats[e.k];
    var li = el("li", "geomap-list-row" + (e.p ? "" : " geomap-unplaced"));
    li.setAttribute("role", "listitem");
    li.setAttribute("aria-posinset", String(j + 1));
    li.setAttribute("aria-setsize", String(n));
    li.geomapEntry = e;
    li.geomapPos = j;
    var dot = el("span", "geomap-list-dot", li);
    dot.style.background = cat.color;
    el("span", "geomap-list-title", li, r[7] || cat.name);
    li.title = r[7] || cat.name;  // the full title (rows are one line each: cut with an ellipsis)
    var meta = el("div", "geomap-list-meta", li);
    el("span", "geomap-list-date", meta, r[3] == null ? "undated" : day(r[3]) + (r[4] !== r[3] ? " \u2013 " + day(r[4]) : ""));
    el("span", r[6] == null ? "geomap-list-place geomap-noplace" : "geomap-list-place", meta,
      r[6] == null ? "no place" : (r[8] || "?"));
    el("span", "geomap-list-cat", meta, cat.name);
    el("span", "geomap-list-src", meta, r[11] + " source" + (r[11] === 1 ? "" : "s"));
    return li;
  }
  function spacer(rows, parent) {  // the height of ``rows`` rows out of view (not in the a11y tree)
    if (rows <= 0) { return; }
    var sp = el("li", "geomap-list-spacer", parent);
    sp.setAttribute("role", "none");
    sp.setAttribute("aria-hidden", "true");
    sp.style.height = rows * ROW + "px";
  }
  // the rows around the scroll position; ``want`` (a position) gets the focus
  function paintList(want) {
    var n = listRows.length, h = listUl.clientHeight || 10 * ROW, top = listUl.scrollTop;
    var first = Math.max(0, Math.floor(top / ROW) - OVER);
    var last = Math.min(n, Math.ceil((top + h) / ROW) + OVER);
    var act = document.activeElement;
    if (want == null && act && act.parentNode === listUl) { want = act.geomapPos; }
    var f = listState.focus >= first && listState.focus < last ? listState.focus : first;
    var frag = document.createDocumentFragment(), focusEl = null;
    for (var j = first; j < last; j++) {
      var li = rowEl(listRows[j], j, n);
      li.tabIndex = j === f ? 0 : -1;
      if (j === want) { focusEl = li; }
      frag.appendChild(li);
    }
    listUl.textContent = "";
    spacer(first, listUl);
    listUl.appendChild(frag);
    spacer(n - last, listUl);
    if (focusEl) { focusEl.focus({preventScroll: true}); }
  }
  var lp = L.control({position: "topright"});
  lp.onAdd = function () {
    var d = listBox = el("div", "geomap-list leaflet-bar");
    var head = el("div", "geomap-list-bar", d);
    listHead = el("button", "geomap-toggle geomap-list-toggle", head);
    listHead.type = "button";
    listHead.setAttribute("aria-expanded", String(!api.small));
    if (api.small) { d.classList.add("geomap-collapsed"); }
    var sort = el("button", "geomap-list-sort", head, "newest first");
    sort.type = "button";
    sort.title = "Sort by date";
    listUl = el("ul", "geomap-list-rows", d);
    listUl.setAttribute("role", "list");
    listUl.setAttribute("aria-label", "Incidents");
    listHead.addEventListener("click", function () {
      var open = d.classList.toggle("geomap-collapsed") === false;
      listHead.setAttribute("aria-expanded", String(open));
      if (open) { paintList(); }
      api.layout();
    });
    sort.addEventListener("click", function () {
      listState.desc = !listState.desc;
      sort.textContent = listState.desc ? "newest first" : "oldest first";
      listUl.scrollTop = 0;
      listState.focus = 0;
      renderList();
    });
    var painting = false;
    listUl.addEventListener("scroll", function () {
      if (painting) { return; }
      painting = true;
      L.Util.requestAnimFrame(function () { painting = false; paintList(); });
    });
    function rowOf(t) { while (t && t !== listUl && !t.geomapEntry) { t = t.parentNode; } return t && t.geomapEntry ? t : null; }
    listUl.addEventListener("click", function (ev) {
      var li = rowOf(ev.target);
      if (li) { listState.focus = li.geomapPos; focus(li.geomapEntry, true); }
    });
    listUl.addEventListener("keydown", function (ev) {  // arrows, Page Up/Down, Home/End move; Enter/Space open
      var li = rowOf(ev.target), next = null;
      if (!li) { return; }
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); focus(li.geomapEntry, true); return; }
      var j = li.geomapPos, n = listRows.length, page = Math.max(1, Math.floor(listUl.clientHeight / ROW) - 1);
      if (ev.key === "ArrowDown") { next = j + 1; }
      else if (ev.key === "ArrowUp") { next = j - 1; }
      else if (ev.key === "PageDown") { next = j + page; }
      else if (ev.key === "PageUp") { next = j - page; }
      else if (ev.key === "Home") { next = 0; }
      else if (ev.key === "End") { next = n - 1; }
      if (next == null) { return; }
      ev.preventDefault();
      next = Math.max(0, Math.min(n - 1, next));
      listState.focus = next;
      var top = next * ROW;
      if (top < listUl.scrollTop) { listUl.scrollTop = top; }
      else if (top + ROW > listUl.scrollTop + listUl.clientHeight) { listUl.scrollTop = top + ROW - listUl.clientHeight; }
      paintList(next);
    });
    L.DomEvent.disableClickPropagation(d);
    L.DomEvent.disableScrollPropagation(d);
    return d;
  };
  lp.addTo(map);
  refreshCounts();  // the list filled (all categories count as on until they are on the map)
  api.t.listed = performance.now();
  api.fit();
  api.t.fitted = performance.now();
  adding = true;
  groups.forEach(function (g) { g.addTo(map); });
  adding = false;
  if (cv) { cv.addTo(map); }  // drawn once, at the fitted view
  shownAll = true;
  api.t.shown = performance.now();
  api.search = search;
  api.entries = E;
  api.groups = groups;
  api.cluster = cluster;
  api.heat = heat;
  api.state = state;
  api.focus = focus;
  api.list = function () { return listBox; };
  api.refreshCounts = refreshCounts;
}
