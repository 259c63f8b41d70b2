"""The reference: load every file named on the command line with PyYAML's ``CSafeLoader``.

Bytes are read as lofte reads them and handed to libyaml; the data is built
by PyYAML's constructor and dropped, file by file.  ``--events`` only pulls
libyaml's events into Python and builds nothing: the floor of any reader on
this parser.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(args: list[str]) -> int:
    """Load (or only parse) each path."""
    events = args[:1] == ["--events"]
    for name in args[1:] if events else args:
        data = Path(name).read_bytes()
        if events:
            for _ in yaml.parse(data, Loader=yaml.CSafeLoader):
                pass
        else:
            yaml.load(data, Loader=yaml.CSafeLoader)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
