"""Time expressions resolved against a publication date (own example sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.text.timex import find_all, find_time

PUB = date(2022, 7, 9)  # a Saturday


@pytest.mark.parametrize(
    ("sentence", "future", "start", "end", "precision"),
    [
        ("The ministers met on Saturday.", False, date(2022, 7, 9), date(2022, 7, 9), "day"),
        (
            "Jets crossed the line on Friday morning.",
            False,
            date(2022, 7, 8),
            date(2022, 7, 8),
            "day",
        ),
        ("Troops arrived on Monday.", False, date(2022, 7, 4), date(2022, 7, 4), "day"),
        ("The envoys will meet on Monday.", True, date(2022, 7, 11), date(2022, 7, 11), "day"),
        ("A forum was held last month.", False, date(2022, 6, 1), date(2022, 6, 30), "month"),
        ("In May, the minister resigned.", False, date(2022, 5, 1), date(2022, 5, 31), "month"),
        ("Leaders may meet in November.", True, date(2022, 11, 1), date(2022, 11, 30), "month"),
        ("Talks were held in November.", False, date(2021, 11, 1), date(2021, 11, 30), "month"),
        ("Ships docked on 3 March 2020.", False, date(2020, 3, 3), date(2020, 3, 3), "day"),
        ("Ships docked on July 2.", False, date(2022, 7, 2), date(2022, 7, 2), "day"),
        ("It happened yesterday.", False, date(2022, 7, 8), date(2022, 7, 8), "day"),
        ("A summit took place in 2019.", False, date(2019, 1, 1), date(2019, 12, 31), "year"),
        ("Exercises began last week.", False, date(2022, 6, 27), date(2022, 7, 3), "week"),
        ("The vote was on 2022-06-30.", False, date(2022, 6, 30), date(2022, 6, 30), "day"),
    ],
)
def test_resolution(sentence, future, start, end, precision) -> None:  # type: ignore[no-untyped-def]
    t = find_time(sentence, PUB, future=future)
    assert (t.start, t.end, t.precision) == (start, end, precision)


def test_relative_to_anchor() -> None:
    t = find_time("Two days earlier, officials met online.", PUB, anchor=date(2022, 7, 6))
    assert t.start == date(2022, 7, 4) and t.relative
    t = find_time("Two days earlier, officials met online.", PUB)
    assert t.start == date(2022, 7, 7)


def test_clause_scope_a_day_after() -> None:
    refs = find_all("They talked, a day after both attended a dinner.", PUB)
    assert len(refs) == 1
    assert refs[0].scope == "following" and refs[0].start == date(2022, 7, 8)


def test_may_the_verb_is_not_a_month() -> None:
    assert find_all("They may go ahead.", PUB) == []
    assert find_all("The May agreement held.", PUB) == []


def test_no_publication_date_gives_unknown() -> None:
    t = find_time("They met on Saturday.", None)
    assert not t.known and t.precision == "unknown"


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        ("A temple built 2500 years ago was shelled.", date(2022, 7, 9)),
        ("It will be finished 106178 months later.", date(2022, 7, 9)),
        ("The site was 4437 years ago a town.", date(2022, 7, 9)),
        ("Fighting broke out yesterday.", date(1, 1, 1)),
        ("Fighting will resume tomorrow and next year.", date(9999, 12, 31)),
        ("Talks on Jul 8 and last week on Monday.", date(1, 1, 1)),
        ("Protests in May 0000 and on 0000-05-03.", date(2022, 7, 9)),
        ("It ended " + "9" * 5000 + " days later.", date(2022, 7, 9)),
    ],
)
def test_absurd_dates_give_no_date_never_an_error(sentence: str, published: date) -> None:
    refs = find_all(sentence, published)  # must not raise
    for ref in refs:
        assert ref.start is not None and ref.end is not None and ref.start <= ref.end
    assert "2500" not in " ".join(r.text for r in refs) or published.year > 2500


#: made-up sentences with one or more expressions of every kind, in odd spellings too
_EVERY_KIND = [
    "Talks were held on 2022-07-08 and 2022/7/8, then on 08/07/2022 and 8.7.2022.",
    "They met on 8th July 2021, on July 8, 2021 and on Sept. 3 in Rome.",
    "The raid came two days after the vote and three weeks before the talks.",
    "Five DAYS AGO, six Months Later and 12 years previously, it rained.",
    "Troops moved on Friday; today, tonight and last night, and this morning.",
    "Prices rose last week, this month and next year; in May and in June of 2020.",
    "It has been so since 1999 and by 2004, during 2010.",
    "a week after the strike, one day before the vote, and 3 weeks after.",
]


@pytest.mark.parametrize("sentence", _EVERY_KIND)
def test_the_kinds_left_unsearched_cannot_match(sentence: str) -> None:
    from geomap.text.timex import _PATTERNS, _possible_kinds

    for text in (sentence, sentence.lower(), sentence.upper(), sentence.replace(" ", "  ")):
        possible = _possible_kinds(text)
        for kind, pat in _PATTERNS:
            assert kind in possible or pat.search(text) is None, (kind, text)
    # and the checks do leave kinds out where the text lacks their parts
    assert _possible_kinds("Talks went on.") == {"weekday", "deictic", "last_unit"}


def test_the_made_up_sentences_have_every_kind() -> None:
    from geomap.text.timex import _PATTERNS

    met = {kind for kind, pat in _PATTERNS for s in _EVERY_KIND if pat.search(s)}
    assert met == {kind for kind, _ in _PATTERNS}
