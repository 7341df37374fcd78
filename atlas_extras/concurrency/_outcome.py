"""Result types shared by the async helpers and their thread twins: each value or error, never lost."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

__all__ = ["ItemOutcome", "Outcome", "Outcomes", "Settled"]

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741 - the item type, as in "fn(item)"
D = TypeVar("D")

_NO_VALUE: Any = object()


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What one operation produced: a value (`ok`) or the error it raised, with its traceback."""

    _value: T = field(default=_NO_VALUE, repr=False)
    error: BaseException | None = None

    @classmethod
    def success(cls, value: T) -> Outcome[T]:
        """An outcome holding `value`."""
        return cls(value)

    @classmethod
    def failure(cls, error: BaseException) -> Outcome[T]:
        """An outcome holding `error`."""
        return cls(error=error)

    @property
    def ok(self) -> bool:
        """True when the operation returned a value."""
        return self.error is None

    @property
    def value(self) -> T:
        """The value; raises the operation's own error (with its traceback) when it failed."""
        if self.error is not None:
            raise self.error
        return self._value

    @overload
    def value_or(self, default: None = None) -> T | None: ...
    @overload
    def value_or(self, default: D) -> T | D: ...
    def value_or(self, default: object = None) -> object:
        """The value, or `default` when the operation failed."""
        return default if self.error is not None else self._value

    def __repr__(self) -> str:
        if self.error is not None:
            return f"Outcome(error={self.error!r})"
        return f"Outcome(value={self._value!r})"


@dataclass(frozen=True, slots=True, repr=False)
class ItemOutcome(Outcome[T], Generic[I, T]):
    """The outcome of `fn(item)` in a fan-out: also says which item (and its input position) it is for."""

    index: int = -1
    item: I = field(default=_NO_VALUE)

    def __repr__(self) -> str:
        what = f"error={self.error!r}" if self.error is not None else f"value={self._value!r}"
        return f"ItemOutcome(index={self.index}, item={self.item!r}, {what})"


class Settled(Mapping[str, Outcome[Any]]):
    """The outcomes of named operations (`gather_settled`): `results["health"].value`, `.error`, `.ok`.

    Values are typed `Any`: each name holds a different type. `results.errors` maps each failed name to
    its error; `results.ok` says whether all succeeded.
    """

    __slots__ = ("_outcomes",)

    def __init__(self, outcomes: Mapping[str, Outcome[Any]]) -> None:
        self._outcomes = dict(outcomes)

    def __getitem__(self, name: str) -> Outcome[Any]:
        try:
            return self._outcomes[name]
        except KeyError:
            raise KeyError(f"no operation named {name!r}; names: {', '.join(self._outcomes) or '(none)'}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._outcomes)

    def __len__(self) -> int:
        return len(self._outcomes)

    @property
    def ok(self) -> bool:
        """True when every operation succeeded."""
        return all(outcome.ok for outcome in self._outcomes.values())

    @property
    def errors(self) -> dict[str, BaseException]:
        """The failed operations: name -> error, in the order given."""
        return {name: o.error for name, o in self._outcomes.items() if o.error is not None}

    def value_or(self, name: str, default: Any = None) -> Any:
        """The value of `name`, or `default` if it failed."""
        return self[name].value_or(default)

    def unwrap(self) -> dict[str, Any]:
        """Every value by name; raises the first failure (in the order given) if any failed."""
        return {name: outcome.value for name, outcome in self._outcomes.items()}

    def __repr__(self) -> str:
        return f"Settled({self._outcomes!r})"


class Outcomes(list[ItemOutcome[I, T]]):
    """Every `ItemOutcome` of a fan-out, as a list (in input order when the fan-out was ordered)."""

    @property
    def ok(self) -> bool:
        """True when every item succeeded."""
        return all(outcome.ok for outcome in self)

    @property
    def values(self) -> list[T]:
        """The values of the items that succeeded, in list order."""
        return [outcome.value for outcome in self if outcome.error is None]

    @property
    def errors(self) -> list[ItemOutcome[I, T]]:
        """The outcomes of the items that failed (each knows its `index`, `item` and `error`)."""
        return [outcome for outcome in self if outcome.error is not None]


def first_error_with_notes(errors: Iterable[tuple[str, BaseException]]) -> BaseException:
    """The first error, with a note naming the others (the all-or-nothing helpers raise it)."""
    listed = list(errors)
    label, first = listed[0]
    others = listed[1:]
    first.add_note(f"(from operation {label!r})")
    if others:
        summary = "; ".join(f"{name}: {describe(error)}" for name, error in others)
        first.add_note(f"{len(others)} other operation(s) also failed: {summary}")
    return first


def describe(error: BaseException) -> str:
    """`Type: message` on one line."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
