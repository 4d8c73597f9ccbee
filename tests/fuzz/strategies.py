"""Hypothesis strategies for hostile input: text, JSONL lines, meta.json, HTML, feeds, WARC
records, dates and frames to export.

Texts mix news-like fragments (places, dates, relative phrases, numbers) with arbitrary
unicode (every category, lone surrogates, BOMs, controls), so that the NLP stages are reached
and not only the readers. Lengths are bounded by ``MAX_TEXT`` so that the default profile
keeps its time budget (the NLP is not yet linear for long articles, issue 15 item 5).
"""

from __future__ import annotations

import json
from datetime import date

from hypothesis import strategies as st

MAX_TEXT = 2_000

PLACES = [
    "Paris",
    "Kyiv",
    "Bali, Indonesia",
    "Gaza",
    "Springfield",
    "the Taiwan Strait",
    "Lagos",
    "São Paulo",
    "Москва",
    "北京",
    "New York City",
    "Mosul, Iraq",
    "the South China Sea",
    "Fiji",
    "Kiribati",
]
PHRASES = [
    "yesterday",
    "last week",
    "next year",
    "on Monday",
    "Jul 8",
    "May 0000",
    "106178 months later",
    "4437 years ago",
    "in 2019",
    "on 31 December 9999",
    "0001-01-01",
    "February 30",
    "99999999999999999999 days ago",
    "the day before yesterday",
    "three weeks ago",
    "late last month",
]
EVENTS = [
    "Bombs hit {p} {t}, killing {n} people.",
    "Protesters clashed with police in {p} {t}.",
    "Minister {w} met officials in {p}.",
    "{n} soldiers were wounded near {p} {t}.",
    "Floods displaced {n} families across {p}, {p2} and {p3}.",
    "Talks in {p} ended {t}; the ceasefire held until {t2}.",
    "A ship was seized off {p} {t}.",
]
NUMBERS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(10**18, 10**40).map(str),
    st.sampled_from(["dozens", "hundreds of", "at least 3", "-5", "1e309", "٣", "NaN"]),
)
#: every unicode category, lone surrogates included (``Cs``)
ANY_CHAR = st.characters(exclude_categories=())
HOSTILE_CHARS = st.sampled_from(
    [
        "\ud800",
        "\udfff",
        "\ufeff",
        "\x00",
        "\x1b",
        "\x7f",
        "\x85",
        "\u2028",
        "\u202e",
        "\ufffe",
        "\U0010ffff",
        "\r",
        "\t",
        "\f",
        "\u0301",
        "=",
        "\n\n",
    ]
)
WORD = st.text(
    st.characters(categories=["Lu", "Ll", "Nd", "Lo", "Mn", "Zs"]), min_size=1, max_size=12
)


@st.composite
def event_sentence(draw: st.DrawFn) -> str:
    form = draw(st.sampled_from(EVENTS))
    return form.format(
        p=draw(st.sampled_from(PLACES)),
        p2=draw(st.sampled_from(PLACES)),
        p3=draw(st.sampled_from(PLACES)),
        t=draw(st.sampled_from(PHRASES)),
        t2=draw(st.sampled_from(PHRASES)),
        n=draw(NUMBERS),
        w=draw(WORD),
    )


def texts(max_size: int = MAX_TEXT) -> st.SearchStrategy[str]:
    """News-like sentences interleaved with arbitrary and hostile characters."""
    piece = st.one_of(
        event_sentence(),
        st.text(ANY_CHAR, max_size=40),
        HOSTILE_CHARS,
        WORD,
        st.sampled_from(PLACES),
        st.sampled_from(PHRASES),
        st.just(" "),
    )
    return st.lists(piece, max_size=40).map(" ".join).map(lambda s: s[:max_size])


def calendar_dates() -> st.SearchStrategy[date]:
    """Dates anywhere in the calendar, with its ends and the boundary's years weighted in."""
    return st.one_of(
        st.dates(),
        st.sampled_from(
            [
                date.min,
                date.max,
                date(1, 12, 31),
                date(9999, 1, 1),
                date(1799, 12, 31),
                date(1800, 1, 1),
                date(2200, 12, 31),
                date(2201, 1, 1),
                date(2024, 2, 29),
                date(1900, 3, 1),
            ]
        ),
    )


def published_values() -> st.SearchStrategy[object]:
    """What a ``published`` field holds in the wild: ISO strings (valid, edge, broken),
    other date formats, numbers, lists, objects, booleans, null."""
    return st.one_of(
        st.none(),
        calendar_dates().map(date.isoformat),
        calendar_dates().map(lambda d: d.isoformat() + "T12:00:00Z"),
        st.sampled_from(
            [
                "",
                "0000-00-00",
                "2024-13-45",
                "9999-12-31T23:59:59+14:00",
                "Mon, 01 Jan 0001 00:00:00 GMT",
                "yesterday",
                "20240101",
                "2024-05-01\udfff",
                "2" * 5000,
            ]
        ),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True, allow_infinity=True),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
        st.booleans(),
    )


def json_values(max_leaves: int = 8) -> st.SearchStrategy[object]:
    """Arbitrary JSON values (including big integers and odd strings)."""
    scalar = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(ANY_CHAR, max_size=30),
    )
    return st.recursive(
        scalar,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=max_leaves,
    )


def field_values() -> st.SearchStrategy[object]:
    """What an id, title or url field holds: strings (hostile ones too) or the wrong type."""
    return st.one_of(
        st.none(),
        st.text(ANY_CHAR, max_size=60),
        texts(200),
        st.integers(-(10**25), 10**25),
        st.sampled_from(["", " ", '=HYPERLINK("http://x")', "<script>alert(1)</script>"]),
        json_values(4),
    )


