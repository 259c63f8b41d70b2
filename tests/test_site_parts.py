"""benchmarks/site_parts.py: the cold site's CPU by part adds up, and nothing stays wrapped."""

from __future__ import annotations

from pathlib import Path

from conftest import benchmark_module

site_parts = benchmark_module("site_parts")
corpus = benchmark_module("corpus")


def test_the_parts_add_up_to_the_whole_and_are_unwrapped_after(tmp_path: Path) -> None:
    import lofte.site as site
    from lofte.write.tree import Tree

    before = (site._write_period_page, site._build_report, Tree.write)
    corpus.write_corpus(tmp_path / "tree", 2)
    count, checked, whole, spent = site_parts.measure(tmp_path / "tree")
    assert count == 2
    assert 0 < checked < whole
    # Exclusive timers: the parts (with "the rest") are the whole, nothing counted twice.
    assert abs(sum(spent.values()) - whole) < 1e-9
    assert min(v for k, v in spent.items() if not k.startswith("the rest")) > 0
    assert {"promise term pages", "agreement term pages", "feeds"} <= set(spent)
    assert (site._write_period_page, site._build_report, Tree.write) == before
