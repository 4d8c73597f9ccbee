"""Small branca/folium elements: template + validated data. No CDN assets of their own."""

from __future__ import annotations

import json
import re
from typing import Any

from branca.element import Element, Figure, MacroElement

from geomap.errors import UsageError
from geomap.render.offline import web_text
from geomap.render.packing import Packed

try:  # folium >= 0.19 ships its own Template with the tojavascript filter
    from folium.template import Template
except ImportError:  # pragma: no cover
    from jinja2 import Template

__all__ = [
    "Attribution",
    "GeoJsonLayer",
    "Legend",
    "LiteralMacroElement",
    "Pane",
    "StyleSheet",
    "TitleBox",
    "Unpack",
    "js_json",
]

#: characters that could end the script or open template syntax (every Jinja opener, ``{{``,
#: ``{%``, ``{#``, starts with ``{``) or a CSS at-rule, inside a JSON string; written as
#: ``\\uXXXX`` escapes, which JavaScript reads back as the same characters
_JSON_STRING_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "{": "\\u007b",
        "}": "\\u007d",
        "@": "\\u0040",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def js_json(obj: Any) -> str:
    """JSON safe to place inside an inline ``<script>``.

    Inside every JSON string, ``<``, ``>``, ``&`` (no ``</script>``, no ``<!--``), U+2028/9,
    and the characters of template and CSS syntax (``{``, ``}``, ``@``) are written as
    ``\\uXXXX`` escapes: the browser reads the same text back, but no template engine and no
    scanner of the page sees ``{{``, ``{%``, ``{#`` or ``@import`` coming from the data.
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_STRING.sub(lambda m: m.group().translate(_JSON_STRING_ESCAPES), s)


class _Literal(Element):
    """Output already rendered, placed in the page verbatim (never parsed as a template)."""

    def __init__(self, rendered: str):
        super().__init__()
        self._rendered = rendered

    def render(self, **kwargs: Any) -> str:
        return self._rendered


class LiteralMacroElement(MacroElement):
    """A ``MacroElement`` whose rendered macros are put in the page as they are.

    branca's ``MacroElement.render`` wraps the output of each macro in a new ``Element``, whose
    constructor compiles that output as a *Jinja template* and renders it a second time: any
    ``{{ ... }}`` that came in with the data (article text, titles, URLs) would be evaluated on
    the machine building the map. Every geomap element derives from this class instead, so its
    template runs once, over trusted template source, with data only as values.
    """

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} can only be rendered inside a Figure")
        module = self._template.module
        for part in ("header", "html", "script"):
            macro = getattr(module, part, None)
            if macro is not None:
                getattr(figure, part).add_child(
                    _Literal(str(macro(self, kwargs))), name=self.get_name()
                )
        for element in self._children.values():
            element.render(**kwargs)
        return ""  # the parts went into the figure


class Pane(LiteralMacroElement):
    """A Leaflet map pane with a fixed z-index, so toggling layers keeps their stacking order."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.createPane({{ this.pane_js }});
            {{ this._parent.get_name() }}.getPane({{ this.pane_js }}).style.zIndex =
                {{ this.z_index }};
            {%- if not this.interactive %}
            {{ this._parent.get_name() }}.getPane({{ this.pane_js }}).style.pointerEvents = "none";
            {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, name: str, z_index: int, *, interactive: bool = True):
        super().__init__()
        self._name = "Pane"
        self.pane_name = name
        self.pane_js = js_json(name)
        self.z_index = int(z_index)
        self.interactive = interactive


class GeoJsonLayer(LiteralMacroElement):
    """Draw a GeoJSON FeatureCollection into its parent layer (e.g. a ``folium.FeatureGroup``).

    Each feature may carry ``_style`` (Leaflet path options), ``_radius_px`` (circle marker),
    ``_radius_m`` (circle of that many metres, for vague points), ``_popup`` and ``_tooltip``
    (HTML strings, **already escaped** by the caller). Data is embedded with :func:`js_json`,
    or LZMA-packed when given as :class:`~geomap.render.packing.Packed` (the page needs the
    :class:`Unpack` element then).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var pane = {{ this.pane_js }};
            var base = {{ this.style_js }};
            function opts(f) {
                var own = (f && f.properties && f.properties._style) || {};
                return Object.assign({pane: pane}, base, own);
            }
            L.geoJSON({{ this.data_js }}, {
                pane: pane,
                interactive: {{ this.interactive_js }},
                style: opts,
                pointToLayer: function (f, latlng) {
                    var o = opts(f), p = f.properties || {};
                    if (p._radius_m) { o.radius = p._radius_m; return L.circle(latlng, o); }
                    o.radius = p._radius_px || 6;
                    return L.circleMarker(latlng, o);
                },
                onEachFeature: function (f, layer) {
                    var p = f.properties || {};
                    // width and auto-pan padding come from L.Popup's defaults, which
                    // incidents.js sets from the screen size and the panels
                    if (p._popup) { layer.bindPopup(p._popup); }
                    if (p._tooltip) { layer.bindTooltip(p._tooltip, {sticky: true}); }
                }
            }).addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data: dict[str, Any] | Packed,
        *,
        pane: str = "overlayPane",
        style: dict[str, Any] | None = None,
        interactive: bool = True,
    ):
        super().__init__()
        if isinstance(data, Packed):  # read back by the page (the Unpack element's script)
            self.data_js = data.js
        elif data.get("type") != "FeatureCollection":
            raise UsageError(f"GeoJsonLayer needs a FeatureCollection, got {data.get('type')!r}")
        else:
            self.data_js = js_json(data)
        self._name = "GeoJsonLayer"
        self.pane_js = js_json(pane)
        self.style_js = js_json(style or {})
        self.interactive_js = "true" if interactive else "false"


class _Control(LiteralMacroElement):
    """A Leaflet control holding fixed HTML (built and escaped in Python)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var c = L.control({position: {{ this.position_js }}});
            c.onAdd = function () {
                var d = L.DomUtil.create("div", {{ this.css_class_js }});
                d.innerHTML = {{ this.html_js }};
                L.DomEvent.disableClickPropagation(d);
                L.DomEvent.disableScrollPropagation(d);
                return d;
            };
            c.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, position: str, css_class: str):
        super().__init__()
        self._name = type(self).__name__
        self.html_js = js_json(html)
        self.position_js = js_json(position)
        self.css_class_js = js_json(css_class)


class Legend(_Control):
    """The map legend (folium has none: issue #528). ``html`` must be escaped already."""

    def __init__(self, html: str, position: str = "bottomleft"):
        super().__init__(html, position=position, css_class="geomap-legend leaflet-bar")


class TitleBox(_Control):
    """A title box at the top of the map. ``html`` must be escaped already."""

    def __init__(self, html: str, position: str = "topright"):
        super().__init__(html, position=position, css_class="geomap-title leaflet-bar")


class Attribution(LiteralMacroElement):
    """Add (escaped) attribution HTML to Leaflet's attribution control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.html_js }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "Attribution"
        self.html_js = js_json(html)


class Unpack(LiteralMacroElement):
    """The page's readers of packed data (``resources/web/unpack.js``: base85, LZMA). Add it to
    the map first: the elements after it may read packed data while the page script runs."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.code }}
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Unpack"
        self.code = web_text("unpack.js")


class StyleSheet(LiteralMacroElement):
    """Inline CSS in the page header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        """
    )

    def __init__(self, css: str):
        super().__init__()
        if "</" in css:
            raise UsageError("CSS must not contain '</'")
        self._name = "StyleSheet"
        self.css = css
