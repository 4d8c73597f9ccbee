/* geomap big-map drawing (the "compact" method of geomap/render/incident_layer.py): every
 * incident on ONE canvas, no Leaflet layer per incident. Coordinates are projected once into
 * typed arrays (Web Mercator pixels at zoom 0); a frame is one pass over them. When more than
 * LIMIT incidents are in view they are drawn as grid clusters (a 40 px grid in world pixels,
 * computed for the frame from the same pass): a disc per cell with its count in the colour of
 * its most frequent category; a click on it zooms in. Fewer are drawn one by one: dots from
 * pre-rendered sprites, vague points as dashed area circles, shapes as paths. The canvas is
 * positioned like Leaflet's own renderer (padding around the view, moved with the map pane
 * while dragging, scaled during zoom animations, redrawn on moveend), so panning only moves it.
 * Clicks and the pointer are hit-tested against the last frame. No string of the payload is
 * drawn or put in the DOM here. */
function geomapCanvas(map, D, E, catOn) {
  "use strict";
  var N = E.length, LIMIT = 3000, CELL = 40, PAD = 0.3, R = 6;
  var AX = new Float64Array(N), AY = new Float64Array(N);  // anchor (point, or bbox centre)
  var KIND = new Uint8Array(N);  // 0 no place, 1 dot, 2 area circle, 3 shape
  var BB = {};  // shape index -> [minx, miny, maxx, maxy] (world px, zoom 0)
  var SH = {};  // shape index -> {rings: [Float64Array x,y,...], line, sea}
  var DEG = Math.PI / 180, MAXLAT = 85.0511287798;
  function wx(lon) { return 256 * (lon / 360 + 0.5); }
  function wy(lat) {
    lat = Math.max(-MAXLAT, Math.min(MAXLAT, lat));
    return 256 * (0.5 - Math.log(Math.tan(Math.PI / 4 + lat * DEG / 2)) / (2 * Math.PI));
  }
  function rings(g, out) {  // GeoJSON geometry -> flat world-pixel rings
    var t = g.type, c = g.coordinates;
    function ring(cs) {
      var a = new Float64Array(cs.length * 2);
      for (var j = 0; j < cs.length; j++) { a[2 * j] = wx(cs[j][0]); a[2 * j + 1] = wy(cs[j][1]); }
      out.push(a);
    }
    if (t === "GeometryCollection") { g.geometries.forEach(function (x) { rings(x, out); }); }
    else if (t === "LineString") { ring(c); }
    else if (t === "Polygon" || t === "MultiLineString") { c.forEach(ring); }
    else if (t === "MultiPolygon") { c.forEach(function (p) { p.forEach(ring); }); }
    else if (t === "Point") { ring([c, c]); }
    else if (t === "MultiPoint") { c.forEach(function (p) { ring([p, p]); }); }
    return out;
  }
  for (var i = 0; i < N; i++) {
    var r = E[i].r, g = r[6];
    if (g == null) { continue; }
    if (Array.isArray(g)) {
      AX[i] = wx(g[0]); AY[i] = wy(g[1]); KIND[i] = r[1] >= 4 ? 2 : 1;
      continue;
    }
    var rs = rings(g, []), x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    rs.forEach(function (a) {
      for (var j = 0; j < a.length; j += 2) {
        if (a[j] < x0) { x0 = a[j]; } if (a[j] > x1) { x1 = a[j]; }
        if (a[j + 1] < y0) { y0 = a[j + 1]; } if (a[j + 1] > y1) { y1 = a[j + 1]; }
      }
    });
    if (!rs.length) { continue; }
    var line = /LineString/.test(g.type);
    SH[i] = {rings: rs, line: line, sea: r[1] === 7 && !line};
    BB[i] = [x0, y0, x1, y1];
    AX[i] = (x0 + x1) / 2; AY[i] = (y0 + y1) / 2; KIND[i] = 3;
  }

  // ---------------------------------------------------------------- dot sprites
  var DPR = Math.min(window.devicePixelRatio || 1, 2), sprites = {};
  function sprite(k, p, spec) {
    var key = k + ":" + (p === 3 ? 1 : 0) + ":" + spec;
    if (sprites[key]) { return sprites[key]; }
    var col = D.cats[k].color, hollow = p === 3, fade = spec ? 0.5 : 1, S = 2 * R + 6;
    var c = document.createElement("canvas"), x = c.getContext("2d");
    c.width = c.height = Math.ceil(S * DPR);
    x.scale(DPR, DPR);
    x.beginPath(); x.arc(S / 2, S / 2, R, 0, 2 * Math.PI);
    x.globalAlpha = 0.9 * fade; x.fillStyle = hollow ? "#fff" : col; x.fill();
    x.globalAlpha = fade; x.lineWidth = hollow ? 3 : 1.2; x.strokeStyle = hollow ? col : "#222";
    if (spec) { x.setLineDash([4, 4]); }
    x.stroke();
    sprites[key] = c;
    return c;
  }

  // ---------------------------------------------------------------- the layer
  var Layer = L.Layer.extend({
    onAdd: function () {
      var c = this._c = L.DomUtil.create("canvas", "geomap-canvas leaflet-zoom-animated");
      c.style.pointerEvents = "none";
      map.getPane("geomap-incidents").appendChild(c);
      this._x = c.getContext("2d");
      this._update();
    },
    onRemove: function () { L.DomUtil.remove(this._c); this._c = null; },
    getEvents: function () {
      return {moveend: this._update, viewreset: this._update, resize: this._update,
        zoomanim: function (ev) { this._transform(ev.center, ev.zoom); },
        zoom: function () { this._transform(map.getCenter(), map.getZoom()); },
        click: this._click, mousemove: this._move, move: this._moving};
    },
    // a long drag: redraw once the padding around the view is used up (else at moveend only)
    _moving: function () {
      if (!this._c || !this._min || map._animatingZoom || this._zoom !== map.getZoom()) { return; }
      var p = map.layerPointToContainerPoint(this._min), size = map.getSize();
      var mx = size.x * PAD * 0.2, my = size.y * PAD * 0.2;
      if (p.x > -mx || p.y > -my || p.x + this._dim.x < size.x + mx || p.y + this._dim.y < size.y + my) {
        var self = this;
        if (!this._ureq) {
          this._ureq = L.Util.requestAnimFrame(function () { self._ureq = null; self._update(); });
        }
      }
    },
    _transform: function (center, zoom) {  // as L.Renderer._updateTransform
      if (!this._c || this._zoom == null) { return; }
      var scale = map.getZoomScale(zoom, this._zoom);
      var half = map.getSize().multiplyBy(0.5 + PAD);
      var cur = map.project(this._center, zoom);
      var off = half.multiplyBy(-scale).add(cur).subtract(map._getNewPixelOrigin(center, zoom));
      L.DomUtil.setTransform(this._c, off, scale);
    },
    _update: function () {
      if (!this._c || map._animatingZoom) { return; }
      var size = map.getSize(), min = map.containerPointToLayerPoint(size.multiplyBy(-PAD)).round();
      var dim = size.multiplyBy(1 + 2 * PAD).round();
      this._min = min; this._dim = dim; this._center = map.getCenter(); this._zoom = map.getZoom();
      L.DomUtil.setPosition(this._c, min);
      this._c.width = Math.round(dim.x * DPR); this._c.height = Math.round(dim.y * DPR);
      this._c.style.width = dim.x + "px"; this._c.style.height = dim.y + "px";
      this.redraw();
    },
    schedule: function () {
      var self = this;
      if (this._req) { return; }
      this._req = L.Util.requestAnimFrame(function () { self._req = null; self.redraw(); });
    },
    redraw: function () {
      if (!this._c) { return; }
      var t0 = performance.now();
      if (this._req) { L.Util.cancelAnimFrame(this._req); this._req = null; }
      var x = this._x, z = map.getZoom(), s = Math.pow(2, z), o = map.getPixelOrigin();
      var ox = o.x + this._min.x, oy = o.y + this._min.y, W = this._dim.x, H = this._dim.y;
      x.setTransform(DPR, 0, 0, DPR, 0, 0);
      x.clearRect(0, 0, W, H);
      // which incidents are in view (anchors; shapes by their box)
      var vis = [], m = 2 * R + 2, bb, e;
      for (var i = 0; i < N; i++) {
        if (!KIND[i]) { continue; }
        e = E[i];
        if (!e.on || !catOn[e.k]) { continue; }
        if (KIND[i] === 3) {
          bb = BB[i];
          if (bb[2] * s - ox < -m || bb[0] * s - ox > W + m || bb[3] * s - oy < -m || bb[1] * s - oy > H + m) { continue; }
        } else {
          var px = AX[i] * s - ox, py = AY[i] * s - oy;
          var rr = KIND[i] === 2 ? areaPx(i, s) : m;
          if (px < -rr || py < -rr || px > W + rr || py > H + rr) { continue; }
        }
        vis.push(i);
      }
      this._s = s; this._ox = ox; this._oy = oy;
      this._clusters = vis.length > LIMIT ? cluster(x, vis, s, ox, oy) : null;
      if (!this._clusters) { this._vis = vis; drawEach(x, vis, s, ox, oy); }
      else { this._vis = this._clusters.singles; }
      this.nInView = vis.length;
      this.lastDraw = performance.now() - t0;
      this.nDraws = (this.nDraws || 0) + 1;
    },
    // the incident (or cluster) under a container point, from the last frame
    hit: function (cp) {
      if (!this._c || this._s == null) { return null; }
      var lp = map.containerPointToLayerPoint(cp), px = lp.x - this._min.x;  // canvas px
      var py = lp.y - this._min.y, s = this._s, ox = this._ox, oy = this._oy, best = null, bd = Infinity;
      var cl = this._clusters;
      if (cl) {
        for (var c = 0; c < cl.list.length; c++) {
          var q = cl.list[c], d = Math.hypot(q.x - px, q.y - py);
          if (d <= q.r + 2 && d < bd) { bd = d; best = q; }
        }
        if (best) { return {cluster: best}; }
      }
      var vis = this._vis, i, dx, dy, d2, lim = (R + 3) * (R + 3);
      for (var j = 0; j < vis.length; j++) {  // dots first: nearest centre within the dot
        i = vis[j];
        if (KIND[i] !== 1) { continue; }
        dx = AX[i] * s - ox - px; dy = AY[i] * s - oy - py; d2 = dx * dx + dy * dy;
        if (d2 <= lim && d2 < bd) { bd = d2; best = i; }
      }
      if (best != null) { return {i: best}; }
      var area = Infinity;  // then lines (within 5 px), areas and polygons (the smallest)
      for (j = 0; j < vis.length; j++) {
        i = vis[j];
        if (KIND[i] === 2) {
          var ar = areaPx(i, s);
          dx = AX[i] * s - ox - px; dy = AY[i] * s - oy - py;
          if (dx * dx + dy * dy <= ar * ar && ar * ar < area) { area = ar * ar; best = i; }
        } else if (KIND[i] === 3) {
          var b = BB[i], sh = SH[i];
          if (px < b[0] * s - ox - 5 || px > b[2] * s - ox + 5 || py < b[1] * s - oy - 5 || py > b[3] * s - oy + 5) { continue; }
          if (sh.line ? nearLine(sh, s, ox, oy, px, py, 5) : inside(sh, s, ox, oy, px, py)) {
            var a = sh.line ? 0 : (b[2] - b[0]) * (b[3] - b[1]) * s * s;
            if (a < area) { area = a; best = i; }
          }
        }
      }
      return best != null ? {i: best} : null;
    },
    // the clusters of the last frame: container point, radius and count (tests)
    clusters: function () {
      var self = this;
      return (this._clusters ? this._clusters.list : []).map(function (q) {
        var p = map.layerPointToContainerPoint([q.x + self._min.x, q.y + self._min.y]);
        return {x: p.x, y: p.y, r: q.r, n: q.n};
      });
    },
    _click: function (ev) {
      var h = this.hit(ev.containerPoint);
      if (!h) { return; }
      if (h.cluster) {
        var q = h.cluster, b = L.latLngBounds(map.unproject([q.x0, q.y0], map.getZoom()),
          map.unproject([q.x1, q.y1], map.getZoom()));
        var z = Math.min(map.getBoundsZoom(b), map.getZoom() + 3);
        map.setView(b.getCenter(), Math.max(z, map.getZoom() + 1));
        return;
      }
      var i = h.i, ll = KIND[i] === 3 ? ev.latlng : L.latLng(E[i].r[6][1], E[i].r[6][0]);
      if (this.onHit) { this.onHit(E[i], ll); }
    },
    _move: function (ev) {
      var self = this;
      this._last = ev.containerPoint;
      if (this._mreq) { return; }
      this._mreq = L.Util.requestAnimFrame(function () {
        self._mreq = null;
        if (!self._last) { return; }
        map.getContainer().classList.toggle("geomap-pointer", !!self.hit(self._last));
      });
    }
  });
  function areaPx(i, s) {  // metres -> px at the incident's latitude (as L.Circle); s = 2^zoom
    var lat = E[i].r[6][1], rad = D.area[E[i].r[1]] || 150000;
    return Math.max(3, rad / (40075016.686 * Math.cos(lat * DEG)) * 256 * s);
  }
  function path(x, sh, s, ox, oy) {
    x.beginPath();
    sh.rings.forEach(function (a) {
      x.moveTo(a[0] * s - ox, a[1] * s - oy);
      for (var j = 2; j < a.length; j += 2) { x.lineTo(a[j] * s - ox, a[j + 1] * s - oy); }
      if (!sh.line) { x.closePath(); }
    });
  }
  function nearLine(sh, s, ox, oy, px, py, tol) {
    return sh.rings.some(function (a) {
      for (var j = 2; j < a.length; j += 2) {
        var ax = a[j - 2] * s - ox, ay = a[j - 1] * s - oy, bx = a[j] * s - ox, by = a[j + 1] * s - oy;
        var dx = bx - ax, dy = by - ay, l = dx * dx + dy * dy;
        var t = l ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l)) : 0;
        if (Math.hypot(ax + t * dx - px, ay + t * dy - py) <= tol) { return true; }
      }
      return false;
    });
  }
  function inside(sh, s, ox, oy, px, py) {  // even-odd over every ring
    var c = false;
    sh.rings.forEach(function (a) {
      for (var j = 0, k = a.length - 2; j < a.length; k = j, j += 2) {
        var yi = a[j + 1] * s - oy, yj = a[k + 1] * s - oy, xi = a[j] * s - ox, xj = a[k] * s - ox;
        if ((yi > py) !== (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) { c = !c; }
      }
    });
    return c;
  }
  // one by one: shapes, then area circles, then dots on top
  function drawEach(x, vis, s, ox, oy) {
    var i, e, col, fade, j;
    for (j = 0; j < vis.length; j++) {
      i = vis[j];
      if (KIND[i] !== 3) { continue; }
      e = E[i]; col = D.cats[e.k].color; fade = e.r[2] ? 0.5 : 1;
      var sh = SH[i];
      path(x, sh, s, ox, oy);
      x.strokeStyle = col;
      if (sh.line) {
        x.setLineDash(e.r[2] ? [4, 4] : []); x.lineWidth = 4; x.globalAlpha = 0.9 * fade; x.stroke();
      } else {
        x.globalAlpha = (sh.sea ? 0.25 : 0.06) * fade; x.fillStyle = col; x.fill("evenodd");
        x.setLineDash(sh.sea ? (e.r[2] ? [4, 4] : []) : [6, 4]); x.lineWidth = 2; x.globalAlpha = 0.9 * fade;
        x.stroke();
      }
    }
    x.setLineDash([6, 4]); x.lineWidth = 2;
    for (j = 0; j < vis.length; j++) {
      i = vis[j];
      if (KIND[i] !== 2) { continue; }
      e = E[i]; col = D.cats[e.k].color; fade = e.r[2] ? 0.5 : 1;
      x.beginPath(); x.arc(AX[i] * s - ox, AY[i] * s - oy, areaPx(i, s), 0, 2 * Math.PI);
      x.globalAlpha = 0.06 * fade; x.fillStyle = col; x.fill();
      x.globalAlpha = 0.9 * fade; x.strokeStyle = col; x.stroke();
    }
    x.setLineDash([]); x.globalAlpha = 1;
    var half = R + 3;
    for (j = 0; j < vis.length; j++) {
      i = vis[j];
      if (KIND[i] !== 1) { continue; }
      e = E[i];
      x.drawImage(sprite(e.k, e.r[1], e.r[2]), AX[i] * s - ox - half, AY[i] * s - oy - half, 2 * half, 2 * half);
    }
  }
  // many in view: one disc per 40 px cell of the world grid (stable while panning), binned in
  // typed arrays over the canvas's cells
  function cluster(x, vis, s, ox, oy) {
    var nk = D.cats.length, cx0 = Math.floor(ox / CELL) - 1, cy0 = Math.floor(oy / CELL) - 1;
    var cols = Math.ceil(x.canvas.width / DPR / CELL) + 4, rows = Math.ceil(x.canvas.height / DPR / CELL) + 4;
    var nc = cols * rows, cnt = new Int32Array(nc), first = new Int32Array(nc), kc = new Int32Array(nc * nk);
    var sx = new Float64Array(nc), sy = new Float64Array(nc);
    var bx0 = new Float64Array(nc).fill(Infinity), by0 = new Float64Array(nc).fill(Infinity);
    var bx1 = new Float64Array(nc).fill(-Infinity), by1 = new Float64Array(nc).fill(-Infinity);
    var i, c, wxp, wyp, cx, cy;
    for (var j = 0; j < vis.length; j++) {
      i = vis[j];
      wxp = AX[i] * s; wyp = AY[i] * s;
      cx = Math.min(cols - 1, Math.max(0, Math.floor(wxp / CELL) - cx0));
      cy = Math.min(rows - 1, Math.max(0, Math.floor(wyp / CELL) - cy0));
      c = cy * cols + cx;
      if (!cnt[c]++) { first[c] = i; }
      sx[c] += wxp - ox; sy[c] += wyp - oy; kc[c * nk + E[i].k]++;
      if (wxp < bx0[c]) { bx0[c] = wxp; } if (wxp > bx1[c]) { bx1[c] = wxp; }
      if (wyp < by0[c]) { by0[c] = wyp; } if (wyp > by1[c]) { by1[c] = wyp; }
    }
    var list = [], singles = [];
    for (c = 0; c < nc; c++) {
      var n = cnt[c];
      if (!n) { continue; }
      if (n === 1) { singles.push(first[c]); continue; }
      var best = 0;
      for (var k = 1; k < nk; k++) { if (kc[c * nk + k] > kc[c * nk + best]) { best = k; } }
      list.push({n: n, x: sx[c] / n, y: sy[c] / n, col: D.cats[best].color,
        r: Math.min(20, 8 + 3.2 * Math.log10(n)), x0: bx0[c], y0: by0[c], x1: bx1[c], y1: by1[c]});
    }
    drawEach(x, singles, s, ox, oy);
    x.lineWidth = 2; x.strokeStyle = "#fff"; x.textAlign = "center"; x.textBaseline = "middle";
    x.font = "600 10px system-ui, sans-serif";
    list.forEach(function (q) {
      x.beginPath(); x.arc(q.x, q.y, q.r, 0, 2 * Math.PI);
      x.globalAlpha = 0.85; x.fillStyle = q.col; x.fill();
      x.globalAlpha = 1; x.stroke();
    });
    list.forEach(function (q) {
      var t = q.n >= 10000 ? Math.round(q.n / 1000) + "k" : q.n >= 1000 ? (q.n / 1000).toFixed(1) + "k" : String(q.n);
      x.lineWidth = 3; x.strokeStyle = "rgba(0,0,0,0.75)"; x.strokeText(t, q.x, q.y);
      x.fillStyle = "#fff"; x.fillText(t, q.x, q.y);
    });
    return {list: list, singles: singles};
  }
  var layer = new Layer();
  layer.limit = LIMIT;
  return layer;
}
