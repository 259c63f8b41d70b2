"""scripts/mutate.py, the mutation-testing script, on a made-up one-module project."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT


def _script() -> ModuleType:
    path = ROOT / "scripts" / "mutate.py"
    spec = importlib.util.spec_from_file_location("lofte_mutate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


mutate = _script()

TOY = '''\
"""A made-up module: docstrings and annotations are never mutated."""

LIMIT: int = 3


def small(x: int) -> bool:
    """Whether x is small."""
    return x < LIMIT
'''
TOY_TEST = """\
from toy.calc import small


def test_small():
    assert small(2)
    assert not small(5)
"""
CONFIG = """\
src = "src"
sample = 60
seed = 1
timeout = 60
threshold = 90

[modules."toy.calc"]
tests = ["tests/test_calc.py"]
"""


def _project(tmp_path: Path, equivalents: str = "") -> tuple[Path, Path]:
    root = tmp_path / "toy"
    (root / "src" / "toy").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "src" / "toy" / "__init__.py").write_text("", encoding="utf-8")
    (root / "src" / "toy" / "calc.py").write_text(TOY, encoding="utf-8")
    (root / "tests" / "test_calc.py").write_text(TOY_TEST, encoding="utf-8")
    config = tmp_path / "mutation" / "config.toml"
    config.parent.mkdir()
    config.write_text(CONFIG, encoding="utf-8")
    (config.parent / "equivalent.toml").write_text(equivalents, encoding="utf-8")
    return root, config


def test_it_generates_mutants_but_not_of_docstrings_or_annotations() -> None:
    found = mutate.mutants_of("toy.calc", TOY)
    assert [(m.line, m.col, m.mutation, m.code) for m in found] == [
        (3, 14, "`3` → `4`", "LIMIT: int = 3"),
        (8, 5, "`return …` → `pass`", "return x < LIMIT"),
        (8, 12, "`<` → `<=`", "return x < LIMIT"),
    ]


@pytest.mark.parametrize(
    ("source", "mutations"),
    [
        ("a = x <= y and not z", ["`and` → `or`", "`<=` → `<`", "`not x` → `x`"]),
        ("a = [1, 'b']",
         ["entry `1` removed", "entry `'b'` removed", "`1` → `2`", "`'b'` → `'c'`"]),
        ("a = {'k': True}", ["entry `'k': …` removed", "`'k'` → `'l'`", "`True` → `False`"]),
        ("a -= b + c", ["`-=` → `+=`", "`+` → `-`"]),
        ("a = x is None or y in z", ["`or` → `and`", "`is` → `is not`", "`in` → `not in`"]),
        ("a, b = c", []),  # an assignment target is no list display
        ("a = {x}", []),  # removing a set's only entry would make a dict
        ("A = tuple[str, ...]", []),  # a type alias: its entries are types
        ("__all__ = ['a', 'b']", []),  # read only by `import *`
        ("a = b[1:2]", ["`1` → `2`", "`2` → `3`"]),
        ("a = 'text'", ["`'text'` → `'XXtextXX'`"]),
    ],
)  # fmt: skip
def test_the_operators(source: str, mutations: list[str]) -> None:
    assert sorted(m.mutation for m in mutate.mutants_of("m", source)) == sorted(mutations)


def test_applying_a_mutant_changes_only_that_node() -> None:
    found = {m.mutation: m for m in mutate.mutants_of("toy.calc", TOY)}
    assert "return x <= LIMIT" in mutate.apply(TOY, found["`<` → `<=`"])
    assert "LIMIT: int = 4" in mutate.apply(TOY, found["`3` → `4`"])
    mutated = mutate.apply(TOY, found["`return …` → `pass`"])
    assert "return" not in mutated and "pass" in mutated
    assert '"""Whether x is small."""' in mutated


def test_the_sample_is_fixed_by_its_seed() -> None:
    found = mutate.mutants_of("m", "a = [" + ", ".join(str(n) for n in range(50)) + "]")
    assert len(found) == 100
    first = mutate.sample(found, 10, 7)
    assert first == mutate.sample(found, 10, 7)
    assert len(first) == 10 and first == sorted(first, key=found.index)
    assert mutate.sample(found, 10, 8) != first
    assert mutate.sample(found, 0, 7) == found
    assert mutate.sample(found[:5], 10, 7) == found[:5]


def test_a_run_mutates_a_copy_and_reports_scores(tmp_path: Path) -> None:
    root, config = _project(tmp_path)
    before = (root / "src" / "toy" / "calc.py").read_bytes()
    result = mutate.run_module(mutate.load_config(config, root), "toy.calc", 60, 1)
    assert (root / "src" / "toy" / "calc.py").read_bytes() == before
    # `return` → `pass` is killed; `<` → `<=` and 3 → 4 survive: nothing tests small(3).
    assert (result.mutants, result.killed, result.equivalent) == (3, 1, 0)
    assert sorted(m.mutation for m in result.survivors) == ["`3` → `4`", "`<` → `<=`"]
    assert mutate.table([result]) == (
        "| module | mutants | killed | survived | equivalent | score |\n"
        "|---|---:|---:|---:|---:|---:|\n"
        "| toy.calc | 3 | 1 | 2 | 0 | 33 % |"
    )


def test_listed_equivalents_are_counted_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, config = _project(
        tmp_path,
        '[[equivalent]]\nmodule = "toy.calc"\nmutation = "`3` → `4`"\n'
        'code = "LIMIT: int = 3"\nreason = "made up for the test"\n',
    )
    code = mutate.main(["--config", str(config), "--root", str(root)])
    out = capsys.readouterr().out
    assert code == 1  # 50 % is below the threshold
    assert "| toy.calc | 3 | 1 | 1 | 1 | 50 % |" in out
    assert "toy.calc:8:12: `<` → `<=`  [return x < LIMIT]" in out
    assert "`3` → `4`" not in out.split("Survivors:")[1]


def test_list_shows_the_sample_and_marks_equivalents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, config = _project(
        tmp_path,
        '[[equivalent]]\nmodule = "toy.calc"\nmutation = "`3` → `4`"\n'
        'code = "LIMIT: int = 3"\nreason = "made up for the test"\n',
    )
    assert mutate.main(["--config", str(config), "--root", str(root), "--list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "  0 toy.calc:3:14: `3` → `4`  [LIMIT: int = 3] (equivalent)",
        "  1 toy.calc:8:5: `return …` → `pass`  [return x < LIMIT]",
        "  2 toy.calc:8:12: `<` → `<=`  [return x < LIMIT]",
    ]


def test_an_equivalent_with_a_column_matches_only_that_column() -> None:
    source = "a = b[0] + c[0]\n"
    first, second = [m for m in mutate.mutants_of("m", source) if m.mutation == "`0` → `1`"]
    entry = mutate.Equivalent("m", "`0` → `1`", "a = b[0] + c[0]", "made up", col=first.col)
    assert (first.col, second.col) == (7, 14)
    assert mutate.is_equivalent(first, [entry])
    assert not mutate.is_equivalent(second, [entry])
    anywhere = mutate.Equivalent("m", "`0` → `1`", "a = b[0] + c[0]", "made up")
    assert mutate.is_equivalent(second, [anywhere])
    elsewhere = mutate.Equivalent("m", "`0` → `1`", "a = b[0] + c[0]", "made up", line=2)
    assert not mutate.is_equivalent(first, [elsewhere])


def test_an_equivalent_needs_a_reason(tmp_path: Path) -> None:
    root, config = _project(
        tmp_path, '[[equivalent]]\nmodule = "toy.calc"\nmutation = "x"\ncode = "y"\nreason = ""\n'
    )
    with pytest.raises(SystemExit, match="entry 1 needs module, mutation, code and a reason"):
        mutate.load_config(config, root)


def test_a_module_whose_tests_fail_unmutated_is_refused(tmp_path: Path) -> None:
    root, config = _project(tmp_path)
    (root / "tests" / "test_calc.py").write_text("def test_no():\n    assert False\n")
    with pytest.raises(SystemExit, match="its tests fail without any mutation"):
        mutate.run_module(mutate.load_config(config, root), "toy.calc", 60, 1)


def test_the_project_config_names_existing_modules_and_tests() -> None:
    config = mutate.load_config(ROOT / "tests" / "mutation" / "config.toml")
    for module, tests in config.modules.items():
        assert mutate._module_path(config.src, module).is_file(), module
        assert tests and all((ROOT / t).is_file() for t in tests), module
    for entry in config.equivalents:
        assert entry.module in config.modules, entry
        assert entry.reason.strip(), entry
