"""Request statistics: how many requests each operation got, and how many were in flight at once."""

from __future__ import annotations

import threading
from collections import Counter


class RequestStats:
    """Counters kept by a `FakeControlPlane`; safe to read from any thread while it serves.

    * ``requests[operation_id]``: requests received (whatever their outcome), by operationId.
    * ``statuses[operation_id]``: a `Counter` of the status codes answered, by operationId.
    * ``faults[kind]``: faults injected, by kind (``"503"``, ``"hang"``, ``"drop"``, ``"truncated_json"``, ...).
    * ``in_flight`` / ``peak_in_flight``: requests being handled now / at most at once since the last reset.
    * ``in_flight_by_operation`` / ``peak_in_flight_by_operation``: the same, by operationId.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[str] = Counter()
        self.statuses: dict[str, Counter[int]] = {}
        self.faults: Counter[str] = Counter()
        self.in_flight: int = 0
        self.peak_in_flight: int = 0
        self.in_flight_by_operation: Counter[str] = Counter()
        self.peak_in_flight_by_operation: Counter[str] = Counter()

    @property
    def total(self) -> int:
        """Requests received by every operation."""
        return sum(self.requests.values())

    def reset(self) -> None:
        """Zero the counters; the peaks restart from what is in flight right now."""
        with self._lock:
            self.requests = Counter()
            self.statuses = {}
            self.faults = Counter()
            self.peak_in_flight = self.in_flight
            self.peak_in_flight_by_operation = Counter(+self.in_flight_by_operation)

    def started(self, operation_id: str) -> None:
        """Count a request to `operation_id` that the fake began to serve."""
        with self._lock:
            self.requests[operation_id] += 1
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            current = self.in_flight_by_operation[operation_id] + 1
            self.in_flight_by_operation[operation_id] = current
            if current > self.peak_in_flight_by_operation[operation_id]:
                self.peak_in_flight_by_operation[operation_id] = current

    def finished(self, operation_id: str, status: int | None) -> None:
        """A request to `operation_id` ended, answered with `status` (None: it raised or was cancelled)."""
        with self._lock:
            self.in_flight -= 1
            self.in_flight_by_operation[operation_id] -= 1
            if status is not None:
                self.statuses.setdefault(operation_id, Counter())[status] += 1

    def fault(self, kind: str) -> None:
        """Count an injected fault of `kind` (``503``, ``hang``, ...)."""
        with self._lock:
            self.faults[kind] += 1

    def __repr__(self) -> str:
        return (
            f"RequestStats(total={self.total}, in_flight={self.in_flight}, "
            f"peak_in_flight={self.peak_in_flight}, requests={dict(self.requests)})"
        )
