"""The blocking engine's connection pool: thread-safe, most recently used connection first, O(1) per request.

httpcore's sync pool re-scans every waiting request against every connection on each change, so its cost
per request grows with the number of threads. This one keeps, per origin, a stack of idle connections (the
newest on top: reused first, still warm; the oldest at the bottom: expired first) and a count of all
connections, under one lock held only for a few list operations. `httpx.Limits` apply as in httpx: at
most `max_connections` open (a request waits for a slot up to the pool timeout), at most
`max_keepalive_connections` kept idle, each for at most `keepalive_expiry` seconds.

`close()` closes the idle connections at once and shuts down those in use, which wakes the threads blocked
on them: each gets an error at once and closes its socket, and no request waiting for a slot or for its
connection to open is sent.
"""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import threading
import time
from collections import deque
from dataclasses import dataclass

import httpx

__all__ = ["ConnectionPool", "Origin", "PoolClosed", "PoolTimeout", "PooledConnection"]


class PoolClosed(Exception):
    """The pool was closed: nothing more is sent through it."""


class PoolTimeout(TimeoutError):
    """No connection came free within the pool timeout."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where connections go: scheme, host (ASCII, IPv6 without brackets) and port, and the `Host` header for it."""

    scheme: str
    host: str
    port: int
    host_header: str

    @classmethod
    def of(cls, url: httpx.URL) -> Origin:
        """The origin of an http(s) URL, with the `Host` header httpx sends (no port when it is the default)."""
        default = 443 if url.scheme == "https" else 80
        return cls(url.scheme, url.raw_host.decode("ascii"), url.port or default, url.netloc.decode("ascii"))


def _readable(sock: socket.socket) -> bool:
    """Has an idle connection anything to read: the server closed it, or sent what nobody asked for?"""
    if isinstance(sock, ssl.SSLSocket) and sock.pending():
        return True
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    return bool(select.select([sock], [], [], 0)[0])  # pragma: no cover (Windows)


class PooledConnection:
    """One HTTP/1.1 connection: opened on first use, closed by its user, shut down by `abort()` from any thread."""

    __slots__ = ("_aborted", "_lock", "_timeout", "idle_since", "origin", "sock")

    def __init__(self, origin: Origin) -> None:
        self.origin = origin
        self.sock: socket.socket | None = None
        self.idle_since = 0.0
        self._timeout: float | None = -1.0  # what the socket has: never a valid timeout at first
        self._aborted = False
        self._lock = threading.Lock()

    def connect(self, timeout: float | None, ssl_context: ssl.SSLContext | None) -> None:
        """Open the TCP connection (and the TLS session over it), each bounded by `timeout`."""
        sock = socket.create_connection((self.origin.host, self.origin.port), timeout)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if ssl_context is not None:
                sock = ssl_context.wrap_socket(sock, server_hostname=self.origin.host)
        except BaseException:
            sock.close()
            raise
        with self._lock:
            if self._aborted:
                sock.close()
                raise ConnectionAbortedError("the client was closed while the connection was opening")
            self.sock = sock
        self._timeout = timeout

    def set_timeout(self, timeout: float | None) -> None:
        """Bound the socket's next operations by `timeout` seconds (None: no bound)."""
        if timeout != self._timeout:
            assert self.sock is not None
            self.sock.settimeout(timeout)
            self._timeout = timeout

    def dropped(self) -> bool:
        """True when an idle connection can no longer carry a request (closed by the server, or never opened)."""
        return self.sock is None or _readable(self.sock)

    def close(self) -> None:
        with self._lock:
            sock, self.sock = self.sock, None
        if sock is not None:
            sock.close()

    def abort(self) -> None:
        """Shut the connection down from another thread: its user's blocked read or write fails at once.

        The socket itself stays for its user to close (closing it under a blocked call is unsafe).
        """
        with self._lock:
            self._aborted = True
            if self.sock is not None:
                with contextlib.suppress(OSError):  # the TCP socket itself, under any TLS layer
                    socket.socket.shutdown(self.sock, socket.SHUT_RDWR)


