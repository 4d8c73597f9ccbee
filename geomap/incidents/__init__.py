"""Incidents: who did what, where and when, from an article's text and resolved places."""

from geomap.incidents.extract import CATEGORIES, crosswalk, extract_incidents, incident_id

__all__ = ["CATEGORIES", "crosswalk", "extract_incidents", "incident_id"]
