"""Text: tokens and sentences, normalised lookup keys, time expressions, the lexicon reader."""

from geomap.text.normalise import normalise
from geomap.text.timex import TimeRef, find_all, find_time
from geomap.text.tokens import Token, sentences, tokenize

__all__ = ["TimeRef", "Token", "find_all", "find_time", "normalise", "sentences", "tokenize"]
