"""Headless Chromium (system browser) for map tests; fails on any network request."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("GEOMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ALLOWED_SCHEMES = ("data:", "blob:")


def _chromium_missing() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} not found (apt-get install chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (python package) not installed: pip install -e '.[test]'"
    return None


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> Iterator[Any]:
    reason = _chromium_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright talks to its driver over pipes, but starting its asyncio loop creates a
    # socketpair, which pytest-socket's --disable-socket refuses: lift the block just while the
    # driver and browser start (pytest-socket re-applies it before every test).
    blocked = bool(request.config.getoption("disable_socket", default=False))
    if blocked:
        import pytest_socket

        pytest_socket.enable_socket()
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception:
        pw.stop()
        raise
    finally:
        if blocked:
            pytest_socket.disable_socket(allow_unix_socket=True)
    try:
        yield b
    finally:
        b.close()
        pw.stop()


@dataclass
class PageLog:
    """What happened while a page was open."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.blocked == [], f"map made network requests: {self.blocked}"
        assert self.dialogs == [], f"a dialog fired (script injection?): {self.dialogs}"
        assert self.page_errors == [], f"page errors: {self.page_errors}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"


@pytest.fixture
def open_map(browser: Any) -> Iterator[Any]:
    """``open_map(path, size=(1280, 800)) -> PageLog``: open a local HTML file at that viewport
    size with the network cut off."""
    contexts: list[Any] = []

    def _open(path: Path, size: tuple[int, int] = (1280, 800)) -> PageLog:
        ctx = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, service_workers="block"
        )
        contexts.append(ctx)
        page = ctx.new_page()
        url = Path(path).resolve().as_uri()
        log = PageLog(page=page, url=url)

        def allowed(u: str) -> bool:
            return u == url or u.startswith(ALLOWED_SCHEMES)

        def route(r: Any) -> None:
            if allowed(r.request.url):
                r.continue_()
            else:
                log.blocked.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        page.on(
            "request",
            lambda req: (
                log.requests.append(req.url),
                None if allowed(req.url) or req.url in log.blocked else log.blocked.append(req.url),
            ),
        )
        page.on(
            "console",
            lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda err: log.page_errors.append(str(err)))

        def on_dialog(d: Any) -> None:
            log.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(url, wait_until="load")
        page.wait_for_selector(".leaflet-control-layers", timeout=15_000)
        return log

    yield _open
    for ctx in contexts:
        ctx.close()
