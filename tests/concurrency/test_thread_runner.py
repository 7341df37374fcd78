"""ThreadRunner itself: bounded, closed by `with`, refuses work once closed or from its own threads."""

from __future__ import annotations

import threading
import time

import pytest

from atlas_extras.concurrency import ThreadRunner


def test_the_pool_runs_at_most_max_workers_calls_at_once() -> None:
    running = peak = 0
    lock = threading.Lock()

    def work(_: int) -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.01)
        with lock:
            running -= 1

    with ThreadRunner(max_workers=3) as runner:
        runner.fan_out(work, range(30), max_concurrency=10).collect()  # the pool caps it
    assert peak == 3


def test_closing_cancels_queued_work_and_waits_for_running_calls() -> None:
    started: list[int] = []
    release = threading.Event()

    def work(index: int) -> int:
        started.append(index)
        release.wait(5)
        return index

    runner = ThreadRunner(max_workers=1)
    running = runner.submit(work, 0)
    queued = runner.submit(work, 1)
    closer = threading.Thread(target=runner.close)
    closer.start()
    release.set()
    closer.join(5)
    assert running.result() == 0
    assert queued.cancelled()
    assert started == [0]
    assert not [t for t in threading.enumerate() if t.name.startswith("atlas-runner")]


def test_a_closed_runner_refuses_work() -> None:
    with ThreadRunner(1) as runner:
        pass
    with pytest.raises(RuntimeError, match="this ThreadRunner is closed"):
        runner.gather_settled(a=lambda: 1)


def test_helpers_refuse_to_run_from_the_runners_own_threads() -> None:
    with ThreadRunner(1) as runner:
        nested = runner.gather_settled(inner=lambda: runner.gather_settled(x=lambda: 1))
    assert isinstance(nested["inner"].error, RuntimeError)
    assert "could deadlock" in str(nested["inner"].error)


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_bad_pool_sizes_are_rejected(workers: int) -> None:
    with pytest.raises(ValueError, match="max_workers must be an int >= 1"):
        ThreadRunner(workers)
