"""A misbehaving HTTP/1.1 server on 127.0.0.1, built on raw sockets: faults that no mock can produce.

Each connection is served by the server's current `behaviour` (the tests switch it): answer properly
(keep-alive), or close before reading, close or reset after reading the request, send a garbage status
line, a 200 KB header, bad chunking, a body dripped a byte at a time, or a body that is not the gzip it
claims to be. The server counts connections and requests, and records each request's head and body.
Also run by the subprocess tests: `python -m tests.engine.raw_server BEHAVIOUR` prints the base URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import socket
import ssl
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["AFTER_SENDING", "BEHAVIOURS", "READ", "RawServer", "Request", "refused_port"]


@dataclass(frozen=True)
class Request:
    """A request as the server read it."""

    line: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def method(self) -> str:
        return self.line.split(" ", 1)[0]

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


def _read_request(connection: socket.socket, buffer: bytearray) -> Request | None:
    """One request from `connection` (None when the client closed it first)."""
    while b"\r\n\r\n" not in buffer:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = [(key, value.strip()) for key, _, value in (h.partition(":") for h in header_lines)]
    length = int(next((v for k, v in headers if k.lower() == "content-length"), "0"))
    while len(rest) < length:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        rest += chunk
    buffer[:] = rest[length:]
    return Request(line, headers, rest[:length])


def _response(status: str, body: bytes, *headers: str) -> bytes:
    head = [f"HTTP/1.1 {status}", "Content-Type: application/json", f"Content-Length: {len(body)}", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


HEALTHY = json.dumps({"status": "healthy"}).encode()


@dataclass
class RawServer:
    """The server; `behaviour` names what it does with the next connections (see `BEHAVIOURS`)."""

    behaviour: str = "ok"
    latency: float = 0.0
    tls: ssl.SSLContext | None = None  # serve HTTPS with this server-side context
    connections: int = 0
    requests: list[Request] = field(default_factory=list)
    open_connections: int = 0
    peak_open: int = 0

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self._listener.settimeout(0.1)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()
        self._acceptor = threading.Thread(target=self._accept, name="raw-server", daemon=True)
        self._acceptor.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def posts(self) -> int:
        """POST requests the server read."""
        return sum(request.method == "POST" for request in self.requests)

    async def has_read(self, count: int, timeout: float = 5.0) -> bool:
        """True once the server has read `count` requests (polls without blocking the event loop)."""
        deadline = time.monotonic() + timeout
        while len(self.requests) < count:
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.01)
        return True

    async def all_closed(self, timeout: float = 5.0) -> bool:
        """True once every client connection is closed (the client released what failed); polls without
        blocking the event loop, where the client finishes closing its sockets."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self.open_connections == 0:
                    return True
            await asyncio.sleep(0.01)
        return False

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self.open_connections += 1
                self.peak_open = max(self.peak_open, self.open_connections)
                self._sockets.add(connection)
                thread = threading.Thread(target=self._serve, args=(connection, self.behaviour), daemon=True)
                self._threads.append(thread)
            thread.start()

    def _serve(self, accepted: socket.socket, behaviour: str) -> None:
        connection = accepted
        try:
            if self.tls is not None:
                accepted.settimeout(5.0)
                connection = self.tls.wrap_socket(accepted, server_side=True)  # a failed handshake: OSError
                connection.settimeout(None)
            BEHAVIOURS[behaviour](self, connection)
        except OSError:
            pass
        finally:
            with self._lock:
                self._sockets.discard(accepted)
                self.open_connections -= 1
            connection.close()

    def read(self, connection: socket.socket, buffer: bytearray) -> Request | None:
        request = _read_request(connection, buffer)
        if request is not None:
            with self._lock:
                self.requests.append(request)
            if self.latency:
                time.sleep(self.latency)
        return request

    def stop(self) -> None:
        self._stopping.set()
        self._acceptor.join(5)
        self._listener.close()
        with self._lock:
            for connection in self._sockets:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            threads = list(self._threads)
        for thread in threads:
            thread.join(5)


