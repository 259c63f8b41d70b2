"""The JSON Schema of promise files: generated from the models, then made for editors.

Pydantic generates the schema from `lofte.model`; this module then shapes it
for the editor a coordinator actually uses (VS Code's YAML extension, i.e.
yaml-language-server):

- every property gets a description from `DESCRIPTIONS`, written for the
  coordinator with the Swedish term the key stands for.  The table lives here,
  not in the models, so the models stay about validation; a test fails when a
  property has none;
- every fixed word (a ``kind``, a cadence) is an ``enum`` with
  ``enumDescriptions``, and the choice of kind is made by ``if``/``then`` on
  ``kind`` instead of a ``oneOf``, so ``kind: cout`` is told the valid kinds
  rather than "Value must be 'count'";
- ids carry a ``patternErrorMessage`` and dates a pattern that refuses
  impossible dates (``2021-02-30``), as the models do;
- no ``default: null`` (editors turn a default into the snippet they insert,
  ``due: ${1:null}``), and the schema has a ``$id``.
"""

from __future__ import annotations

import json
from typing import Any

from lofte.model import SLUG_RE

SCHEMA_ID = "https://lofte.invalid/schema/lofte.schema.json"

#: A real date as YYYY-MM-DD: months of 30 and 31 days, February 28, and
#: February 29 in leap years only (divisible by 4, centuries by 400).
DATE_PATTERN = (
    r"^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
)

ID_MESSAGE = "use lower-case ids such as `polisen` or `trygghetsvandringar`: a-z, 0-9 and hyphens"
DATE_MESSAGE = "a real date as YYYY-MM-DD, such as 2020-03-16"

MEASURE = (
    "mätning — how the target is counted or judged, where the promise's text is vague "
    '("flera", "regelbundet").'
)
KIND_TARGET = "typ av mål — what kind of target this is; see each kind's description."

#: Descriptions shared by every document kind (medborgarlöfte and samverkansöverenskommelse).
_DOCUMENT: dict[str, str] = {
    "kind": "dokumenttyp — what this file is: a medborgarlöfte, a samverkansöverenskommelse "
    "or the municipality file.",
    "source": "källa — the document this file transcribes, and what it leaves out.",
    "period": "period — the year (2026) or years (2024-2025) the promise covers; must agree "
    "with the file name.",
    "starts": "startdatum — the first day, where the document states one (YYYY-MM-DD); "
    "else 1 January.",
    "ends": "slutdatum — the last day, where the document states one (YYYY-MM-DD); "
    "else 31 December.",
    "title": "rubrik — the document's title, as it is written.",
    "municipality": "kommun — the id of the municipality file in data/, e.g. `vingaker` for "
    "data/vingaker.yaml.",
    "police_area": "lokalpolisområde — the police area, as the police name it.",
    "signed": "undertecknat — the date the document was signed (YYYY-MM-DD).",
    "signatories": "undertecknare — who signed, with title and organisation.",
    "situation": "lägesbild — the shared picture of the situation behind the promise.",
    "expected_effects": "förväntade effekter — what the work is expected to lead to.",
    "follow_up": "uppföljning — how often and where the work is followed up.",
    "communication": "kommunikation — how the work is told to the citizens.",
    "acknowledge": "kvitterat — check findings accepted for every activity of the file, by "
    'code, each with the reason: {LT202: "…"}.',
    "other_work": "annat arbete — work done that no planned activity names; it never counts "
    "towards a target.",
    "deviations": "avvikelser — what went otherwise than planned, for some activities "
    "(affects) or the whole document.",
}

COVERS = (
    "avser — the span a follow-up reports on: a year (2019), a tertial (2019-T3), a quarter "
    "(2021-Q2) or the period's id (2020-2023)."
)
PROMISED_BY = (
    "lovas av — who makes this promise: polisen, kommunen or a unit of the municipality "
    "file; an activity without it takes its group's."
)
SHEET = (
    "uppföljningsblad — written by `lofte import`: the sheet row this came from "
    "(TERM/UNIT/ROW), so that importing the same sheet again adds nothing; leave it as it is."
)

