"""Turn what users pass (awaitables, zero-argument callables, named or not) into zero-argument factories."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Generic, TypeAlias, TypeVar, cast

__all__ = ["AsyncCall", "Operations", "SyncCall", "async_factories", "named", "sync_factories"]

T = TypeVar("T")
O = TypeVar("O")  # noqa: E741

#: An async operation: an awaitable (`client.health()`) or a zero-argument callable returning one
#: (`client.health`, `lambda: client.list_agent_classes(limit=1)`).
AsyncCall: TypeAlias = Awaitable[T] | Callable[[], Awaitable[T]]
#: A blocking operation: a zero-argument callable (`client.health`, `lambda: client.get_agent_class(id)`).
SyncCall: TypeAlias = Callable[[], T]


def named(positional: Mapping[str, O] | None, keywords: Mapping[str, O]) -> dict[str, O]:
    """Merge `operations` given as one mapping and as keyword arguments; a name may appear once."""
    merged = dict(positional or {})
    clash = merged.keys() & keywords.keys()
    if clash:
        raise ValueError(f"operation(s) named twice: {', '.join(sorted(clash))}")
    merged.update(keywords)
    return merged


class Operations(Generic[O]):
    """The operations of a gather, named (`gather_all(health=..., classes=...)`, or one mapping) or
    positional (`gather_all(client.health(), client.list_agent_classes())`), and how results come back:
    by name, or as a tuple in the order given."""

    __slots__ = ("calls", "names")

    def __init__(self, positional: Sequence[object], keywords: Mapping[str, O]) -> None:
        self.names: list[str] | None
        if len(positional) == 1 and (positional[0] is None or isinstance(positional[0], Mapping)):
            merged = named(positional[0], keywords)
            self.names, self.calls = list(merged), list(merged.values())
        elif positional and keywords:
            discard([*positional, *keywords.values()])
            raise TypeError("pass the operations either positionally or by name, not both")
        elif positional:
            self.names, self.calls = None, cast("list[O]", list(positional))  # the factories check them
        else:
            self.names, self.calls = list(keywords), list(keywords.values())

    def label(self, index: int) -> str:
        """What to call operation `index` in messages: its name, or `#index`."""
        return f"#{index}" if self.names is None else self.names[index]

    def results(self, values: Sequence[T]) -> dict[str, T] | tuple[T, ...]:
        """`values` (one per operation, in order) by name, or as a tuple."""
        if self.names is None:
            return tuple(values)
        return dict(zip(self.names, values, strict=True))


def async_factories(calls: Iterable[AsyncCall[T]]) -> list[Callable[[], Awaitable[T]]]:
    """Zero-argument factories for awaitables or callables.

    Raises TypeError for anything else, after closing the coroutines it was given so that none is
    reported as "never awaited".
    """
    given = list(calls)
    bad = [call for call in given if not (inspect.isawaitable(call) or callable(call))]
    if bad:
        discard(given)
        raise TypeError(
            f"expected awaitables or zero-argument callables returning one, got {type(bad[0]).__name__}: {bad[0]!r}"
        )
    return [_factory(call) for call in given]


def _factory(call: AsyncCall[T]) -> Callable[[], Awaitable[T]]:
    if inspect.isawaitable(call):
        return lambda: call
    return call


def sync_factories(calls: Iterable[SyncCall[T]]) -> list[SyncCall[T]]:
    """The callables, checked: raises TypeError for a non-callable or a coroutine (use the async helper)."""
    given = list(calls)
    for call in given:
        if inspect.isawaitable(call):
            discard(given)
            raise TypeError("got an awaitable: the thread helpers run blocking callables; use the async helper")
        if not callable(call):
            raise TypeError(f"expected a zero-argument callable, got {type(call).__name__}: {call!r}")
    return given


def discard(calls: Iterable[object]) -> None:
    """Close the coroutines among `calls` that will never run."""
    for call in calls:
        if inspect.iscoroutine(call):
            call.close()
