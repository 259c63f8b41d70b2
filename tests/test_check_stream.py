"""`lofte check` streams like `lofte validate`: the same report on one process or two,
with the cache or without, while holding only a few files, which it reloads when needed."""

from __future__ import annotations

import weakref
from pathlib import Path

import pytest

from conftest import broken_corpus, run_cli, run_process
from lofte.errors import Diagnostic
from lofte.read import loader
from lofte.read.cache import ParseCache
from lofte.read.loader import Loaded, Workspace
from lofte.rules import bulk

AS_OF = "2024-06-01"  # every period of the generated corpus has ended: LT301 warnings too


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated (made-up) corpus of 12 municipalities, some of its files broken.

    Broken files show that a file failing validate is reported, and not checked, the
    same way on every path; the broken municipality file takes its promises' references.
    """
    root = tmp_path_factory.mktemp("check-stream") / "corpus"
    paths = broken_corpus(root, ["syntax", "unknown-key", "cross-rules"], "2021.yaml", every=4)
    assert len(paths) >= bulk.PARALLEL_FROM
    return root


def _by_directory(root: Path) -> list[str]:
    return [str(p.relative_to(root.parent)) for p in sorted(root.glob("*/*.yaml"))]


def _interleaved(root: Path) -> list[str]:
    """Directory by directory for each file name: a.../2020, b.../2020, …, a.../2021, …

    Between two files of one municipality, every other municipality's files and
    references are loaded, so a workspace of `bulk.KEEP` files has let its
    municipality file and agreement go and must load them again.
    """
    names = sorted({p.name for p in root.glob("*/*.yaml")}, key=lambda n: (n[0].isdigit(), n))
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    return [
        str((folder / name).relative_to(root.parent))
        for name in names
        for folder in folders
        if (folder / name).is_file()
    ]


def _check(root: Path, args: list[str], *options: str) -> str:
    result = run_cli("check", "--as-of", AS_OF, "--no-cache", *options, *args, cwd=root.parent)
    assert result.code == 1, result.err
    return result.out


def test_one_process_or_two_give_the_same_report(national: Path) -> None:
    args = ["check", "--as-of", AS_OF, "--no-cache", *_by_directory(national)]
    serial = run_process(*args, "-j", "1", cwd=national.parent)
    parallel = run_process(*args, "-j", "2", cwd=national.parent)
    automatic = run_process(*args, cwd=national.parent)
    assert serial.code == parallel.code == automatic.code == 1
    assert parallel.out == serial.out == automatic.out
    assert parallel.err == ""
    lines = serial.out.splitlines()
    assert lines[-1].startswith("checked ") and f" in {len(args) - 4} files: " in lines[-1]
    for code in ("LT102", "LT103", "LT201", "LT301"):
        assert f" {code} " in serial.out, code
    # validate's own problems come through too, worded as validate words them
    assert ": unknown key " in serial.out
    assert "no valid municipality file" in serial.out or "no valid file" in serial.out


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_json_and_github_output_are_identical_too(national: Path, fmt: str) -> None:
    args = ["-f", fmt, *_by_directory(national)]
    assert _check(national, args, "-j", "1") == _check(national, args, "-j", "2")


def test_the_cache_on_or_off_gives_the_same_report(national: Path, tmp_path: Path) -> None:
    args = ["check", "--as-of", AS_OF, "-j", "1", *_by_directory(national)]
    cache = tmp_path / "cache"
    cold = run_cli(*args, "--cache-dir", str(cache), cwd=national.parent)
    assert (cache / "parse.sqlite3").is_file()
    warm = run_cli(*args, "--cache-dir", str(cache), cwd=national.parent)
    warm_two = run_cli(*args, "--cache-dir", str(cache), "-j", "2", cwd=national.parent)
    off = run_cli(*args, "--no-cache", "--cache-dir", str(tmp_path / "off"), cwd=national.parent)
    env_off = run_cli(
        *args,
        "--cache-dir",
        str(tmp_path / "off"),
        cwd=national.parent,
        env={"LOFTE_NO_CACHE": "1"},
    )
    assert not (tmp_path / "off").exists()
    outcomes = [(r.code, r.out) for r in (cold, warm, warm_two, off, env_off)]
    assert outcomes == [outcomes[0]] * 5
    assert cold.code == 1 and cold.out.count("\n") > 100


def test_check_holds_no_more_than_keep_files(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Instrumented: the workspace's size after every load, and the loaded files still alive."""
    workspace_sizes: list[int] = []
    alive: weakref.WeakValueDictionary[int, Loaded] = weakref.WeakValueDictionary()
    most_alive = [0]

    class Watched(Workspace):
        def load(
            self, path: Path, display: str | None = None
        ) -> tuple[Loaded | None, list[Diagnostic]]:
            result = super().load(path, display)
            workspace_sizes.append(len(self.files))
            if result[0] is not None:
                alive[id(result[0])] = result[0]
            most_alive[0] = max(most_alive[0], len(alive))
            return result

    monkeypatch.setattr(bulk, "Workspace", Watched)
    args = _by_directory(national)
    assert len(args) > 4 * bulk.KEEP
    _check(national, args, "-j", "1")
    assert len(workspace_sizes) >= len(args)
    assert max(workspace_sizes) == bulk.KEEP
    # The file being checked may have left the workspace while its rules load others.
    assert bulk.KEEP <= most_alive[0] <= bulk.KEEP + 1


@pytest.mark.parametrize("keep", [bulk.KEEP, 1])
def test_a_bounded_workspace_reloads_what_the_check_rules_need(
    national: Path, monkeypatch: pytest.MonkeyPatch, keep: int
) -> None:
    """Municipality files and agreements evicted between their users are loaded again.

    The reference holds every file (no limit), as `lofte check` did before it streamed.
    """
    monkeypatch.setattr(bulk, "KEEP", None)
    everything = _check(national, _by_directory(national), "-j", "1")
    loads: dict[Path, int] = {}
    load_file = loader.load_file

    def counted(
        path: Path, display: str | None = None, cache: ParseCache | None = None
    ) -> tuple[Loaded | None, list[Diagnostic]]:
        loads[path.resolve()] = loads.get(path.resolve(), 0) + 1
        return load_file(path, display, cache)

    monkeypatch.setattr(bulk, "KEEP", keep)
    monkeypatch.setattr(loader, "load_file", counted)
    streamed = _check(national, _interleaved(national), "-j", "1")
    assert streamed == everything
    towns = [p for p in loads if p.stem == p.parent.name]
    assert towns and all(loads[p] > 1 for p in towns), "no municipality file was reloaded"
    # What the check rules took from the municipality files: the size of a place list.
    assert "of the list 'kommundelar' (" in streamed


def _stem(path: Path, _: Workspace) -> str:
    return path.stem


def test_map_files_gives_results_in_the_order_of_the_paths() -> None:
    paths = [Path(f"{d}/{n}.yaml") for n in range(40) for d in "abc"]  # interleaved
    assert bulk.map_files(paths, _stem, jobs=2) == [p.stem for p in paths]
    assert bulk.map_files(paths, _stem, jobs=1) == [p.stem for p in paths]
