/* geomap: reading the packed data of big maps (geomap/render/packing.py).
 *
 * geomapBase85(s): the bytes of a base85 string (packing.b85: 5 characters for 4 bytes, 25 %
 * more than the bytes where base64 is 33 %; none of its characters is one js_json escapes).
 * geomapLzma(bytes, size): the `size` bytes of an LZMA stream in the .lzma ("LZMA alone")
 * format, as Python's lzma.compress(format=FORMAT_ALONE) writes it: a decoder written from the
 * LZMA specification (lzma-specification.txt of the LZMA SDK, public domain), about 30 MB/s.
 * Chromium's DecompressionStream reads deflate only; LZMA packs news text about a quarter
 * smaller. geomapUnpack(packed): the JSON value of packing.lzma_packed. Nothing here touches
 * the DOM. Inlined first in the page's script (elements.Unpack), so every element may use it. */
function geomapBase85(s) {
  "use strict";
  var T = geomapBase85.table;
  if (!T) {  // Python's base64.b85encode alphabet with the six characters js_json would escape
    // (& < > @ { }) and two that could spell a short token the offline check looks for (an
    // opening parenthesis and a capital Q) replaced by , . / : [ ] ' and a space
    var A = "0123456789ABCDEFGHIJKLMNOP RSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%,')*+-;.=/?:^_`[|]~";
    T = geomapBase85.table = new Int8Array(128).fill(-1);
    for (var k = 0; k < 85; k++) { T[A.charCodeAt(k)] = k; }
  }
  var n = s.length, full = n - n % 5, rem = n % 5;
  if (rem === 1) { throw new Error("base85: bad length"); }
  var out = new Uint8Array(full / 5 * 4 + (rem ? rem - 1 : 0)), o = 0, bad = 0;
  function dg(i) { var c = s.charCodeAt(i), d = c < 128 ? T[c] : -1; bad |= d; return d; }
  function put(v, m) {
    if (v > 0xFFFFFFFF) { bad = -1; }
    for (var j = 0; j < m; j++) { out[o++] = (v >>> (24 - 8 * j)) & 255; }
  }
  for (var i = 0; i < full; i += 5) {
    put((((dg(i) * 85 + dg(i + 1)) * 85 + dg(i + 2)) * 85 + dg(i + 3)) * 85 + dg(i + 4), 4);
  }
  if (rem) {
    var v = 0;
    for (var j = 0; j < 5; j++) { v = v * 85 + (j < rem ? dg(full + j) : 84); }
    put(v, rem - 1);
  }
  if (bad < 0) { throw new Error("base85: bad data"); }
  return out;
}

