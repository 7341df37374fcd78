"""`DashboardData` and how it is fetched: one concurrent round of requests (plus one more only when the
newest items lie beyond the first page), shared by the async and the thread versions; `timeout=` is a
deadline for the whole load."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from atlas_control_plane_client.models import AgentClassRead, DeploymentRead

from ..clients import ControlPlaneClient, SyncControlPlaneClient
from ..concurrency import Settled, ThreadRunner
from ..concurrency._outcome import describe
from ..pages import Page
from ._rounds import Load, ProgressCallback, SectionCall, gather_async, gather_threads, one_by_one_sync

__all__ = ["SECTIONS", "DashboardData", "describe_error", "fetch_dashboard", "fetch_dashboard_sync"]

T = TypeVar("T")

#: The dashboard's sections, as named in `DashboardData.errors`.
SECTIONS = ("health", "agent_classes", "agent_definitions", "model_providers", "deployments")


@dataclass
class DashboardData:
    """What the dashboard shows. A count is None when its section failed (see `errors`)."""

    health_status: str | None = None
    agent_class_count: int | None = None
    definition_count: int | None = None
    provider_count: int | None = None
    deployment_count: int | None = None
    #: The newest agent classes and deployments, newest first.
    recent_classes: list[AgentClassRead] = field(default_factory=list)
    recent_deployments: list[DeploymentRead] = field(default_factory=list)
    #: Section name (one of `SECTIONS`) -> the error that section got; the other sections are still filled.
    errors: dict[str, BaseException] = field(default_factory=dict)
    #: Rounds of concurrent requests made (1, or 2 when the newest items were beyond the first page).
    round_trips: int = 0
    #: Requests made in all.
    requests: int = 0
    #: Section -> seconds its requests took (both rounds added up; a timed-out section: until the deadline).
    durations: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every section loaded."""
        return not self.errors

    def error_messages(self) -> list[str]:
        """One line per failed section, e.g. `model_providers: AtlasServerError: HTTP 500 ...`."""
        return [f"{section}: {describe_error(error)}" for section, error in self.errors.items()]


def describe_error(error: BaseException) -> str:
    """`Type: message` on one line, without a dangling separator when the message ends empty (an httpx
    `ReadTimeout` has no text: `... timed out: ReadTimeout`, not `... timed out: ReadTimeout:`)."""
    return describe(error).rstrip(": ")


def _count(page: Page[Any]) -> int | None:
    """The true number of items: the page's total (`X-Total-Count`), not its length."""
    if page.total is not None:
        return page.total
    return len(page) if not page.has_more else None


def _newest(page: Sequence[T], count: int) -> list[T]:
    return list(reversed(page[-count:])) if count else []


