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
        "summary.one_target_kept": "1 av {total} mål hållet",
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
        # One of them: Swedish adjectives agree with one target (målet), "1 uppföljt".
        "summary.one.on_track": "i fas",
        "summary.one.followed_up": "uppföljt",
        "summary.one.partly_kept": "delvis hållet",
        "summary.one.behind": "efter plan",
        "summary.one.not_kept": "inte hållet",
        "summary.one.overdue": "försenat",
        "summary.one.not_started": "inte påbörjat",
        "summary.one.no_follow_up": "utan uppföljning",
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
        "reported_for": "rapporterat för {span}",
        "places_not_stated": "platser inte angivna",
        "recorded_number": "{count} registrerade",
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
        "summary.one_target_kept": "1 of {total} targets kept",
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
        "summary.one.on_track": "on track",
        "summary.one.followed_up": "followed up",
        "summary.one.partly_kept": "partly kept",
        "summary.one.behind": "behind",
        "summary.one.not_kept": "not kept",
        "summary.one.overdue": "overdue",
        "summary.one.not_started": "not started",
        "summary.one.no_follow_up": "without follow-up",
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
        "reported_for": "reported for {span}",
        "places_not_stated": "places not stated",
        "recorded_number": "{count} recorded",
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
        "report.summary_intro_one": "Rapporten följer upp 1 aktivitet.",
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
        # The same two, by the kind of term the page shows (a quarter is "kvartalet").
        "report.records_in.tertial": "Registrerat under tertialen",
        "report.records_in.quarter": "Registrerat under kvartalet",
        "report.records_in.year": "Registrerat under året",
        "report.no_records_in.tertial": "Inget registrerat under tertialen.",
        "report.no_records_in.quarter": "Inget registrerat under kvartalet.",
        "report.no_records_in.year": "Inget registrerat under året.",
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
        "report.other_work": "Övrigt som gjorts",
        "report.other_work_intro": "Sådant som gjorts utan att vara en planerad aktivitet.",
        "report.deviations": "Avvikelser",
        "report.whole_document": "Gäller hela löftet",
        "report.affects": "Gäller",
        "report.reported_for": "avser {span}",
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
        "report.summary_intro_one": "The report follows up 1 activity.",
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
        "report.records_in.tertial": "Recorded in the tertial",
        "report.records_in.quarter": "Recorded in the quarter",
        "report.records_in.year": "Recorded in the year",
        "report.no_records_in.tertial": "Nothing recorded in the tertial.",
        "report.no_records_in.quarter": "Nothing recorded in the quarter.",
        "report.no_records_in.year": "Nothing recorded in the year.",
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
        "report.other_work": "Other work done",
        "report.other_work_intro": "Work done that is not one of the planned activities.",
        "report.deviations": "Deviations",
        "report.whole_document": "Applies to the whole promise",
        "report.affects": "Affects",
        "report.reported_for": "covers {span}",
        "report.footer": (
            "This report shows only what has been recorded in the follow-up. "
            "An activity without a recorded follow-up is reported as such, never as zero."
        ),
    }
)


