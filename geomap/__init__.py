"""geomap: news articles -> places and incidents -> offline maps and exports."""