function geomapLzma(buf, size) {
  "use strict";
  var d = buf[0];
  if (d >= 225) { throw new Error("lzma: bad properties"); }
  var lc = d % 9; d = (d / 9) | 0;
  var lp = d % 5, pb = (d / 5) | 0;
  var pos = 13, out = new Uint8Array(size), op = 0;
  // range decoder (range and code kept as non-negative numbers below 2^32)
  var range = 0xFFFFFFFF, code = 0;
  if (buf[pos++] !== 0) { throw new Error("lzma: bad stream"); }
  for (var i = 0; i < 4; i++) { code = code * 256 + buf[pos++]; }
  function bit(p, i) {
    var v = p[i], bound = (range >>> 11) * v;
    var b;
    if (code < bound) { range = bound; p[i] = v + ((2048 - v) >>> 5); b = 0; }
    else { range -= bound; code -= bound; p[i] = v - (v >>> 5); b = 1; }
    if (range < 16777216) { range *= 256; code = code * 256 + buf[pos++]; }
    return b;
  }
  function direct(n) {
    var r = 0;
    while (n--) {
      range = Math.floor(range / 2);
      if (code >= range) { code -= range; r = r * 2 + 1; } else { r *= 2; }
      if (range < 16777216) { range *= 256; code = code * 256 + buf[pos++]; }
    }
    return r;
  }
  function tree(p, base, n) {
    var m = 1;
    for (var i = 0; i < n; i++) { m = (m << 1) + bit(p, base + m); }
    return m - (1 << n);
  }
  function rtree(p, base, n) {
    var m = 1, s = 0;
    for (var i = 0; i < n; i++) { var b = bit(p, base + m); m = (m << 1) + b; s |= b << i; }
    return s;
  }
  function probs(n) { return new Uint16Array(n).fill(1024); }
  var NS = 1 << pb, LIT = probs(0x300 << (lc + lp));
  var isMatch = probs(192), isRep = probs(12), isRepG0 = probs(12), isRepG1 = probs(12);
  var isRepG2 = probs(12), isRep0Long = probs(192);
  var slot = probs(256), special = probs(115), align = probs(16);
  function lenCoder() { return {c: probs(2), low: probs(NS << 3), mid: probs(NS << 3), high: probs(256)}; }
  var LEN = lenCoder(), REPLEN = lenCoder();
  function len(L, ps) {
    if (!bit(L.c, 0)) { return tree(L.low, ps << 3, 3); }
    if (!bit(L.c, 1)) { return 8 + tree(L.mid, ps << 3, 3); }
    return 16 + tree(L.high, 0, 8);
  }
  function distance(l) {
    var s = tree(slot, (l < 3 ? l : 3) << 6, 6);
    if (s < 4) { return s; }
    var n = (s >>> 1) - 1, dist = (2 + (s & 1)) * Math.pow(2, n);
    if (s < 14) { return dist + rtree(special, dist - s, n); }
    return dist + direct(n - 4) * 16 + rtree(align, 0, 4);
  }
  var state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0, lpMask = (1 << lp) - 1, pbMask = NS - 1;
  while (op < size) {
    var ps = op & pbMask;
    if (!bit(isMatch, (state << 4) + ps)) {
      var prev = op ? out[op - 1] : 0, base = 0x300 * (((op & lpMask) << lc) + (prev >>> (8 - lc)));
      var sym = 1;
      if (state >= 7) {
        var mb = out[op - rep0 - 1];
        while (sym < 0x100) {
          var m = (mb >>> 7) & 1, b = bit(LIT, base + ((1 + m) << 8) + sym);
          mb <<= 1; sym = (sym << 1) | b;
          if (m !== b) { break; }
        }
      }
      while (sym < 0x100) { sym = (sym << 1) | bit(LIT, base + sym); }
      out[op++] = sym - 0x100;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    var l;
    if (bit(isRep, state)) {
      if (!op) { throw new Error("lzma: bad stream"); }
      if (!bit(isRepG0, state)) {
        if (!bit(isRep0Long, (state << 4) + ps)) {
          state = state < 7 ? 9 : 11;
          out[op] = out[op - rep0 - 1]; op++;
          continue;
        }
      } else {
        var dd;
        if (!bit(isRepG1, state)) { dd = rep1; }
        else {
          if (!bit(isRepG2, state)) { dd = rep2; } else { dd = rep3; rep3 = rep2; }
          rep2 = rep1;
        }
        rep1 = rep0; rep0 = dd;
      }
      l = len(REPLEN, ps);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2; rep2 = rep1; rep1 = rep0;
      l = len(LEN, ps);
      state = state < 7 ? 7 : 10;
      rep0 = distance(l);
      if (rep0 === 0xFFFFFFFF) { break; }  // end marker
      if (rep0 >= op) { throw new Error("lzma: bad distance"); }
    }
    l += 2;
    if (op + l > size) { throw new Error("lzma: data past its size"); }
    for (var j = op - rep0 - 1; l--; ) { out[op++] = out[j++]; }
  }
  if (op !== size) { throw new Error("lzma: " + op + " bytes of " + size); }
  return out;
}

// [base85 text, byte length] of JSON packed by packing.lzma_packed -> the value (synchronous:
// the basemap is read while the page script runs)
function geomapUnpack(packed) {
  "use strict";
  return JSON.parse(new TextDecoder().decode(geomapLzma(geomapBase85(packed[0]), packed[1])));
}
