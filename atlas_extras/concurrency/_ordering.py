"""`ReorderBuffer`: releases out-of-order completions in input order, holding at most `capacity` of them."""

from __future__ import annotations

from typing import Generic, TypeVar

__all__ = ["ReorderBuffer"]

T = TypeVar("T")


class ReorderBuffer(Generic[T]):
    """Completions arrive by index in any order; `add` returns those now releasable, in index order.

    `admits(index)` says whether work on `index` may start: only the `capacity` indexes from the oldest
    not yet released may be in flight or waiting here, so the buffer never holds more than `capacity`
    entries however slow the oldest item is.
    """

    __slots__ = ("_held", "capacity", "next_index")

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be >= 1, got {capacity}")
        self.capacity = capacity
        self.next_index = 0
        self._held: dict[int, T] = {}

    def admits(self, index: int) -> bool:
        """Whether `index` may start now without overflowing the buffer."""
        return index < self.next_index + self.capacity

    def add(self, index: int, value: T) -> list[T]:
        """Record the completion of `index`; return every completion now releasable, in order."""
        if index < self.next_index or index in self._held:
            raise ValueError(f"index {index} was already completed")
        self._held[index] = value
        released: list[T] = []
        while self.next_index in self._held:
            released.append(self._held.pop(self.next_index))
            self.next_index += 1
        return released

    def __len__(self) -> int:
        return len(self._held)
