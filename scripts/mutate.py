"""Mutation testing for the modules that decide what users are told.

    nice python scripts/mutate.py                    # every module in the config
    nice python scripts/mutate.py lofte.render.escape --sample 20
    python scripts/mutate.py lofte.write.scalars --list   # the sampled mutants, not run

One mutation at a time is applied to a module in a temporary COPY of the source
tree (the real files are never edited), and only that module's own tests (named in
``tests/mutation/config.toml``) are run against the copy.  A mutant is *killed* when
those tests fail or time out, and *survives* when they pass.  Mutants listed in the
equivalents file (``tests/mutation/equivalent.toml``, each with its reason) change
no behaviour; they are counted apart and not run.  The score is
killed / (mutants - equivalent).

Operators, on the module's syntax tree: ``<`` ↔ ``<=``, ``>`` ↔ ``>=``, ``==`` ↔
``!=``, ``is`` ↔ ``is not``, ``in`` ↔ ``not in``, ``and`` ↔ ``or``, ``+`` ↔ ``-``
(and ``+=`` ↔ ``-=``), ``not x`` → ``x``, a number + 1, ``True`` ↔ ``False``, a string
changed (one character: the next code point; longer: wrapped in ``XX``), ``return``
→ ``pass``, and one entry removed from a list, tuple, set or dict display.
Docstrings, annotations, ``__all__`` and the tuple inside a subscript
(``tuple[str, ...]``) are not mutated.  A fixed-seed sample of up to
``sample`` mutants per module is run (``--sample 0`` runs them all).

The exit code is 0 when every module reaches the config's ``threshold``, else 1.
This is a tool for before a release, outside the test suite's required path.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tests" / "mutation" / "config.toml"
# Not copied into the scratch tree: version control, environments, caches.
_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".lofte-cache",
    "*.egg-info",
    ".hypothesis",
)

_SWAP: dict[type[ast.AST], type[ast.AST]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.And: ast.Or,
    ast.Or: ast.And,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
}
_SYMBOL: dict[type[ast.AST], str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.And: "and",
    ast.Or: "or",
    ast.Add: "+",
    ast.Sub: "-",
}


@dataclass(frozen=True)
class Mutant:
    """One mutation of one module: where it is, what it does, and how to apply it."""

    module: str
    index: int  # the node's place in `_nodes` order
    line: int
    col: int  # 1-based; string parts of an f-string share the f-string's column
    action: str  # compare:N, op, not, constant, return, remove:N
    mutation: str  # what a person reads: "`<` → `<=`"
    code: str  # the original source line, stripped

    @property
    def label(self) -> str:
        return f"{self.module}:{self.line}:{self.col}: {self.mutation}  [{self.code}]"


@dataclass(frozen=True)
class Equivalent:
    module: str
    mutation: str
    code: str
    reason: str
    col: int | None = None  # needed only where one line holds two such mutants
    line: int | None = None  # needed only where two lines read the same


@dataclass
class Result:
    module: str
    mutants: int = 0
    killed: int = 0
    equivalent: int = 0
    survivors: list[Mutant] = field(default_factory=list)

    @property
    def survived(self) -> int:
        return len(self.survivors)

    @property
    def score(self) -> float:
        judged = self.mutants - self.equivalent
        return 100.0 if judged == 0 else 100.0 * self.killed / judged


@dataclass(frozen=True)
class Config:
    root: Path
    src: Path
    modules: dict[str, list[str]]
    sample: int
    seed: int
    timeout: float
    threshold: float
    equivalents: list[Equivalent]


# -- generating mutants ------------------------------------------------------


def _skipped(tree: ast.Module) -> set[int]:
    """ids of nodes never mutated: docstrings, annotations, TYPE_CHECKING blocks,
    ``__all__``, and the entries of a subscript's tuple (``tuple[str, ...]``)."""
    skip: set[int] = set()

    def all_of(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            all_of(node)  # docstrings and bare string statements
        elif isinstance(node, ast.arg | ast.AnnAssign):
            all_of(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            all_of(node.returns)
        elif isinstance(node, ast.FormattedValue):
            all_of(node.format_spec)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            all_of(node)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            all_of(node)  # only `import *` reads it
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Tuple):
            skip.add(id(node.slice))  # `tuple[str, ...]`: a type, not a list of values
    return skip


def _nodes(tree: ast.Module) -> list[ast.AST]:
    """Every node, in a fixed order (the same for every parse of the same text)."""
    return list(ast.walk(tree))


def _constant_change(value: object) -> tuple[object, str] | None:
    if isinstance(value, bool):
        return (not value), f"`{value}` → `{not value}`"
    if isinstance(value, int | float):
        return value + 1, f"`{value!r}` → `{value + 1!r}`"
    if isinstance(value, str) and value:
        new = chr(ord(value) + 1) if len(value) == 1 else f"XX{value}XX"
        return new, f"`{value!r}` → `{new!r}`"
    return None


def _actions(node: ast.AST) -> Iterator[tuple[str, str]]:
    """(action, mutation text) for each way this node can be mutated."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            other = _SWAP[type(op)]
            yield f"compare:{i}", f"`{_SYMBOL[type(op)]}` → `{_SYMBOL[other]}`"
    elif isinstance(node, ast.BoolOp | ast.BinOp | ast.AugAssign) and type(node.op) in _SWAP:
        old, new = type(node.op), _SWAP[type(node.op)]
        eq = "=" if isinstance(node, ast.AugAssign) else ""
        yield "op", f"`{_SYMBOL[old]}{eq}` → `{_SYMBOL[new]}{eq}`"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not", "`not x` → `x`"
    elif isinstance(node, ast.Constant):
        change = _constant_change(node.value)
        if change is not None:
            yield "constant", change[1]
    elif isinstance(node, ast.Return):
        yield "return", "`return …` → `pass`"
    elif isinstance(node, ast.List | ast.Tuple | ast.Set):
        if not isinstance(getattr(node, "ctx", ast.Load()), ast.Load):
            return  # an assignment target
        least = 1 if isinstance(node, ast.List) else 2  # `{}` is a dict, `()` changes arity
        if len(node.elts) >= least:
            for i, elt in enumerate(node.elts):
                yield f"remove:{i}", f"entry `{_short(elt)}` removed"
    elif isinstance(node, ast.Dict) and node.keys:
        for i, key in enumerate(node.keys):
            shown = _short(key) if key is not None else "**"
            yield f"remove:{i}", f"entry `{shown}: …` removed"


def _short(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 30 else text[:27] + "..."


def mutants_of(module: str, source: str) -> list[Mutant]:
    """Every mutant of a module's source, in source order."""
    tree = ast.parse(source)
    lines = source.splitlines()
    skip = _skipped(tree)
    found: list[Mutant] = []
    for index, node in enumerate(_nodes(tree)):
        if id(node) in skip:
            continue
        for action, mutation in _actions(node):
            line, col = getattr(node, "lineno", 0), getattr(node, "col_offset", -1) + 1
            code = lines[line - 1].strip() if 0 < line <= len(lines) else ""
            found.append(Mutant(module, index, line, col, action, mutation, code))
    found.sort(key=lambda m: (m.line, m.col, m.index, m.action))
    return found


def sample(mutants: Sequence[Mutant], size: int, seed: int) -> list[Mutant]:
    """A fixed-seed sample of at most ``size`` mutants (all when ``size`` is 0), in order."""
    if size <= 0 or len(mutants) <= size:
        return list(mutants)
    chosen = random.Random(seed).sample(range(len(mutants)), size)
    return [mutants[i] for i in sorted(chosen)]


def _replace(parent: ast.AST, old: ast.AST, new: ast.AST | None) -> None:
    for name, value in ast.iter_fields(parent):
        if isinstance(value, list) and any(v is old for v in value):
            position = next(i for i, v in enumerate(value) if v is old)
            if new is None:
                del value[position]
            else:
                value[position] = new
            return
        if value is old:
            setattr(parent, name, new)
            return
    raise ValueError(f"{type(old).__name__} not found under {type(parent).__name__}")


def _swapped(op: ast.AST) -> Any:
    return _SWAP[type(op)]()


def apply(source: str, mutant: Mutant) -> str:
    """The module's source with the one mutation applied (as `ast.unparse` writes it)."""
    tree = ast.parse(source)
    nodes = _nodes(tree)
    node = nodes[mutant.index]
    parents = {id(child): parent for parent in nodes for child in ast.iter_child_nodes(parent)}
    kind, _, arg = mutant.action.partition(":")
    if kind == "compare":
        assert isinstance(node, ast.Compare)
        node.ops[int(arg)] = _swapped(node.ops[int(arg)])
    elif kind == "op":
        assert isinstance(node, ast.BoolOp | ast.BinOp | ast.AugAssign)
        node.op = _swapped(node.op)
    elif kind == "not":
        assert isinstance(node, ast.UnaryOp)
        _replace(parents[id(node)], node, node.operand)
    elif kind == "constant":
        assert isinstance(node, ast.Constant)
        change = _constant_change(node.value)
        assert change is not None
        node.value = cast(Any, change[0])
    elif kind == "return":
        _replace(parents[id(node)], node, ast.Pass())
    elif kind == "remove":
        if isinstance(node, ast.Dict):
            del node.keys[int(arg)]
            del node.values[int(arg)]
        else:
            assert isinstance(node, ast.List | ast.Tuple | ast.Set)
            del node.elts[int(arg)]
    else:
        raise ValueError(f"unknown action {mutant.action!r}")
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


# -- configuration -------------------------------------------------------------


def load_config(path: Path, root: Path | None = None) -> Config:
    """The config file; paths in it are relative to ``root`` (default: the repository)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    root = root or ROOT
    equivalents_path = path.parent / str(data.get("equivalents", "equivalent.toml"))
    equivalents = []
    if equivalents_path.exists():
        raw = tomllib.loads(equivalents_path.read_text(encoding="utf-8"))
        for n, entry in enumerate(raw.get("equivalent", []), start=1):
            missing = {"module", "mutation", "code", "reason"} - set(entry)
            if missing or not str(entry.get("reason", "")).strip():
                raise SystemExit(
                    f"{equivalents_path}: entry {n} needs module, mutation, code and a reason"
                )
            equivalents.append(
                Equivalent(
                    entry["module"],
                    entry["mutation"],
                    entry["code"],
                    entry["reason"],
                    entry.get("col"),
                    entry.get("line"),
                )
            )
    modules = {name: list(spec["tests"]) for name, spec in data["modules"].items()}
    return Config(
        root=root,
        src=root / str(data.get("src", "src")),
        modules=modules,
        sample=int(data.get("sample", 60)),
        seed=int(data.get("seed", 18)),
        timeout=float(data.get("timeout", 300)),
        threshold=float(data.get("threshold", 90)),
        equivalents=equivalents,
    )


def is_equivalent(mutant: Mutant, equivalents: Sequence[Equivalent]) -> bool:
    return any(
        e.module == mutant.module
        and e.mutation == mutant.mutation
        and e.code == mutant.code
        and e.col in (None, mutant.col)
        and e.line in (None, mutant.line)
        for e in equivalents
    )


# -- running -------------------------------------------------------------------


def _module_path(src: Path, module: str) -> Path:
    return src.joinpath(*module.split(".")).with_suffix(".py")


def _run_tests(tree: Path, src: Path, tests: list[str], timeout: float) -> tuple[bool, float]:
    """Whether the tests pass in ``tree`` (False on failure or timeout), and how long."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # a stale .pyc must never stand in for a mutant
    env.pop("PYTEST_ADDOPTS", None)
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return False, time.monotonic() - started
    return code == 0, time.monotonic() - started


def _imports_from(tree: Path, src: Path, module: str) -> Path:
    """Where the scratch tree imports ``module`` from (a guard against testing the original)."""
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONDONTWRITEBYTECODE="1")
    found = subprocess.run(
        [sys.executable, "-c", f"import {module} as m; print(m.__file__)"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(found.stdout.strip()).resolve()


def run_module(
    config: Config,
    module: str,
    size: int,
    seed: int,
    progress: Callable[[str], None] = lambda s: None,
) -> Result:
    """Run a module's sampled mutants against its own tests in a scratch copy."""
    original_path = _module_path(config.src, module)
    original = original_path.read_text(encoding="utf-8")
    chosen = sample(mutants_of(module, original), size, seed)
    result = Result(module, mutants=len(chosen))
    tests = config.modules[module]
    with tempfile.TemporaryDirectory(prefix="lofte-mutate-") as scratch:
        tree = Path(scratch) / "tree"
        shutil.copytree(config.root, tree, ignore=_IGNORE, symlinks=True)
        src = tree / config.src.relative_to(config.root)
        target = _module_path(src, module)
        if _imports_from(tree, src, module) != target.resolve():
            raise SystemExit(f"{module} does not import from the scratch copy; refusing to run")
        # The baseline: the module as ast.unparse writes it must pass its tests.
        target.write_text(ast.unparse(ast.parse(original)) + "\n", encoding="utf-8")
        passed, took = _run_tests(tree, src, tests, config.timeout)
        if not passed:
            raise SystemExit(f"{module}: its tests fail without any mutation ({' '.join(tests)})")
        timeout = min(config.timeout, max(30.0, 4 * took))
        for mutant in chosen:
            if is_equivalent(mutant, config.equivalents):
                result.equivalent += 1
                progress("=")
                continue
            target.write_text(apply(original, mutant), encoding="utf-8")
            passed, _ = _run_tests(tree, src, tests, timeout)
            if passed:
                result.survivors.append(mutant)
                progress("S")
            else:
                result.killed += 1
                progress(".")
    return result


def table(results: Sequence[Result]) -> str:
    """The Markdown table of the issue: mutants, killed, survived, equivalent, score."""
    rows = [
        "| module | mutants | killed | survived | equivalent | score |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rows.append(
            f"| {r.module} | {r.mutants} | {r.killed} | {r.survived} | {r.equivalent}"
            f" | {r.score:.0f} % |"
        )
    if len(results) > 1:
        total = Result(
            "**all**",
            mutants=sum(r.mutants for r in results),
            killed=sum(r.killed for r in results),
            equivalent=sum(r.equivalent for r in results),
            survivors=[m for r in results for m in r.survivors],
        )
        rows.append(
            f"| **all** | {total.mutants} | {total.killed} | {total.survived}"
            f" | {total.equivalent} | **{total.score:.0f} %** |"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="dotted module names (default: all)")
    parser.add_argument("--config", type=Path, default=CONFIG, help="the config file")
    parser.add_argument("--root", type=Path, default=None, help="the project to copy")
    parser.add_argument("--sample", type=int, default=None, help="mutants per module (0: all)")
    parser.add_argument("--seed", type=int, default=None, help="the sampling seed")
    parser.add_argument("--list", action="store_true", help="list the sampled mutants only")
    parser.add_argument("--diff", type=int, default=None, help="print mutant N's source")
    args = parser.parse_args(argv)
    config = load_config(args.config, args.root)
    size = config.sample if args.sample is None else args.sample
    seed = config.seed if args.seed is None else args.seed
    unknown = [m for m in args.modules if m not in config.modules]
    if unknown:
        parser.error(f"not in {args.config}: {', '.join(unknown)}")
    modules = args.modules or list(config.modules)
    if args.list or args.diff is not None:
        for module in modules:
            source = _module_path(config.src, module).read_text(encoding="utf-8")
            chosen = sample(mutants_of(module, source), size, seed)
            if args.diff is not None:
                print(apply(source, chosen[args.diff]), end="")
                continue
            for n, mutant in enumerate(chosen):
                mark = " (equivalent)" if is_equivalent(mutant, config.equivalents) else ""
                print(f"{n:3} {mutant.label}{mark}")
        return 0
    results = []
    for module in modules:
        print(f"{module}: ", end="", flush=True)
        result = run_module(config, module, size, seed, lambda s: print(s, end="", flush=True))
        print(f" {result.score:.0f} %")
        results.append(result)
    print()
    print(table(results))
    survivors = [m for r in results for m in r.survivors]
    if survivors:
        print("\nSurvivors:")
        for mutant in survivors:
            print(f"  {mutant.label}")
    return 0 if all(r.score >= config.threshold for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
