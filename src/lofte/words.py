"""The one catalogue of display words, Swedish and English: a flat dict per language.

Status, report and record all take their labels from here, so a standing is
called the same thing everywhere and a translation is made once.  Keys are
dotted (``standing.kept``, ``month.5``) so a template can say
``words["standing.kept"]``.  Every language has the same keys; a test checks it.
"""

from __future__ import annotations

from datetime import date

LANGS = ("sv", "en")

_MONTHS = {
    "sv": ("januari februari mars april maj juni juli augusti september oktober november december"),
    "en": ("January February March April May June July August September October November December"),
}

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        # A standing's word, as in "3 av minst 2 insatser, hållet".
        "standing.kept": "hållet",
        "standing.exceeded": "överträffat",
        "standing.partly_kept": "delvis hållet",
        "standing.not_kept": "inte hållet",
        "standing.on_track": "i fas",
        "standing.behind": "efter plan",
        "standing.not_started": "inte påbörjat",
        "standing.followed_up": "uppföljt",
        "standing.no_follow_up": "ingen uppföljning",
        "standing.done": "klart",
        "standing.overdue": "försenat",
        # The same standings counted in a summary: "1 efter plan".
        "summary.targets_kept": "{kept} av {total} mål hållna",
        "summary.targets": "{total} mål",
        "summary.target": "1 mål",
        "summary.on_track": "i fas",
        "summary.followed_up": "uppföljda",
        "summary.partly_kept": "delvis hållna",
        "summary.behind": "efter plan",
        "summary.not_kept": "inte hållna",
        "summary.overdue": "försenade",
        "summary.not_started": "inte påbörjade",
        "summary.no_follow_up": "utan uppföljning",
        "summary.none": "inga mål",
        # Terms of the calendar.
        "term.tertial": "Tertial",
        "term.quarter": "Kvartal",
        "terms.tertial": "tertial",
        "terms.quarter": "kvartal",
        # Pieces of the one-line standing sentence.
        "cmp.at_least": "minst",
        "cmp.exactly": "",
        "cmp.at_most": "högst",
        "of": "av",
        "count_not_stated": "uppföljt, antal inte angivet",
        "no_follow_up": "ingen uppföljning registrerad",
        "expected_by_now": "{expected} väntat hittills",
        "covered": "täckta",
        "missing": "saknas",
        "missing_for": "saknas för {terms}",
        "and": "och",
        "list_incomplete": "listan är ofullständig",
        "followed_up_in": "uppföljt {met} av {due} avslutade {terms}",
        "met_in": "minst {times} gånger per {term} i {met} av {due} avslutade {terms}",
        "done_on": "klart {date}",
        "not_done_due": "inte registrerat som klart, senast {date}",
        "nothing_reported_due": "inget rapporterat; skulle vara klart {date}",
        "starts_on": "börjar {date}",
        "items": "poster",
    },
    "en": {
        "standing.kept": "kept",
        "standing.exceeded": "exceeded",
        "standing.partly_kept": "partly kept",
        "standing.not_kept": "not kept",
        "standing.on_track": "on track",
        "standing.behind": "behind",
        "standing.not_started": "not started",
        "standing.followed_up": "followed up",
        "standing.no_follow_up": "no follow-up",
        "standing.done": "done",
        "standing.overdue": "overdue",
        "summary.targets_kept": "{kept} of {total} targets kept",
        "summary.targets": "{total} targets",
        "summary.target": "1 target",
        "summary.on_track": "on track",
        "summary.followed_up": "followed up",
        "summary.partly_kept": "partly kept",
        "summary.behind": "behind",
        "summary.not_kept": "not kept",
        "summary.overdue": "overdue",
        "summary.not_started": "not started",
        "summary.no_follow_up": "without follow-up",
        "summary.none": "no targets",
        # "Tertial" is the word Swedish public bodies use in English too; "term"
        # would read as a school term.
        "term.tertial": "Tertial",
        "term.quarter": "Quarter",
        "terms.tertial": "tertials",
        "terms.quarter": "quarters",
        "cmp.at_least": "at least",
        "cmp.exactly": "",
        "cmp.at_most": "at most",
        "of": "of",
        "count_not_stated": "followed up, count not stated",
        "no_follow_up": "no follow-up recorded",
        "expected_by_now": "{expected} expected by now",
        "covered": "covered",
        "missing": "missing",
        "missing_for": "missing for {terms}",
        "and": "and",
        "list_incomplete": "the list is incomplete",
        "followed_up_in": "followed up in {met} of {due} closed {terms}",
        "met_in": "at least {times} times a {term} in {met} of {due} closed {terms}",
        "done_on": "done {date}",
        "not_done_due": "not recorded as done, due {date}",
        "nothing_reported_due": "nothing reported; due to be done by {date}",
        "starts_on": "starts {date}",
        "items": "items",
    },
}
for _lang, _names in _MONTHS.items():
    for _number, _name in enumerate(_names.split(), start=1):
        WORDS[_lang][f"month.{_number}"] = _name

