"""A deterministic, national-shaped corpus of promise files, for the benchmarks.

Everything it writes is MADE UP: invented municipalities with pseudo-Swedish
names, activities drawn from a phrase bank, progress records with random
counts.  Only the shape is realistic: one directory per municipality, laid
out like ``data/`` (its municipality file, its 2020–2023 agreement and four
yearly promises, ``2020.yaml`` … ``2023.yaml``), promise files of about
10–40 KB with activities and progress records.  Every file validates with
``lofte validate`` and, with lofte's own schema, with ``check-jsonschema``
(dates are plain ISO text, which both read as text; no ``yes``/``no`` words).

    python benchmarks/corpus.py                      # 290 municipalities → benchmarks/corpus/
    python benchmarks/corpus.py --municipalities 20 --out /tmp/small
    python benchmarks/corpus.py --record-file /tmp/rec  # one ~1 MB file, for `lofte record`

The same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "corpus"
YEARS = (2020, 2021, 2022, 2023)
AGREEMENT = "samverkan-2020-2023"
HEADER = "# Made up by benchmarks/corpus.py for the benchmarks; not a real municipality.\n"

_FIRST = ["Norr", "Sö", "Väst", "Ös", "Berg", "Sjö", "Holm", "Lind", "Ek", "Al", "Björk", "Gran"]
_FIRST += ["Hög", "Dal", "Å", "Ljung", "Sand", "Sten", "Rön", "Ås", "Mal", "Strö", "Hå", "Kil"]
_LAST = ["köping", "by", "torp", "hult", "vik", "sund", "stad", "målen", "fors", "näs", "ås"]
_LAST += ["berga", "tuna", "hamra", "ryd", "sjö", "holm", "inge", "lösa"]
_UNITS = {
    "socialtjansten": "Socialtjänsten",
    "fritid": "Fritid",
    "skolan": "Skolan",
    "trygghetssamordnare": "Trygghetssamordnare",
    "kommunpolis": "Kommunpolis",
    "omradespolis": "Områdespolis",
    "fritidsfaltare": "Fritidsfältare",
    "foreningar": "Föreningar",
    "teknik-och-servicekontor": "Teknik- och servicekontor",
}
_TOPICS = [
    "ungdomar och narkotika",
    "trafiksäkerhet kring skolorna",
    "tryggheten i centrum",
    "skadegörelse på skolor",
    "våld i nära relationer",
    "bedrägerier mot äldre",
    "langning av alkohol",
    "otrygghet i bostadsområden",
]
_VERBS = [
    "Polisen kommer genomföra",
    "Kommunen och polisen genomför tillsammans",
    "Fritidsfältarna ordnar",
    "Trygghetssamordnaren samordnar",
    "Polisen och socialtjänsten genomför",
]
_THINGS = ["planlagda insatser", "trygghetsvandringar", "trafikkontroller", "föräldramöten"]
_THINGS += ["narkotikasök med hund", "dialogmöten med medborgare", "besök på fritidsgårdar"]
_NOTES = [
    "Insatsen genomförd enligt plan",
    "Genomfört tillsammans med föreningarna, god uppslutning",
    "Färre deltagare än väntat; vi ändrar tiden till kvällstid",
    "Uppföljning i BRÅ: arbetet fortsätter under nästa tertial",
    "Inställt på grund av väder, genomfört veckan efter",
    "Bra dialog med boende om tryggheten i området",
]


def _slug(name: str) -> str:
    table = str.maketrans("åäöÅÄÖé", "aaoAAOe")
    return name.translate(table).lower()


def municipality_names(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` unique made-up (name, slug) pairs, always the same for one seed."""
    rng = random.Random(seed)
    pairs = sorted({(a + b, _slug(a + b)) for a in _FIRST for b in _LAST})
    rng.shuffle(pairs)
    if count > len(pairs):
        extra = [(f"{name} {n}", f"{slug}-{n}") for n in range(2, 9) for name, slug in pairs]
        pairs += extra
    if count > len(pairs):
        raise SystemExit(f"at most {len(pairs)} municipalities")
    return sorted(pairs[:count], key=lambda p: p[1])


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _folded(text: str, indent: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > 84 - indent:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    pad = " " * indent
    return ">-\n" + "".join(f"{pad}{one}\n" for one in lines)


def _places(rng: random.Random) -> list[str]:
    names = ["Centrum", "Norra", "Södra", "Hamnen", "Stationsområdet", "Kyrkbyn", "Skogsbacken"]
    return names[: rng.randint(3, len(names))]


def municipality_file(name: str, places: list[str]) -> str:
    """The municipality file: its units and its kommundelar."""
    actors = "".join(f"  {key}: {value}\n" for key, value in _UNITS.items())
    return (
        f"{HEADER}kind: municipality\nname: {name} kommun\n"
        f"police_area: Lokalpolisområde {name}\n\nactors:\n{actors}\n"
        f"places:\n  kommundelar:\n    items: [{', '.join(places)}]\n"
    )


def _date(rng: random.Random, year: int, last: int | None = None) -> dt.date:
    start = dt.date(year, 1, 1)
    end = dt.date(last or year, 12, 31)
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _target(rng: random.Random, kind: str, thing: str) -> tuple[str, str]:
    if kind == "count":
        n = rng.randint(2, 12)
        return f"{{kind: count, at_least: {n}, unit: {thing}}}", "count"
    if kind == "coverage":
        return "{kind: coverage, of: kommundelar}", "places"
    if kind == "recurring":
        return "{kind: recurring, per: tertial, at_least: 1}", "note"
    if kind == "milestone":
        return "{kind: milestone}", "note"
    return "{kind: ongoing, measure: en anteckning varje tertial}", "note"


def _record(rng: random.Random, day: dt.date, style: str, places: list[str]) -> list[str]:
    note = q(rng.choice(_NOTES))
    if style == "count":
        fields = f"date: {day.isoformat()}, count: {rng.randint(1, 3)}, note: {note}"
    elif style == "places":
        fields = f"date: {day.isoformat()}, count: 1, places: [{rng.choice(places)}]"
    else:
        fields = f"date: {day.isoformat()}, note: {note}"
    if rng.random() < 0.25:  # some records written in block style, with more fields
        block = [f"- date: {day.isoformat()}", f"  note: {note}"]
        block += [f"  partners: [{rng.choice(list(_UNITS))}]", "  link: https://example.invalid/x"]
        return block
    return [f"- {{{fields}}}"]


def _activity(
    rng: random.Random, ident: str, year: int, places: list[str], records: int
) -> list[str]:
    thing = rng.choice(_THINGS)
    topic = rng.choice(_TOPICS)
    verb = rng.choice(_VERBS)
    text = (
        f"{verb} minst {rng.randint(2, 9)} {thing} under året med inriktning {topic}, "
        f"i samverkan med skola, socialtjänst och lokala brottsförebyggande råd, "
        f"för att tidigt upptäcka och förebygga problem som skapar otrygghet."
    )
    kind = rng.choice(["count", "count", "coverage", "recurring", "milestone", "ongoing"])
    target, style = _target(rng, kind, thing)
    responsible = rng.sample(["polisen", "kommunen", *_UNITS], rng.randint(1, 3))
    lines = [f"- id: {ident}", *f"  text: {_folded(text, 4).rstrip()}".splitlines()]
    lines.append(f"  responsible: [{', '.join(responsible)}]")
    if kind == "milestone":
        lines.append(f"  due: {year}-{rng.randint(6, 12):02d}-{rng.randint(1, 28):02d}")
    lines.append(f"  target: {target}")
    if records:
        lines.append("  progress:")
        days = sorted(_date(rng, year) for _ in range(records))
        for day in days:
            lines += [f"    {line}" for line in _record(rng, day, style, places)]
    return lines


def promise_file(rng: random.Random, name: str, slug: str, year: int, places: list[str]) -> str:
    """One yearly medborgarlöfte with promises, activities and progress."""
    signed = dt.date(year, rng.randint(1, 3), rng.randint(1, 28))
    out = [HEADER.rstrip(), "kind: medborgarlofte", f'period: "{year}"']
    out += [f"title: Medborgarlöfte {name} kommun {year}", f"municipality: {slug}"]
    out += [f"police_area: Lokalpolisområde {name}", f"signed: {signed.isoformat()}"]
    out += ["applies_from: signing", f"builds_on: {AGREEMENT}", "signatories:"]
    out += [f"  - {{name: Anna Andersson, title: Kommundirektör, organisation: {name} kommun}}"]
    out += ["  - {name: Per Persson, title: Lokalpolisområdeschef, organisation: Polisen}"]
    out += ["", "situation:", f"  text: {_folded(_situation(rng, name), 4).rstrip()}"]
    out += ["  focus: [ungdomar, trafik, trygghet i centrum]", "", "promises:"]
    activities = rng.randint(9, 22)
    per_group = 4
    for g in range(0, activities, per_group):
        out += [f"  - id: lofte-{g // per_group + 1}"]
        out += [f"    text: {_folded(_situation(rng, name), 6).rstrip()}", "    activities:"]
        for a in range(g, min(g + per_group, activities)):
            records = rng.choice([0, 2, 4, 6, 8, 10, 14])
            block = _activity(rng, f"aktivitet-{a + 1}", year, places, records)
            out += [f"      {line}" for line in block]
            if rng.random() < 0.2:
                out.append("      # Uppföljs i BRÅ varje tertial.")
    out += ["", "expected_effects: [Ökad trygghet., Färre brott bland unga.]"]
    out += ["follow_up: {cadence: tertial, forum: Centrala BRÅ, published_on: [polisen.se]}"]
    return "\n".join(out) + "\n"


def _situation(rng: random.Random, name: str) -> str:
    topics = rng.sample(_TOPICS, 3)
    return (
        f"{name} är relativt sett en trygg kommun, men i dialoger med medborgarna och i "
        f"brottsstatistiken framträder {topics[0]}, {topics[1]} och {topics[2]} som det "
        "som skapar mest otrygghet. Arbetet sker löpande i den dagliga verksamheten och "
        "följs upp gemensamt av kommunen och polisen i det lokala brottsförebyggande rådet."
    )


def agreement_file(rng: random.Random, name: str, slug: str) -> str:
    """The multi-year agreement the promises build on, with a small handlingsplan."""
    out = [HEADER.rstrip(), "kind: samverkansoverenskommelse", f'period: "{AGREEMENT[-9:]}"']
    out += [f"title: Samverkansöverenskommelse {name} 2020–2023", f"municipality: {slug}"]
    out += ["starts: 2019-12-20", "ends: 2023-06-01", "signed: 2019-12-20"]
    out += ["goals: [Minska ungdomsbrottsligheten, Öka tryggheten i offentlig miljö]"]
    out += ["follow_up: {cadence: quarter, forum: Centrala BRÅ}", "action_plan:"]
    for a in range(rng.randint(4, 10)):
        out += [
            f"  - id: atgard-{a + 1}",
            f"    text: {_folded(_situation(rng, name), 6).rstrip()}",
        ]
        out += ["    responsible: [kommunen, polisen]"]
        out += ["    roles: {municipality: Fritid, police: Samverka, communication: Kommunikatör}"]
        out += ["    target: {kind: ongoing}"]
    return "\n".join(out) + "\n"


def write_corpus(out: Path, municipalities: int, seed: int = 2020) -> list[Path]:
    """Write the corpus under ``out`` (emptied first); return every file, sorted."""
    if out.exists():
        shutil.rmtree(out)
    paths: list[Path] = []
    for name, slug in municipality_names(municipalities):
        rng = random.Random(f"{seed}:{slug}")
        folder = out / slug
        folder.mkdir(parents=True)
        places = _places(rng)
        texts = {slug: municipality_file(name, places), AGREEMENT: agreement_file(rng, name, slug)}
        for year in YEARS:
            texts[str(year)] = promise_file(rng, name, slug, year, places)
        for stem, text in texts.items():
            path = folder / f"{stem}.yaml"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return sorted(paths)


def write_record_file(out: Path, size: int = 1_000_000, seed: int = 2020) -> Path:
    """A data dir with one promise ``2020.yaml`` of at least ``size`` bytes (and what it needs).

    The activity ``aktivitet-1`` has a count target, so ``lofte record 2020
    aktivitet-1 --count 1`` is a valid write.
    """
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    name, slug = "Exempelby", "exempelby"
    rng = random.Random(seed)
    places = _places(rng)
    (out / f"{slug}.yaml").write_text(municipality_file(name, places), encoding="utf-8")
    (out / f"{AGREEMENT}.yaml").write_text(agreement_file(rng, name, slug), encoding="utf-8")
    head = promise_file(rng, name, slug, 2020, places).split("\npromises:\n")[0]
    lines = [
        head,
        "",
        "promises:",
        "  - id: lofte-1",
        "    text: Ett stort löfte.",
        "    activities:",
    ]
    body = "\n".join(lines)
    n = 0
    while len(body.encode("utf-8")) < size:
        n += 1
        block = _activity(rng, f"aktivitet-{n}", 2020, places, 40)
        if n == 1:
            block[block.index("  progress:") - 1] = "  target: {kind: count, at_least: 9, unit: st}"
        body += "\n" + "\n".join(f"      {line}" for line in block)
    path = out / "2020.yaml"
    path.write_text(body + "\n", encoding="utf-8")
    return path


def write_large_file(out: Path, activities: int = 12_500, seed: int = 2020) -> Path:
    """A data dir with one promise ``2020.yaml`` of ``activities`` short activities.

    About 160 bytes an activity (12,500 make 2.0 MB, under the reader's
    2 MiB cap), a record on every other one, in 125 promises of 100: the
    shape of a file that grew by bulk import, for finding anything that grows
    faster than the activities (`status`, `report`, `record`).  Every
    activity ``aktivitet-N`` has a count target.
    """
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    name, slug = "Exempelby", "exempelby"
    rng = random.Random(seed)
    places = _places(rng)
    (out / f"{slug}.yaml").write_text(municipality_file(name, places), encoding="utf-8")
    (out / f"{AGREEMENT}.yaml").write_text(agreement_file(rng, name, slug), encoding="utf-8")
    head = promise_file(rng, name, slug, 2020, places).split("\npromises:\n")[0]
    lines = [head, "", "promises:"]
    for n in range(activities):
        if n % 100 == 0:
            lines += [f"  - id: lofte-{n // 100 + 1}", "    text: Ett löfte.", "    activities:"]
        lines += [
            f"      - id: aktivitet-{n + 1}",
            "        text: Insats.",
            "        responsible: [polisen]",
            f"        target: {{kind: count, at_least: {rng.randint(2, 9)}, unit: st}}",
        ]
        if n % 2 == 0:  # a record on every other activity: the file stays under 2 MiB
            day = _date(rng, 2020)
            lines += ["        progress:", f"          - {{date: {day.isoformat()}, count: 1}}"]
    path = out / "2020.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: write the corpus (or the record file) and say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--municipalities", type=int, default=290, help="default: 290")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the municipalities")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--record-file", type=Path, help="write only the ~1 MB record data dir")
    parser.add_argument(
        "--large-file", type=Path, help="write only the 12,500-activity data dir (about 2 MiB)"
    )
    args = parser.parse_args(argv)
    if args.record_file:
        path = write_record_file(args.record_file, seed=args.seed)
        print(f"{path}: {path.stat().st_size:,} bytes")
        return 0
    if args.large_file:
        path = write_large_file(args.large_file, seed=args.seed)
        print(f"{path}: {path.stat().st_size:,} bytes")
        return 0
    count = max(1, round(args.municipalities * args.scale))
    paths = write_corpus(args.out, count, args.seed)
    total = sum(p.stat().st_size for p in paths)
    print(f"{args.out}: {count} municipalities, {len(paths)} files, {total:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