def _dumps(obj: object) -> bytes:
    # lone surrogates travel as JSON escapes, exactly as a producer in another language sends them
    return json.dumps(obj, ensure_ascii=True).encode("ascii")


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    """One JSONL line (without its newline): a record, hostile or wrong, or raw junk."""
    kind = draw(st.integers(0, 9))
    if kind <= 4:
        rec: dict[str, object] = {}
        if draw(st.booleans()) or kind < 3:
            rec["text"] = draw(st.one_of(texts(), field_values()) if kind == 4 else texts())
        for name in ("id", "title", "url"):
            if draw(st.booleans()):
                rec[name] = draw(field_values())
        if draw(st.booleans()):
            rec["published"] = draw(published_values())
        if draw(st.booleans()):
            rec["toponyms"] = draw(
                st.one_of(
                    json_values(4),
                    st.lists(
                        st.fixed_dictionaries(
                            {"start": st.integers(-5, 3000), "end": st.integers(-5, 3000)}
                        ),
                        max_size=3,
                    ),
                )
            )
        line = _dumps(rec)
        if kind == 3:  # a big integer spliced into the record
            digits = draw(st.integers(1, 6000))
            line = line[:-1] + (b', "id": ' if rec else b'"id": ') + b"7" * digits + b"}"
        return line
    if kind == 5:  # deep nesting, inside a record or alone
        depth = draw(st.integers(50, 20_000))
        inner = nested(depth)
        return draw(st.sampled_from([inner, b'{"text": "Paris", "x": ' + inner + b"}"]))
    if kind == 6:  # junk bytes: invalid UTF-8, BOMs, NULs
        return draw(st.binary(max_size=200)).replace(b"\n", b" ")
    if kind == 7:
        return b"\xef\xbb\xbf" + _dumps({"text": draw(texts(300))})
    if kind == 8:  # a valid JSON value that is not an object
        return _dumps(draw(json_values()))
    return draw(st.sampled_from([b"{", b'{"text": "Par', b"null", b"NaN", b'{"text": 1e999}']))


def meta_json() -> st.SearchStrategy[bytes]:
    """A NAME.meta.json beside a text file: an object of hostile fields, or not an object."""
    fields = st.fixed_dictionaries(
        {},
        optional={
            "title": field_values(),
            "url": field_values(),
            "id": field_values(),
            "published": published_values(),
        },
    )
    return st.one_of(
        fields.map(_dumps),
        json_values().map(_dumps),
        st.binary(max_size=100),
        st.just(nested(5000)),
        st.just(b'{"id": ' + b"1" * 5000 + b"}"),
    )


TAGS = ["p", "div", "article", "b", "a", "span", "script", "style", "title", "h1", "li", "table"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """Broken markup: unclosed tags and comments, odd entities, metadata with hostile values."""
    parts = []
    if draw(st.booleans()):
        parts.append("<!doctype html>")
    if draw(st.booleans()):
        charset = draw(st.sampled_from(["utf-8", "latin-1", "shift_jis", "bogus", "utf-16"]))
        parts.append(f'<meta charset="{charset}">')
    if draw(st.booleans()):
        meta_date = draw(published_values())
        parts.append(f'<meta property="article:published_time" content="{meta_date}">')
    if draw(st.booleans()):
        parts.append(f"<title>{draw(st.text(ANY_CHAR, max_size=40))}</title>")
    for _ in range(draw(st.integers(0, 25))):
        choice = draw(st.integers(0, 6))
        tag = draw(st.sampled_from(TAGS))
        if choice == 0:
            parts.append(f"<{tag}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        elif choice == 2:
            parts.append(draw(st.sampled_from(["<!--", "-->", "<![CDATA[", "<?xml", "<!", "<"])))
        elif choice == 3:
            parts.append(
                draw(
                    st.sampled_from(
                        ["&#xD800;", "&#0;", "&#99999999;", "&amp", "&nbsp;", "&#x1F600;"]
                    )
                )
            )
        elif choice == 4:
            parts.append(f'<a href="{draw(st.text(ANY_CHAR, max_size=20))}">')
        else:
            parts.append(f"<p>{draw(texts(400))}</p>")
    return "".join(parts)


def encodings() -> st.SearchStrategy[str]:
    return st.sampled_from(
        ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "shift_jis", "cp1251"]
    )


@st.composite
def encoded(draw: st.DrawFn, text: st.SearchStrategy[str]) -> bytes:
    """``text`` as bytes in one of several encodings, possibly mixed with a second one or cut
    in the middle of a character."""
    t = draw(text)
    enc = draw(encodings())
    data = t.encode(enc, errors="replace") if enc != "utf-8" else t.encode(enc, "surrogatepass")
    if draw(st.booleans()):
        data += draw(texts(200)).encode(draw(encodings()), errors="replace")
    if draw(st.integers(0, 4)) == 0 and data:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    """An RSS or Atom feed with hostile entries (dates at the ends of the calendar too)."""
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        title = draw(st.text(ANY_CHAR, max_size=30)).replace("<", "&lt;")
        body = draw(texts(400)).replace("<", "&lt;")
        when = draw(
            st.sampled_from(
                [
                    "Mon, 01 Jan 0001 00:00:00 GMT",
                    "Fri, 31 Dec 9999 23:59:59 GMT",
                    "Tue, 10 Jun 2003 04:00:00 GMT",
                    "2024-02-30T00:00:00Z",
                    "yesterday",
                    "",
                ]
            )
        )
        entries.append(
            f"<item><title>{title}</title><link>{draw(st.text(ANY_CHAR, max_size=20))}</link>"
            f"<pubDate>{when}</pubDate><description>{body}</description></item>"
        )
    doc = f'<?xml version="1.0"?><rss version="2.0"><channel>{"".join(entries)}</channel></rss>'
    data = doc.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 3)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data