def _ok(server: RawServer, connection: socket.socket) -> None:
    """Answer every request of the connection with a 200 (keep-alive), until the client closes it."""
    buffer = bytearray()
    while server.read(connection, buffer) is not None:
        connection.sendall(_response("200 OK", HEALTHY))


def _close_before_reading(server: RawServer, connection: socket.socket) -> None:
    return  # closed at once: whatever the client wrote is never read


def _close_after_reading(server: RawServer, connection: socket.socket) -> None:
    server.read(connection, bytearray())


def _reset_after_reading(server: RawServer, connection: socket.socket) -> None:
    server.read(connection, bytearray())
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close sends RST


def _answer_after_reading(payload: bytes) -> Callable[[RawServer, socket.socket], None]:
    def serve(server: RawServer, connection: socket.socket) -> None:
        if server.read(connection, bytearray()) is not None:
            connection.sendall(payload)

    return serve


def _drip(server: RawServer, connection: socket.socket) -> None:
    """Headers at once, then the 1,000-byte body one byte every 50 ms (each read comes well in time)."""
    if server.read(connection, bytearray()) is None:
        return
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
    for _ in range(1000):
        time.sleep(0.05)
        connection.sendall(b" ")


def _hang(server: RawServer, connection: socket.socket) -> None:
    """Read the request, then answer nothing until the client gives up (or the server stops)."""
    if server.read(connection, bytearray()) is not None:
        while connection.recv(65536):
            pass


_CLOSE = "Connection: close"  # answered, then closed: the client must not pool it
_GZIP_503 = gzip.compress(json.dumps({"detail": "compressed outage"}).encode())
_GZIP_200 = gzip.compress(HEALTHY)

BEHAVIOURS: dict[str, Callable[[RawServer, socket.socket], None]] = {
    "ok": _ok,
    "close before reading": _close_before_reading,
    "close after reading": _close_after_reading,
    "reset after reading": _reset_after_reading,
    "garbage status line": _answer_after_reading(b"HTTP/1.1 OK-ish garbage\r\n\r\n"),
    "200 KB header": _answer_after_reading(b"HTTP/1.1 200 OK\r\nX-Huge: " + b"x" * 200_000 + b"\r\n\r\n"),
    "bad chunking": _answer_after_reading(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz-not-a-size\r\n{}\r\n0\r\n\r\n"
    ),
    "truncated body": _answer_after_reading(
        b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"status"'
    ),
    "drip": _drip,
    "hang": _hang,
    "bad gzip": _answer_after_reading(
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\nnot gzip at!"
    ),
    "gzip 503": _answer_after_reading(
        _response("503 Service Unavailable", _GZIP_503, "Content-Encoding: gzip", "Retry-After: 0", _CLOSE)
    ),
    "gzip 200": _answer_after_reading(_response("200 OK", _GZIP_200, "Content-Encoding: gzip", _CLOSE)),
    "407": _answer_after_reading(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"),
    "non-UTF-8 header 503": _answer_after_reading(
        b"HTTP/1.1 503 Service Unavailable\r\nX-Note: caf\xe9\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
    ),
    "set cookie": _answer_after_reading(_response("200 OK", HEALTHY, "Set-Cookie: session=abc; Path=/", _CLOSE)),
}


#: Faults after the server accepted the connection: the request may have reached it (it did, but for the first).
AFTER_SENDING = [
    "close before reading",
    "close after reading",
    "reset after reading",
    "garbage status line",
    "200 KB header",
    "bad chunking",
    "truncated body",
]
#: Those where the server read the whole request.
READ = AFTER_SENDING[1:]


def refused_port() -> int:
    """A port of 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


if __name__ == "__main__":
    running = RawServer(behaviour=sys.argv[1] if len(sys.argv) > 1 else "ok")
    print(running.base_url, flush=True)
    try:
        sys.stdin.read()  # serve until stdin closes
    finally:
        running.stop()