class _Assembly:
    """Which calls to make and how their outcomes fill a `DashboardData`; the client may be sync or async
    (the calls are the same, only what they return differs)."""

    def __init__(self, client: ControlPlaneClient | SyncControlPlaneClient, recent: int, page_size: int) -> None:
        if recent < 0:
            raise ValueError(f"recent must be >= 0, got {recent}")
        if not 1 <= page_size <= 1000 or page_size < recent:
            raise ValueError(f"page_size must be within max(recent, 1)..1000, got {page_size}")
        self.client = client
        self.recent = recent
        self.page_size = page_size
        self.data = DashboardData()

    def first_round(self) -> dict[str, SectionCall]:
        """Health, the first page of classes and deployments (their newest items are often in it), and
        one-item pages of definitions and providers, for their totals."""
        client, size = self.client, self.page_size
        return {
            "health": client.health,
            "agent_classes": partial(client.list_agent_classes, limit=size),
            "agent_definitions": partial(client.list_agent_definitions, limit=1),
            "model_providers": partial(client.list_model_providers, limit=1),
            "deployments": partial(client.list_deployments, limit=size),
        }

    def take_first(self, results: Settled) -> dict[str, SectionCall]:
        """Fill the data from the first round; returns the calls of a second round (may be empty): the
        last page of the lists whose newest items were not in the first page."""
        data = self.data
        data.round_trips, data.requests = 1, len(results)
        data.errors.update(results.errors)
        if results["health"].ok:
            data.health_status = str(results["health"].value.get("status", "unknown"))
        for name in ("agent_definitions", "model_providers"):
            if results[name].ok:
                setattr(data, _COUNT_FIELDS[name], _count(results[name].value))
        listers: dict[str, Callable[..., Any]] = {
            "agent_classes": self.client.list_agent_classes,
            "deployments": self.client.list_deployments,
        }
        tails: dict[str, SectionCall] = {}
        for name, lister in listers.items():
            if not results[name].ok:
                continue
            page: Page[Any] = results[name].value
            setattr(data, _COUNT_FIELDS[name], _count(page))
            if page.has_more and page.total is not None and self.recent:
                tails[name] = partial(lister, limit=self.recent, offset=max(0, page.total - self.recent))
            else:
                setattr(data, _RECENT_FIELDS[name], _newest(page, self.recent))
        return tails

    def take_tails(self, results: Settled) -> None:
        """Fill the newest items from the second round."""
        self.data.round_trips += 1
        self.data.requests += len(results)
        self.data.errors.update(results.errors)
        for name, outcome in results.items():
            if outcome.ok:
                setattr(self.data, _RECENT_FIELDS[name], _newest(outcome.value, self.recent))


_COUNT_FIELDS = {
    "agent_classes": "agent_class_count",
    "agent_definitions": "definition_count",
    "model_providers": "provider_count",
    "deployments": "deployment_count",
}
_RECENT_FIELDS = {"agent_classes": "recent_classes", "deployments": "recent_deployments"}


async def fetch_dashboard(
    client: ControlPlaneClient,
    *,
    recent: int = 5,
    page_size: int = 100,
    concurrent: bool = True,
    timeout: float | None = None,
    progress: ProgressCallback | None = None,
) -> DashboardData:
    """Load the dashboard with every request concurrent: one round trip, or two when there are more
    than `page_size` classes or deployments (the newest ones are then on their last page).

    Counts are the true totals; a failing source fills `errors[section]` and leaves the rest intact.
    `timeout` is a deadline for the whole load, retries included: a section still loading then is
    cancelled and gets a `DashboardTimeoutError`. `progress` is called with the sections still awaited
    each time that changes. `concurrent=False` makes the same calls one after another (to compare).
    """
    assembly = _Assembly(client, recent, page_size)
    load = Load(timeout, progress)
    tails = assembly.take_first(await gather_async(load, assembly.first_round(), concurrent=concurrent))
    if tails:
        assembly.take_tails(await gather_async(load, tails, concurrent=concurrent))
    assembly.data.durations = load.durations
    return assembly.data


def fetch_dashboard_sync(
    client: SyncControlPlaneClient,
    runner: ThreadRunner | None = None,
    *,
    recent: int = 5,
    page_size: int = 100,
    concurrent: bool = True,
    timeout: float | None = None,
    progress: ProgressCallback | None = None,
) -> DashboardData:
    """`fetch_dashboard` for the blocking client, on `runner`'s threads (when None, a temporary runner
    closed before returning); `concurrent=False` runs the calls in the calling thread.

    A thread cannot be interrupted, so under a `timeout` each request is given the time left as its
    own timeout and is not retried: nothing runs past the deadline.
    """
    assembly = _Assembly(client, recent, page_size)
    load = Load(timeout, progress)
    with ExitStack() as stack:
        gather: Callable[[dict[str, SectionCall]], Settled]
        if not concurrent:
            gather = partial(one_by_one_sync, load)
        else:
            if runner is None:
                runner = stack.enter_context(ThreadRunner(max_workers=len(SECTIONS)))
            gather = partial(gather_threads, load, runner=runner)
        tails = assembly.take_first(gather(assembly.first_round()))
        if tails:
            assembly.take_tails(gather(tails))
    assembly.data.durations = load.durations
    return assembly.data