# ---------------------------------------------------------------- status
# The table of `lofte status` (`--lang sv|en`).
WORDS["sv"].update(
    {
        "status.on": "Läget {date}: {closed} av {total} {terms} avslutade",
        "status.applies_from": "; gäller från {date} (undertecknandet)",
        "status.term_closed": "{term}: läget när den slutade, {date}",
        "status.term_not_begun": "{term}: har inte börjat",
        "status.term_running": "{term}: pågår",
        "status.col.activity": "Aktivitet",
        "status.col.target": "Mål",
        "status.col.progress": "Utfall",
        "status.col.standing": "Läge",
        "status.col.updated": "Uppdaterad",
        "status.by": "av",
        "status.action_plan": "Handlingsplan",
        "status.other": "Övriga aktiviteter",
        "status.all_n": "alla {total}{star} {noun}",
        "status.all": "alla {noun}",
        "status.per": "{times}× per {per}",
        "status.once_by": "en gång, senast {date}",
        "status.ongoing": "löpande",
        "status.record": "1 post",
        "status.records": "{n} poster",
        "status.missing": "saknas",
        "status.all_covered": "alla listade täckta",
        "status.list_named": "listan {of}",
        "status.the_list": "listan",
        "status.list_incomplete": "{name} har {n} poster och är ofullständig",
        "status.others_missing": "; {name} är ofullständig, så fler kan saknas",
        "status.deviations": "Avvikelser",
        "status.whole_file": "hela löftet",
        "status.affects": "gäller",
        "status.other_work": "Övrigt som gjorts",
    }
)
WORDS["en"].update(
    {
        "status.on": "Status on {date}: {closed} of {total} {terms} closed",
        "status.applies_from": "; applies from {date} (signing)",
        "status.term_closed": "{term}: standing at its end, {date}",
        "status.term_not_begun": "{term}: not begun yet",
        "status.term_running": "{term}: still running",
        "status.col.activity": "Activity",
        "status.col.target": "Target",
        "status.col.progress": "Progress",
        "status.col.standing": "Standing",
        "status.col.updated": "Updated",
        "status.by": "by",
        "status.action_plan": "Action plan",
        "status.other": "Other activities",
        "status.all_n": "all {total}{star} {noun}",
        "status.all": "all {noun}",
        "status.per": "{times}× per {per}",
        "status.once_by": "once, by {date}",
        "status.ongoing": "ongoing",
        "status.record": "1 record",
        "status.records": "{n} records",
        "status.missing": "missing",
        "status.all_covered": "every listed item covered",
        "status.list_named": "the {of} list",
        "status.the_list": "the list",
        "status.list_incomplete": "{name} names {n} items and is incomplete",
        "status.others_missing": "; {name} is incomplete, so others may be missing too",
        "status.deviations": "Deviations",
        "status.whole_file": "the whole file",
        "status.affects": "affects",
        "status.other_work": "Other work done",
    }
)


def long_date(value: date, lang: str = "sv") -> str:
    """ "16 mars 2020" / "16 March 2020": month names from the catalogue, not the locale."""
    return f"{value.day} {word(f'month.{value.month}', lang)} {value.year}"


# ------------------------------------------------- parties, rhythms, amounts
# Who promises ("Polisen lovar"), yearly terms, windows ("juni–augusti"),
# vague amounts ("3 riktade insatser; målet: flera"), a month's signing.
WORDS["sv"].update(
    {
        "term.year": "År",
        "terms.year": "år",
        "actor.polisen": "polisen",
        "actor.kommunen": "kommunen",
        "and": "och",
        "promised_by.one": "{who} lovar",
        "promised_by.many": "{who} lovar",
        "vague_count": "{count} {unit}; målet: {vague}",
        "vague_target": "{vague} {unit}",
        "report.window": "Tid",
        "report.signed_month": "Undertecknat i",
        "report.source_link": "Läs hela medborgarlöftet",
        "report.source_link_agreement": "Läs hela samverkansöverenskommelsen",
    }
)
WORDS["en"].update(
    {
        "term.year": "Year",
        "terms.year": "years",
        "actor.polisen": "the police",
        "actor.kommunen": "the municipality",
        "and": "and",
        "promised_by.one": "{who} promises",
        "promised_by.many": "{who} promise",
        "vague_count": "{count} {unit}; target: {vague}",
        "vague_target": "{vague} {unit}",
        "report.window": "When",
        "report.signed_month": "Signed in",
        "report.source_link": "Read the whole promise",
        "report.source_link_agreement": "Read the whole agreement",
    }
)


def promisers(ids: list[str] | tuple[str, ...], names: dict[str, str], lang: str = "sv") -> str:
    """Who promises, as the sources say it: "Polisen och kommunen lovar".

    ``names`` are the display names of the municipality's units; the two
    parties take their words from the catalogue ("the police" in English).
    The sentence starts with a capital; one party that is plural in English
    ("the police") takes "promise".
    """
    said = [
        word(f"actor.{ident}", lang)
        if ident in ("polisen", "kommunen")
        else names.get(ident, ident)
        for ident in ids
    ]
    if not said:
        return ""
    who = said[0] if len(said) == 1 else f"{', '.join(said[:-1])} {word('and', lang)} {said[-1]}"
    many = len(said) > 1 or (lang == "en" and list(ids) == ["polisen"])
    sentence = word("promised_by.many" if many else "promised_by.one", lang).format(who=who)
    return sentence[:1].upper() + sentence[1:]


def month_year(year: int, month: int, lang: str = "sv") -> str:
    """ "mars 2022" / "March 2022"."""
    return f"{word(f'month.{month}', lang)} {year}"


