"""Command line: arguments -> pipeline -> render/export; errors -> messages and exit codes.

Exit codes: 0 success; 1 some inputs failed (the others were processed); 2 usage or
fatal error (nothing useful could be done). Every error is one line on stderr; ``--debug``
adds the tracebacks.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from geomap import __version__
from geomap._gc import long_run
from geomap.cli import batch, common, evaluate, incidents, places
from geomap.cli.common import EXIT_FATAL, EXIT_OK, err
from geomap.errors import GeomapError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The ``geomap`` argument parser with every command."""
    p = argparse.ArgumentParser(
        prog="geomap",
        description="news articles -> places and incidents -> offline maps and exports",
    )
    p.add_argument("--version", action="version", version=f"geomap {__version__}")
    p.add_argument(
        "--debug",
        action="store_true",
        help="print the traceback of failed inputs and internal errors",
    )
    sub = p.add_subparsers(dest="command", required=True)
    for group in (places, incidents, batch, evaluate):
        group.add_subparsers(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``geomap`` with ``argv`` (default: the process arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    common.DEBUG = bool(args.debug)
    try:
        with long_run():  # the collector's thresholds for a long run (geomap._gc)
            return int(args.func(args))
    except GeomapError as error:
        err(str(error))
        return EXIT_FATAL
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # a bug: one line, the traceback only with --debug
        if common.DEBUG:
            raise
        err(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)")
        return EXIT_FATAL
