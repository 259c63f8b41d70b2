"""Bytes → data → models: the load stage of the pipeline.

`load_file` returns ``(document, diagnostics)`` and never raises for a
user's mistake.  `Workspace` loads a set of files and the files they refer
to (the agreement a promise builds on, the municipality file), once each.
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lofte.errors import Diagnostic, UsageError

if TYPE_CHECKING:
    from lofte.read.cache import ParseCache
    from lofte.read.yamlio import Positions


#: A file with more problems than this lists these and then one line saying
#: how many more: 200,000 unknown keys would print 200,000 lines.
MAX_DIAGNOSTICS = 200


class Loaded:
    """A file that parsed and validated, with what is needed to place problems in it.

    A plain class, as `Workspace` is: a dataclass compiles its methods when
    its module is imported, and every command imports this one.
    """

    __slots__ = ("__weakref__", "_positions", "data", "display", "document", "path", "raw")

    def __init__(
        self,
        path: Path,
        display: str,
        raw: bytes,
        data: dict[str, Any],
        document: Any,  # Promise | Agreement | Municipality
        _positions: Positions | None = None,
    ) -> None:
        self.path, self.display, self.raw = path, display, raw
        self.data, self.document, self._positions = data, document, _positions

    def __repr__(self) -> str:
        return f"Loaded({self.display!r}, {getattr(self.document, 'kind', None)!r})"

    @property
    def stem(self) -> str:
        """The file name without .yaml: what references name."""
        return self.path.stem

    @property
    def positions(self) -> Positions:
        """Node positions, parsed again on first use (problems are rare; speed is not)."""
        if self._positions is None:
            from lofte.read.yamlio import read

            _, self._positions = read(self.raw, positions=True)
            assert self._positions is not None
        return self._positions

    def at(
        self,
        path: tuple[str | int, ...],
        code: str,
        message: str,
        *,
        key: bool = False,
        severity: str = "error",
    ) -> Diagnostic:
        """A diagnostic at the value (or, with ``key``, the key) of ``path``."""
        line, col = self.positions.key(path) if key else self.positions.value(path)
        return Diagnostic(self.display, line, col, code, message, severity)  # type: ignore[arg-type]


def _adapter() -> Any:
    from pydantic import TypeAdapter

    from lofte.model import Document

    global _ADAPTER
    if _ADAPTER is None:
        _ADAPTER = TypeAdapter(Document)
    return _ADAPTER


_ADAPTER: Any = None


def resolved(path: Path) -> Path:
    """``path.resolve()``, or the absolute path where that fails (a symlink loop).

    `Path.resolve` raises on a loop (RuntimeError before Python 3.13, OSError
    after); the file is then reported unreadable when it is opened.
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def display_path(path: Path) -> str:
    """The path as the user should see it: relative inside the working directory, else as given."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def promise_files(directory: Path) -> list[Path]:
    """A folder's ``*.yaml`` files, and its ``*.yml`` ones, sorted; hidden ones left out.

    Hidden files (``.pre-commit-config.yaml``) are not promise files.  A ``.yml``
    file is not one either, but it is listed so that reading it reports the
    misnamed file (`read_bytes`) instead of passing over it silently.
    """
    return sorted(
        p
        for p in directory.glob("*.y*ml")
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )


def municipality_folders(directory: Path) -> list[Path]:
    """The tree layout: one folder per municipality, each with its own files.

    Empty when ``directory`` holds promise files itself (the one-municipality
    layout, which keeps working as before) or holds no folder with any.
    Hidden folders (``.git``, ``.lofte-cache``) are left out.
    """
    if not directory.is_dir() or promise_files(directory):
        return []
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_dir() and not p.name.startswith(".") and promise_files(p)
    )


def data_files(directory: Path) -> list[Path]:
    """Every promise file of a data directory: its own, or those of its municipality folders."""
    own = promise_files(directory)
    if own:
        return own
    return [path for folder in municipality_folders(directory) for path in promise_files(folder)]


def period_names(paths: list[Path], tree: bool = False) -> list[str]:
    """How to name each file as a period argument: ``2020``, or ``strangnas/2020`` in a tree.

    Files from a ``tree`` (or from more than one folder) are named with their
    folder, as a period argument in the tree layout is written.
    """
    if tree or len({path.parent for path in paths}) > 1:
        return [f"{path.parent.name}/{path.stem}" for path in paths]
    return [path.stem for path in paths]


def read_bytes(path: Path, display: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The file's bytes, or a diagnostic saying why they cannot be had."""
    from lofte.read.resolve import MAX_BYTES

    def problem(message: str, code: str = "file") -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(display, 1, 1, code, message)]

    if path.suffix == ".yml" and not path.is_dir():
        # One spelling, so that a period names one file: 2022 is data/2022.yaml.
        proper = path.with_suffix(".yaml")
        also = f"; {proper.name} exists too" if proper.exists() else ""
        return problem(
            f"promise files end in .yaml, not .yml: rename it to {proper.name}{also}",
            "file-name",
        )
    if path.is_dir():
        return problem("is a directory, not a promise file")
    try:
        # Non-blocking, so that a FIFO named 2020.yaml cannot hang the run:
        # it opens at once, and is refused below as not a regular file.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return problem("no such file" + _did_you_mean(path))
    except OSError as exc:  # a symlink loop is ELOOP: "Too many levels of symbolic links"
        return problem(f"cannot read: {exc.strerror or exc}")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return problem("is not a regular file (a FIFO, socket or device); lofte reads files")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            # Read one byte past the cap so an oversized file is refused unparsed.
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return problem(f"cannot read: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        return problem(
            f"file is larger than {MAX_BYTES:,} bytes; a promise file is kilobytes", "too-large"
        )
    return data, []


