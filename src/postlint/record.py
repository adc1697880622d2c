"""Validated data as read-only attributes, and a JSON encoding of it.

The engine reads rule specs and the configuration through attributes only. Rule specs are validated
by pydantic (``rulespec.py``), the configuration by ``configschema.py``; what the engine keeps is a
``Record`` of the validated values. A Record is built from a validated pydantic model
(``Record.of``), from the fields ``configschema.py`` validated, or decoded (``decode``) from what the
wheel's build validated (``prevalidated.py``), never from unvalidated data.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any


class Record:
    """Read-only attributes; equal when of the same class with equal values."""

    __hash__ = None  # like the frozen models it replaces: its values (lists, dicts) are unhashable

    def __init__(self, fields: dict[str, Any]):
        object.__setattr__(self, "__dict__", dict(fields))

    @classmethod
    def of(cls, model: Any) -> "Record":
        """The values of a validated pydantic model, nested models as Records (of this class at the
        top, ``Record`` below)."""
        return cls({name: _from_model(getattr(model, name)) for name in type(model).model_fields})

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    def __reduce__(self):
        return (type(self), (self.__dict__,))

    def model_dump(self) -> dict[str, Any]:
        """The values as plain data, as pydantic's ``model_dump()`` gives them for the model."""
        return {k: _dump(v) for k, v in self.__dict__.items()}


def _deep(value, is_node, convert):
    """``value`` with ``convert`` applied to every node inside its lists, tuples and dicts."""
    if is_node(value):
        return convert(value)
    if isinstance(value, list):
        return [_deep(v, is_node, convert) for v in value]
    if isinstance(value, tuple):
        return tuple(_deep(v, is_node, convert) for v in value)
    if isinstance(value, dict):
        return {k: _deep(v, is_node, convert) for k, v in value.items()}
    return value


def _from_model(value):
    return _deep(value, lambda v: hasattr(type(v), "model_fields"), Record.of)  # nested pydantic models


def _dump(value):
    return _deep(value, lambda v: isinstance(v, Record), Record.model_dump)


# -- encoding: JSON that keeps Records, tuples and dicts apart -------------------------
# Every JSON object of the encoding has one key: a Record is {"$r": [[name, value], ...]}, a dict
# {"$d": [[key, value], ...]}, a tuple {"$t": [...]}; strings, numbers, booleans, None and lists are
# themselves. Anything else cannot be encoded (the wheel build then fails).


def encode(value) -> Any:
    if isinstance(value, Record):
        return {"$r": [[k, encode(v)] for k, v in value.__dict__.items()]}
    if isinstance(value, tuple):
        return {"$t": [encode(v) for v in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError(f"cannot encode a dict with non-string keys: {value!r}")
        return {"$d": [[k, encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if value is None or type(value) in (str, int, float, bool):
        return value
    raise TypeError(f"cannot encode {type(value).__name__}: {value!r}")


_DECODERS = {"$r": lambda pairs: Record(dict(pairs)), "$d": dict, "$t": tuple}


def _hook(obj: dict):
    if len(obj) == 1:
        (key, value), = obj.items()
        decoder = _DECODERS.get(key)
        if decoder is not None:
            return decoder(value)
    raise ValueError(f"not an encoded value: {obj!r}")


def decode(text: str):
    """A value encoded by ``encode`` and written as JSON."""
    return json.loads(text, object_hook=_hook)