# ----------------------------------------------------------------- sheet
# `lofte sheet`: the follow-up sheet sent to each responsible unit.  The column
# headers are also how `lofte import` finds its columns, in either language.
WORDS["sv"].update(
    {
        "sheet.data": "Uppföljning",
        "sheet.instructions": "Instruktioner",
        "sheet.lists": "Listor",
        "sheet.title": "Uppföljning {term}: {unit}",
        "sheet.all_units": "alla ansvariga",
        "sheet.period": "Period",
        "sheet.unit": "Ansvarig",
        "sheet.format": "Format",
        "sheet.other": "(övrigt arbete utanför planen: skriv vad som gjorts i kolumnen Text)",
        "sheet.col.key": "Nyckel",
        "sheet.col.id": "Aktivitet",
        "sheet.col.title": "Rubrik",
        "sheet.col.text": "Text",
        "sheet.col.promised_by": "Lovat av",
        "sheet.col.responsible": "Ansvariga",
        "sheet.col.target": "Mål",
        "sheet.col.standing": "Läge hittills",
        "sheet.col.date": "Datum",
        "sheet.col.covers": "Avser",
        "sheet.col.count": "Antal",
        "sheet.col.places": "Platser",
        "sheet.col.partners": "Samverkanspartner",
        "sheet.col.note": "Anteckning",
        "sheet.col.link": "Underlag",
        "sheet.col.deviation": "Avvikelse",
        "sheet.list.places": "Platser",
        "sheet.list.partners": "Samverkanspartner",
        "sheet.list.covers": "Avser",
        "sheet.help": (
            "Så fyller du i uppföljningen\n"
            "\n"
            "Bladet {data} har en rad per aktivitet som {unit} ansvarar för i {period}. "
            "Fyll i vad som gjorts under {term}.\n"
            "\n"
            "De grå kolumnerna ({readonly}) talar om vilken aktivitet raden gäller. "
            "De är låsta: ändra dem inte, och byt inte namn på eller ta bort någon kolumn.\n"
            "\n"
            "Datum: dagen det hände, ÅÅÅÅ-MM-DD. Lämna tomt om raden gäller hela {term}.\n"
            "Avser: i stället för ett datum, den tertial, det år eller den period raden "
            "sammanfattar (välj i listan). Tomt och inget datum: {term}.\n"
            'Antal: ett heltal, till exempel 2 (inte "två"). Lämna tomt om antalet '
            "inte är känt; skriv då en anteckning.\n"
            "Platser och Samverkanspartner: välj i listan, eller skriv flera åtskilda med "
            "semikolon (Strängnäs; Mariefred).\n"
            "Anteckning: vad som gjorts, med egna ord. En rad med bara en anteckning är "
            "också en uppföljning.\n"
            "Underlag: en länk till det som visar det (en nyhet, ett protokoll).\n"
            "Avvikelse: om något gick annorlunda än planerat, och varför. En rad med bara "
            "en avvikelse gäller aktiviteten; på en rad under aktiviteterna gäller den hela "
            "löftet.\n"
            "\n"
            "Rader under aktiviteterna är till för arbete utanför planen: skriv vad som "
            "gjorts i kolumnen Text, och datum eller avser, antal och övrigt som ovan.\n"
            "\n"
            "Skriv värden, inte formler. Lämna en rad tom om inget finns att rapportera.\n"
            "\n"
            "Skicka tillbaka filen som den är (xlsx), eller sparad som CSV UTF-8. "
            "Samordnaren läser in den med lofte import; samma fil två gånger lägger inte "
            "till något två gånger."
        ),
    }
)
WORDS["en"].update(
    {
        "sheet.data": "Follow-up",
        "sheet.instructions": "Instructions",
        "sheet.lists": "Lists",
        "sheet.title": "Follow-up, {term}: {unit}",
        "sheet.all_units": "every unit",
        "sheet.period": "Period",
        "sheet.unit": "Responsible",
        "sheet.format": "Format",
        "sheet.other": "(other work outside the plan: say what was done in the Text column)",
        "sheet.col.key": "Key",
        "sheet.col.id": "Activity",
        "sheet.col.title": "Title",
        "sheet.col.text": "Text",
        "sheet.col.promised_by": "Promised by",
        "sheet.col.responsible": "Responsible",
        "sheet.col.target": "Target",
        "sheet.col.standing": "Standing so far",
        "sheet.col.date": "Date",
        "sheet.col.covers": "Covers",
        "sheet.col.count": "Count",
        "sheet.col.places": "Places",
        "sheet.col.partners": "Partners",
        "sheet.col.note": "Note",
        "sheet.col.link": "Evidence",
        "sheet.col.deviation": "Deviation",
        "sheet.list.places": "Places",
        "sheet.list.partners": "Partners",
        "sheet.list.covers": "Covers",
        "sheet.help": (
            "How to fill in the follow-up\n"
            "\n"
            "The sheet {data} has one row per activity that {unit} is responsible for in "
            "{period}. Fill in what was done in {term}.\n"
            "\n"
            "The grey columns ({readonly}) say which activity a row is about. They are "
            "locked: do not change them, and do not rename or remove any column.\n"
            "\n"
            "Date: the day it happened, YYYY-MM-DD. Leave it empty if the row is about the "
            "whole of {term}.\n"
            "Covers: instead of a date, the term, year or period the row sums up (pick from "
            "the list). Empty, and no date: {term}.\n"
            'Count: a whole number such as 2 (not "two"). Leave it empty if the number is '
            "not known, and write a note instead.\n"
            "Places and Partners: pick from the list, or type several separated by "
            "semicolons (Strängnäs; Mariefred).\n"
            "Note: what was done, in your own words. A row with only a note is a follow-up "
            "too.\n"
            "Evidence: a link to what shows it (a news item, minutes).\n"
            "Deviation: if something went otherwise than planned, and why. A row with only "
            "a deviation is about the activity; on a row below the activities it is about the "
            "whole promise.\n"
            "\n"
            "Rows below the activities are for work outside the plan: say what was done in "
            "the Text column, with a date or covers, a count and the rest as above.\n"
            "\n"
            "Type values, not formulas. Leave a row empty if there is nothing to report.\n"
            "\n"
            "Send the file back as it is (xlsx), or saved as CSV UTF-8. The coordinator "
            "reads it in with lofte import; the same file twice adds nothing twice."
        ),
    }
)


