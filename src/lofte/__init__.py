"""lofte: citizen promises (medborgarlöften) kept as YAML in git."""

import os

__version__ = "0.1.0"

# lofte's validators answer to lofte's models alone: no third-party pydantic
# plugin (one installed in the same environment would be loaded into every
# validator and see every file) is looked for or run.  Looking for them
# scans the entry points of every installed distribution, about 6 % of the
# instructions of `lofte status 2020` (docs/performance.md).  A value the
# user set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
