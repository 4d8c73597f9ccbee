"""Credits every output carries (one home, imported by the gazetteer, maps and exports)."""

from __future__ import annotations

#: GeoNames is CC BY 4.0: maps and exports must credit it.
GEONAMES = (
    "Contains place data from GeoNames (https://www.geonames.org/), licensed under "
    "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
)
#: The short form for a map's attribution control.
GEONAMES_SHORT = "Place names and coordinates: GeoNames (geonames.org), CC BY 4.0"
#: Every source of the embedded gazetteer.
GAZETTEER = (
    "Place data © GeoNames (CC BY 4.0), Natural Earth (public domain), US Census Bureau "
    "(public domain, via us-atlas), airportsdata (MIT), geomap curated layer"
)
GAZETTEER_HTML = (
    'Place data © <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0), '
    '<a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain), '
    "US Census Bureau (public domain), airportsdata (MIT), geomap curated layer"
)

#: OpenStreetMap data (ODbL 1.0) must be credited wherever it is shown: the answers of the
#: online geocoders in :data:`OSM_GEOCODERS` (geopy service names, as the ``geocoder`` column
#: of the places frame records them) are OpenStreetMap data.
OSM = (
    "© OpenStreetMap contributors (https://www.openstreetmap.org/copyright), available under "
    "the Open Database License (ODbL)"
)
OSM_HTML = (
    '© <a href="https://www.openstreetmap.org/copyright" target="_blank" '
    'rel="noopener noreferrer">OpenStreetMap contributors</a> '
    '(<a href="https://opendatacommons.org/licenses/odbl/" target="_blank" '
    'rel="noopener noreferrer">ODbL</a>)'
)
OSM_GEOCODERS = frozenset({"nominatim", "photon", "openmapquest"})
