"""Validated documents back from the cache, unpickled with only lofte's models allowed.

A cache entry is read only after its MAC checks against the user's secret
(`lofte.read.cache`), so a payload here is one lofte itself wrote.  Pickle is
used because it restores pydantic models without validating them again:
that is the whole saving (a status start builds no validator at all).  As
defence in depth, should the secret ever leak, the unpickler resolves no
name but the model classes of `lofte.model` and `datetime.date`: a pickle
that names any other callable (``os.system``) is refused, so a forged entry
can at worst describe a wrong document, never run code.
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
        if module == "lofte.model":
            from pydantic import BaseModel

            from lofte import model

            found = getattr(model, name, None)
            if isinstance(found, type) and (
                issubclass(found, BaseModel) or found is model.YearMonth
            ):
                return found
        raise UnpicklingError(f"{module}.{name} is not a lofte model")


def loads(payload: bytes) -> Any:
    """The object pickled in ``payload``, or None when it names anything but lofte's models."""
    try:
        return _ModelsOnly(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - any damage is a cache miss, never an error
        return None


__all__ = ["loads"]
