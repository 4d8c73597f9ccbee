"""Command line: ``geomap COMMAND ...``; one module per command group."""

from geomap.cli.main import main

__all__ = ["main"]
