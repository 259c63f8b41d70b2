"""The slow way to write a record: a ruamel.yaml round trip of one file (load, append, dump).

Uses lofte's own configured round-trip ``YAML()`` and appends one progress
record to the first activity, as ``lofte record`` would, then dumps to memory.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from lofte.read.yamlio import roundtrip_yaml


def main(args: list[str]) -> int:
    """Round-trip the file named by the one argument."""
    yaml = roundtrip_yaml()
    document = yaml.load(Path(args[0]).read_bytes())
    activity = document["promises"][0]["activities"][0]
    activity.setdefault("progress", []).append({"date": "2020-06-01", "count": 1})
    yaml.dump(document, io.StringIO())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
