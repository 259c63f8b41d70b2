"""The hostile-input campaign of issue 16, through all five commands.

Each case is a data directory with one hostile thing in it (made up for the
test): a FIFO, a symlink loop, long numbers, the years 0000 and 9999, control
characters in names and values, what libyaml misreads, 2 MiB of unknown keys,
a template that raises.  Every command that meets it must end within 20 s
with exit code 1 or 2, print one located line per problem (``path:line:col:``
or ``lofte: path:line:``), no traceback and no raw control character.
Before the fixes of issue 16 each case here was a traceback, a hang, a forged
line or "no problems".
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES, Result, run_cli, run_process

GOOD = """\
kind: medborgarlofte
period: "2021"
title: Löfte
municipality: exempelby
activities:
  - id: a
    text: Text.
    responsible: [polisen]
    target: {kind: count, at_least: 2, unit: möten}
"""
LIMIT = 20.0
# A problem line: "path:line:col: …", or a fatal "lofte: path:line: …".
LOCATED = re.compile(r"^(?:lofte: )?\S.*?:\d+(?::\d+)?: \S")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES / "common", data)
    return data


def _period(data: Path, name: str, text: str) -> str:
    (data / f"{name}.yaml").write_text(text, encoding="utf-8")
    return name


def long_hex_key(data: Path) -> str:
    return _period(data, "2021", GOOD + "0x" + "1" * 70 + ": 1\n")


def long_octal_key(data: Path) -> str:
    return _period(data, "2021", GOOD.replace("title:", "0o" + "7" * 70 + ": 1\ntitle:"))


def long_decimal(data: Path) -> str:
    return _period(data, "2021", GOOD.replace("title: Löfte", "title: " + "9" * 65))


def year_0000(data: Path) -> str:
    return _period(data, "0000", GOOD.replace('"2021"', '"0000"'))


def year_9999(data: Path) -> str:
    return _period(data, "9999", GOOD.replace('"2021"', '"9999"'))


def raw_control_after_swedish(data: Path) -> str:
    return _period(data, "2021", GOOD.replace("title: Löfte", "title: åäöåäöåäöåäö\x01"))


def escaped_control_in_value(data: Path) -> str:
    return _period(data, "2021", GOOD.replace("text: Text.", 'text: "x\\e[31m\\x07"'))


def forged_line_in_value(data: Path) -> str:
    # A newline is allowed in text; with a control character it forged a line.
    return _period(data, "2021", GOOD.replace("text: Text.", 'text: "ok\\n::warning x\\x1b"'))


def control_in_file_name(data: Path) -> str:
    name = "n\nx.yaml:1:1: forged\x1b[31m"
    (data / f"{name}.yaml").write_text(GOOD + "junk: 1\n", encoding="utf-8")
    return str(data / f"{name}.yaml")


def symlink_loop(data: Path) -> str:
    (data / "a.yaml").symlink_to("b.yaml")
    (data / "b.yaml").symlink_to("a.yaml")
    return "a"


def libyaml_misreads(data: Path) -> str:
    text = GOOD.replace("responsible: [polisen]", "responsible: [?polisen]")
    return _period(data, "2021", text)


def unknown_keys_2mib(data: Path) -> str:
    keys = "".join(f"k{n}: 1\n" for n in range(190_000))
    assert 1.5e6 < len(keys) < 2 * 1024 * 1024 - len(GOOD)
    return _period(data, "2021", GOOD + keys)


CASES: dict[str, Callable[[Path], str]] = {
    f.__name__: f
    for f in (
        long_hex_key,
        long_octal_key,
        long_decimal,
        year_0000,
        year_9999,
        raw_control_after_swedish,
        escaped_control_in_value,
        forged_line_in_value,
        control_in_file_name,
        symlink_loop,
        libyaml_misreads,
    )
}


def commands(period: str, data: Path) -> dict[str, list[str]]:
    d = ["--data-dir", str(data)]
    return {
        "validate": ["validate", *d],
        "check": ["check", "--as-of", "9999-12-31", *d],
        "status": ["status", period, *d],
        "record": ["record", period, "a", "--date", "2021-03-01", "--count", "1", *d],
        "report": ["report", period, "-t", "9999-T3", *d],
    }


def assert_hostile_handled(result: Result, seconds: float) -> None:
    assert seconds < LIMIT
    assert result.code in (1, 2), result
    text = result.out + result.err
    assert "Traceback" not in text
    assert not CONTROL.search(text), text
    lines = [line for line in text.splitlines() if line and not line.startswith("checked ")]
    problems = [line for line in lines if LOCATED.match(line)]
    assert problems, text
    # Status and report print their table or page only when there is no problem.
    assert problems == lines, text


@pytest.mark.parametrize("command", ["validate", "check", "status", "record", "report"])
@pytest.mark.parametrize("case", CASES)
def test_hostile_case(case: str, command: str, tmp_path: Path) -> None:
    data = _dir(tmp_path)
    period = CASES[case](data)
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    start = time.monotonic()
    result = run_cli(*commands(period, data)[command], cwd=tmp_path)
    assert_hostile_handled(result, time.monotonic() - start)
    after = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    assert after == before  # nothing written, nothing left beside the data


@pytest.mark.slow
@pytest.mark.parametrize("command", ["validate", "check", "status", "record", "report"])
def test_a_fifo_named_like_a_period_hangs_nothing(command: str, tmp_path: Path) -> None:
    # A real process with a deadline: in-process, a hang would hang the suite.
    data = _dir(tmp_path)
    os.mkfifo(data / "2020.yaml")
    start = time.monotonic()
    result = run_process(*commands("2020", data)[command], cwd=tmp_path, timeout=LIMIT)
    assert_hostile_handled(result, time.monotonic() - start)
    assert "data/2020.yaml:1:1: is not a regular file" in result.out + result.err


@pytest.mark.slow
@pytest.mark.parametrize("command", ["validate", "status", "record"])
def test_two_mib_of_unknown_keys_in_seconds(command: str, tmp_path: Path) -> None:
    data = _dir(tmp_path)
    period = unknown_keys_2mib(data)
    start = time.monotonic()
    result = run_cli(*commands(period, data)[command], cwd=tmp_path)
    assert_hostile_handled(result, time.monotonic() - start)
    lines = (result.out + result.err).splitlines()
    assert len(lines) <= 202
    if command == "record":  # record names the first problem and refers to validate
        assert len(lines) == 1 and "`lofte validate` lists 201 problems" in lines[0]
        return
    if command == "validate":  # the summary counts the problems not shown too
        assert lines[-1] == "checked 3 files: 190000 errors in 1 file"
    assert any(
        re.fullmatch(
            r".*data/2021\.yaml:\d+:1: and 189,8\d\d more problems in this file, not shown "
            r"\(at most 200 are listed per file\)",
            line,
        )
        for line in lines
    ), lines[-3:]


def test_a_count_of_5000_digits_is_refused(tmp_path: Path) -> None:
    data = _dir(tmp_path)
    _period(data, "2021", GOOD)
    args = ["record", "2021", "a", "--date", "2021-03-01", "--count", "9" * 5000]
    result = run_cli(*args, "--data-dir", str(data), cwd=tmp_path)
    assert_hostile_handled(result, 0)
    assert result.err == (
        "data/2021.yaml:6:5: --count is 5,000 characters long; a count has at most 64 digits\n"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (b"line\n{{ 1/0 }}\n", "report.md.j2:2: ZeroDivisionError: division by zero"),
        (
            b"x \xff\n",
            "report.md.j2:1:3: invalid UTF-8 byte 0xff; save the template as UTF-8",
        ),
        (
            b'{{ cycler.__init__.__globals__.os.popen("id").read() }}\n',
            "report.md.j2:1: access to attribute '__init__' of 'type' object is unsafe.",
        ),
    ],
    ids=["raises", "not-utf8", "escapes-the-sandbox"],
)
def test_a_hostile_template_is_one_located_line(
    template: bytes, message: str, tmp_path: Path
) -> None:
    data = _dir(tmp_path)
    _period(data, "2021", GOOD)
    folder = tmp_path / "look"
    folder.mkdir()
    (folder / "report.md.j2").write_bytes(template)
    start = time.monotonic()
    result = run_cli("report", "2021", "--templates", str(folder), "--data-dir", str(data))
    assert_hostile_handled(result, time.monotonic() - start)
    assert result.err == f"lofte: {folder}/{message}\n"
    assert result.out == ""


def test_one_hostile_file_does_not_cost_the_others_their_diagnostics(tmp_path: Path) -> None:
    # With forked workers, one file with a long hex key aborted the whole run.
    data = _dir(tmp_path)
    long_hex_key(data)
    for year in range(2000, 2008):
        _period(data, str(year), GOOD.replace('"2021"', f'"{year}"') + "junk: 1\n")
    result = run_cli("validate", "-j", "2", "--data-dir", str(data), cwd=tmp_path)
    assert_hostile_handled(result, 0)
    located = [line for line in result.out.splitlines() if LOCATED.match(line)]
    assert len(located) == 9
    assert located[-1].startswith("data/2021.yaml:10:1: number is longer than 64 characters")


def test_status_shows_no_bidi_control_from_file_text(tmp_path: Path) -> None:
    data = _dir(tmp_path)
    _period(data, "2021", GOOD.replace("text: Text.", 'text: "abc\\u202Edef\\u2066"'))
    result = run_cli("status", "2021", "--as-of", "2021-06-01", "--data-dir", str(data))
    assert result.code == 0, result
    assert "abcdef" in result.out
    assert "\u202e" not in result.out and "\u2066" not in result.out


def test_a_diagnostic_is_one_line_whatever_its_path_and_message_hold() -> None:
    from lofte.errors import Diagnostic

    d = Diagnostic("a\nb\x1b[31m.yaml", 1, 2, "x", "got 'x\n::warning y\u202e'")
    assert d.render() == "a\\nb\\x1b[31m.yaml:1:2: got 'x\\n::warning y\\u202e'"


def test_record_prints_no_raw_control_character_from_a_folder_name(tmp_path: Path) -> None:
    data = tmp_path / "d\nx\x1b[31m"
    shutil.copytree(EXAMPLES / "common", data)
    _period(data, "2021", GOOD)
    args = ["record", "2021", "a", "--count", "1", "--date", "2021-03-01", "--data-dir", str(data)]
    for extra in (["--dry-run"], []):
        result = run_cli(*args, *extra, cwd=tmp_path)
        assert result.code == 0, result
        assert not CONTROL.search(result.out + result.err), result
    assert "d\\nx\\x1b[31m/2021.yaml:10: recorded 2021-03-01 for a: count 1\n" in result.out
