"""The embedded offline gazetteer: place names, points and shapes, looked up by normalised name.

* :class:`Gazetteer` (``base``): the contract the stages see, and :data:`Candidates`;
* :class:`SqliteGazetteer` (``sqlite``): the SQLite file built once from installed packages
  plus the curated data in ``geomap/resources/gazetteer/`` (``build``, a sub-package run as
  ``python -m geomap.gazetteer.build``);
* :func:`open_gazetteer`, :func:`default_path`, :func:`cache_dir` (``cache``): the cached
  file in ``$GEOMAP_CACHE`` (default ``~/.cache/geomap/``), built on first use;
* :class:`MemoryGazetteer` (``memory``): the same contract over a list of entries.

Importing this package is light: sqlite3 only; shapely is imported lazily by the geometry
methods, and the build's heavy imports happen only when it runs.

>>> from geomap.text.normalise import normalise
>>> gaz = open_gazetteer()                       # doctest: +SKIP
>>> gaz.lookup([normalise("the South China Sea")])  # doctest: +SKIP
{'south china sea': [(Entry(id='ne:marine:south-china-sea', ...), 'name')]}
"""

from __future__ import annotations

from geomap.gazetteer.base import Candidates, Gazetteer
from geomap.gazetteer.cache import cache_dir, default_path, open_gazetteer
from geomap.gazetteer.memory import MemoryGazetteer
from geomap.gazetteer.sqlite import SqliteGazetteer
from geomap.resources import attribution

__all__ = [
    "ATTRIBUTION",
    "ATTRIBUTION_HTML",
    "Candidates",
    "Gazetteer",
    "MemoryGazetteer",
    "SqliteGazetteer",
    "cache_dir",
    "default_path",
    "open_gazetteer",
]

#: The credit every map and export of gazetteer data carries (plain text and HTML).
ATTRIBUTION = attribution.GAZETTEER
ATTRIBUTION_HTML = attribution.GAZETTEER_HTML
