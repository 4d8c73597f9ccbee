"""What every command shares: exit codes, one-line messages, the failure listing, options."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from geomap.io.fetch import DEFAULT_USER_AGENT, FetchOptions
from geomap.io.ingest import FORMATS, MAX_BYTES, Failure

__all__ = [
    "EXIT_FATAL",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "add_article_options",
    "add_geocoder_options",
    "err",
    "fallback_from_args",
    "fallback_spec",
    "overrides",
    "pipeline_from_args",
    "report_failures",
]

#: 0 all done; 1 some inputs failed (the others were processed and written); 2 nothing could
#: be done (usage, no readable input, an output that cannot be written, an internal error)
EXIT_OK, EXIT_PARTIAL, EXIT_FATAL = 0, 1, 2

#: set by ``geomap --debug``: failures and internal errors also print their traceback
DEBUG = False


def err(msg: str) -> None:
    """Print ``geomap: msg`` on stderr."""
    print(f"geomap: {msg}", file=sys.stderr)


def report_failures(failures: Sequence[Failure]) -> None:
    """List every input that failed, one line each (file, line, reason)."""
    if not failures:
        return
    err(f"{len(failures)} input(s) could not be read or processed:")
    for f in failures:
        print(f"  {f}", file=sys.stderr)
        if DEBUG and f.error is not None:
            traceback.print_exception(f.error, file=sys.stderr)
    if not DEBUG and any(f.error is not None for f in failures):
        print("  (run with --debug for the tracebacks)", file=sys.stderr)


def add_article_options(p: argparse.ArgumentParser) -> None:
    """Inputs, how to read them, and the metadata flags for texts that lack them."""
    p.add_argument(
        "inputs",
        nargs="+",
        help=".txt/.md/.html files, folders, JSONL corpora, RSS/Atom feeds (.rss/.atom/.xml), "
        "web archives (.warc/.warc.gz), - for standard input, or URLs with --fetch",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="read every input as this kind instead of guessing from its name or first bytes "
        "(stdin is sniffed: text, HTML, JSONL, feed or WARC)",
    )
    p.add_argument(
        "--published", help="publication date (YYYY-MM-DD) for articles whose input has none"
    )
    p.add_argument("--title", help="article title, for articles whose input has none")
    p.add_argument("--url", help="article URL, for articles whose input has none")
    p.add_argument(
        "--override-metadata",
        action="store_true",
        help="let --published/--title/--url replace what the input says (its .meta.json, the "
        "page's metadata, the JSONL record, the feed entry); by default they only fill gaps",
    )
    f = p.add_argument_group("fetching (off by default: no network request is made)")
    f.add_argument("--fetch", action="store_true", help="download inputs that are http(s):// URLs")
    f.add_argument(
        "--timeout", type=float, default=10.0, help="seconds to wait for a page (default 10)"
    )
    f.add_argument(
        "--user-agent",
        help="User-Agent header sent with --fetch (default: geomap's) and to the fallback "
        "geocoder (required for Nominatim: a name for your application)",
    )
    f.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        help=f"largest page --fetch downloads (default {MAX_BYTES:,})",
    )
    add_geocoder_options(p)


def add_geocoder_options(p: argparse.ArgumentParser, *, user_agent: bool = False) -> None:
    """The fallback geocoder's options (``user_agent``: also add ``--user-agent``, for the
    commands without the fetching options)."""
    g = p.add_argument_group(
        "fallback geocoder (off by default: no network request is made)",
        "names the gazetteer cannot place are sent to an online geocoder; every answer is "
        "cached, so a second run asks nothing",
    )
    g.add_argument(
        "--fallback-geocoder",
        metavar="SERVICE",
        help="a geopy service: nominatim, photon, pelias, ... (Nominatim's policy: one "
        "request a second, a --user-agent naming your application)",
    )
    if user_agent:
        g.add_argument(
            "--user-agent", help="User-Agent sent to the geocoder (required for Nominatim)"
        )
    g.add_argument(
        "--geocoder-domain", metavar="HOST", help="the service's host (e.g. your own Nominatim)"
    )
    g.add_argument("--geocoder-scheme", choices=("https", "http"), help="default https")
    g.add_argument(
        "--geocoder-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="seconds to wait for an answer (default 10)",
    )
    g.add_argument(
        "--geocoder-min-delay",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="seconds between two requests (default 1)",
    )
    g.add_argument(
        "--geocoder-cache",
        metavar="FILE",
        help="the answers' SQLite cache (default geocoder-cache.sqlite in the cache folder, "
        "$GEOMAP_CACHE or ~/.cache/geomap)",
    )


def fallback_spec(args: argparse.Namespace, *, check: bool = True) -> Any:
    """The :class:`geomap.places.fallback.FallbackSpec` the options ask for (None: no
    fallback); ``check``: build it once, so that bad settings are a usage error before any
    work."""
    name = getattr(args, "fallback_geocoder", None)
    if not name:
        return None
    from geomap.gazetteer.cache import cache_dir
    from geomap.places.fallback import CACHE_NAME, FallbackSpec

    options: dict[str, Any] = {"timeout": args.geocoder_timeout}
    for key in ("user_agent", "geocoder_domain", "geocoder_scheme"):
        if getattr(args, key, None):
            options[key.removeprefix("geocoder_")] = getattr(args, key)
    spec = FallbackSpec(
        str(name),
        options,
        str(args.geocoder_cache or cache_dir() / CACHE_NAME),
        max(0.0, args.geocoder_min_delay),
    )
    if check:
        spec.build()
    return spec


def fallback_from_args(args: argparse.Namespace) -> Any:
    """The :class:`geomap.places.fallback.Fallback` the options ask for (None: no fallback)."""
    spec = fallback_spec(args, check=False)
    return spec.build() if spec is not None else None


def pipeline_from_args(args: argparse.Namespace, **kwargs: Any) -> Any:
    """A :class:`geomap.pipeline.Pipeline` with the fallback geocoder the options ask for."""
    from geomap.pipeline import Pipeline

    return Pipeline(fallback_geocoder=fallback_from_args(args), **kwargs)


def overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The metadata flags and reading options of ``args`` as ingest overrides (see
    :mod:`geomap.io.ingest` for the precedence)."""
    fetch = None
    if getattr(args, "fetch", False):
        fetch = FetchOptions(
            timeout=args.timeout,
            user_agent=args.user_agent or DEFAULT_USER_AGENT,
            max_bytes=args.max_bytes,
        )
    return {
        "published": getattr(args, "published", None),
        "title": getattr(args, "title", None),
        "url": getattr(args, "url", None),
        "format": getattr(args, "format", None),
        "fetch": fetch,
        "override_metadata": bool(getattr(args, "override_metadata", False)),
    }
