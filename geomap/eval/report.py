"""Evaluation results as text tables (``geomap eval``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from geomap.errors import UsageError
from geomap.eval.metrics import MAX_ERROR_KM

__all__ = ["fmt", "format_table"]


def fmt(v: Any, digits: int = 3) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        return f"{v:,.{digits}f}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(v)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    cells = [list(header)] + [[fmt(c) for c in r] for r in rows]
    widths = [max(len(r[k]) for r in cells) for k in range(len(header))]
    lines = []
    for n, r in enumerate(cells):
        lines.append(
            "  ".join(
                c.ljust(w) if k == 0 else c.rjust(w)
                for k, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _prf_rows(block: dict[str, dict[str, Any]], prefix: str = "") -> list[list[Any]]:
    return [
        [prefix + name, m["p"], m["r"], m["f1"], m["tp"], m["gold"], m["pred"]]
        for name, m in block.items()
    ]


def _dist_rows(name: str, m: dict[str, Any]) -> list[Any]:
    return [name, m.get("n"), m.get("acc161"), m.get("mean_km"), m.get("median_km"), m.get("auc")]


_PRF_HEAD = ("recognition", "P", "R", "F1", "tp", "gold", "pred")
_DIST_HEAD = ("resolution", "n", "Acc@161", "mean km", "median km", "AUC")


def format_table(result: dict[str, Any]) -> str:
    """A plain-text table of a result of one of the ``evaluate_*`` functions, for people."""
    kind = result.get("kind")
    lines: list[str] = []
    if kind == "toponyms":
        lines.append(
            f"articles {result['articles']:,}   gold toponyms {result['gold']:,} "
            f"({result['gold_with_coords']:,} with coordinates)   predicted {result['pred']:,}"
        )
        lines.append("")
        lines += _table(_PRF_HEAD, _prf_rows(result["recognition"]))
        lines.append("")
        res = result["resolution"]
        e2e = result["end_to_end"]
        lines += _table(
            _DIST_HEAD,
            [
                _dist_rows("matched (overlap)", res),
                ["end to end (all gold)", e2e["n"], e2e["acc161"], None, None, None],
            ],
        )
        if res.get("geonameid_n"):
            lines.append(
                f"geonameid agreement on matched pairs: {fmt(res['geonameid_acc'])} "
                f"(n={res['geonameid_n']:,})"
            )
        if result.get("by_type"):
            lines.append("")
            lines += _table(
                ("gold subset", "gold", "R exact", "R overlap"),
                [
                    [k, v["gold"], v["r_exact"], v["r_overlap"]]
                    for k, v in result["by_type"].items()
                ],
            )
        sp = result.get("speed")
        if sp:
            lines.append("")
            lines.append(
                f"speed: {fmt(sp['words'])} words in {fmt(sp['seconds'])} s = "
                f"{fmt(sp['words_per_s'])} words/s"
            )
    elif kind == "resolution_given_spans":
        lines.append(
            f"articles {result['articles']:,}   gold toponyms with coordinates {result['n']:,}   "
            f"unresolved {result['unresolved']:,} (counted as {MAX_ERROR_KM:,.0f} km)"
        )
        lines.append("")
        lines += _table(
            ("given gold spans", *_DIST_HEAD[1:]),
            [
                _dist_rows("all gold spans", result),
                [
                    "resolved only",
                    result["resolved_n"],
                    None,
                    result["resolved_mean_km"],
                    result["resolved_median_km"],
                    None,
                ],
            ],
        )
    elif kind == "event_locations":
        lines.append(
            f"sentences {result['sentences']:,}   events {result['events']:,}   "
            f"events without a prediction {result['events_without_pred']:,}"
        )
        lines.append("")
        rows = _prf_rows(result["span"], "span ") + _prf_rows({"token": result["token"]})
        lines += _table(("event location", *_PRF_HEAD[1:]), rows)
    elif kind == "incident_reports":
        lines.append(f"reports {result['reports']:,}")
        lines.append("")
        names = (
            ("placed", "reports with a placed incident (first-ranked)"),
            ("within_10km", "within 10 km of the coded point"),
            ("within_50km", "within 50 km"),
            ("within_161km", "within 161 km"),
            ("nearest_within_161km", "nearest incident of the report within 161 km"),
            ("date_contains", "date interval contains the coded date"),
            ("category_agrees", "ACLED event type agrees (by family)"),
            ("no_incident", "reports with no incident at all"),
            ("incidents_after_merge", "incidents after merging across reports"),
            ("merged_across_reports", "merged incidents with two or more reports"),
            (
                "merged_reports_over_161km_or_7_days",
                "... whose coded events are > 161 km / 7 d apart",
            ),
            ("baseline_first_literal_place_within_161km", "baseline: first literal place"),
            (
                "reference_coder_location_in_gazetteer_within_161km",
                "reference: coder's place name in the gazetteer",
            ),
        )
        lines += _table(
            ("incident reports", "share"), [(label, result[k]) for k, label in names if k in result]
        )
    else:
        raise UsageError(f"not an evaluation result (kind={kind!r})")
    return "\n".join(lines)
