"""Serving the fake on a real loopback port: uvicorn in a background thread."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable

import uvicorn
from starlette.types import ASGIApp

_START_TIMEOUT = 10.0
_STOP_TIMEOUT = 10.0


class _QuietDrops(logging.Filter):
    """Keep uvicorn from logging a traceback for every connection the fake drops on purpose."""

    def __init__(self, dropped: type[BaseException]) -> None:
        super().__init__()
        self.dropped = dropped

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, self.dropped)


class LoopbackServer:
    """uvicorn serving an ASGI app on host:port (port 0: a free one) in a daemon thread."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        before_stop: Callable[[], object] | None = None,
        dropped: type[BaseException] = Exception,
    ) -> None:
        self._before_stop = before_stop
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP explicitly: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say they are TCP,
        # and with Nagle on, every keep-alive response waits ~40 ms for the client's delayed ACK.
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._socket.bind((host, port))
        except OSError:
            self._socket.close()
            raise
        self.host = host
        self.port: int = self._socket.getsockname()[1]
        config = uvicorn.Config(
            app,
            host=host,
            port=self.port,
            lifespan="off",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=2,
            timeout_keep_alive=30,
        )
        self._server = uvicorn.Server(config)
        self._filter = _QuietDrops(dropped)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name=f"atlas-fake-control-plane:{self.port}",
            daemon=True,
        )

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> str:
        logging.getLogger("uvicorn.error").addFilter(self._filter)
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the fake Control Plane did not start on {self.base_url}")
            time.sleep(0.002)
        return self.base_url

    def stop(self) -> None:
        """Stop accepting, let held requests go, wait for the thread to end."""
        self._server.should_exit = True
        deadline = time.monotonic() + _STOP_TIMEOUT
        while self._thread.is_alive() and time.monotonic() < deadline:
            if self._before_stop is not None:
                self._before_stop()  # again and again: a request may start hanging while uvicorn winds down
            self._thread.join(0.05)
        if self._thread.is_alive():  # pragma: no cover - only if a request ignores cancellation
            self._server.force_exit = True
            self._thread.join(_STOP_TIMEOUT)
        self._socket.close()
        logging.getLogger("uvicorn.error").removeFilter(self._filter)