def _did_you_mean(path: Path) -> str:
    import difflib

    parent = path.parent
    if path.suffix == ".yaml" and path.with_suffix(".yml").is_file():
        return f"; {path.stem}.yml exists: rename it to {path.name}"
    stems = [p.stem for p in promise_files(parent)] if parent.is_dir() else []
    close = difflib.get_close_matches(path.stem, stems, n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def load_file(
    path: Path, display: str | None = None, cache: ParseCache | None = None
) -> tuple[Loaded | None, list[Diagnostic]]:
    """Read, parse and validate one file (the parse from ``cache`` when it has these bytes)."""
    display = display or display_path(path)
    raw, problems = read_bytes(path, display)
    if raw is None:
        return None, problems
    return load_bytes(path, raw, display, cache=cache)


def load_bytes(
    path: Path,
    raw: bytes,
    display: str,
    *,
    positions: bool = False,
    cache: ParseCache | None = None,
) -> tuple[Loaded | None, list[Diagnostic]]:
    """Parse and validate ``raw`` as the content of ``path`` (which need not hold it yet).

    With ``positions`` the node positions are built in the same pass, for a
    caller that will surely need them; otherwise `Loaded.positions` builds
    them on first use, and the parse comes from ``cache`` when it has these
    bytes, and goes into it.
    """
    if cache is not None and not positions:
        # A start that finds its documents here builds no validator and
        # imports no YAML parser (`lofte status`: docs/performance.md).
        hit = cache.get_loaded(raw)
        if hit is not None:
            return Loaded(path, display, raw, hit[0], hit[1]), []
    from lofte.read.yamlio import YamlProblem, problem_diagnostic, read

    data = cache.get(raw) if cache is not None and not positions else None
    spots: Positions | None = None
    if data is None:
        try:
            data, spots = read(raw, positions=positions)
        except YamlProblem as problem:
            return None, [problem_diagnostic(display, problem)]
        if cache is not None:
            cache.put(raw, data)
    loaded, problems = load_data(path, raw, display, data, spots)
    if loaded is not None and cache is not None:
        cache.put_loaded(raw, data, loaded.document)
    return loaded, problems


def load_data(
    path: Path, raw: bytes, display: str, data: Any, spots: Positions | None = None
) -> tuple[Loaded | None, list[Diagnostic]]:
    """Validate ``data``, read from ``raw`` (whose positions place any problem)."""
    from pydantic import ValidationError

    from lofte.read.yamlio import read

    try:
        document = _adapter().validate_python(data)
    except ValidationError as exc:
        from lofte.model import Document
        from lofte.read.locate import data_path, message_for, position

        if spots is None:
            _, spots = read(raw, positions=True)
        assert spots is not None
        placed = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            where = data_path(data, loc)
            if error["type"] == "union_tag_invalid":
                where = (*where, "kind")  # point at the wrong word, not the mapping
            # A key that fails its check (an actor id such as 'Fritid') is at the key,
            # not at its value: pydantic ends such a loc with "[key]".
            kind = "extra_forbidden" if loc and loc[-1] == "[key]" else error["type"]
            placed.append((position(spots, where, data, kind), loc, error))
        # Messages (with their "did you mean") are made only for the problems shown.
        placed.sort(key=lambda item: item[0])
        diagnostics = []
        for (line, col), loc, error in placed[:MAX_DIAGNOSTICS]:
            message = message_for(error, Document, loc)
            diagnostics.append(Diagnostic(display, line, col, _code(error["type"]), message))
        diagnostics = sorted(set(diagnostics))
        if len(placed) > MAX_DIAGNOSTICS:
            (line, col), _, _ = placed[MAX_DIAGNOSTICS]
            rest = len(placed) - MAX_DIAGNOSTICS
            diagnostics.append(
                Diagnostic(
                    display,
                    line,
                    col,
                    "too-many",
                    f"and {rest:,} more problems in this file, not shown "
                    f"(at most {MAX_DIAGNOSTICS} are listed per file)",
                )
            )
        return None, diagnostics
    return Loaded(path, display, raw, data, document, spots), []


def _code(pydantic_type: str) -> str:
    if pydantic_type == "extra_forbidden":
        return "unknown-key"
    if pydantic_type == "missing":
        return "missing-key"
    if pydantic_type.startswith("union_tag"):
        return "kind"
    return "invalid"


class Workspace:
    """Loaded files by resolved path, so each is read once however often it is named.

    With a ``limit`` it keeps only that many files, the most recently used:
    validating thousands of files one at a time then holds only the few that
    references lead to (a municipality file, an agreement), so memory stays
    flat however many files there are.  A file that drops out is simply read
    again when named again.
    """

    def __init__(self, limit: int | None = None, cache: ParseCache | None = None) -> None:
        self.files: dict[Path, tuple[Loaded | None, list[Diagnostic]]] = {}
        self.limit = limit
        self.cache = cache

    def load(
        self, path: Path, display: str | None = None
    ) -> tuple[Loaded | None, list[Diagnostic]]:
        """Load ``path`` (once, while it stays in the workspace)."""
        key = resolved(path)
        result = self.files.pop(key, None)
        if result is None:
            result = load_file(path, display, self.cache)
        self.files[key] = result  # dicts keep order: the most recently used is last
        if self.limit is not None and len(self.files) > self.limit:
            del self.files[next(iter(self.files))]
        return result

    def sibling(self, loaded: Loaded, stem: str) -> Loaded | None:
        """The file ``stem``.yaml beside ``loaded``, if it exists and validates."""
        candidate = loaded.path.parent / f"{stem}.yaml"
        if not candidate.is_file():
            return None
        return self.load(candidate)[0]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    Loading allocates many small objects (dicts, lists, models) and frees
    them by reference counting; the cyclic collector finds nothing there and
    only slows it down (measured: about a fifth of the load time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_many(paths: list[Path]) -> tuple[Workspace, list[Loaded], list[Diagnostic]]:
    """Load every path; return the workspace, the files that loaded, and all problems.

    It holds every file at once; `lofte.rules.bulk` checks many files one at a time.
    """
    workspace = Workspace()
    loaded: list[Loaded] = []
    diagnostics: list[Diagnostic] = []
    with gc_paused():
        for path in paths:
            one, problems = workspace.load(path)
            diagnostics.extend(problems)
            if one is not None:
                loaded.append(one)
    return workspace, loaded, diagnostics


def resolve_targets(args: list[str], data_dir: Path) -> list[Path]:
    """Command-line arguments → file paths.

    ``2020`` means ``DATA_DIR/2020.yaml`` (``strangnas/2020`` the file in the
    municipality folder ``strangnas``, in the tree layout); anything else with
    a slash or a .yaml ending is a path, and a folder stands for its
    ``*.yaml`` files, or for those of its municipality folders.  No arguments
    means every promise file of the data dir.
    """
    if not args:
        if not data_dir.is_dir():
            raise UsageError(
                f"{display_path(data_dir)}: data directory not found "
                "(set --data-dir or LOFTE_DATA_DIR)"
            )
        return data_files(data_dir)
    paths: list[Path] = []
    for arg in args:
        path = period_path(arg, data_dir)
        if path.is_dir() and path.suffix not in (".yaml", ".yml"):
            paths.extend(data_files(path))  # a folder of promise files, or of municipalities
        else:
            paths.append(path)
    return paths


def period_path(arg: str, data_dir: Path) -> Path:
    """One argument → a path: a period name in the data dir, or a path as given.

    A bare name that is no period there but an existing folder (``data``) is
    the folder.  In the tree layout (one folder per municipality) a period is
    written ``MUNICIPALITY/PERIOD``; a bare period found in exactly one
    municipality folder is that file, and one found in several is a usage
    error naming them.
    """
    if arg.endswith((".yaml", ".yml")):
        return Path(arg)
    if "/" in arg or os.sep in arg:
        given = Path(arg)
        if given.exists():
            return given
        in_tree = data_dir / f"{arg}.yaml"
        return in_tree if in_tree.parent.is_dir() and in_tree.parent != data_dir else given
    period = data_dir / f"{arg}.yaml"
    if period.exists():
        return period
    if Path(arg).is_dir():
        return Path(arg)
    if not data_dir.is_dir():
        # A period names a file of the data directory: without one, "data/2020.yaml:
        # no such file" would send the coordinator looking for the wrong thing.
        raise UsageError(
            f"{display_path(data_dir)}: data directory not found (set --data-dir or LOFTE_DATA_DIR)"
        )
    found = [folder / period.name for folder in municipality_folders(data_dir)]
    found = [path for path in found if path.is_file()]
    if len(found) > 1:
        names = ", ".join(f"{path.parent.name}/{arg}" for path in found)
        raise UsageError(
            f"{arg}: {len(found)} municipalities have this period; write MUNICIPALITY/PERIOD "
            f"({names})"
        )
    return found[0] if found else period
