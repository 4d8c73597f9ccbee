/* geomap incident layers: vanilla JS + Leaflet, no CDN (see geomap/render/incident_layer.py).
 * geomapInit(map, cfg) draws the incident payload, adds a grouped layer control, a time slider,
 * a search box, clusters and a heatmap, and exposes window.geomap (used by tests/benchmarks).
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
    _addItem: function (obj) {
      var g = obj.layer.geomapGroup, key = (obj.overlay ? "o:" : "b:") + g;
      if (g && !this._geomapHead[key]) {
        this._geomapHead[key] = true;
        el("div", "geomap-lc-head", obj.overlay ? this._overlaysList : this._baseLayersList, g);
      }
      return L.Control.Layers.prototype._addItem.call(this, obj);
    }
  });
  var lc = new Grouped(null, null, {collapsed: false, position: "topright", autoZIndex: false,
    sortLayers: true, sortFunction: function (a, b) {
      return (a.geomapOrder || 0) - (b.geomapOrder || 0);
    }});
  cfg.base.forEach(function (b, i) { b[1].geomapOrder = i; lc.addBaseLayer(b[1], b[0]); });
  var api = {map: map, control: lc, ready: false};
  window.geomap = api;
  cfg.places.forEach(function (p) {
    p[1].geomapGroup = cfg.placesHead; p[1].geomapOrder = 2000; lc.addOverlay(p[1], p[0]);
  });
  lc.addTo(map);
  var lcc = lc.getContainer();
  lcc.classList.add("geomap-layers");
  L.DomEvent.disableScrollPropagation(lcc);
  if (!D) { api.ready = true; return; }
  geomapPayload(D).then(function (data) {
    geomapIncidents(map, data, lc, api, esc, el);
    api.ready = true;
  }).catch(function (err) { console.error("geomap: cannot read the incident data: " + err); });
}

// the compact payload is deflated + base64 (see incident_layer._embed)
function geomapPayload(D) {
  if (!D.deflated) { return Promise.resolve(D); }
  var bin = atob(D.deflated), bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Response(stream).text().then(JSON.parse);
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
    var note = D.modality[x[0]], items = x[2].map(function (s) {
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
      (x[3] ? '<div class="geomap-id">' + esc(x[3]) + "</div>" : "") + "</div>";
  }
  function popupFor(r) { return function () { return popup(r); }; }
  // popups pan clear of the controls: search, time slider and legend on the left, layers right
  var POPUP = {maxWidth: 420, minWidth: 260, autoPanPaddingTopLeft: [330, 40],
               autoPanPaddingBottomRight: [320, 40]};

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
  var groups = D.cats.map(function (c) {
    var g = L.featureGroup();
    g.geomapGroup = c.quad;
    g.geomapCategory = c.key;
    return g;
  });
  var E = D.rows.map(function (r) {
    var lay = make(r);
    groups[r[0]].addLayer(lay);
    return {r: r, k: r[0], lay: lay, on: true, a: r[3], b: r[4], s: null};
  });
  groups.forEach(function (g, i) { g.geomapOrder = i; g.addTo(map); lc.addOverlay(g, D.cats[i].label); });

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
          e.cm.bindPopup(popupFor(e.r), POPUP);
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
    if (ev.layer && ev.layer.geomapCategory) { refreshDerived(); }
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
        if (v) { groups[e.k].addLayer(e.lay); } else { groups[e.k].removeLayer(e.lay); }
      }
      if (v) { n++; }
    });
    api.nVisible = n;
    refreshDerived();
    if (timeCount) { timeCount.textContent = n + " of " + E.length + " incidents"; }
  }
  var timeCount = null;
  if (days.length) {
    var lo = days.reduce(function (a, b) { return Math.min(a, b); }, Infinity);
    var hi = days.reduce(function (a, b) { return Math.max(a, b); }, -Infinity);
    var tc = L.control({position: "bottomleft"});
    tc.onAdd = function () {
      var d = el("div", "geomap-time leaflet-bar");
      el("b", "", d, "Time ");
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
  function center(e) {
    var g = e.r[6];
    if (Array.isArray(g)) { return L.latLng(g[1], g[0]); }
    return e.lay.getBounds().getCenter();
  }
  function focus(e) {
    if (!map.hasLayer(groups[e.k])) { map.addLayer(groups[e.k]); }
    if (Array.isArray(e.r[6])) { map.setView(center(e), Math.max(map.getZoom(), 7)); }
    else { map.fitBounds(e.lay.getBounds(), {maxZoom: 8}); }
    L.popup(POPUP).setLatLng(center(e)).setContent(popup(e.r)).openOn(map);
  }
  function search(q) {
    q = (q || "").trim().toLowerCase();
    hl.clearLayers();
    var out = [];
    if (q.length >= 2) {
      E.forEach(function (e) {
        if (e.s === null) { e.s = (e.r[7] + "\n" + e.r[8] + "\n" + e.r[9] + "\n" + D.cats[e.k].name).toLowerCase(); }
        if (e.s.indexOf(q) >= 0) { out.push(e); }
      });
      out.slice(0, 500).forEach(function (e) {
        L.circleMarker(center(e), {radius: 13, color: "#ffd400", weight: 4, fill: false,
          interactive: false, className: "geomap-search-hit"}).addTo(hl);
      });
    }
    api.matches = out;
    return out;
  }
  var sc = L.control({position: "topleft"});
  sc.onAdd = function () {
    var d = el("div", "geomap-search leaflet-bar");
    var input = el("input", "geomap-search-input", d);
    input.type = "search";
    input.placeholder = "Search incidents, places, actors";
    input.setAttribute("aria-label", "Search incidents, places and actors");
    var count = el("div", "geomap-search-count", d);
    var list = el("ol", "geomap-search-results", d);
    var timer = null;
    function run() {
      var out = search(input.value);
      list.textContent = "";
      count.textContent = input.value.trim().length >= 2 ? out.length + " match" + (out.length === 1 ? "" : "es") : "";
      out.slice(0, 8).forEach(function (e) {
        var li = el("li", "geomap-search-result", list, (e.r[7] || D.cats[e.k].name) + (e.r[9] ? " \u2014 " + e.r[9] : ""));
        li.addEventListener("click", function () { focus(e); });
      });
      if (out.length) {
        var b = L.latLngBounds(out.slice(0, 500).map(center));
        map.fitBounds(b.pad(0.2), {maxZoom: 7});
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
  api.search = search;
  api.entries = E;
  api.groups = groups;
  api.cluster = cluster;
  api.heat = heat;
  api.state = state;
  api.focus = focus;
}
