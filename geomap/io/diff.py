"""Compare two incident outputs (GeoJSON, GeoPackage, GeoParquet or CSV) by stable id.

* ``new``: incidents in NEW whose ids (and merged member ids) were not in OLD;
* ``removed``: incidents of OLD that NEW neither keeps nor merged into another row;
* ``merged``: NEW rows that absorbed two or more incidents, at least one of them a
  separate row of OLD (their ``member_ids``);
* ``changed``: the same id in both, with different category, time, modality, place,
  precision, actors, sources or footprint.

>>> d = diff_frames(old_gdf, new_gdf)   # doctest: +SKIP
>>> d["new"], d["changed"]               # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from geomap.errors import InputError

__all__ = ["COMPARED", "diff_files", "diff_frames", "format_diff", "read_incidents"]

#: columns whose change makes an incident "changed"
COMPARED = (
    "category",
    "domain",
    "start",
    "end",
    "time_precision",
    "modality",
    "entry_id",
    "geo_precision",
    "actor_names",
    "n_sources",
    "n_articles",
)


def read_incidents(path: str | os.PathLike[str]) -> Any:
    """Read an incidents output written by ``geomap extract`` with geopandas."""
    import geopandas as gpd
    import pandas as pd

    p = Path(path)
    if not p.exists():
        raise InputError("no such file", source=str(p))
    suffix = p.suffix.lower()
    try:
        if suffix == ".parquet":
            return gpd.read_parquet(p)
        if suffix == ".gpkg":
            return gpd.read_file(p, layer="incidents")
        if suffix == ".csv":
            df = pd.read_csv(p, dtype=str, keep_default_na=False)
            return df.replace({"": None})
        return gpd.read_file(p)
    except (OSError, ValueError, RuntimeError) as err:
        raise InputError(f"cannot read incidents: {err}", source=str(p)) from err


def _members(row: Any) -> list[str]:
    raw = row.get("member_ids") if hasattr(row, "get") else None
    if raw is None or raw != raw:
        return [str(row["id"])]
    try:
        ids = json.loads(raw) if isinstance(raw, str) else list(raw)
    except ValueError:
        return [str(row["id"])]
    return [str(i) for i in ids] or [str(row["id"])]


def _norm(v: Any) -> Any:
    if v is None or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    s = str(v)
    if s.isdigit():
        return int(s)
    return s


def _geom_key(row: Any) -> str | None:
    g = row.get("geometry") if hasattr(row, "get") else None
    if g is None or (isinstance(g, float)) or getattr(g, "is_empty", True):
        wkt = row.get("wkt") if hasattr(row, "get") else None
        return wkt or None
    import shapely

    return shapely.to_wkt(g, rounding_precision=5, trim=True)


def diff_frames(old: Any, new: Any) -> dict[str, list[dict[str, Any]]]:
    """The differences between two incident frames (see module doc)."""
    old_rows = {str(r["id"]): r for _, r in old.iterrows()}
    new_rows = {str(r["id"]): r for _, r in new.iterrows()}
    new_members = {i: m for i, r in new_rows.items() for m in [_members(r)]}
    absorbed = {m: i for i, ms in new_members.items() for m in ms}
    out: dict[str, list[dict[str, Any]]] = {"new": [], "changed": [], "merged": [], "removed": []}
    for i, r in new_rows.items():
        ms = new_members[i]
        olds = [m for m in ms if m in old_rows]
        if not olds:
            out["new"].append({"id": i, "title": r.get("title"), "category": r.get("category")})
            continue
        if len(ms) > 1:
            before = [m for m in olds if len(_members(old_rows[m])) == 1 or m != i]
            old_group = set(_members(old_rows[i])) if i in old_rows else set()
            if set(ms) != old_group:
                out["merged"].append(
                    {
                        "id": i,
                        "title": r.get("title"),
                        "members": ms,
                        "were_separate": sorted(before),
                    }
                )
                continue
        if i in old_rows:
            o = old_rows[i]
            fields = [
                c for c in COMPARED if c in r.index and c in o.index and _norm(r[c]) != _norm(o[c])
            ]
            if _geom_key(r) != _geom_key(o):
                fields.append("geometry")
            if fields:
                out["changed"].append(
                    {
                        "id": i,
                        "title": r.get("title"),
                        "fields": fields,
                        "old": {c: _norm(o[c]) for c in fields if c != "geometry"},
                        "new": {c: _norm(r[c]) for c in fields if c != "geometry"},
                    }
                )
    for i, o in old_rows.items():
        if i not in new_rows and i not in absorbed:
            out["removed"].append({"id": i, "title": o.get("title"), "category": o.get("category")})
    return out


def diff_files(
    old: str | os.PathLike[str], new: str | os.PathLike[str]
) -> dict[str, list[dict[str, Any]]]:
    """:func:`diff_frames` of two files."""
    return diff_frames(read_incidents(old), read_incidents(new))


def format_diff(d: dict[str, list[dict[str, Any]]]) -> str:
    """Human-readable listing, one line per incident."""
    lines = [", ".join(f"{len(v)} {k}" for k, v in d.items())]
    for item in d["new"]:
        lines.append(f"+ {item['id']}  {item['title']}")
    for item in d["removed"]:
        lines.append(f"- {item['id']}  {item['title']}")
    for item in d["merged"]:
        lines.append(f"= {item['id']}  {item['title']}  <- {', '.join(item['members'])}")
    for item in d["changed"]:
        what = "; ".join(
            f"{c}: {item['old'].get(c)!r} -> {item['new'].get(c)!r}"
            for c in item["fields"]
            if c != "geometry"
        )
        if "geometry" in item["fields"]:
            what = (what + "; " if what else "") + "footprint"
        lines.append(f"~ {item['id']}  {item['title']}  ({what})")
    return "\n".join(lines)
