"""`AllFailedError`: every redundant call failed; `RunnerClosedError`: the ThreadRunner was closed under a call."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import AtlasError
from ._outcome import describe

__all__ = ["AllFailedError", "RunnerClosedError"]


class AllFailedError(AtlasError):
    """Every call given to `first_success` failed; `errors` holds each failure, in the order given.

    It is an `AtlasError` (so `except AtlasError` handlers see it), not an `ExceptionGroup`: callers get
    one exception with a readable message, and the individual errors, with their tracebacks, in `errors`.
    The first failure is also its `__cause__`, so an unhandled one prints a traceback that helps.
    """

    errors: list[BaseException]
    __cause__: BaseException | None

    def __init__(self, errors: Sequence[BaseException]) -> None:
        lines = "\n".join(f"  [{index}] {describe(error)}" for index, error in enumerate(errors))
        super().__init__(f"all {len(errors)} call(s) failed:\n{lines}")
        self.errors = list(errors)
        if self.errors:
            self.__cause__ = self.errors[0]


class RunnerClosedError(RuntimeError):
    """The `ThreadRunner` was closed: it takes no new work, and work it had queued was cancelled.

    Raised by a runner's helpers called after `close()`, and by those still waiting when `close()` (from
    another thread, or leaving `with` on an exception) cancelled the calls they had queued. Calls that
    were already running finish in the background; `close()` waits for them.
    """
