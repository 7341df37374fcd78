"""Closing a ThreadRunner under its own helpers: from another thread, by an exception leaving `with`, or by
Ctrl-C. Each helper whose queued calls `close()` cancels ends at once with `RunnerClosedError`, never hangs;
nothing new starts after an interrupt; and once closed, no runner thread is left.

Every helper runs in a background thread joined with a generous bound, so a regression fails, never hangs.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from atlas_extras import SyncControlPlaneClient
from atlas_extras.concurrency import RunnerClosedError, ThreadRunner
from atlas_extras.testing import FakeControlPlane

from .conftest import wait_until

BOUND = 10.0  # seconds: "does not hang", never a speed check


def runner_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("atlas-runner")]


@dataclass
class Background:
    """`fn()` in a daemon thread; `finish()` waits for it (at most BOUND seconds) and says what it did."""

    fn: Callable[[], Any]
    value: Any = None
    error: BaseException | None = None
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._run, name="test-helper", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.value = self.fn()
        except BaseException as exc:
            self.error = exc

    def finish(self) -> Background:
        self.thread.join(BOUND)
        assert not self.thread.is_alive(), f"still waiting after {BOUND} s: it hangs"
        return self


class Blocker:
    """A call that occupies the runner's only thread until released, so that the others stay queued."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, *_: object) -> str:
        self.started.set()
        self.release.wait(BOUND)
        return "blocked"


@pytest.fixture
def blocker() -> Iterator[Blocker]:
    blocker = Blocker()
    yield blocker
    blocker.release.set()


def blocks_first(blocker: Blocker) -> Callable[[int], object]:
    return lambda index: blocker() if index == 0 else index


def race(blocker: Blocker, hedge_delay: float | None) -> Callable[[ThreadRunner, Blocker], object]:
    """first_success over the blocking call and a quick one (queued behind it)."""
    calls: list[Callable[[], str]] = [blocker, lambda: "quick"]
    return lambda r, _: r.first_success(calls, hedge_delay=hedge_delay)


HELPERS: dict[str, Callable[[ThreadRunner, Blocker], object]] = {
    "gather_settled": lambda r, b: r.gather_settled(a=b, b=lambda: 1, c=lambda: 2),
    "gather_all": lambda r, b: r.gather_all(a=b, b=lambda: 1),
    "gather_all positional": lambda r, b: r.gather_all(b, lambda: 1),
    "fan_out": lambda r, b: r.fan_out(blocks_first(b), range(10), max_concurrency=4).collect(),
    "unordered fan_out": lambda r, b: r.fan_out(blocks_first(b), range(10), max_concurrency=4, ordered=False).collect(),
    "adaptive fan_out": lambda r, b: r.fan_out(blocks_first(b), range(10), max_concurrency=4, adaptive=True).collect(),
    "map_in_chunks": lambda r, b: r.map_in_chunks(blocks_first(b), range(10), chunk_size=4).collect(),
    "first_success": lambda r, b: race(b, None)(r, b),
    "hedged first_success": lambda r, b: race(b, 0.0)(r, b),
    "with_timeout": lambda r, b: (r.submit(b), r.with_timeout(lambda t: 1, 60.0))[1],
}


@pytest.mark.parametrize("helper", list(HELPERS))
def test_closing_the_runner_from_another_thread_ends_each_helper_with_a_clear_error(
    helper: str, blocker: Blocker
) -> None:
    runner = ThreadRunner(max_workers=1)
    waiting = Background(lambda: HELPERS[helper](runner, blocker))
    assert blocker.started.wait(BOUND)
    time.sleep(0.05)  # the helper is now waiting for its queued calls
    closer = Background(runner.close)
    waiting.finish()  # while the blocking call still runs: the helper does not wait for it
    assert isinstance(waiting.error, RunnerClosedError), waiting.error
    assert "ThreadRunner was closed" in str(waiting.error)
    assert closer.thread.is_alive()  # close() itself waits for the call that is running
    blocker.release.set()
    closer.finish()
    assert runner_threads() == []


@pytest.mark.parametrize("helper", ["fan_out", "map_in_chunks", "unordered fan_out"])
def test_an_exception_that_closes_the_runner_under_a_fan_out_does_not_hang_its_cleanup(helper: str) -> None:
    runner = ThreadRunner(max_workers=1)

    def work(index: int) -> int:
        time.sleep(0.01)
        return index

    if helper == "map_in_chunks":
        fan_out = runner.map_in_chunks(work, range(100), chunk_size=4)
    else:  # with one thread, four in flight: three are queued whenever one is running
        fan_out = runner.fan_out(work, range(100), max_concurrency=4, ordered=helper == "fan_out")
    with pytest.raises(ValueError, match="the caller failed"), runner:  # noqa: PT012 - `with runner` closes it
        for _ in fan_out:
            raise ValueError("the caller failed")  # leaves `with runner` with the fan-out suspended
    # The fan-out is closed later (as the garbage collector would): its cleanup must not wait for ever
    # on the calls that close() cancelled.
    Background(fan_out.close).finish()
    assert runner_threads() == []


