"""Concatenate the partitions' GeoParquet files into one, streaming.

The places of a corpus do not fit in memory as shapely objects (country footprints repeat on
every mention), so the parts are copied row group by row group as Arrow tables (WKB stays WKB),
and the GeoParquet metadata of the first part is kept, with the geometry types of all of them
and without a file-wide bbox (the per-row covering bbox columns are copied).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from geomap import _atomic

__all__ = ["concat_geoparquet"]


def concat_geoparquet(paths: Sequence[Path], target: Path) -> int:
    """Write the rows of the GeoParquet files ``paths`` (same columns) to ``target``
    atomically; return the number of rows. Memory: one part at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not paths:
        raise ValueError("concat_geoparquet needs at least one file")
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
    schema = unified.with_metadata(meta)
    rows = 0
    from geomap.io.export import PARQUET_OPTIONS

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
