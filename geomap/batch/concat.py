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
    WKB and covering bboxes are taken from the files, one file at a time."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from geomap.io.export import PARQUET_OPTIONS

    if len(rows) != len(sources):
        raise ValueError("write_rows_with_footprints needs one source per row")
    schema = _schema(paths)
    plain = pa.schema([f for f in schema if f.name not in (geometry, covering)])
    table = pa.Table.from_pylist(list(rows), schema=plain)
    wanted: dict[int, list[tuple[int, int]]] = {}  # file -> [(its row, row in the output)]
    for k, (part, row) in enumerate(sources):
        wanted.setdefault(part, []).append((row, k))
    extra = [f for f in (geometry, covering) if f in schema.names]
    pieces: dict[str, list[Any]] = {f: [] for f in extra}
    order: list[int] = []
    for part, pairs in wanted.items():
        taken = pq.read_table(paths[part], columns=extra).take([r for r, _ in pairs])
        for f in extra:
            pieces[f].append(taken.column(f).cast(schema.field(f).type))
        order.extend(k for _, k in pairs)
    at = np.argsort(np.asarray(order, dtype=np.int64), kind="stable")  # back to rows' order
    for f in extra:
        column = (
            pa.chunked_array(pieces[f], type=schema.field(f).type).combine_chunks().take(at)
            if pieces[f]
            else pa.nulls(0, schema.field(f).type)
        )
        table = table.append_column(schema.field(f), column)
    table = table.select(schema.names).cast(schema)
    with _atomic.atomic_path(target) as tmp:
        pq.write_table(table, tmp, **PARQUET_OPTIONS)
    return len(table)
