"""Evaluation: geomap against annotated corpora (metrics, corpus adapters, reports, training)."""

from geomap.eval.error_analysis import error_cases, errors, gold_span_errors
from geomap.eval.metrics import (
    ACC_KM,
    MAX_ERROR_KM,
    auc_log_error,
    evaluate_event_locations,
    evaluate_resolution_given_spans,
    evaluate_toponyms,
    match_exact,
    match_overlap,
    word_tokens,
)
from geomap.eval.reading import corpus_records, read_jsonl
from geomap.eval.report import format_table

__all__ = [
    "ACC_KM",
    "MAX_ERROR_KM",
    "auc_log_error",
    "corpus_records",
    "error_cases",
    "errors",
    "evaluate_event_locations",
    "evaluate_resolution_given_spans",
    "evaluate_toponyms",
    "format_table",
    "gold_span_errors",
    "match_exact",
    "match_overlap",
    "read_jsonl",
    "word_tokens",
]
