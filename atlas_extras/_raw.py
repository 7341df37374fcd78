"""`RawResponse`: what `client.with_raw_response.<method>(...)` returns, as in openai-python."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import httpx

    from ._http import Reply
    from ._pipeline import Call

__all__ = ["RawResponse"]

T = TypeVar("T")

_UNPARSED: Any = object()


class RawResponse(Generic[T]):
    """The HTTP response of a successful call, its result decoded only when `parse()` is called.

    Error statuses still raise the usual `AtlasAPIError` subclasses.
    """

    __slots__ = ("_call", "_parsed", "_reply")

    def __init__(self, call: Call[T], reply: Reply) -> None:
        self._call = call
        self._reply = reply
        self._parsed: T = _UNPARSED

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self._reply.status_code

    @property
    def headers(self) -> Mapping[str, str]:
        """The response headers (case-insensitive)."""
        return self._reply.headers

    @property
    def request_id(self) -> str:
        """The `X-Request-ID` the server answered with (or the one sent)."""
        return self._reply.headers.get("X-Request-ID") or self._call.request_id

    @property
    def elapsed(self) -> datetime.timedelta:
        """Time the whole call took, every attempt and wait included."""
        return datetime.timedelta(seconds=self._call.duration())

    @property
    def retries_taken(self) -> int:
        """How many times the call was retried before this response (0: the first attempt)."""
        return self._call.attempts - 1

    @property
    def content(self) -> bytes:
        """The raw body."""
        return self._reply.content

    @property
    def text(self) -> str:
        """The body as text."""
        return self._reply.response.text

    def json(self) -> Any:
        """The body parsed as JSON, untyped."""
        return json.loads(self._reply.content)

    @property
    def http_response(self) -> httpx.Response:
        """The underlying `httpx.Response`."""
        return self._reply.response

    def parse(self) -> T:
        """The typed result, as the plain method returns it (decoded once)."""
        if self._parsed is _UNPARSED:
            self._parsed = self._call.decode(self._reply)
        return self._parsed

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] {self._call.operation.name} request_id={self.request_id!r}>"