#: Every property of every model, by the model's name in the schema's ``$defs``.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Promise": {
        **_DOCUMENT,
        "applies_from": "gäller från — `signing` when the promise applies from its signing "
        "date rather than from 1 January.",
        "builds_on": "bygger på — the id of the samverkansöverenskommelse file this promise "
        "builds on.",
        "promises": "löften — the promises, each with the activities that carry it out.",
        "focus_areas": "fokusområden — focus areas, each with its activities.",
        "activities": "aktiviteter — activities the document lists apart from its promises.",
    },
    "Agreement": {
        **_DOCUMENT,
        "goals": "mål — the agreement's overall goals, as written.",
        "focus_areas": "fokusområden — the agreement's focus areas, each with its category "
        "and activities.",
        "action_plan": "handlingsplan — the action plan's rows, each an activity with the "
        "parties' roles.",
        "commitments": "åtaganden — what the parties commit to, as written.",
    },
    "Municipality": {
        "kind": "dokumenttyp — `municipality`: this file states the municipality's units and "
        "places once.",
        "source": "källa — where the facts of this file come from.",
        "name": "namn — the municipality's name, e.g. Vingåker kommun.",
        "police_area": "lokalpolisområde — the police area the municipality belongs to.",
        "actors": "aktörer — units that may be responsible for an activity, besides polisen "
        "and kommunen: an id (socialtjansten) and the name people write (Socialtjänsten).",
        "places": "platslistor — named lists of places, such as the kommundelar, that a "
        "coverage target can name.",
    },
    "Source": {
        "document": "dokument — the name of the source document.",
        "url": "länk — where the document itself can be read (https://…).",
        "note": "anmärkning — what this file leaves out of the source, or where it differs.",
    },
    "DocumentRef": {
        "title": "titel — the agreement's title as written, where there is no file of it.",
        "url": "länk — where the agreement can be read (https://…).",
    },
    "Unit": {
        "name": "namn — the unit's name, as people write it.",
        "organisation": "organisation — whose unit it is: `kommunen` or `polisen`.",
    },
    "Signatory": {
        "name": "namn — the signatory's name, spelled as the document spells it.",
        "title": "titel — e.g. kommundirektör, lokalpolisområdeschef.",
        "organisation": "organisation — e.g. Strängnäs kommun, Polismyndigheten.",
    },
    "Group": {
        "id": "id — a short lower-case name for the promise or focus area, unique in the "
        "file, e.g. `trygga-centrum`.",
        "title": "rubrik — the promise's or focus area's heading, as written.",
        "text": "text — the promise's own words.",
        "category": "kategori — the focus area's category, as the agreement names it.",
        "promised_by": PROMISED_BY,
        "activities": "aktiviteter — what is done to keep this promise.",
    },
    "Activity": {
        "id": "id — a short lower-case name for the activity, unique in the file; "
        "`lofte record PERIOD ID` uses it.",
        "title": "rubrik — a short title in the source's own words, the activity's heading in "
        "reports.",
        "text": "aktivitet — what will be done, in the promise's own words.",
        "responsible": "ansvarig — who does it: polisen, kommunen, or units of the "
        "municipality file (socialtjansten).",
        "promise": "löfte — the id of the promise this activity serves, for activities listed "
        "apart from the promises.",
        "promised_by": PROMISED_BY,
        "acknowledge": "kvitterat — check findings accepted for this activity, by code, each "
        'with the reason: {LT202: "…"}.',
        "places": "platser — where the activity takes place.",
        "due": "klart senast — the date it is to be done by (YYYY-MM-DD); else the period's end.",
        "window": "tidsfönster — when the activity runs, if only part of the period.",
        "roles": "roller — the parties' roles in a handlingsplan row.",
        "target": "målet — what counts as done, as the promise states it: a count, a coverage "
        "of places, a recurring meeting, a milestone or ongoing work.",
        "progress": "uppföljning — what has been done, one record each; `lofte record` adds them.",
    },
    "Window": {
        "start": "från — the first day of the window (YYYY-MM-DD).",
        "end": "till — the last day of the window (YYYY-MM-DD).",
    },
    "Roles": {
        "municipality": "kommunens roll — the municipality's part, as the plan words it.",
        "police": "polisens roll — the police's part, as the plan words it.",
        "communication": "kommunikation — how this row is communicated.",
    },
    "CountTarget": {
        "kind": KIND_TARGET,
        "at_least": 'minst — at least this many ("minst två insatser").',
        "exactly": 'exakt — exactly this many ("två stycken narkotikasök").',
        "at_most": "högst — at most this many.",
        "vague": "vagt antal — the word the promise uses instead of a number (flera, några, "
        "ett antal, fler); no number is invented.",
        "unit": "enhet — what is counted, in the promise's words: planlagda insatser.",
        "measure": MEASURE,
    },
    "CoverageTarget": {
        "kind": KIND_TARGET,
        "of": "lista — a place list of the municipality file, e.g. `kommundelar`: every place "
        "in it must be covered.",
        "items": "platser — the places to cover, when the promise lists them itself.",
        "unit": "enhet — what covers a place, e.g. trafikkontroller.",
        "measure": MEASURE,
    },
    "RecurringTarget": {
        "kind": KIND_TARGET,
        "per": "per — how often: per `tertial` or per `quarter` (kvartal).",
        "at_least": "minst — at least this many times in every tertial or quarter (default 1).",
        "measure": MEASURE,
    },
    "MilestoneTarget": {"kind": KIND_TARGET, "measure": MEASURE},
    "OngoingTarget": {"kind": KIND_TARGET, "measure": MEASURE},
    "Record": {
        "date": "datum — when it happened (YYYY-MM-DD).",
        "covers": COVERS,
        "sheet": SHEET,
        "count": "antal — how many, a whole number above zero; leave it out when unknown, "
        "never write 0.",
        "note": "anteckning — what was done, in words.",
        "places": "platser — where.",
        "partners": "samverkanspartner — with whom.",
        "link": "länk — where it is published (https://…).",
        "deviation": "avvikelse — what went otherwise than planned, and why.",
    },
    "OtherWork": {
        "date": "datum — when it was done (YYYY-MM-DD).",
        "covers": COVERS,
        "sheet": SHEET,
        "text": "vad — what was done, in words.",
        "count": "antal — how many, where the source says.",
        "unit": "enhet — what was counted.",
        "partners": "samverkanspartner — with whom.",
        "places": "platser — where.",
        "link": "länk — where it is published (https://…).",
        "promise": "löfte — the promise or focus area it served, if the source says.",
    },
    "Deviation": {
        "date": "datum — when it was noted (YYYY-MM-DD).",
        "covers": COVERS,
        "sheet": SHEET,
        "text": "avvikelse — what went otherwise than planned, and why.",
        "affects": "berör — the ids of the activities it concerns; none means the whole document.",
    },
    "Situation": {
        "text": "lägesbild — the situation picture, as written.",
        "focus": "fokus — what the work focuses on.",
        "sources": "källor — what the picture is based on: statistik, medborgardialog, enkäter.",
        "indicators": "indikatorer — figures of the situation picture.",
    },
    "Indicator": {
        "measure": "mått — what is measured, e.g. anmälda brott.",
        "value": "värde — the figure, as written.",
        "change_percent": "förändring i procent — the change, e.g. -12.5.",
        "qualifier": "förbehåll — a word such as nästan or ca, as the source words it.",
        "baseline": "jämförelseperiod — the months compared against.",
        "compared": "period — the months the figure is for.",
        "source": "källa — where the figure comes from.",
        "text": "text — the figure in the source's words.",
    },
    "MonthRange": {
        "start": "från — the first month (YYYY-MM).",
        "end": "till — the last month (YYYY-MM).",
    },
    "FollowUp": {
        "cadence": "uppföljningsintervall — `tertial` (January–April, May–August, "
        "September–December) or `quarter` (kvartal).",
        "forum": "forum — where it is followed up, e.g. lokala BRÅ.",
        "published_on": "publiceras på — where the follow-up is published.",
        "text": "text — the document's words about follow-up.",
    },
    "Communication": {
        "text": "kommunikation — how the work is told to citizens, as written.",
        "channels": "kanaler — e.g. polisen.se, the municipality's web site.",
    },
    "PlaceList": {
        "items": "platser — the places of the list, as people write them.",
        "complete": "komplett — false when the sources name only some of the places.",
        "note": "anmärkning — where the list comes from, or what it lacks.",
    },
}

