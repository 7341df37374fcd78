"""The fake Control Plane in a separate process on 127.0.0.1, so that its CPU is not the client's."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["ServerConfig", "serve"]

HOST = "127.0.0.1"
_START_TIMEOUT = 60.0
_STOP_TIMEOUT = 10.0
_BANNER = re.compile(r"serving on (http://127\.0\.0\.1:\d+)")


@dataclass(frozen=True)
class ServerConfig:
    """What the fake serves: its latency, how many agent definitions, and injected faults (CLI syntax)."""

    latency: float = 0.0
    definitions: int | None = None
    faults: tuple[str, ...] = ()

    def argv(self) -> list[str]:
        argv = [sys.executable, "-m", "atlas_extras.testing", "serve", "--host", HOST, "--port", "0"]
        argv += ["--latency", f"{self.latency * 1000:g}ms", "--lifecycle-step", "never"]
        if self.definitions is not None:
            argv += ["--definitions", str(self.definitions)]
        for fault in self.faults:
            argv += ["--fault", fault]
        return argv


class _Banner:
    """Reads the fake's output to the end (so it never blocks on a full pipe) and catches its URL."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._process = process
        self._found = threading.Event()
        self.base_url = ""
        self._reader = threading.Thread(target=self._read, name="bench-server-output", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            if not self._found.is_set() and (match := _BANNER.search(line)):
                self.base_url = match.group(1)
                self._found.set()
        self._found.set()  # exited without a banner

    def wait(self, command: list[str]) -> str:
        if not self._found.wait(_START_TIMEOUT) or not self.base_url:
            raise RuntimeError(f"the fake Control Plane did not start: {' '.join(command)}")
        return self.base_url

    def join(self) -> None:
        self._reader.join(_STOP_TIMEOUT)


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(_STOP_TIMEOUT)


@contextmanager
def serve(config: ServerConfig) -> Iterator[str]:
    """Run the fake as `python -m atlas_extras.testing serve` on a free loopback port; yields its base URL."""
    command = config.argv()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    banner = _Banner(process)
    try:
        yield banner.wait(command)
    finally:
        _stop(process)
        banner.join()
