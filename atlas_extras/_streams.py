"""Iterators over a generator that are also context managers closing it: paginators and fan-outs."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from typing import Any, Generic, Self, TypeVar

__all__ = ["AsyncStream", "Closing", "SyncStream"]

T = TypeVar("T")


class Closing:
    """`with obj:` calls `obj.close()` on the way out."""

    def close(self) -> None:
        """Release what the object holds; a subclass says what."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


class SyncStream(Closing, Generic[T]):
    """Iterates `generator`; `close()` (or leaving `with`) closes it, running its cleanup."""

    def __init__(self, generator: Generator[T]) -> None:
        self._generator = generator

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> T:
        return next(self._generator)

    def close(self) -> None:
        """Close the generator, running its cleanup; iterating afterwards stops at once."""
        self._generator.close()


class AsyncStream(Generic[T]):
    """Iterates `generator` asynchronously; `aclose()` (or leaving `async with`) closes it."""

    def __init__(self, generator: AsyncGenerator[T]) -> None:
        self._generator = generator

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> T:
        return await self._generator.__anext__()

    async def aclose(self) -> None:
        """Close the generator, running its cleanup; iterating afterwards stops at once."""
        await self._generator.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.aclose()