# ---------------------------------------------------------------- site
# Labels of `lofte site`, the published website, and the summary's split of
# "partly kept" from "behind" and "not kept" (the report shows it too).
WORDS["sv"].update(
    {
        "report.summary_partly_kept": "Delvis hållna",
        "report.summary_not_kept": "Inte hållna eller försenade",
        # One activity of a standing, in a sentence: "1 delvis hållet", not "1 delvis hållna".
        "site.one.kept": "hållet",
        "site.one.on_track": "i fas eller uppföljt",
        "site.one.partly_kept": "delvis hållet",
        "site.one.behind": "efter plan",
        "site.one.not_kept": "inte hållet eller försenat",
        "site.one.no_follow_up": "utan uppföljning",
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
        "site.summary_chart_one": "Läget för 1 aktivitet: {counts}.",
        "site.summary_none": "Inga aktiviteter att följa upp.",
        "site.group_chart": "Läget för aktiviteterna under {group}: {counts}.",
        "site.strip": "Uppföljning per {terms}",
        "site.strip.followed": "uppföljt för {terms}",
        "site.strip.summarised": "uppföljt i en sammanfattning för en längre tid: {terms}",
        "site.strip.missing": "saknas för {terms}",
        "site.strip.unrecorded": "inget registrerat för {terms}",
        "site.strip.open": "pågår eller har inte börjat: {terms}",
        "site.strip.before": "före starten: {terms}",
        "site.strip.key.followed": "uppföljt",
        "site.strip.key.summarised": "i en sammanfattning",
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
        "site.one.kept": "kept",
        "site.one.on_track": "on track or followed up",
        "site.one.partly_kept": "partly kept",
        "site.one.behind": "behind",
        "site.one.not_kept": "not kept or overdue",
        "site.one.no_follow_up": "without follow-up",
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
        "site.summary_chart_one": "Standing of 1 activity: {counts}.",
        "site.summary_none": "No activities to follow up.",
        "site.group_chart": "Standing of the activities under {group}: {counts}.",
        "site.strip": "Follow-up by {terms}",
        "site.strip.followed": "followed up for {terms}",
        "site.strip.summarised": "followed up in a summary for a longer span: {terms}",
        "site.strip.missing": "missing for {terms}",
        "site.strip.unrecorded": "nothing recorded for {terms}",
        "site.strip.open": "running or not begun: {terms}",
        "site.strip.before": "before the start: {terms}",
        "site.strip.key.followed": "followed up",
        "site.strip.key.summarised": "in a summary",
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
