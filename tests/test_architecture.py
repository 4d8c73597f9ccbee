"""The one-way data flow, checked by import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import ROOT


def test_import_contracts() -> None:
    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    proc = subprocess.run([exe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
