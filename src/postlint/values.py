"""Value classes without dataclasses' start-up cost.

``@dataclass`` writes the source of each method it adds (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__`` …) and compiles it while the class is being created: about 4 M
instructions a class, and some thirty classes lie on the path of every run, as much as the rest of
postlint's own imports together. ``Value`` and ``MutableValue`` give those classes the behaviour
dataclasses gave them from ordinary methods, compiled once into bytecode like any other code:

* a class names its fields in ``_fields``, in the order of its own ``__init__``'s parameters (which
  it writes out; a frozen one sets attributes with ``object.__setattr__``);
* ``==`` compares instances of the same class field by field (``_compare``, default all fields),
  ``hash`` hashes the same fields (frozen classes; a mutable one is unhashable, as with
  ``@dataclass(eq=True)``), ``repr`` shows ``_repr`` (default all fields);
* a ``Value`` refuses assignment and deletion (``FrozenError``, an ``AttributeError``, like
  dataclasses' ``FrozenInstanceError``); ``replace(**changes)`` makes a changed copy;
* instances pickle and copy through ``__init__`` (so a frozen class with ``__slots__`` pickles too).

``tests/test_values.py`` checks each class against the dataclass it replaced.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Self


class FrozenError(AttributeError):
    """Assignment to a field of an immutable value."""


def _getter(names: tuple[str, ...]):
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    if not names:
        return lambda obj: ()
    return attrgetter(*names)


class _Base:
    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _compare: tuple[str, ...] | None = None
    _repr: tuple[str, ...] | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        fields = cls._fields
        compare = cls.__dict__.get("_compare") or fields
        cls._compared = _getter(tuple(compare))
        cls._shown = tuple(cls.__dict__.get("_repr") or fields)
        cls._values = _getter(tuple(fields))
        cls.__match_args__ = tuple(fields)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._compared(self) == other._compared(other)
        return NotImplemented

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self):
        return type(self), tuple(self._values(self))

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (``dataclasses.replace``)."""
        unknown = set(changes).difference(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        values = dict(zip(self._fields, self._values(self)))
        values.update(changes)
        return type(self)(**values)


class Value(_Base):
    """An immutable value (``@dataclass(frozen=True)``)."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._compared(self))

    def __setattr__(self, name: str, value) -> None:
        raise FrozenError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r}")


class MutableValue(_Base):
    """A mutable record (``@dataclass``): compared by value, so not hashable."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]


set_field = object.__setattr__  # what a frozen class's __init__ sets its fields with