#: One symbol per standing, shown beside its word: never colour alone.  All are
#: one terminal column wide.
SYMBOLS: dict[str, str] = {
    "kept": "✓",
    "exceeded": "▲",
    "partly_kept": "◐",
    "not_kept": "✗",
    "on_track": "→",
    "behind": "▼",
    "not_started": "○",
    "followed_up": "✎",
    "no_follow_up": "?",
    "done": "✓",
    "overdue": "!",
}


def word(key: str, lang: str = "sv") -> str:
    """The word for ``key`` in ``lang``; a KeyError names a missing key plainly."""
    if lang not in WORDS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return WORDS[lang][key]


def standing_word(standing: str, lang: str = "sv") -> str:
    """A standing's word: ``standing_word("partly_kept", "sv") == "delvis hållet"``."""
    return word(f"standing.{standing}", lang)


# ---------------------------------------------------------------- report
# Labels of `lofte report`, one entry per language like every word above.  The
# Swedish follows how municipalities publish their follow-ups ("Så gick det",
# "Uppföljning tertial 2 2020").
WORDS["sv"].update(
    {
        "report.heading_term": "Uppföljning {term}",
        "report.heading_period": "Så gick det {period}",
        "report.municipality": "Kommun",
        "report.police_area": "Lokalpolisområde",
        "report.period": "Period",
        "report.applies": "Gäller",
        "report.date": "Rapportdatum",
        "report.view_date": "Läget per",
        "report.builds_on": "Bygger på",
        "report.summary": "Sammanfattning",
        "report.summary_intro": "Rapporten följer upp {total} aktiviteter.",
        "report.summary_kept": "Hållna",
        "report.summary_on_track": "I fas eller uppföljda",
        "report.summary_behind": "Efter plan",
        "report.summary_no_follow_up": "Utan uppföljning",
        "report.number": "Antal",
        "report.activities": "Löften och aktiviteter",
        "report.activities_agreement": "Fokusområden och handlingsplan",
        "report.promise": "Löfte",
        "report.focus_area": "Fokusområde",
        "report.action_plan": "Handlingsplan",
        "report.other": "Övriga aktiviteter",
        "report.target": "Mål",
        "report.responsible": "Ansvariga",
        "report.standing": "Läge",
        "report.outcome": "Utfall hittills",
        "report.last_record": "Senast uppföljd",
        "report.records_term": "Registrerat under tertialen",
        "report.records_period": "Registrerat under perioden",
        "report.no_follow_up": "Ingen uppföljning registrerad",
        "report.no_records_term": "Inget registrerat under tertialen.",
        "report.count": "Antal",
        "report.places": "Platser",
        "report.partners": "Samverkanspartner",
        "report.link": "Underlag",
        "report.deviation": "Avvikelse",
        "report.no_target": "inget mätbart mål angivet",
        "report.target_coverage": "samtliga: {items}",
        "report.target_coverage_of": "samtliga {of} ({items})",
        "report.target_once": "minst en gång per {term}",
        "report.target_recurring": "minst {times} gånger per {term}",
        "report.target_milestone": "genomförs en gång, senast {due}",
        "report.target_ongoing": "löpande arbete som följs upp varje {term}",
        "report.terms_met": "{met} av {due} avslutade {terms}",
        "report.situation": "Lägesbilden i korthet",
        "report.focus": "Fokus",
        "report.expected_effects": "Förväntade effekter",
        "report.follow_work": "Här kan du följa arbetet",
        "report.forum": "Uppföljningen sker i",
        "report.published_on": "Publiceras på",
        "report.channels": "Kanaler",
        "report.signatories": "Undertecknare",
        "report.signed": "Undertecknat",
        "report.footer": (
            "Rapporten visar bara det som har registrerats i uppföljningen. "
            "En aktivitet utan registrerad uppföljning redovisas som det, inte som noll."
        ),
    }
)
WORDS["en"].update(
    {
        "report.heading_term": "Follow-up, {term}",
        "report.heading_period": "How it went, {period}",
        "report.municipality": "Municipality",
        "report.police_area": "Local police area",
        "report.period": "Period",
        "report.applies": "Applies",
        "report.date": "Report date",
        "report.view_date": "Standing as of",
        "report.builds_on": "Builds on",
        "report.summary": "Summary",
        "report.summary_intro": "The report follows up {total} activities.",
        "report.summary_kept": "Kept",
        "report.summary_on_track": "On track or followed up",
        "report.summary_behind": "Behind",
        "report.summary_no_follow_up": "Without follow-up",
        "report.number": "Number",
        "report.activities": "Promises and activities",
        "report.activities_agreement": "Focus areas and action plan",
        "report.promise": "Promise",
        "report.focus_area": "Focus area",
        "report.action_plan": "Action plan",
        "report.other": "Other activities",
        "report.target": "Target",
        "report.responsible": "Responsible",
        "report.standing": "Standing",
        "report.outcome": "Outcome so far",
        "report.last_record": "Last followed up",
        "report.records_term": "Recorded in the tertial",
        "report.records_period": "Recorded in the period",
        "report.no_follow_up": "No follow-up recorded",
        "report.no_records_term": "Nothing recorded in the tertial.",
        "report.count": "Count",
        "report.places": "Places",
        "report.partners": "Partners",
        "report.link": "Evidence",
        "report.deviation": "Deviation",
        "report.no_target": "no measurable target stated",
        "report.target_coverage": "all of: {items}",
        "report.target_coverage_of": "all {of} ({items})",
        "report.target_once": "at least once per {term}",
        "report.target_recurring": "at least {times} times per {term}",
        "report.target_milestone": "done once, by {due}",
        "report.target_ongoing": "ongoing work, followed up every {term}",
        "report.terms_met": "{met} of {due} closed {terms}",
        "report.situation": "The situation in brief",
        "report.focus": "Focus",
        "report.expected_effects": "Expected effects",
        "report.follow_work": "Where to follow the work",
        "report.forum": "Followed up in",
        "report.published_on": "Published on",
        "report.channels": "Channels",
        "report.signatories": "Signatories",
        "report.signed": "Signed",
        "report.footer": (
            "This report shows only what has been recorded in the follow-up. "
            "An activity without a recorded follow-up is reported as such, never as zero."
        ),
    }
)


