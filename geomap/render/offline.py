"""Make a rendered folium page self-contained: inline vendored JS/CSS, refuse remote assets.

folium links Leaflet, jQuery, Bootstrap, Font Awesome and Leaflet.awesome-markers from CDNs.
:func:`inline_assets` replaces every ``<script src>`` and stylesheet ``<link>`` with the content
of the copy vendored in ``geomap/resources/vendor`` (see ``scripts/vendor_assets.sh``), drops the
assets nothing of ours uses, and :func:`assert_offline` raises if any remote script or stylesheet
is left. CSS ``url(...)`` references to vendored images become ``data:`` URIs.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
import re
from dataclasses import dataclass
from functools import cache

from geomap.errors import ResourceError
from geomap.resources import read_bytes, read_text

__all__ = ["OfflineAssetError", "assert_offline", "inline_assets", "vendor_text", "web_text"]


class OfflineAssetError(ResourceError):
    """A map would need the network: a remote script/stylesheet has no vendored copy."""


@dataclass(frozen=True)
class _Asset:
    vendored: str | None  # path under resources/vendor, None = drop
    # JS identifiers whose use in the page means the dropped asset is needed after all
    needed_if: tuple[str, ...] = ()


_LEAFLET_JS = _Asset("leaflet/leaflet.js")
_LEAFLET_CSS = _Asset("leaflet/leaflet.css")

#: URL (without query/fragment) -> what to do with it.  Keyed by exact URL so that a folium
#: upgrade that changes a version shows up as an error instead of a silently mismatched file.
ASSETS: dict[str, _Asset] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": _LEAFLET_JS,
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": _LEAFLET_CSS,
    "https://code.jquery.com/jquery-3.7.1.min.js": _Asset(None, ("jQuery", "$(")),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": _Asset(
        None, ("bootstrap.", "data-bs-")
    ),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": _Asset(None),
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": _Asset(
        None, ("glyphicon",)
    ),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": _Asset(
        None, ("fa-solid", "fa-regular", '"fa ', 'prefix": "fa"')
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
    "leaflet.awesome-markers.js": _Asset(None, ("L.AwesomeMarkers",)),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
    "leaflet.awesome-markers.css": _Asset(None),
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
    "leaflet.awesome.rotate.min.css": _Asset(None),
}

_SCRIPT_SRC = re.compile(
    r"""<script\b[^>]*?\bsrc\s*=\s*(["'])(?P<url>[^"']+)\1[^>]*>\s*</script\s*>""",
    re.IGNORECASE,
)
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(["'])(?P<url>[^"']+)\1""", re.IGNORECASE)
_REL_STYLESHEET = re.compile(r"""\brel\s*=\s*["']?stylesheet""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(["']?)(?P<url>[^)"']+)\1\s*\)""")
_SOURCEMAP = re.compile(r"^\s*(//|/\*)#\s*sourceMappingURL=.*$", re.MULTILINE)
_STYLE = re.compile(r"<style\b[^>]*>(?P<css>.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_IMPORT = re.compile(r"@import\s+(?:url\()?\s*[\"']?((?:https?:)?//[^\"')\s;]+)", re.IGNORECASE)
_REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def _vendor_bytes(rel: str) -> bytes:
    return read_bytes(f"vendor/{rel}")


@cache
def vendor_text(rel: str) -> str:
    """Return a vendored JS/CSS file (``resources/vendor/REL``) ready to inline (CSS images
    as data URIs)."""
    return _inlinable(rel, _vendor_bytes(rel).decode("utf-8"), base_dir="vendor")


@cache
def web_text(name: str) -> str:
    """Return geomap's own JS/CSS file ``resources/web/NAME`` ready to inline."""
    return _inlinable(name, read_text(f"web/{name}"), base_dir="web")


def _inlinable(rel: str, text: str, *, base_dir: str) -> str:
    """``text`` of the asset ``rel`` safe inside an inline ``<script>``/``<style>``: no source
    map comment, no closing tag, CSS ``url()`` images as data URIs."""
    text = _SOURCEMAP.sub("", text)
    if rel.endswith(".css"):
        base = posixpath.dirname(rel)

        def to_data_uri(m: re.Match[str]) -> str:
            url = m.group("url").strip()
            if url.startswith(("data:", "#")):
                return m.group(0)
            if _REMOTE.match(url):
                raise OfflineAssetError(f"{rel}: remote url({url}) in inlined CSS")
            target = posixpath.normpath(posixpath.join(base, url.split("?")[0].split("#")[0]))
            mime = mimetypes.guess_type(target)[0] or "application/octet-stream"
            data = base64.b64encode(read_bytes(f"{base_dir}/{target}")).decode("ascii")
            return f'url("data:{mime};base64,{data}")'

        text = _CSS_URL.sub(to_data_uri, text)
        text = re.sub(r"</style", r"<\\/style", text, flags=re.IGNORECASE)
    else:
        text = re.sub(r"</script", r"<\\/script", text, flags=re.IGNORECASE)
    return text


def _strip_query(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


def _uses(html: str, asset: _Asset) -> str | None:
    for token in asset.needed_if:
        if token in html:
            return token
    return None


def inline_assets(html: str) -> str:
    """Return ``html`` with folium's CDN assets replaced by inline vendored copies.

    Raises
    ------
    OfflineAssetError
        If a remote asset has no vendored copy, or a dropped asset is used by the page.
    """
    body_without_assets = _LINK.sub("", _SCRIPT_SRC.sub("", html))
    inlined: set[str] = set()

    def resolve(url: str) -> _Asset:
        asset = ASSETS.get(_strip_query(url))
        if asset is None:
            raise OfflineAssetError(
                f"no vendored copy of {url}; add it to geomap/render/offline.py ASSETS and "
                "scripts/vendor_assets.sh"
            )
        if asset.vendored is None:
            token = _uses(body_without_assets, asset)
            if token is not None:
                raise OfflineAssetError(
                    f"the map uses {token!r} from {url}, which geomap does not vendor"
                )
        return asset

    def script(m: re.Match[str]) -> str:
        url = m.group("url")
        if not _REMOTE.match(url):
            return m.group(0)
        asset = resolve(url)
        if asset.vendored is None or asset.vendored in inlined:
            return ""
        inlined.add(asset.vendored)
        code = vendor_text(asset.vendored)
        return f"<script>/* {asset.vendored} (vendored) */\n{code}\n</script>"

    def link(m: re.Match[str]) -> str:
        tag = m.group(0)
        href = _HREF.search(tag)
        if not href or not _REL_STYLESHEET.search(tag) or not _REMOTE.match(href.group("url")):
            return tag
        asset = resolve(href.group("url"))
        if asset.vendored is None or asset.vendored in inlined:
            return ""
        inlined.add(asset.vendored)
        return f"<style>/* {asset.vendored} (vendored) */\n{vendor_text(asset.vendored)}\n</style>"

    out = _SCRIPT_SRC.sub(script, html)
    out = _LINK.sub(link, out)
    assert_offline(out)
    return out


def remote_assets(html: str) -> list[str]:
    """Return the URLs of remote scripts, stylesheets and CSS imports left in ``html``."""
    found = [m.group("url") for m in _SCRIPT_SRC.finditer(html) if _REMOTE.match(m.group("url"))]
    for m in re.finditer(r"<script\b[^>]*\bsrc\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", html, re.I):
        if m.group(1) not in found:
            found.append(m.group(1))
    for m in _LINK.finditer(html):
        tag = m.group(0)
        href = _HREF.search(tag)
        if href and _REMOTE.match(href.group("url")) and _REL_STYLESHEET.search(tag):
            found.append(href.group("url"))
    # an @import only loads anything inside a stylesheet: text that merely quotes one (an
    # article sentence in a popup, the page title) is not an asset
    for style in _STYLE.finditer(html):
        found += _IMPORT.findall(style.group("css"))
    return found


def assert_offline(html: str) -> None:
    """Raise :class:`OfflineAssetError` if ``html`` loads any script or stylesheet remotely."""
    remote = remote_assets(html)
    if remote:
        raise OfflineAssetError(
            "map HTML still loads remote assets: " + ", ".join(sorted(set(remote)))
        )
