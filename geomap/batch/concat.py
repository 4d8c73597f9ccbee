"""The batch's merged GeoParquet files from the partitions' ones, footprints kept as WKB.

The places of a corpus do not fit in memory as shapely objects (country footprints repeat on
every mention), so the parts are copied row group by row group as Arrow tables (WKB stays WKB),
and the GeoParquet metadata of the first part is kept, with the geometry types of all of them
and without a file-wide bbox (the per-row covering bbox columns are copied). The merged
incidents are new rows, each with the footprint of one partition row
(:func:`write_rows_with_footprints`): that footprint's WKB and covering bbox are taken from
its partition as they are, never decoded to shapely and encoded again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geomap import _atomic

__all__ = ["concat_geoparquet", "write_rows_with_footprints"]


def _schema(paths: Sequence[Path]) -> Any:
    """The schema of the GeoParquet files ``paths`` unified, with the first one's metadata
    (GeoParquet's ``geo`` with the geometry types of all and no file-wide bbox)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(p) for p in paths]
    unified = pa.unify_schemas([s.remove_metadata() for s in schemas], promote_options="permissive")
    meta = dict(schemas[0].metadata or {})
    if b"geo" in meta:
        geo = json.loads(meta[b"geo"])
        for name, col in geo.get("columns", {}).items():
            types: set[str] = set()
            for s in schemas:
                other = json.loads((s.metadata or {}).get(b"geo", b"{}"))
                types.update(other.get("columns", {}).get(name, {}).get("geometry_types", []))
            col["geometry_types"] = sorted(types)
            col.pop("bbox", None)
        meta[b"geo"] = json.dumps(geo).encode()
    return unified.with_metadata(meta)


def concat_geoparquet(paths: Sequence[Path], target: Path) -> int:
    """Write the rows of the GeoParquet files ``paths`` (same columns) to ``target``
    atomically; return the number of rows. Memory: one part at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from geomap.io.export import PARQUET_OPTIONS

    if not paths:
        raise ValueError("concat_geoparquet needs at least one file")
    schema = _schema(paths)
    rows = 0

    with (
        _atomic.atomic_path(target) as tmp,
        pq.ParquetWriter(tmp, schema, **PARQUET_OPTIONS) as writer,
    ):
        for p in paths:
            pf = pq.ParquetFile(p)
            for i in range(pf.num_row_groups):
                table = pf.read_row_group(i)
                cols = [
                    table.column(f.name).cast(f.type)
                    if f.name in table.column_names
                    else pa.nulls(len(table), f.type)
                    for f in schema
                ]
                batch = pa.Table.from_arrays(cols, schema=schema)
                writer.write_table(batch)
                rows += len(batch)
    return rows


#: rows per row group of :func:`write_rows_with_footprints`: the footprints of one group are
#: what is held as Arrow data at a time (a country's polygon is as many copies as its rows)
ROWS_PER_GROUP = 2048


def write_rows_with_footprints(
    rows: Sequence[dict[str, Any]],
    sources: Sequence[tuple[int, int]],
    paths: Sequence[Path],
    target: Path,
    geometry: str = "geometry",
    covering: str = "bbox",
) -> int:
    """Write ``rows`` (plain values of the columns of the GeoParquet files ``paths``, but
    their footprint) to ``target`` atomically, row ``k`` with the footprint of row
    ``sources[k][1]`` of ``paths[sources[k][0]]``; return the number of rows. The footprints'
    WKB and covering bboxes are read from the files one file at a time and held as one bytes
    object per distinct footprint; the rows are written in row groups of
    :data:`ROWS_PER_GROUP`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from geomap.io.export import PARQUET_OPTIONS

    if len(rows) != len(sources):
        raise ValueError("write_rows_with_footprints needs one source per row")
    schema = _schema(paths)
    extra = [f for f in (geometry, covering) if f in schema.names]
    plain = pa.schema([f for f in schema if f.name not in extra])
    wanted: dict[int, list[tuple[int, int]]] = {}  # file -> [(its row, row in the output)]
    for k, (part, row) in enumerate(sources):
        wanted.setdefault(part, []).append((row, k))
    values: dict[str, list[Any]] = {f: [None] * len(rows) for f in extra}
    shared: dict[Any, Any] = {}  # equal footprints: one bytes object
    for part, pairs in wanted.items():
        taken = pq.read_table(paths[part], columns=extra).take([r for r, _ in pairs])
        for f in extra:
            column = taken.column(f).to_pylist()
            out = values[f]
            for (_, k), v in zip(pairs, column, strict=True):
                out[k] = shared.setdefault(v, v) if f == geometry and v is not None else v
        del taken
    del shared
    with (
        _atomic.atomic_path(target) as tmp,
        pq.ParquetWriter(tmp, schema, **PARQUET_OPTIONS) as writer,
    ):
        for lo in range(0, max(len(rows), 1), ROWS_PER_GROUP):
            hi = lo + ROWS_PER_GROUP
            table = pa.Table.from_pylist(list(rows[lo:hi]), schema=plain)
            for f in extra:
                table = table.append_column(
                    schema.field(f), pa.array(values[f][lo:hi], type=schema.field(f).type)
                )
            writer.write_table(table.select(schema.names).cast(schema))
    return len(rows)
