"""The one-line standing sentence: "3 of at least 2 planlagda insatser, kept".

Words come from `lofte.words`, so
the sentence reads the same in status, record and report.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from lofte.follow.calendar import kind_of_term_id
from lofte.words import long_date, standing_word, word

if TYPE_CHECKING:
    from lofte.follow.standing import ActivityStatus
    from lofte.model import Activity


def _number(value: float, lang: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "sv" else text


def target_phrase(activity: Activity, lang: str = "en") -> str:
    """The target in words: "at least 2 planlagda insatser", "4 kommundelar", ""."""
    target = activity.target
    if target is None or target.kind != "count":
        return ""
    if target.vague is not None:
        return word("vague_target", lang).format(vague=target.vague, unit=target.unit)
    comparator = word(f"cmp.{target.comparator}", lang)
    return " ".join(part for part in (comparator, str(target.number), target.unit) if part)


def describe(
    status: ActivityStatus, activity: Activity, lang: str = "en", *, prose: bool = False
) -> str:
    """The standing as one line; never a zero where nothing was recorded.

    With ``prose`` (the report and the site) dates and terms are written in
    words, "saknas för tertial 3 2022", "klart 16 mars 2020"; without it
    (status, its JSON) as ids and ISO dates, "saknas: 2022-T3".
    """
    said = standing_word(status.standing, lang)

    def day(value: date | None) -> str:
        if value is None:
            return ""
        return long_date(value, lang) if prose else value.isoformat()

    if status.standing == "not_started":
        return f"{said}: {word('starts_on', lang).format(date=day(status.starts))}"
    due = day(status.deadline)
    if status.kind == "milestone":
        if status.standing == "done":
            return word("done_on", lang).format(date=day(status.last_record))
        if status.records == 0 and status.deadline is not None and status.ended:
            # The passed deadline is a fact; lateness is not claimed from silence.
            return word("nothing_reported_due", lang).format(date=long_date(status.deadline, lang))
        pending = word("not_done_due", lang).format(date=due)
        return f"{pending}, {said}" if status.standing == "overdue" else pending
    if status.standing == "no_follow_up":
        return word("no_follow_up", lang)
    if status.kind == "count":
        return _count(status, activity, said, lang)
    if status.kind == "coverage":
        return _coverage(status, activity, said, lang)
    if status.kind in ("recurring", "ongoing"):
        return _terms(status, activity, said, lang, prose)
    return said


def term_name(term_id: str, lang: str) -> str:
    """ "2022-T3" → "tertial 3 2022", "2019-Q4" → "kvartal 4 2019" / "quarter 4 2019".

    A yearly term (`per: year`) is named by its year alone: "2023".
    """
    if "-" not in term_id:
        return term_id
    year, short = term_id.rsplit("-", 1)
    kind = "quarter" if short.startswith("Q") else "tertial"
    return f"{word(f'term.{kind}', lang).lower()} {short[1:]} {year}"


def span_name(span: str, lang: str) -> str:
    """A span a record covers, in words: a term by its name, a year or a period as written.

    "2022-T3" → "tertial 3 2022"; "2019" and "2020-2023" stay as they are.
    """
    if re.fullmatch(r"\d{4}-[TQ]\d", span):
        return term_name(span, lang)
    return span


def _listed(names: list[str], lang: str) -> str:
    """ "a", "a och b", "a, b och c"."""
    if len(names) > 1:
        return ", ".join(names[:-1]) + f" {word('and', lang)} {names[-1]}"
    return names[0]


def _count(status: ActivityStatus, activity: Activity, said: str, lang: str) -> str:
    if status.recorded is None:
        return word("count_not_stated", lang)
    target = activity.target
    if target is not None and target.kind == "count" and target.vague is not None:
        # "3 riktade insatser; målet: flera": added up, never kept or not kept.
        return word("vague_count", lang).format(
            count=status.recorded, unit=target.unit, vague=target.vague
        )
    line = f"{status.recorded} {word('of', lang)} {target_phrase(activity, lang)}, {said}"
    if status.standing == "behind" and status.expected is not None:
        expected = _number(status.expected, lang)
        line += f" ({word('expected_by_now', lang).format(expected=expected)})"
    return line


def _coverage(status: ActivityStatus, activity: Activity, said: str, lang: str) -> str:
    target = activity.target
    assert target is not None and target.kind == "coverage"
    total = len(status.items)
    if not status.places_known and status.standing == "followed_up":
        # A count without places: say the count, and that the places are unknown.
        head = (
            word("recorded_number", lang).format(count=status.recorded)
            if status.recorded is not None
            else standing_word("followed_up", lang)
        )
        line = f"{head}; {word('places_not_stated', lang)}"
        if status.covered:
            line += f" ({word('covered', lang)}: {', '.join(status.covered)})"
        return line
    if total == 0:  # the list itself is unknown here
        return said
    noun = target.unit or target.of or word("items", lang)
    if status.covered:
        line = f"{len(status.covered)} {word('of', lang)} {total} {noun} "
        line += f"{word('covered', lang)}, {said}"
    else:
        line = said
    if status.missing:
        line += f"; {word('missing', lang)}: {', '.join(status.missing)}"
    if not status.list_complete:
        line += f" ({word('list_incomplete', lang)})"
    return line


def _terms(
    status: ActivityStatus, activity: Activity, said: str, lang: str, prose: bool = False
) -> str:
    target = activity.target
    assert target is not None
    if not status.terms_due:
        # No term has closed yet: nothing is due, so say only that there are records.
        followed = standing_word("followed_up", lang)
        return followed if status.standing == "followed_up" else f"{followed}, {said}"
    # Term ids end in T<n> or Q<n>: "2020-T1", "2019-Q4"; a year is "2022".
    kind = kind_of_term_id(status.terms_due[0])
    numbers = {
        "met": len(status.terms_met),
        "due": len(status.terms_due),
        "terms": word(f"terms.{kind}", lang),
    }
    if status.reported_for:
        # A span record says the terms were followed up, and nothing finer.
        spans = (
            _listed([span_name(s, lang) for s in status.reported_for], lang)
            if prose
            else ", ".join(status.reported_for)
        )
        line = word("reported_for", lang).format(span=spans)
    elif target.kind == "recurring" and target.at_least > 1:
        line = word("met_in", lang).format(
            times=target.at_least, term=word(f"term.{kind}", lang).lower(), **numbers
        )
    else:
        line = word("followed_up_in", lang).format(**numbers)
    if status.standing != "followed_up":
        line += f", {said}"
    missed = [t for t in status.terms_due if t not in status.terms_met]
    if missed and prose:
        listed = _listed([term_name(t, lang) for t in missed], lang)
        line += f"; {word('missing_for', lang).format(terms=listed)}"
    elif missed:
        line += f"; {word('missing', lang)}: {', '.join(missed)}"
    return line
