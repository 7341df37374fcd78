"""Helpers for driving the commands as subprocesses: a server that accepts connections and never answers,
and a runner that returns what the command printed and its exit status."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping

import pytest

#: Generous bound for "does not hang": the commands under test end in a few seconds.
SUBPROCESS_TIMEOUT = 60


def run(
    module: str, *args: str, env: Mapping[str, str] | None = None, drop_env: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """`python -m module args...`; ATLAS_* variables come only from `env`."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ATLAS_") and k not in drop_env}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
        env=environment,
    )


def dashboard(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `atlas-dashboard` (as `python -m atlas_extras.dashboard`)."""
    return run("atlas_extras.dashboard", *args, env=env)


class SilentServer:
    """Accepts every connection on 127.0.0.1 and never sends a byte (a hung Control Plane)."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="silent-server", daemon=True)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.accepted.append(connection)

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self.accepted:
            connection.close()
        self._listener.close()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    with SilentServer() as server:
        yield server
