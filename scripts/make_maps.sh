#!/usr/bin/env bash
# Regenerate the example maps in maps/ from the articles in data/articles/.
#
# Usage (from anywhere; the repository's .venv is used if it exists):
#
#     scripts/make_maps.sh
#
# Writes:
#   maps/blinken_wang_bali.html + .geojson   the sample article alone
#   maps/all_articles.html + .geojson        every article of data/articles (the sample and the
#                                            illustrative ones; see data/articles/README.md)
#   maps/incidents.geojson                   merged incidents of every article, only when this
#                                            geomap has the `extract` command
#
# The articles are passed as data/articles/*.txt rather than the folder, because a folder walk
# also reads .md files and would take data/articles/README.md for an article.
# Needs no network: the gazetteer is built offline into ~/.cache/geomap on first use.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ -z "${VIRTUAL_ENV:-}" && -f .venv/bin/activate ]]; then
    # shellcheck disable=SC1091
    . .venv/bin/activate
fi
command -v geomap >/dev/null || { echo "make_maps: geomap is not installed (pip install -e .)" >&2; exit 2; }

mkdir -p maps
shopt -s nullglob
articles=(data/articles/*.txt)
(( ${#articles[@]} )) || { echo "make_maps: no articles in data/articles" >&2; exit 2; }

# each command echoed, then its wall time (the build time of the example maps)
timed() {
    echo "+ $*" >&2
    local t0=$EPOCHREALTIME
    "$@"
    echo "make_maps: $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }') s" >&2
}
timed geomap map data/articles/blinken_wang_bali.txt \
    -o maps/blinken_wang_bali.html --geojson maps/blinken_wang_bali.geojson
timed geomap map "${articles[@]}" -o maps/all_articles.html --geojson maps/all_articles.geojson

if geomap --help 2>/dev/null | grep -qE '\bextract\b'; then
    timed geomap extract "${articles[@]}" -o maps/incidents.geojson
else
    echo "make_maps: this geomap has no 'extract' command yet; maps/incidents.geojson not written" >&2
fi
