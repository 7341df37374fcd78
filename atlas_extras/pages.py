"""`Page`: one page of a list operation, usable as a plain list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

__all__ = ["Page"]

T = TypeVar("T")


class Page(list[T]):
    """The items of one page, plus where the page sits in the whole list.

    A `Page` is a `list` (len, indexing, slicing, iteration all work), and also carries `total` (how
    many items match the filters, from `X-Total-Count`; None if the server did not say), `limit` and
    `offset` (what was asked for). A server may serve fewer items than `limit` or more: `next_offset`
    counts what was received.
    """

    __slots__ = ("limit", "offset", "total")

    total: int | None
    limit: int
    offset: int

    def __init__(self, items: Iterable[T] = (), *, total: int | None, limit: int, offset: int) -> None:
        super().__init__(items)
        self.total = total
        self.limit = limit
        self.offset = offset

    @property
    def next_offset(self) -> int:
        """The offset of the item after this page."""
        return self.offset + len(self)

    @property
    def has_more(self) -> bool:
        """Whether items may remain after this page.

        With a total: whether the page ends before it. Without one: whether the page holds any item,
        since a page shorter than `limit` only proves the end if the server never caps page sizes.
        """
        if self.total is not None:
            return self.next_offset < self.total
        return len(self) > 0

    def __repr__(self) -> str:
        return f"Page({list.__repr__(self)}, total={self.total}, limit={self.limit}, offset={self.offset})"
