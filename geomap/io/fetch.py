"""Optional fetching of a page by URL (``geomap map URL --fetch``): never by default.

One GET with a timeout, a user agent and a size cap; the body, the final URL (after
redirects) and the declared charset come back for :mod:`geomap.io.ingest` to read as a page
(or a feed). Every failure is an :class:`InputError` naming the URL.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from geomap.errors import InputError

__all__ = ["DEFAULT_USER_AGENT", "FetchOptions", "Fetched", "fetch", "is_url"]

DEFAULT_USER_AGENT = "geomap/0.1 (+https://example.org/geomap; offline incident mapper)"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch: seconds before giving up, the User-Agent header, the largest body."""

    timeout: float = 10.0
    user_agent: str = DEFAULT_USER_AGENT
    max_bytes: int = 5_000_000


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    body: bytes
    content_type: str
    charset: str | None


def is_url(item: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return item.lower().startswith(("http://", "https://"))


def fetch(url: str, options: FetchOptions) -> Fetched:
    """GET ``url``; :class:`InputError` on a bad status, a timeout or a body over the cap."""
    req = urllib.request.Request(url, headers={"User-Agent": options.user_agent})
    try:
        with urllib.request.urlopen(req, timeout=options.timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise InputError(
                    f"page is {int(length):,} bytes, over the {options.max_bytes:,}-byte cap "
                    "(--max-bytes)",
                    source=url,
                )
            body = resp.read(options.max_bytes + 1)
            if len(body) > options.max_bytes:
                raise InputError(
                    f"page is over the {options.max_bytes:,}-byte cap (--max-bytes)", source=url
                )
            ctype = resp.headers.get("Content-Type") or ""
            return Fetched(
                url=resp.geturl(),
                body=body,
                content_type=ctype.split(";")[0].strip().lower(),
                charset=resp.headers.get_content_charset(),
            )
    except InputError:
        raise
    except urllib.error.HTTPError as e:
        raise InputError(f"fetch failed: HTTP {e.code} {e.reason}", source=url) from e
    except urllib.error.URLError as e:
        raise InputError(f"fetch failed: {e.reason}", source=url) from e
    except TimeoutError as e:
        raise InputError(f"fetch failed: no answer within {options.timeout:g} s", source=url) from e
    except OSError as e:
        raise InputError(f"fetch failed: {e}", source=url) from e
