"""Web pages to article text: the main text only (trafilatura), with the page's metadata.

Navigation, cookie banners, "related stories", comments and footers never reach recognition:
:func:`extract_page` keeps what trafilatura finds as the article's main text and reads the
title, publication date (``article:published_time``, JSON-LD, ``<time>``...), canonical URL,
site name and author from the page. The text is what the Article carries, so sentences and
popups quote exactly it. Only when trafilatura finds no main text at all (a page that is
nothing but a fragment, say) does the plain visible-text pass :func:`html_to_text` stand in,
and the page says so (``PageText.extractor == "visible-text"``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any, ClassVar

__all__ = ["PageText", "extract_page", "html_to_text"]


@dataclass(frozen=True, slots=True)
class PageText:
    """The main text of a page and what its metadata says."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    site: str | None = None
    author: str | None = None
    #: "trafilatura" (main text) or "visible-text" (fallback: trafilatura found no main text)
    extractor: str = "trafilatura"


class _TextExtractor(HTMLParser):
    """Visible text of an HTML document, paragraphs separated by blank lines (the fallback)."""

    _BLOCK: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "article",
        "section",
        "blockquote",
        "header",
        "footer",
        "pre",
        "title",
    }
    _SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Return (every visible text, title) of an HTML document or fragment: no boilerplate
    removal, used for feed entries' HTML and as the fallback of :func:`extract_page`."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    raw = "".join(parser.parts)
    paras = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in re.split(r"\n\s*\n", raw)]
    text = "\n\n".join(p for p in paras if p)
    title = html.unescape(" ".join("".join(parser.title).split())) or None
    return text, title


def _paragraphs(text: str, markup: str) -> str:
    """trafilatura's lines as paragraphs separated by blank lines.

    On pages too small for its main pass, trafilatura may break a paragraph at its inline
    elements ("Fire in" / "Lyon" / "."): consecutive lines that are one run of a single
    paragraph of the page's visible text are joined back.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 1 and any(_fragment(line) for line in lines[1:]):
        visible = "\n\n".join(" ".join(p.split()) for p in html_to_text(markup)[0].split("\n\n"))
        if len(lines) * len(visible) > _REPAIR_WORK:
            return "\n\n".join(lines)  # a big page: trafilatura's main pass kept its paragraphs
        out = [lines[0]]
        for line in lines[1:]:
            glued, spaced = out[-1] + line, out[-1] + " " + line
            if glued in visible:
                out[-1] = glued
            elif spaced in visible:
                out[-1] = spaced
            else:
                out.append(line)
        lines = out
    return "\n\n".join(lines)


#: The repair searches the visible text once per line: only on pages where that is cheap
#: (lines times characters; the small pages it is for), so a page of thousands of unclosed
#: tags costs time in proportion to its length.
_REPAIR_WORK = 20_000_000


def _fragment(line: str) -> bool:
    """A line that may be a piece of a broken paragraph: very short, or starting with
    punctuation or a lower-case letter."""
    return len(line.split()) < 3 or not (
        line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘("
    )


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_ITEMPROP = re.compile(r"""<[^>]+itemprop=["']datePublished["'][^>]*>""", re.IGNORECASE)
_ISO_ATTR = re.compile(r"""(?:content|datetime)=["'](\d{4}-\d{2}-\d{2})""", re.IGNORECASE)


def _itemprop_date(markup: str) -> date | None:
    """A schema.org microdata ``itemprop="datePublished"`` date (htmldate reads it only in its
    extensive search, which also guesses dates from copyright lines)."""
    m = _ITEMPROP.search(markup)
    found = _ISO_ATTR.search(m.group(0)) if m else None
    return _iso_date(found.group(1)) if found else None


def extract_page(markup: str, *, url: str | None = None) -> PageText:
    """The main text and metadata of one HTML page (``url``: where it came from, if known)."""
    import trafilatura

    doc: Any = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
        # the page's own metadata and URL only: no guess from a copyright line or the text
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = _paragraphs(doc.text, markup) if doc is not None and doc.text else ""
    if not text:
        fallback, title = html_to_text(markup)
        return PageText(text=fallback, title=title, url=url, extractor="visible-text")
    return PageText(
        text=text,
        title=doc.title or None,
        published=_iso_date(doc.date) or _itemprop_date(markup),
        url=doc.url or url,
        site=doc.sitename or None,
        author=doc.author or None,
    )
