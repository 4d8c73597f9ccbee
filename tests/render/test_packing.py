"""The packed data of big maps (geomap/render/packing.py) read back in headless Chromium by the
page's own decoders (resources/web/unpack.js: base85 and LZMA), byte for byte."""

from __future__ import annotations

import base64
import json
import lzma
import random
import zlib
from pathlib import Path
from typing import Any

import pytest

from geomap.render.elements import js_json
from geomap.render.offline import web_text
from geomap.render.packing import b85, deflated, lzma_packed, lzma_packed_many, unb85

SAFE = bytes.maketrans(b"&<>@{}(Q", b",./:[]' ")
# made-up text: sentences of a fictional news wire, hostile markup, every kind of character
TEXT = (
    "made up the ministry said on Tuesday that a fire broke out near the port of Exampleton "
    "after talks between officials of Nowhereland and Fictivia ended 12 people were hurt"
)
WORDS = TEXT.split()


def _made_up_text(n_sentences: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n_sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 60))]
        out.append(f"Made up {i}: " + " ".join(words) + rng.choice([".", "!", " …", ' "quoted".']))
    return out


HOSTILE = [
    "</script><script>alert(1)</script>",
    "{{ 7*7 }} {% raw %} @import url(x) <!-- -->",
    "Zürich – Ελλάδα – 北京 – emoji 🚒 – \u2028\u2029 – \x00\x01 – \\ \" '",
    "",
]


def test_b85_round_trips_every_length_and_avoids_escaped_characters() -> None:
    rng = random.Random(1)
    for n in range(0, 40):
        data = bytes(rng.randrange(256) for _ in range(n))
        text = b85(data)
        assert unb85(text) == data
        assert text == base64.b85encode(data).translate(SAFE).decode()  # Python's, relettered
        assert len(text) == n + (n + 3) // 4  # 5 characters for 4 bytes
        assert js_json(text) == json.dumps(text)  # nothing for js_json to escape
        assert not set(text) & set('&<>@{}"\\(Q')


def test_b85_cannot_spell_a_token_of_the_offline_check() -> None:
    """The offline check refuses a page that uses a dropped asset ("$(", "jQuery" ...): packed
    data must not spell one by chance (a 10 MB map would, every time, with "$("). Tokens of 8
    characters or more may be spelt: by chance once in 85^8 / 10^7 > 10^8 maps of 10 MB."""
    from geomap.render.offline import ASSETS

    alphabet = set(b85(bytes(range(256)) * 4))
    assert len(alphabet) == 85
    tokens = [t for a in ASSETS.values() for t in a.needed_if]
    assert "$(" in tokens and "jQuery" in tokens
    for token in tokens:
        assert set(token) - alphabet or len(token) >= 8, token


def test_python_packs_read_back_in_python() -> None:
    value = {"text": _made_up_text(50) + HOSTILE, "n": [1, 2.5, None, True]}
    assert json.loads(zlib.decompress(unb85(deflated(value)))) == value
    text, size = lzma_packed(value)
    raw = lzma.decompress(unb85(text), format=lzma.FORMAT_ALONE)
    assert len(raw) == size and json.loads(raw) == value
    many = [[i, _made_up_text(i, seed=i)] for i in range(5)]
    assert lzma_packed_many(many) == ([lzma_packed(v) for v in many], None)
    assert lzma_packed_many([], lambda: 42) == ([], 42)


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Any:
    html = tmp_path / "unpack.html"
    html.write_text(
        f"<!doctype html><meta charset=utf-8><script>{web_text('unpack.js')}</script>",
        encoding="utf-8",
    )
    ctx = browser.new_context()
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(html.resolve().as_uri())
    yield pg
    assert errors == []
    ctx.close()


READ_LZMA = """([text, size]) => JSON.parse(new TextDecoder().decode(
    geomapLzma(geomapBase85(text), size)))"""
READ_B85 = "(text) => Array.from(geomapBase85(text))"
READ_DEFLATE = """async (text) => {
  const s = new Blob([geomapBase85(text)]).stream().pipeThrough(new DecompressionStream("deflate"));
  return JSON.parse(await new Response(s).text());
}"""


@pytest.mark.browser
def test_page_reads_base85_of_every_length(page: Any) -> None:
    rng = random.Random(2)
    for n in [*range(17), 1000, 4099]:
        data = bytes(rng.randrange(256) for _ in range(n))
        assert bytes(page.evaluate(READ_B85, b85(data))) == data
    with pytest.raises(Exception, match="base85"):
        page.evaluate(READ_B85, '0"')  # a character outside the alphabet


@pytest.mark.browser
@pytest.mark.parametrize(
    "value",
    [
        [],
        "x",
        HOSTILE,
        _made_up_text(3000),  # ~0.5 MB: long matches, repeated distances, every literal state
        [[i % 7, i * 1.5, None, f"inc-{i:08x}"] for i in range(20_000)],
        bytes(range(256)).decode("latin-1") * 50,
    ],
    ids=["empty", "one", "hostile", "text", "numbers", "all-bytes"],
)
def test_page_reads_lzma_and_deflate_packs_as_written(page: Any, value: Any) -> None:
    assert page.evaluate(READ_LZMA, lzma_packed(value)) == value
    assert page.evaluate(READ_DEFLATE, deflated(value)) == value


@pytest.mark.browser
def test_page_lzma_reads_every_encoder_setting(page: Any) -> None:
    """Streams of other settings (literal context/position bits, dictionary sizes, presets) are
    read too: the decoder follows the header, it does not assume packing.py's settings."""
    raw = json.dumps(_made_up_text(400, seed=3) + HOSTILE, ensure_ascii=False).encode()
    for f in (
        {"preset": 0},
        {"preset": 9 | lzma.PRESET_EXTREME},
        {"lc": 0, "lp": 2, "pb": 0},
        {"lc": 4, "lp": 0, "pb": 4},
        {"dict_size": 4096},
    ):
        data = lzma.compress(
            raw, format=lzma.FORMAT_ALONE, filters=[{"id": lzma.FILTER_LZMA1, **f}]
        )
        assert page.evaluate(READ_LZMA, [b85(data), len(raw)]) == json.loads(raw), f
    with pytest.raises(Exception, match="lzma"):
        page.evaluate(READ_LZMA, [b85(b"\xff" + bytes(20)), 10])
