"""`FakeControlPlane`: the public face of the fake."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from starlette.types import ASGIApp

from ._app import Core, DroppedConnection, build_app, wall_clock
from ._dataset import load
from ._faults import MALFORMED_KINDS, Fault, Faults, Hangs, MalformedKind, malformed_applies, parse_fault
from ._server import LoopbackServer
from ._spec import load_contract
from ._state import Settings, State
from ._stats import RequestStats

IN_PROCESS_URL = "http://fake-control-plane"


class FakeControlPlane:
    """An in-memory Atlas Control Plane that follows openapi.yaml, and misbehaves on request.

    Args:
        dataset: ``"demo"`` (a small deterministic dataset) or ``"empty"``.
        seed: seeds the ids of created rows and the random draws of faults and lifecycle failures.
        api_key: when set, every operation but ``health`` needs ``Authorization: Bearer <api_key>`` (else 401).
        latency: seconds added to every response (a base fault that ``reset_faults()`` keeps).
        jitter: the latency varies uniformly by up to this many seconds either way.
        lifecycle_step: seconds per automatic status step (deployments ``spawning`` -> ``active``, the agent
            instance each new deployment starts ``spawning`` -> ``active`` (-> ``completed`` for an ephemeral
            definition), plan tasks ``PENDING`` -> ``IN_PROGRESS`` -> ``COMPLETED`` one after another, GRASP
            analyses); ``0`` finishes at once, ``None`` never moves. A PATCH that changes a status takes that
            object off its lifecycle for good; one that repeats the current values (a whole-object save) does not.
        definitions: how many agent definitions the demo dataset has (12 by default; e.g. 10_000 for benchmarks).
        failure_rate: the fraction of automatic lifecycles (deployments, tasks, analyses) that end failed,
            chosen by id and seed. ``{"fake_outcome": "failed"}`` in a task's ``meta``, a deployment's ``config``
            or an analysis's ``analysis_context`` makes that one fail.

    The contract is served as JSON at ``/api/v1/openapi.json`` and ``/openapi.json``.

    Responses shaped by an injected fault carry an ``X-Fake-Fault`` header naming it (``503``, ``hang``,
    ``drop``, ``truncated_json``, ...); every response carries ``X-Request-ID``.
    """

    def __init__(
        self,
        *,
        dataset: str = "demo",
        seed: int = 0,
        api_key: str | None = None,
        latency: float = 0.0,
        jitter: float = 0.0,
        lifecycle_step: float | None = 0.2,
        definitions: int | None = None,
        failure_rate: float = 0.0,
    ) -> None:
        _check_rate(failure_rate, "failure_rate")
        if lifecycle_step is not None and lifecycle_step < 0:
            raise ValueError("lifecycle_step must be >= 0 seconds, or None")
        self.dataset = dataset
        self.definitions = definitions
        self._settings = Settings(seed=seed, lifecycle_step=lifecycle_step, failure_rate=failure_rate)
        self._contract = load_contract()
        self.stats: RequestStats = RequestStats()
        self._offset = 0.0
        self._lock = threading.RLock()
        self._hangs = Hangs()
        self._faults = Faults(seed)
        self._server: LoopbackServer | None = None
        self._core = Core(
            contract=self._contract,
            state=self._new_state(),
            faults=self._faults,
            stats=self.stats,
            hangs=self._hangs,
            lock=self._lock,
            api_key=api_key,
            clock=wall_clock(lambda: self._offset),
        )
        if latency or jitter:
            self._faults.add(self._latency_rule(latency, jitter, None, 1.0, None), base=True)
        self.app: ASGIApp = build_app(self._core)

    def _new_state(self) -> State:
        state = State(self._contract, self._settings)
        load(state, self.dataset, self.definitions)
        return state

    # ---- the contract ------------------------------------------------------------------------------------

    @property
    def operations(self) -> list[str]:
        """Every operationId the fake serves (all of openapi.yaml)."""
        return sorted(self._contract.operations)

    @property
    def api_key(self) -> str | None:
        """The bearer token the fake requires (None: no authentication)."""
        return self._core.api_key

    @property
    def seed(self) -> int:
        return self._settings.seed

    # ---- time --------------------------------------------------------------------------------------------

    def now(self) -> float:
        """The fake's clock (Unix seconds): the wall clock plus everything `advance()` added."""
        return self._core.clock()

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward, so lifecycles progress without sleeping."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += seconds

    # ---- faults ------------------------------------------------------------------------------------------

    @property
    def faults(self) -> list[Fault]:
        """The fault rules in force, with how often each fired."""
        return self._faults.rules

    def inject_latency(
        self,
        seconds: float,
        *,
        jitter: float = 0.0,
        operation: str | None = None,
        rate: float = 1.0,
        times: int | None = None,
    ) -> Fault:
        """Delay responses by ``seconds`` (uniformly +/- ``jitter``). An operation's rule beats a global one."""
        return self._faults.add(self._latency_rule(seconds, jitter, operation, rate, times))

    def inject_status(
        self,
        status: int,
        *,
        rate: float = 1.0,
        operation: str | None = None,
        retry_after: int | None = 0,
        times: int | None = None,
    ) -> Fault:
        """Answer ``status`` (e.g. 500, 502, 503, 429) with ``{"detail": ...}`` instead of handling the request.

        429 and 503 carry ``Retry-After: <retry_after>`` (seconds; ``None`` leaves the header out).
        """
        if not 400 <= status <= 599:
            raise ValueError(f"status must be an HTTP error status (400-599), not {status}")
        if retry_after is not None and retry_after < 0:
            raise ValueError("retry_after must be >= 0")
        rule = Fault("status", self._operation(operation), _check_rate(rate), _check_times(times), status, retry_after)
        return self._faults.add(rule)

    def inject_hang(self, *, rate: float = 1.0, operation: str | None = None, times: int | None = None) -> Fault:
        """Never answer: the request stays open until the client gives up (disconnects), or until
        `release_hangs()`, `reset()` or the end of `serve()` (then it gets a 503). In-process, where
        `httpx.ASGITransport` has no timeouts, the caller must cancel (e.g. ``asyncio.timeout``)."""
        return self._faults.add(Fault("hang", self._operation(operation), _check_rate(rate), _check_times(times)))

    def inject_drop(self, *, rate: float = 1.0, operation: str | None = None, times: int | None = None) -> Fault:
        """Handle the request, then close the connection halfway through the response: the client gets a
        transport error (`httpx.RemoteProtocolError`) although the change was made."""
        return self._faults.add(Fault("drop", self._operation(operation), _check_rate(rate), _check_times(times)))

    def inject_malformed(
        self,
        kind: MalformedKind,
        *,
        operation: str | None = None,
        rate: float = 1.0,
        times: int | None = None,
    ) -> Fault:
        """Damage successful responses that have a body.

        ``non_json`` (text under a JSON content type), ``truncated_json`` (the first half), ``html`` (a proxy's
        error page with status 200), ``wrong_types`` (a string field becomes a number), ``missing_field`` (a
        required field is left out), ``unknown_enum`` (an enum field gets a value from a "newer server").
        In a list only the first item is damaged.
        """
        if kind not in MALFORMED_KINDS:
            raise ValueError(f"unknown malformation {kind!r}: expected one of {', '.join(MALFORMED_KINDS)}")
        operation = self._operation(operation)
        if operation is not None:
            op = self._contract.operations[operation]
            if not malformed_applies(kind, op.success_schema, op.success_schema is not None):
                raise ValueError(f"{kind!r} cannot be applied to {operation}: its response has no suitable field")
        rule = Fault("malformed", operation, _check_rate(rate), _check_times(times), malformed=kind)
        return self._faults.add(rule)

    def inject(self, spec: str) -> Fault:
        """Inject a fault from its text form (as the command line's ``--fault``), e.g. ``"503:0.05"``,
        ``"429:0.1,retry_after=2,op=list_tools"``, ``"drop,times=1"``, ``"latency=200ms,op=get_plan"``."""
        options: dict[str, Any] = parse_fault(spec)
        kind = options.pop("kind")
        if kind == "latency":
            return self.inject_latency(options.pop("latency"), **options)
        if kind == "status":
            return self.inject_status(options.pop("status"), **options)
        if kind == "malformed":
            return self.inject_malformed(options.pop("malformed"), **options)
        if "retry_after" in options or "jitter" in options:
            raise ValueError(f"{kind} faults take no retry_after or jitter: {spec!r}")
        return self.inject_hang(**options) if kind == "hang" else self.inject_drop(**options)

    def release_hangs(self) -> int:
        """Let every request held by a hang fault go (each gets a 503); returns how many there were."""
        return self._hangs.release()

    def reset_faults(self) -> None:
        """Remove injected faults (the constructor's latency stays), re-seed the fault RNG, release hangs."""
        self._faults.reset()
        self._hangs.release()

    def reset(self) -> None:
        """Data back to the dataset, faults back to the constructor's (hangs released), statistics to zero,
        the clock back to the wall clock. Settings (seed, api_key, lifecycle_step, ...) stay."""
        state = self._new_state()
        with self._lock:
            self._core.state = state
            self._offset = 0.0
        self.reset_faults()
        self.stats.reset()

    def _latency_rule(
        self, seconds: float, jitter: float, operation: str | None, rate: float, times: int | None
    ) -> Fault:
        if seconds < 0 or jitter < 0 or not math.isfinite(seconds + jitter):
            raise ValueError("latency and jitter must be finite and >= 0 seconds")
        operation = self._operation(operation)
        return Fault("latency", operation, _check_rate(rate), _check_times(times), latency=seconds, jitter=jitter)

    def _operation(self, operation: str | None) -> str | None:
        if operation is not None and operation not in self._contract.operations:
            raise ValueError(f"unknown operation {operation!r}: expected an operationId of openapi.yaml")
        return operation

    # ---- running -----------------------------------------------------------------------------------------

    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve on a loopback port (0: a free one) from a background thread; yields the base URL.

        On exit, held requests are released and the server thread is joined.
        """
        if self._server is not None:
            raise RuntimeError(f"already serving on {self._server.base_url}")
        server = LoopbackServer(
            self.app, host=host, port=port, before_stop=self._hangs.release, dropped=DroppedConnection
        )
        self._server = server
        try:
            yield server.start()
        finally:
            server.stop()
            self._server = None

    @property
    def base_url(self) -> str:
        """The URL `serve()` is serving on (RuntimeError when not serving)."""
        if self._server is None:
            raise RuntimeError("not serving: use `with fake.serve() as base_url:` (or the fake_control_plane fixture)")
        return self._server.base_url

    @property
    def serving(self) -> bool:
        return self._server is not None

    def transport(self) -> httpx.ASGITransport:
        """An httpx transport that calls the app in-process (no sockets, no timeouts)."""
        return httpx.ASGITransport(app=self.app)

    def async_client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An `httpx.AsyncClient` wired to the app in-process; sends the api_key when one is set."""
        headers = dict(kwargs.pop("headers", {}) or {})
        if self.api_key is not None:
            headers.setdefault("Authorization", f"Bearer {self.api_key}")
        kwargs.setdefault("base_url", IN_PROCESS_URL)
        return httpx.AsyncClient(transport=self.transport(), headers=headers, **kwargs)

    def __repr__(self) -> str:
        where = self._server.base_url if self._server is not None else "in-process"
        return f"<FakeControlPlane dataset={self.dataset!r} seed={self.seed} {where}>"


def _check_rate(rate: float, name: str = "rate") -> float:
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, not {rate}")
    return rate


def _check_times(times: int | None) -> int | None:
    if times is not None and times < 0:
        raise ValueError("times must be >= 0 (or None for no limit)")
    return times