class ConnectionPool:
    """Connections shared by threads, per origin, within `httpx.Limits` (see the module docstring)."""

    def __init__(self, limits: httpx.Limits) -> None:
        self._max = limits.max_connections
        self._max_idle = limits.max_keepalive_connections
        self._expiry = limits.keepalive_expiry
        self._ready = threading.Condition(threading.Lock())
        self._idle: dict[Origin, deque[PooledConnection]] = {}
        self._idle_count = 0
        self._count = 0  # every connection: idle, in use, opening
        self._in_use: set[PooledConnection] = set()
        self._closed = False

    def acquire(self, origin: Origin, timeout: float | None) -> PooledConnection:
        """A connection to `origin`: the newest idle one still usable, else a new one (not yet opened: its
        `sock` is None), waiting up to `timeout` seconds for a slot. `PoolTimeout`, `PoolClosed`."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            connection = self._check_out(origin, deadline)
            if connection.sock is None or not connection.dropped():
                return connection
            self.release(connection, reusable=False)

    def release(self, connection: PooledConnection, *, reusable: bool) -> None:
        """Give `connection` back: kept idle when `reusable` and the limits allow, else closed."""
        discarded = []
        with self._ready:
            self._in_use.discard(connection)
            if reusable and not self._closed and connection.sock is not None and self._keeps_another():
                now = time.monotonic()
                connection.idle_since = now
                stack = self._idle.setdefault(connection.origin, deque())
                stack.append(connection)
                self._idle_count += 1
                while self._expired(stack[0], now):  # the bottom is the longest idle
                    discarded.append(stack.popleft())
                    self._idle_count -= 1
                    self._count -= 1
            else:
                discarded.append(connection)
                self._count -= 1
            self._ready.notify()
        for old in discarded:
            old.close()

    def close(self) -> None:
        """Close every idle connection, shut down those in use, and turn away every later or waiting request."""
        with self._ready:
            self._closed = True
            idle = [connection for stack in self._idle.values() for connection in stack]
            self._idle.clear()
            self._count -= self._idle_count
            self._idle_count = 0
            in_use = list(self._in_use)
            self._ready.notify_all()
        for connection in idle:
            connection.close()
        for connection in in_use:
            connection.abort()

    def _keeps_another(self) -> bool:
        return self._max_idle is None or self._idle_count < self._max_idle

    def _expired(self, connection: PooledConnection, now: float) -> bool:
        return self._expiry is not None and now - connection.idle_since > self._expiry

    def _check_out(self, origin: Origin, deadline: float | None) -> PooledConnection:
        discarded: list[PooledConnection] = []
        try:
            with self._ready:
                while True:
                    if self._closed:
                        raise PoolClosed("the client was closed")
                    stack = self._idle.get(origin)
                    now = time.monotonic()
                    while stack:
                        connection = stack.pop()
                        self._idle_count -= 1
                        if self._expired(connection, now):
                            discarded.append(connection)
                            self._count -= 1
                            continue
                        self._in_use.add(connection)
                        return connection
                    if self._max is not None and self._count >= self._max and self._idle_count:
                        discarded.append(self._evict_idle())  # an idle connection elsewhere makes room
                    if self._max is None or self._count < self._max:
                        connection = PooledConnection(origin)
                        self._count += 1
                        self._in_use.add(connection)
                        return connection
                    remaining = None if deadline is None else deadline - now
                    if remaining is not None and remaining <= 0:
                        raise PoolTimeout("no connection of the pool came free in time")
                    self._ready.wait(remaining)
        finally:
            for old in discarded:
                old.close()

    def _evict_idle(self) -> PooledConnection:
        """The longest-idle connection of some origin, removed from the pool (the lock is held)."""
        for stack in self._idle.values():
            if stack:
                self._idle_count -= 1
                self._count -= 1
                return stack.popleft()
        raise AssertionError("no idle connection to evict")  # pragma: no cover (guarded by _idle_count)
