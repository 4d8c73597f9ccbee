"""The shape of the package: one-way imports (import-linter's contracts in pyproject.toml),
small modules, faces with ``__all__``, package data read in one place."""

from __future__ import annotations

import ast
import shutil
import subprocess
import tomllib

import pytest

from tests.conftest import ROOT

PKG = ROOT / "geomap"
MODULES = sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


def test_import_contracts() -> None:
    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    proc = subprocess.run([exe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_contracts_hold_without_exceptions() -> None:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    linter = cfg["importlinter"]
    assert linter.get("exclude_type_checking_imports") is False
    kinds = [c["type"] for c in linter["contracts"]]
    assert "layers" in kinds and "forbidden" in kinds
    for contract in linter["contracts"]:
        assert "ignore_imports" not in contract, contract["name"]


def test_no_module_over_800_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in MODULES
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 800
    }
    assert long == {}


def test_at_most_ten_modules_at_the_top() -> None:
    top = sorted(p.name for p in PKG.glob("*.py"))
    assert len(top) <= 10, top


def test_every_package_has_a_face() -> None:
    for init in PKG.rglob("__init__.py"):
        if "resources" in init.relative_to(PKG).parts[:-1] and init.parent.name != "resources":
            continue
        tree = ast.parse(init.read_text(encoding="utf-8"))
        names = {
            t.id
            for node in tree.body
            if isinstance(node, ast.Assign | ast.AnnAssign)
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(t, ast.Name)
        }
        assert "__all__" in names, init.relative_to(ROOT)


def test_package_data_is_read_through_one_loader() -> None:
    """Only geomap/resources/__init__.py locates package files (no importlib.resources or
    Path(__file__) elsewhere)."""
    loader = PKG / "resources" / "__init__.py"
    offenders = []
    for p in MODULES:
        if p == loader:
            continue
        src = p.read_text(encoding="utf-8")
        if "importlib.resources" in src or "from importlib import resources" in src:
            offenders.append(f"{p.relative_to(ROOT)}: importlib.resources")
        if "__file__" in src:
            offenders.append(f"{p.relative_to(ROOT)}: __file__")
    assert offenders == []
