"""Execute every notebook in notebooks/ and check it ran cleanly.

Each notebook runs in a fresh ``python3`` kernel (the kernel of the interpreter running the
tests) with a temporary working folder and ``GEOMAP_NOTEBOOK_OUT`` pointing at a temporary
output folder; it must produce no error output and write at least one GeoJSON file there.
``incidents_analysis.ipynb`` is also run with incident extraction switched off
(``GEOMAP_NOTEBOOK_INCIDENTS=0``): its cells must cope with an empty incidents frame.

Needs no network and no ../shared: the kernel talks to the test over loopback only, and the
notebooks read data/articles and the offline gazetteer.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.slow

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python3`` if a kernel spec of that name exists (the venv's, as ipykernel installs
    it); otherwise one written for this interpreter into a temporary prefix."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
        exe = spec.argv[0] if spec.argv else ""
        # jupyter_client runs a bare "python"/"python3" as sys.executable
        bare = exe in {"python", "python3", f"python3.{sys.version_info[1]}"}
        if bare or (Path(exe).exists() and Path(exe).samefile(sys.executable)):
            yield "python3"
            return
    except NoSuchKernel:
        pass
    from ipykernel.kernelspec import install

    prefix = tmp_path_factory.mktemp("kernel-prefix")
    install(prefix=str(prefix), kernel_name="geomap-test")
    spec_file = prefix / "share" / "jupyter" / "kernels" / "geomap-test" / "kernel.json"
    spec = json.loads(spec_file.read_text())
    spec["argv"][0] = sys.executable  # the interpreter running the tests, with geomap
    spec_file.write_text(json.dumps(spec))
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    try:
        yield "geomap-test"
    finally:
        mp.undo()


def _execute(path: Path, kernel: str, workdir: Path, request: pytest.FixtureRequest) -> object:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, kernel_name=kernel, timeout=300, resources={"metadata": {"path": str(workdir)}}
    )
    # The kernel's channels are ZeroMQ over loopback TCP; pytest-socket's --disable-socket
    # would refuse the port probing, so lift it only while the kernel runs.
    blocked = bool(request.config.getoption("disable_socket", default=False))
    if blocked:
        import pytest_socket

        pytest_socket.enable_socket()
    try:
        client.execute()
    finally:
        if blocked:
            pytest_socket.disable_socket(allow_unix_socket=True)
    return nb


def _errors(nb: object) -> list[str]:
    out = []
    for i, cell in enumerate(nb.cells):  # type: ignore[attr-defined]
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                out.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
            elif (
                o.get("output_type") == "stream"
                and o.get("name") == "stderr"
                and ("Traceback" in o.get("text", "") or "Error" in o.get("text", ""))
            ):
                out.append(f"cell {i} stderr: {o['text'][:500]}")
    return out


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "notebooks/ holds no .ipynb"


def test_notebooks_are_saved_without_outputs() -> None:
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        dirty = [
            i
            for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and (c.outputs or c.execution_count)
        ]
        assert not dirty, f"{path.name}: clear the outputs of cells {dirty} before saving"


CASES = [pytest.param(p, "1", id=p.stem) for p in NOTEBOOKS]
CASES += [
    pytest.param(p, "0", id=f"{p.stem}-no-incidents")
    for p in NOTEBOOKS
    if p.name == "incidents_analysis.ipynb"
]


@pytest.mark.parametrize(("path", "with_incidents"), CASES)
def test_notebook_runs(
    path: Path,
    with_incidents: str,
    kernel_name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    out = tmp_path / "out"
    work = tmp_path / "work"
    work.mkdir()
    # the kernel inherits the environment of this process
    monkeypatch.setenv("GEOMAP_NOTEBOOK_OUT", str(out))
    monkeypatch.setenv("GEOMAP_NOTEBOOK_INCIDENTS", with_incidents)
    monkeypatch.setenv("GEOMAP_ARTICLES", str(ROOT / "data" / "articles"))
    monkeypatch.setenv("MPLBACKEND", "Agg")

    nb = _execute(path, kernel_name, work, request)

    assert not _errors(nb), "\n".join(_errors(nb))
    written = sorted(out.glob("*.geojson"))
    assert written, f"{path.name} wrote no GeoJSON into {out}"
    for gj in written:
        doc = json.loads(gj.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection"
    if path.name == "incidents_analysis.ipynb":
        places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
        assert places["features"], "no places exported"
        incidents = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))
        if with_incidents == "0":
            assert incidents["features"] == []
        html = (out / "incidents_analysis.html").read_text(encoding="utf-8")
        # the hostile markup of the illustrative article stays text
        assert "<script>alert" not in html and "<img src=x" not in html
