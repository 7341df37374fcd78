"""The shared pieces, without a network: outcome types, the reorder buffer, the rate limiter's arithmetic,
the progress bar."""

from __future__ import annotations

import io
import traceback

import pytest

from atlas_extras import AtlasError
from atlas_extras.concurrency import AllFailedError, ItemOutcome, Outcome, Outcomes, ProgressBar, RateLimiter, Settled
from atlas_extras.concurrency._ordering import ReorderBuffer
from atlas_extras.concurrency._progress import ProgressUpdate


def _raise(error: Exception) -> Exception:
    try:
        raise error
    except Exception as caught:
        return caught


def test_outcome_value_reraises_the_original_error_with_its_traceback() -> None:
    error = _raise(KeyError("gone"))
    outcome: Outcome[int] = Outcome.failure(error)
    assert not outcome.ok
    assert outcome.error is error
    assert outcome.value_or(7) == 7
    with pytest.raises(KeyError) as raised:
        _ = outcome.value
    assert raised.value is error
    assert "_raise" in "".join(traceback.format_tb(raised.value.__traceback__))


def test_outcome_holds_falsy_values_and_none() -> None:
    assert Outcome.success(None).ok
    assert Outcome.success(0).value == 0
    assert Outcome.success(None).value_or("default") is None


def test_settled_maps_names_to_outcomes_and_lists_errors() -> None:
    error = ValueError("bad")
    settled = Settled({"a": Outcome.success(1), "b": Outcome.failure(error)})
    assert list(settled) == ["a", "b"]
    assert settled["a"].value == 1
    assert settled.errors == {"b": error}
    assert not settled.ok
    assert settled.value_or("b", "fallback") == "fallback"
    with pytest.raises(ValueError, match="bad"):
        settled.unwrap()
    with pytest.raises(KeyError, match="no operation named 'c'; names: a, b"):
        settled["c"]


def test_outcomes_split_values_and_errors_by_item() -> None:
    error = RuntimeError("x")
    outcomes: Outcomes[str, int] = Outcomes(
        [
            ItemOutcome(1, index=0, item="a"),
            ItemOutcome(error=error, index=1, item="b"),
            ItemOutcome(3, index=2, item="c"),
        ]
    )
    assert outcomes.values == [1, 3]
    assert [(o.index, o.item, o.error) for o in outcomes.errors] == [(1, "b", error)]
    assert not outcomes.ok


def test_all_failed_error_lists_each_failure_and_is_an_atlas_error() -> None:
    errors = [ValueError("first"), KeyError("second")]
    error = AllFailedError(errors)
    assert isinstance(error, AtlasError)
    assert error.errors == errors
    assert error.__cause__ is errors[0]
    assert "all 2 call(s) failed" in str(error)
    assert "[0] ValueError: first" in str(error)
    assert "[1] KeyError: 'second'" in str(error)


def test_reorder_buffer_releases_in_order_and_bounds_what_may_start() -> None:
    buffer: ReorderBuffer[str] = ReorderBuffer(3)
    assert buffer.admits(2)
    assert not buffer.admits(3)
    assert buffer.add(1, "b") == []
    assert buffer.add(2, "c") == []
    assert len(buffer) == 2
    assert not buffer.admits(3)  # index 0 is still out: nothing beyond the window may start
    assert buffer.add(0, "a") == ["a", "b", "c"]
    assert buffer.admits(5)
    assert not buffer.admits(6)
    with pytest.raises(ValueError, match="already completed"):
        buffer.add(1, "again")
    with pytest.raises(ValueError, match="capacity must be >= 1"):
        ReorderBuffer(0)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_spaces_reservations_after_the_burst() -> None:
    clock = FakeClock()
    limiter = RateLimiter(10, burst=3, clock=clock)  # 10 per second: one every 0.1 s
    delays = [limiter.reserve() for _ in range(6)]
    assert delays[:3] == [0.0, 0.0, 0.0]
    assert delays[3:] == pytest.approx([0.1, 0.2, 0.3])
    clock.now += 10  # idle for long: the burst is available again, but no more than the burst
    assert [limiter.reserve() for _ in range(4)] == pytest.approx([0.0, 0.0, 0.0, 0.1])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"rate": 0}, "rate must be > 0"), ({"rate": 1, "per": 0}, "per must be > 0"), ({"rate": 1, "burst": 0}, "burst")],
)
def test_rate_limiter_rejects_bad_settings(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RateLimiter(**kwargs)  # type: ignore[arg-type]


def test_progress_bar_draws_only_on_a_terminal_unless_forced() -> None:
    silent = io.StringIO()
    ProgressBar(stream=silent)(ProgressUpdate(1, 0, 10, 1.0, finished=True))
    assert silent.getvalue() == ""

    stream = io.StringIO()
    bar = ProgressBar("defs", stream=stream, width=10, force=True, min_interval=0)
    bar(ProgressUpdate(5, 1, 10, 2.0, finished=False))
    bar(ProgressUpdate(10, 1, 10, 4.0, finished=True))
    assert stream.getvalue() == "\rdefs [#####-----] 5/10 (1 failed) 2.5/s\rdefs [##########] 10/10 (1 failed) 2.5/s\n"


def test_progress_bar_without_a_total_counts() -> None:
    bar = ProgressBar(force=True, stream=io.StringIO())
    assert bar.render(ProgressUpdate(42, 0, None, 2.0, finished=False)) == "42 done 21.0/s"
