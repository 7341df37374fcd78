"""HTTP/1.1 over a blocking socket: the request head httpx would write, and a response read by `http.client`.

The response is parsed by the standard library's `http.client` (status line, headers, `Content-Length`,
chunked and read-to-close bodies, 1xx skipped), over a reader that bounds every socket read by the read
timeout and by the call's deadline: a server that drips bytes cannot hold a call past its deadline.
"""

from __future__ import annotations

import http.client
import io
import re
import time
from collections.abc import Iterator, Mapping

from ._http import DeadlineExceeded
from ._sync_pool import PooledConnection

__all__ = ["DEFAULT_HEADERS", "LocalProtocolError", "ReplyHeaders", "Response", "read_response", "request_head"]

#: httpx's default request headers, in its order; a request's own headers replace them.
DEFAULT_HEADERS: tuple[tuple[str, str], ...] = (
    ("Accept", "*/*"),
    ("Accept-Encoding", "gzip, deflate"),
    ("Connection", "keep-alive"),
)
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")
_BODY_METHODS = frozenset(("POST", "PUT", "PATCH"))
_CHUNK = 65536


class LocalProtocolError(ValueError):
    """A request that cannot be written: a header that would break the request head."""


def request_head(method: str, target: str, host: str, headers: Mapping[str, str], body: bytes | None) -> bytes:
    """The request line and headers, as httpx writes them: `Host`, its default headers unless `headers`
    set them, `headers`, and `Content-Length` (with `Content-Type: application/json` unless set) for a
    body, or `Content-Length: 0` for a POST, PUT or PATCH without one. `LocalProtocolError` for a header
    with a CR, LF or NUL, a name that is not a token, or a value that is not ASCII."""
    given = {name.lower() for name in headers}
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in DEFAULT_HEADERS if name.lower() not in given]
    for name, value in headers.items():
        if _TOKEN.match(name) is None:
            raise LocalProtocolError(f"illegal header name {name!r}")
        lines.append(f"{name}: {value}")
    if body is not None:
        if "content-length" not in given:
            lines.append(f"Content-Length: {len(body)}")
        if "content-type" not in given:
            lines.append("Content-Type: application/json")
    elif method in _BODY_METHODS and "content-length" not in given:
        lines.append("Content-Length: 0")
    head = "\r\n".join(lines)
    if head.count("\r") != len(lines) - 1 or head.count("\n") != len(lines) - 1 or "\0" in head:
        raise LocalProtocolError("a header value contains a line break or NUL")
    try:
        return (head + "\r\n\r\n").encode("ascii")
    except UnicodeEncodeError as error:
        raise LocalProtocolError(f"a header is not ASCII: {error.object[error.start : error.end]!r}") from None


class ReplyHeaders(Mapping[str, str]):
    """Response headers: case-insensitive; a repeated header reads as its values joined by `, ` (as in
    httpx); `raw` keeps every line as received."""

    __slots__ = ("_folded", "raw")

    def __init__(self, raw: list[tuple[str, str]]) -> None:
        self.raw = raw
        self._folded: dict[str, tuple[str, str]] | None = None

    def _index(self) -> dict[str, tuple[str, str]]:
        folded = self._folded
        if folded is None:
            folded = {}
            for name, value in self.raw:
                key = name.lower()
                seen = folded.get(key)
                folded[key] = (name, value) if seen is None else (seen[0], f"{seen[1]}, {value}")
            self._folded = folded
        return folded

    def __getitem__(self, name: str) -> str:
        return self._index()[name.lower()][1]

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        found = self._index().get(name.lower())
        return default if found is None else found[1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._index()

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._index().values())

    def __len__(self) -> int:
        return len(self._index())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.raw!r})"


class _BoundedReads(io.RawIOBase):
    """The socket as `http.client` reads it: each read bounded by the read timeout, none after the deadline."""

    def __init__(self, connection: PooledConnection, timeout: float | None, deadline: float | None) -> None:
        self._connection = connection
        self._timeout = timeout
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        timeout = self._timeout
        if self._deadline is not None:
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                raise DeadlineExceeded
            timeout = remaining if timeout is None else min(timeout, remaining)
        connection = self._connection
        connection.set_timeout(timeout)
        assert connection.sock is not None
        return connection.sock.recv_into(buffer)


class _Source:
    """What `http.client.HTTPResponse` reads from: a fresh buffered reader over the connection."""

    def __init__(self, reads: _BoundedReads) -> None:
        self._reads = reads

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(self._reads, _CHUNK)


class Response:
    """A response read to its end: status, headers, body, and whether the connection can carry another."""

    __slots__ = ("content", "headers", "reason", "reusable", "status", "version")

    def __init__(
        self, status: int, reason: str, version: str, headers: ReplyHeaders, content: bytes, *, reusable: bool
    ) -> None:
        self.status = status
        self.reason = reason
        self.version = version
        self.headers = headers
        self.content = content
        self.reusable = reusable


def read_response(connection: PooledConnection, method: str, timeout: float | None, deadline: float | None) -> Response:
    """Read the response to the request just written; `DeadlineExceeded` once the deadline passes.

    Raises what `http.client` raises for a malformed or cut-off response (`http.client.HTTPException`,
    `RemoteDisconnected` before any byte), and `OSError`/`TimeoutError` from the socket.
    """
    parsed = http.client.HTTPResponse(_Source(_BoundedReads(connection, timeout, deadline)), method=method)  # type: ignore[arg-type]
    try:
        parsed.begin()
        chunks = []
        while parsed.length != 0:
            chunk = parsed.read1(_CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            if deadline is not None and time.monotonic() > deadline:
                raise DeadlineExceeded
        if parsed.length:  # http.client ends a short Content-Length body quietly
            raise http.client.IncompleteRead(b"".join(chunks), parsed.length)
        complete = parsed.length == 0 or parsed.isclosed()
        return Response(
            parsed.status,
            parsed.reason,
            "HTTP/1.0" if parsed.version == 10 else "HTTP/1.1",
            ReplyHeaders(parsed.msg.items()),
            b"".join(chunks),
            reusable=complete and not parsed.will_close,
        )
    finally:
        parsed.close()