#: A description for every fixed word of the format (``enumDescriptions``).
ENUM_DESCRIPTIONS: dict[str, str] = {
    # kinds of file
    "medborgarlofte": "Medborgarlöfte: the police's and the municipality's promise for a "
    "year or two.",
    "samverkansoverenskommelse": "Samverkansöverenskommelse: the multi-year agreement the "
    "promises build on.",
    "municipality": "Kommunen: its units and place lists, stated once.",
    # kinds of target
    "count": 'Antal: at least, exactly or at most N of something ("minst två insatser").',
    "coverage": 'Täckning: every place of a list ("i kommunens samtliga kommundelar").',
    "recurring": "Återkommande: at least N times every tertial or quarter "
    '("träffas kontinuerligt").',
    "milestone": "Delmål: done once, by the due date or the period's end.",
    "ongoing": "Pågående: continuing work without a number, followed up with a note every tertial.",
    # calendar
    "tertial": "Tertial: January–April, May–August, September–December.",
    "quarter": "Kvartal: January–March, April–June, July–September, October–December.",
    "year": "År: once a year or more, as the target says.",
    "signing": "From the signing date (undertecknandet).",
    # vague amounts, as the promises word them
    "flera": "Flera: several; no number is stated.",
    "några": "Några: some; no number is stated.",
    "ett antal": "Ett antal: a number of; no number is stated.",
    "fler": "Fler: more than before; no number is stated.",
    # whose unit an actor is
    "kommunen": "Kommunen: a unit of the municipality.",
    "polisen": "Polisen: a unit of the police.",
    # standings (as lofte status judges them)
    "kept": "Hållet: the target was met by its deadline.",
    "exceeded": "Överträffat: more than an exact number.",
    "partly_kept": "Delvis hållet: the deadline passed with part of the target met.",
    "not_kept": "Inte hållet: the target was not met.",
    "on_track": "I fas: before the deadline, at or above the expected pace.",
    "behind": "Efter plan: below the expected pace, or a term without follow-up.",
    "not_started": "Inte påbörjat: the activity's time has not begun.",
    "followed_up": "Uppföljt: followed up every closed term.",
    "no_follow_up": "Ingen uppföljning: nothing recorded yet.",
    "done": "Klart: the milestone is recorded as done.",
    "overdue": "Försenat: the milestone's deadline passed without it being done.",
}


