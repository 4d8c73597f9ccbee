"""Incidents: who did what, where and when, from an article's text and resolved places.

:func:`extract_incidents` (``extract``) reads an article sentence by sentence:

- ``triggers``: event words, their category, crosswalk codes, modality and domain;
- ``attach``: the place of each event; ``timing``: its time; ``actors``: who took part;
- ``coref``: mentions of one event become one incident (``draft``: the record in between);
- ``lexicon``: the stage's word tables, read from ``geomap/resources/lexicon/``.

``evloc`` is the learned event-location finder for event-location corpora.
"""

from geomap.incidents.extract import CATEGORIES, crosswalk, extract_incidents, incident_id

__all__ = ["CATEGORIES", "crosswalk", "extract_incidents", "incident_id"]
