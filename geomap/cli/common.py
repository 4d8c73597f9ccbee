"""What every command shares: exit codes, one-line messages, the failure listing, options."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from geomap.io.ingest import Failure

__all__ = [
    "EXIT_FATAL",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "add_article_options",
    "err",
    "overrides",
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
    """Inputs and the metadata flags for texts that lack them."""
    p.add_argument("inputs", nargs="+", help=".txt/.md/.html files, folders or JSONL corpora")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for texts without one")
    p.add_argument("--title", help="article title, for texts without one")
    p.add_argument("--url", help="article URL, for texts without one")


def overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The metadata flags of ``args`` as ingest overrides."""
    return {
        "published": getattr(args, "published", None),
        "title": getattr(args, "title", None),
        "url": getattr(args, "url", None),
    }