def long_date(value: date, lang: str = "sv") -> str:
    """ "16 mars 2020" / "16 March 2020": month names from the catalogue, not the locale."""
    return f"{value.day} {word(f'month.{value.month}', lang)} {value.year}"


# ---------------------------------------------------------------- site
# Labels of `lofte site`, the published website, and the summary's split of
# "partly kept" from "behind" and "not kept" (the report shows it too).
WORDS["sv"].update(
    {
        "report.summary_partly_kept": "Delvis hållna",
        "report.summary_not_kept": "Inte hållna eller försenade",
        "site.name": "Medborgarlöften",
        "site.home": "Start",
        "site.skip": "Hoppa till innehållet",
        "site.breadcrumbs": "Du är här",
        "site.other_lang": "In English",
        "site.municipalities": "Kommuner",
        "site.municipalities_intro": "Medborgarlöften och deras uppföljning, kommun för kommun.",
        "site.no_police_area": "Lokalpolisområde inte angivet",
        "site.periods": "Medborgarlöften",
        "site.no_periods": "Inga medborgarlöften ännu.",
        "site.agreements": "Samverkansöverenskommelser",
        "site.span": "Gäller {start} – {end}",
        "site.terms": "Uppföljning per {terms}",
        "site.summary_chart": "Läget för {total} aktiviteter: {counts}.",
        "site.summary_none": "Inga aktiviteter att följa upp.",
        "site.group_chart": "Läget för aktiviteterna under {group}: {counts}.",
        "site.strip": "Uppföljning per {terms}",
        "site.strip.followed": "uppföljt för {terms}",
        "site.strip.missing": "saknas för {terms}",
        "site.strip.unrecorded": "inget registrerat för {terms}",
        "site.strip.open": "pågår eller har inte börjat: {terms}",
        "site.strip.before": "före starten: {terms}",
        "site.strip.key.followed": "uppföljt",
        "site.strip.key.missing": "saknas",
        "site.strip.key.unrecorded": "inget registrerat",
        "site.strip.key.open": "pågår eller kommande",
        "site.strip.key.before": "före starten",
        "site.and": "och",
        "site.deviations": "Avvikelser",
        "site.no_deviations": "Inga avvikelser registrerade.",
        "site.other_work": "Annat arbete som gjorts",
        "site.no_other_work": "Inget annat arbete registrerat.",
        "site.source": "Källa",
        "site.source_link": "Källdokumentet",
        "site.open_data": "Öppna data",
        "site.open_data_intro": (
            "Uppgifterna på sidan som öppna data: läget som JSON, en rad per aktivitet "
            "som CSV (UTF-8) och filen som sidan bygger på som YAML."
        ),
        "site.json": "Läget som JSON",
        "site.csv": "Aktiviteterna som CSV",
        "site.yaml": "Källfilen som YAML",
        "site.data_index": "Förteckning över alla öppna data (JSON)",
        "site.feed": "Prenumerera på uppföljningen (Atom)",
        "site.feed_title": "{name}: uppföljning av medborgarlöften",
        "site.feed_all": "Uppföljning av medborgarlöften",
        "site.feed_deviation": "Avvikelse",
        "site.feed_other": "Annat arbete",
        "site.as_of": "Läget den {date}.",
        "site.promised_by": "Utlovat av",
        "site.all_terms": "Hela perioden",
        "site.covers": "avser {span}",
    }
)
WORDS["en"].update(
    {
        "report.summary_partly_kept": "Partly kept",
        "report.summary_not_kept": "Not kept or overdue",
        "site.name": "Citizen promises",
        "site.home": "Home",
        "site.skip": "Skip to content",
        "site.breadcrumbs": "You are here",
        "site.other_lang": "På svenska",
        "site.municipalities": "Municipalities",
        "site.municipalities_intro": (
            "Citizen promises and their follow-up, municipality by municipality."
        ),
        "site.no_police_area": "Local police area not stated",
        "site.periods": "Citizen promises",
        "site.no_periods": "No citizen promises yet.",
        "site.agreements": "Cooperation agreements",
        "site.span": "Applies {start} – {end}",
        "site.terms": "Follow-up by {terms}",
        "site.summary_chart": "Standing of {total} activities: {counts}.",
        "site.summary_none": "No activities to follow up.",
        "site.group_chart": "Standing of the activities under {group}: {counts}.",
        "site.strip": "Follow-up by {terms}",
        "site.strip.followed": "followed up for {terms}",
        "site.strip.missing": "missing for {terms}",
        "site.strip.unrecorded": "nothing recorded for {terms}",
        "site.strip.open": "running or not begun: {terms}",
        "site.strip.before": "before the start: {terms}",
        "site.strip.key.followed": "followed up",
        "site.strip.key.missing": "missing",
        "site.strip.key.unrecorded": "nothing recorded",
        "site.strip.key.open": "running or to come",
        "site.strip.key.before": "before the start",
        "site.and": "and",
        "site.deviations": "Deviations",
        "site.no_deviations": "No deviations recorded.",
        "site.other_work": "Other work done",
        "site.no_other_work": "No other work recorded.",
        "site.source": "Source",
        "site.source_link": "The source document",
        "site.open_data": "Open data",
        "site.open_data_intro": (
            "The data of this page as open data: the standing as JSON, one row per "
            "activity as CSV (UTF-8) and the file the page is built from as YAML."
        ),
        "site.json": "The standing as JSON",
        "site.csv": "The activities as CSV",
        "site.yaml": "The source file as YAML",
        "site.data_index": "List of all open data (JSON)",
        "site.feed": "Subscribe to the follow-up (Atom)",
        "site.feed_title": "{name}: follow-up of citizen promises",
        "site.feed_all": "Follow-up of citizen promises",
        "site.feed_deviation": "Deviation",
        "site.feed_other": "Other work",
        "site.as_of": "Standing on {date}.",
        "site.promised_by": "Promised by",
        "site.all_terms": "The whole period",
        "site.covers": "for {span}",
    }
)
