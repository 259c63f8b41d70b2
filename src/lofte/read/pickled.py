"""Validated documents back from the cache, unpickled with only lofte's model views allowed.

A cache entry is read only after its MAC checks against the user's secret
(`lofte.read.cache`), so a payload here is one lofte itself wrote.  The
documents are stored as views (`lofte.modelbase`): plain objects with the
models' fields and methods, restored without building or running pydantic
at all, which is the whole saving.  As defence in depth, should the secret
ever leak, the unpickler resolves no name but those views, `YearMonth` and
`datetime.date`: a pickle that names any other callable (``os.system``) is
refused, so a forged entry can at worst describe a wrong document, never
run code.
"""

from __future__ import annotations

import io

# The C unpickler itself: `pickle` would add its pure-Python half to a start.
from _pickle import Unpickler, UnpicklingError
from typing import Any


class _ModelsOnly(Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name == "date":
            import datetime

            return datetime.date
        if module == "lofte.modelbase":
            from lofte import modelbase

            found = getattr(modelbase, name, None)
            if isinstance(found, type) and (
                issubclass(found, modelbase.View) or found is modelbase.YearMonth
            ):
                return found
        raise UnpicklingError(f"{module}.{name} is not a lofte model view")


def loads(payload: bytes) -> Any:
    """The object pickled in ``payload``, or None when it names anything but lofte's models."""
    try:
        return _ModelsOnly(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - any damage is a cache miss, never an error
        return None


__all__ = ["loads"]
