"""Regenerate geomap/resources/lexicon/ from general-purpose lexicons (dev-time only).

- first_names.txt: US Census 1990 first names (public domain), via the PyPI package
  ``names`` 0.3.0 (MIT). Used to spot people ("Lloyd Austin") among capitalised words.
- last_names.txt: the 20,000 most frequent US Census 1990 surnames (same package).
- common_words.tsv: lowercase English dictionary words (``english-words`` 2.0.2, MIT:
  web2 + GCIDE) whose wordfreq 3.1.1 (Apache-2.0; data CC-BY-SA 4.0) Zipf frequency is
  at least 3.0, with that frequency. Used to tell a capitalised common word ("Rich",
  "Just") from a place name.

Nothing here comes from an evaluation corpus.

    pip install -e '.[lexicons]'   # names 0.3.0, english-words 2.0.2, wordfreq 3.1.1
    python scripts/make_lexicons.py
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from english_words import get_english_words_set
from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parent.parent / "geomap" / "resources" / "lexicon"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    first: set[str] = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in files("names").joinpath(name).read_text().splitlines():
            if line.strip():
                first.add(line.split()[0].title())
    (OUT / "first_names.txt").write_text("\n".join(sorted(first)) + "\n", encoding="utf-8")

    last = []
    for line in files("names").joinpath("dist.all.last").read_text().splitlines()[:20000]:
        if line.strip():
            last.append(line.split()[0].title())
    # most frequent first: the rank is used ("the 5,000 most frequent surnames")
    (OUT / "last_names.txt").write_text("\n".join(last) + "\n", encoding="utf-8")

    words = get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
    rows = []
    for w in sorted(words):
        if not w.islower() or len(w) < 2:
            continue
        z = zipf_frequency(w, "en")
        if z >= 3.0:
            rows.append(f"{w}\t{z:.2f}")
    (OUT / "common_words.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(first)} first names, {len(rows)} common words -> {OUT}")


if __name__ == "__main__":
    main()