def test_a_helper_called_after_close_gets_the_same_error() -> None:
    with ThreadRunner(1) as runner:
        pass
    for helper in (lambda: runner.gather_all(a=lambda: 1), lambda: runner.fan_out(str, [1]).collect()):
        with pytest.raises(RunnerClosedError, match="this ThreadRunner is closed"):
            helper()


def test_closing_twice_and_from_the_runners_own_thread() -> None:
    runner = ThreadRunner(1)
    failure = runner.submit(runner.close).exception(BOUND)
    assert isinstance(failure, RuntimeError)
    assert "its own threads" in str(failure)
    runner.close()
    runner.close()
    assert runner_threads() == []


# -- Ctrl-C --------------------------------------------------------------------------------------------------


def interrupt_main_when(condition: Callable[[], bool]) -> threading.Thread:
    """Send SIGINT to the main thread (the test's) once `condition()` holds, as Ctrl-C would."""
    main = threading.main_thread().ident
    assert main is not None

    def watch() -> None:
        if wait_until(condition, BOUND):
            signal.pthread_kill(main, signal.SIGINT)

    thread = threading.Thread(target=watch, name="test-interrupter", daemon=True)
    thread.start()
    return thread


@pytest.fixture
def in_main_thread() -> None:
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach only the main thread")
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        pytest.skip("SIGINT is not Python's KeyboardInterrupt here")


@pytest.mark.usefixtures("in_main_thread")
def test_an_interrupt_during_a_fan_out_starts_nothing_new_and_does_not_wait_for_running_calls() -> None:
    started: list[int] = []
    ended: list[int] = []
    release = threading.Event()

    def work(index: int) -> int:
        started.append(index)
        release.wait(BOUND)
        ended.append(index)
        return index

    interrupter = interrupt_main_when(lambda: len(started) == 2)
    interrupted_before_the_calls_ended = False
    with ThreadRunner(max_workers=2) as runner:
        try:
            for _ in runner.fan_out(work, range(100), max_concurrency=8):  # 2 running, 6 queued
                pass
        except KeyboardInterrupt:
            interrupted_before_the_calls_ended = not ended
        release.set()  # the running calls end; leaving `with` waits for them
    interrupter.join(BOUND)
    assert interrupted_before_the_calls_ended  # Ctrl-C took effect at once
    assert sorted(started) == [0, 1]  # the queued calls never started
    assert runner_threads() == []


def client_sockets(port: int) -> int:
    """Established TCP connections of this machine to `port` on the client side (from /proc/net/tcp)."""
    count = 0
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            remote, state = line.split()[2:4]
            count += int(remote.rsplit(":", 1)[1], 16) == port and state == "01"
    return count


@pytest.mark.usefixtures("in_main_thread")
@pytest.mark.parametrize("runner_first", [True, False], ids=["runner-then-client", "client-then-runner"])
def test_an_interrupt_during_a_fan_out_over_the_client_leaves_no_socket_or_thread(
    fake: FakeControlPlane, runner_first: bool
) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs /proc/net/tcp to count sockets")
    port = int(fake.base_url.rsplit(":", 1)[1])
    fake.inject_latency(0.3)
    before = client_sockets(port)
    calls: list[int] = []

    def fan_out_until_interrupted() -> None:
        with ExitStack() as stack:
            if runner_first:  # the client closes first, while calls still run
                runner = stack.enter_context(ThreadRunner(16))
                client = stack.enter_context(SyncControlPlaneClient(fake.base_url))
            else:  # the order the docs show: the runner closes first, waiting for its calls
                client = stack.enter_context(SyncControlPlaneClient(fake.base_url))
                runner = stack.enter_context(ThreadRunner(16))

            def health(index: int) -> object:
                calls.append(index)
                return client.health()

            for _ in runner.fan_out(health, range(200)):
                pass

    interrupter = interrupt_main_when(lambda: fake.stats.in_flight == 16)
    with pytest.raises(KeyboardInterrupt):
        fan_out_until_interrupted()
    interrupter.join(BOUND)
    started = len(calls)
    assert runner_threads() == []
    assert wait_until(lambda: fake.stats.in_flight == 0)
    assert wait_until(lambda: client_sockets(port) <= before), f"{client_sockets(port) - before} sockets left open"
    assert len(calls) == started  # and nothing ran after