def schema_dict() -> dict[str, Any]:
    """The schema as a dict."""
    from pydantic import TypeAdapter

    from lofte.model import Document

    generated = TypeAdapter(Document).json_schema()
    defs: dict[str, Any] = generated.get("$defs", {})
    for name, definition in defs.items():
        for key, prop in definition.get("properties", {}).items():
            prop.pop("title", None)
            text = DESCRIPTIONS.get(name, {}).get(key)
            if text is not None:
                prop["description"] = text
    body = {k: v for k, v in generated.items() if k != "$defs"}
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "lofte promise file",
        "description": "A medborgarlöfte, a samverkansöverenskommelse, or a municipality file.",
        **body,
        "$defs": defs,
    }
    _shape(schema)
    return schema


def _shape(node: Any) -> None:
    """Make the generated schema an editor's schema, in place (see the module's doc)."""
    if isinstance(node, list):
        for item in node:
            _shape(item)
        return
    if not isinstance(node, dict):
        return
    if "discriminator" in node and "oneOf" in node:
        _by_kind(node)
    if node.get("default", 0) is None:
        del node["default"]
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if "enum" in node and all(isinstance(v, str) for v in node["enum"]):
        node["enumDescriptions"] = [ENUM_DESCRIPTIONS.get(v, v) for v in node["enum"]]
    if node.get("pattern") == SLUG_RE:
        node["patternErrorMessage"] = ID_MESSAGE
    if node.get("format") == "date":
        node["pattern"] = DATE_PATTERN
        node["patternErrorMessage"] = DATE_MESSAGE
    for key, value in node.items():
        if key != "if":  # the conditions of `_by_kind` stay as they are
            _shape(value)


def _by_kind(node: dict[str, Any]) -> None:
    """A discriminated ``oneOf`` → one ``kind`` enum and an ``if``/``then`` per kind.

    The same documents validate; but an editor now reports a wrong kind as
    "not one of count, coverage, …" and completes the kinds with their
    descriptions, instead of trying every branch and reporting the first.
    """
    discriminator = node.pop("discriminator")
    node.pop("oneOf")
    field = discriminator["propertyName"]
    mapping: dict[str, str] = discriminator["mapping"]
    kinds = list(mapping)
    node["type"] = "object"
    node["required"] = [field]
    targets = all(ref.endswith("Target") for ref in mapping.values())
    described = KIND_TARGET if targets else _DOCUMENT["kind"]
    node["properties"] = {field: {"type": "string", "enum": kinds, "description": described}}
    node["allOf"] = [
        {"if": {"properties": {field: {"const": kind}}, "required": [field]}, "then": {"$ref": ref}}
        for kind, ref in mapping.items()
    ]


def schema_text() -> str:
    """The schema as the text committed in schema/lofte.schema.json."""
    return json.dumps(schema_dict(), ensure_ascii=False, indent=2) + "\n"


def installed_schema_text() -> str:
    """The schema of this lofte: the copy shipped in the wheel, or a source checkout's.

    Both are this text (the wheel ships the committed copy, and a test keeps that
    equal to `schema_text`), and reading one is an order of magnitude quicker than
    building the schema (about 36 ms), which is the fallback.
    """
    from pathlib import Path

    package = Path(__file__).parent
    for copy in (package / "schema", package.parent.parent / "schema"):
        if (copy / "lofte.schema.json").is_file():
            return (copy / "lofte.schema.json").read_text(encoding="utf-8")
    return schema_text()
