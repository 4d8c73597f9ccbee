"""Fuzzing the NLP entry points: :func:`geomap.parse`, :meth:`Pipeline.run` over ingest and
the time resolver. The property: a :class:`Result` whose frames build, or a
:class:`~geomap.errors.GeomapError`; never another exception, never a lost batch."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import geomap
from geomap.errors import GeomapError
from geomap.io.ingest import Failure
from geomap.pipeline import Result
from geomap.text.timex import find_all
from tests.fuzz import strategies as S
from tests.fuzz.profiles import budget


def _check_result(r: Result) -> None:
    places, incidents = r.places, r.incidents
    assert places.crs is not None and places.crs.to_epsg() == 4326
    assert len(incidents) == len(r.incident_list)
    for value in incidents.get("id", []):
        value.encode("utf-8")


@budget(60)
@given(
    text=S.texts(),
    published=st.none() | st.dates(date(1800, 1, 1), date(2200, 12, 31)),
    title=st.none() | st.text(S.ANY_CHAR, max_size=60),
    url=st.none() | st.text(S.ANY_CHAR, max_size=60),
    id=st.none() | st.text(S.ANY_CHAR, max_size=30),
)
def test_parse_hostile_text(
    text: str, published: date | None, title: str | None, url: str | None, id: str | None
) -> None:
    """Any text with metadata of the right types gives a result (the NLP is reached)."""
    _check_result(geomap.parse(text, published=published, title=title, url=url, id=id))


@budget(40)
@given(
    text=S.texts(300),
    published=S.published_values() | S.calendar_dates(),
    title=S.field_values(),
    url=S.field_values(),
    id=S.field_values(),
)
def test_parse_hostile_metadata(
    text: str, published: object, title: object, url: object, id: object
) -> None:
    """Metadata of any type and value: a result or a GeomapError, nothing else."""
    try:
        r = geomap.parse(text, published=published, title=title, url=url, id=id)  # type: ignore[arg-type]
    except GeomapError:
        return
    _check_result(r)


@budget(25)
@given(st.lists(S.jsonl_lines(), min_size=1, max_size=4))
def test_pipeline_run_over_jsonl(pipeline: geomap.Pipeline, lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        out = list(pipeline.run([path]))
    # one item a non-blank line (one bad line ends nothing); a file of blank lines: one failure
    assert len(out) == (sum(1 for ln in lines if ln.strip()) or 1)
    for item in out:
        if isinstance(item, Failure):
            # a failure in processing (not reading) would be a bug the boundary let through
            assert not item.reason.startswith("could not be processed"), item
        else:
            _check_result(item)


@budget(400)
@given(
    text=st.lists(
        st.one_of(st.sampled_from(S.PHRASES), S.NUMBERS, S.WORD, st.text(S.ANY_CHAR, max_size=10)),
        max_size=12,
    ).map(" ".join),
    published=S.calendar_dates(),
)
def test_time_resolver_at_the_ends_of_the_calendar(text: str, published: date) -> None:
    """The resolver never raises, whatever the publication date (the boundary keeps it to
    1800-2200; the resolver does not count on that)."""
    for ref in find_all(text, published):
        assert ref.start is not None and ref.end is not None
        assert ref.start <= ref.end
        assert 0 <= ref.offset < max(len(text), 1)
    for anchor in (date.min, date.max):
        find_all(text, published, anchor=anchor, future=True)
