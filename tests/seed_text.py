"""Split the seed documents into sentences, the same way every time.

The sentences, each with the quantities it states, are kept in
tests/fixtures/check/seed_sentences.yaml so the tests do not depend on the seeds
being beside the repository; when they are (../shared/seeds), a test checks that
the fixture still holds every sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

SEED_NAMES = [
    "004_4b487a22adbaa36b.txt",  # Medborgarlöfte 2019
    "000_2581b206b2d6bed2.txt",  # Polisens medborgarlöfte 2020
    "003_0d6190615f130685.txt",  # news item, 2021
    "002_5770e62ef97616e7.txt",  # lägesbild and activity list 2024–2025
    "001_3aee49ffd436fc94.txt",  # samverkansöverenskommelse 2020–2023
]

_MARKUP = [
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](link)
    (re.compile(r"</?i>"), ""),
    (re.compile(r"\*+"), ""),
    (re.compile(r"^\s*(?:#+|-)\s+"), ""),  # heading marks, list dashes
]
# A sentence ends at . ! ? followed by space and something that starts a sentence.
_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”–(])")


def sentences(text: str) -> list[str]:
    """The sentences of one seed text: markup removed, table cells apart, in order."""
    found: list[str] = []
    for raw_line in text.splitlines():
        for cell in raw_line.split("\t"):  # the handlingsplan table
            line = cell
            for pattern, replacement in _MARKUP:
                line = pattern.sub(replacement, line)
            line = " ".join(line.split())
            if not re.search(r"[^\W\d_]", line):
                continue  # blank, "....." and the like
            found.extend(part.strip() for part in _END.split(line) if part.strip())
    return found


def seed_sentences(seeds: Path) -> list[tuple[str, str]]:
    """(seed file name, sentence) for every sentence of every seed, first occurrence only."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for name in SEED_NAMES:
        for sentence in sentences((seeds / name).read_text(encoding="utf-8")):
            if sentence not in seen:
                seen.add(sentence)
                out.append((name, sentence))
    return out
