"""How each kind of place is grouped and drawn. Pure data, no folium."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "CATEGORY_QUAD",
    "GROUPS",
    "PRECISION_LABELS",
    "QUAD_LABELS",
    "QUAD_ORDER",
    "SPECULATIVE_MODALITIES",
    "Group",
    "category_color",
    "group_for",
    "quad_of",
]


@dataclass(frozen=True)
class Group:
    """One toggleable overlay of place mentions."""

    key: str  # css-safe id
    label: str  # shown in the layer control and legend
    color: str
    z_index: int  # Leaflet pane z-index: small places above large areas
    swatch: str  # legend drawing: "dashed-area", "filled-area", "line", "circle"


GROUPS: dict[str, Group] = {
    g.key: g
    for g in (
        Group("countries", "Countries", "#6a3d9a", 410, "dashed-area"),
        Group("regions", "Regions", "#b15928", 420, "dashed-area"),
        Group("provinces", "Provinces/states", "#1f78b4", 430, "dashed-area"),
        Group("seas", "Seas & straits", "#0b6e99", 440, "filled-area"),
        Group("lines", "Lines", "#e31a1c", 450, "line"),
        Group("cities", "Cities & towns", "#d95f02", 460, "circle"),
    )
}

_KIND_TO_GROUP = {
    "country": "countries",
    "dependency": "countries",
    "territory": "countries",
    "admin1": "provinces",
    "admin2": "provinces",
    "admin3": "provinces",
    "province": "provinces",
    "state": "provinces",
    "region": "regions",
    "continent": "regions",
    "zone": "regions",
    "island": "regions",
    "archipelago": "regions",
    "peninsula": "regions",
    "mountain": "regions",
    "city": "cities",
    "town": "cities",
    "village": "cities",
    "capital": "cities",
    "district": "cities",
    "port": "cities",
    "site": "cities",
    "airport": "cities",
    "sea": "seas",
    "strait": "seas",
    "bay": "seas",
    "gulf": "seas",
    "ocean": "seas",
    "channel": "seas",
    "reef": "seas",
    "lake": "seas",
    "river": "lines",
    "line": "lines",
    "border": "lines",
}

PRECISION_LABELS: dict[int, str] = {
    1: "exact site",
    2: "near a named place (~25 km)",
    3: "city or district",
    4: "province / state",
    5: "sub-national region",
    6: "country",
    7: "sea, strait or line",
}

#: radius in metres of the honest "somewhere around here" circle drawn for vague points
AREA_RADIUS_M: dict[int, int] = {
    1: 0,
    2: 25_000,
    3: 10_000,
    4: 100_000,
    5: 150_000,
    6: 300_000,
    7: 150_000,
}


def group_for(kind: str | None, geom_type: str | None, precision: int | None) -> Group:
    """Pick the overlay for a place: by ``kind`` first, by geometry type as a fallback."""
    key = _KIND_TO_GROUP.get((kind or "").strip().lower())
    if key is None:
        if geom_type in ("LineString", "MultiLineString"):
            key = "lines"
        elif geom_type == "Point" and (precision is None or precision <= 3):
            key = "cities"
        else:
            key = "regions"
    return GROUPS[key]


def place_style(group: Group, geom_type: str) -> dict[str, Any]:
    """Leaflet path options for a place feature of ``group``."""
    cls = f"geomap-feature geomap-{group.key}"
    if geom_type in ("LineString", "MultiLineString"):
        return {
            "color": group.color,
            "weight": 3,
            "opacity": 0.9,
            "dashArray": "8 6",
            "className": cls,
        }
    if group.key == "seas":
        return {
            "color": group.color,
            "weight": 1,
            "opacity": 0.8,
            "fillColor": group.color,
            "fillOpacity": 0.3,
            "className": cls,
        }
    if group.key == "cities":
        return {
            "color": group.color,
            "weight": 2,
            "opacity": 1.0,
            "fillColor": "#ffffff",
            "fillOpacity": 0.9,
            "className": cls,
        }
    return {
        "color": group.color,
        "weight": 2,
        "opacity": 0.9,
        "dashArray": "6 4",
        "fillColor": group.color,
        "fillOpacity": 0.07,
        "className": cls,
    }


_PALETTE = [
    "#e41a1c",
    "#377eb8",
    "#4daf4a",
    "#984ea3",
    "#ff7f00",
    "#a65628",
    "#f781bf",
    "#17becf",
    "#999999",
    "#bcbd22",
    "#1b9e77",
    "#7570b3",
    "#66a61e",
]

_CATEGORY_COLORS = {
    "diplomatic_meeting": "#1b9e77",
    "summit_conference": "#66a61e",
    "agreement_cooperation": "#4daf4a",
    "statement_accusation": "#7570b3",
    "threat_warning": "#984ea3",
    "military_activity": "#e6ab02",
    "airspace_incursion": "#ff7f00",
    "maritime_incident": "#377eb8",
    "sanctions_trade": "#a65628",
    "coercion_enforcement": "#f781bf",
    "armed_clash_attack": "#e41a1c",
    "protest_unrest": "#d95f02",
    "other": "#777777",
}


def category_color(category: str) -> str:
    """A stable colour for an incident category (known categories have fixed colours)."""
    if category in _CATEGORY_COLORS:
        return _CATEGORY_COLORS[category]
    return _PALETTE[sum(map(ord, category)) % len(_PALETTE)]


#: quad classes in display order (layer control and legend), with their labels
QUAD_ORDER: tuple[str, ...] = (
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
    "",
)
QUAD_LABELS: dict[str, str] = {
    "verbal cooperation": "Verbal cooperation",
    "material cooperation": "Material cooperation",
    "verbal conflict": "Verbal conflict",
    "material conflict": "Material conflict",
    "": "Other",
}

#: fallback quad class of a category when the incident row has no ``quad_class``
CATEGORY_QUAD: dict[str, str] = {
    "diplomatic_meeting": "verbal cooperation",
    "summit_conference": "verbal cooperation",
    "agreement_cooperation": "verbal cooperation",
    "statement_accusation": "verbal conflict",
    "threat_warning": "verbal conflict",
    "military_activity": "material conflict",
    "airspace_incursion": "material conflict",
    "maritime_incident": "material conflict",
    "sanctions_trade": "material conflict",
    "coercion_enforcement": "material conflict",
    "armed_clash_attack": "material conflict",
    "protest_unrest": "material conflict",
    "other": "",
}

#: modalities drawn dashed/faded and labelled in popups: the event has not (yet) happened
SPECULATIVE_MODALITIES: dict[str, str] = {
    "future": "FUTURE: announced or planned, has not happened yet",
    "planned": "FUTURE: announced or planned, has not happened yet",
    "hypothetical": "HYPOTHETICAL: may or may not happen",
    "possible": "HYPOTHETICAL: may or may not happen",
    "threatened": "HYPOTHETICAL: threatened, may or may not happen",
}


def quad_of(category: str, quad_class: str | None) -> str:
    """The quad class used to group ``category`` ('' = other)."""
    q = (quad_class or "").strip().lower()
    if q in QUAD_LABELS:
        return q
    return CATEGORY_QUAD.get(category, "")
