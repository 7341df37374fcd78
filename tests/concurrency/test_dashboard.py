"""The dashboard, async and on threads: true totals, newest items, per-section errors, one round trip,
and a deadline for the whole load."""

from __future__ import annotations

import time
from collections.abc import Sequence

import httpx
import pytest

from atlas_extras import AtlasServerError, ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import ThreadRunner
from atlas_extras.dashboard import (
    SECTIONS,
    DashboardData,
    DashboardTimeoutError,
    fetch_dashboard,
    fetch_dashboard_sync,
    format_dashboard,
)
from atlas_extras.dashboard._data import describe_error
from atlas_extras.testing import FakeControlPlane

from .conftest import LATENCY

CLASSES_NEWEST_FIRST = ["Data Analyst", "Incident Responder", "Test Writer", "Code Reviewer"]
DEPLOYMENTS_NEWEST_FIRST = ["responder-prod", "analyst-canary", "incident-nightly", "test-writer-dev"]


def assert_demo_dashboard(data: DashboardData) -> None:
    assert data.errors == {}
    assert data.health_status == "healthy"
    assert (data.agent_class_count, data.definition_count, data.provider_count, data.deployment_count) == (4, 12, 3, 6)
    assert [c.name for c in data.recent_classes] == CLASSES_NEWEST_FIRST
    assert [d.name for d in data.recent_deployments] == [*DEPLOYMENTS_NEWEST_FIRST, "review-bot-staging"]
    assert (data.round_trips, data.requests) == (1, 5)


async def test_fetch_dashboard_loads_everything_in_one_concurrent_round(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_latency(LATENCY)
    assert_demo_dashboard(await fetch_dashboard(client))
    assert fake.stats.total == 5
    assert fake.stats.peak_in_flight == 5  # all at once: one round trip


def test_fetch_dashboard_sync_loads_everything_in_one_concurrent_round(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient
) -> None:
    fake.inject_latency(LATENCY)
    assert_demo_dashboard(fetch_dashboard_sync(sync_client))
    assert fake.stats.peak_in_flight == 5


def test_fetch_dashboard_sync_uses_the_runner_it_is_given_and_leaves_it_open(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient, runner: ThreadRunner
) -> None:
    assert_demo_dashboard(fetch_dashboard_sync(sync_client, runner))
    assert_demo_dashboard(fetch_dashboard_sync(sync_client, runner))


async def test_the_same_calls_one_after_another_give_the_same_data(
    fake: FakeControlPlane, client: ControlPlaneClient, sync_client: SyncControlPlaneClient
) -> None:
    fake.inject_latency(LATENCY)
    assert_demo_dashboard(await fetch_dashboard(client, concurrent=False))
    assert_demo_dashboard(fetch_dashboard_sync(sync_client, concurrent=False))
    assert fake.stats.peak_in_flight == 1


async def test_counts_are_totals_not_page_lengths() -> None:
    fake = FakeControlPlane(definitions=250)  # more than a page; the dashboard asks for one item
    async with ControlPlaneClient("http://fake-control-plane", transport=fake.transport()) as client:
        data = await fetch_dashboard(client)
    assert data.definition_count == 250


async def test_newest_items_beyond_the_first_page_take_one_more_round(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    data = await fetch_dashboard(client, recent=2, page_size=3)
    assert [c.name for c in data.recent_classes] == CLASSES_NEWEST_FIRST[:2]
    assert [d.name for d in data.recent_deployments] == DEPLOYMENTS_NEWEST_FIRST[:2]
    assert (data.agent_class_count, data.deployment_count) == (4, 6)
    assert (data.round_trips, data.requests) == (2, 7)


@pytest.fixture
def providers_down(fake: FakeControlPlane) -> FakeControlPlane:
    fake.inject_status(500, operation="list_model_providers")
    return fake


def assert_only_providers_failed(data: DashboardData) -> None:
    assert list(data.errors) == ["model_providers"]
    assert isinstance(data.errors["model_providers"], AtlasServerError)
    assert data.provider_count is None
    assert (data.health_status, data.agent_class_count, data.definition_count) == ("healthy", 4, 12)
    assert len(data.recent_deployments) == 5
    assert data.error_messages()[0].startswith("model_providers: AtlasServerError: ")


async def test_a_failing_source_is_a_section_error(
    providers_down: FakeControlPlane, client: ControlPlaneClient
) -> None:
    assert_only_providers_failed(await fetch_dashboard(client))


def test_a_failing_source_is_a_section_error_sync(
    providers_down: FakeControlPlane, sync_client: SyncControlPlaneClient
) -> None:
    assert_only_providers_failed(fetch_dashboard_sync(sync_client))


async def test_format_dashboard_shows_counts_newest_items_and_errors(
    providers_down: FakeControlPlane, client: ControlPlaneClient
) -> None:
    text = format_dashboard(await fetch_dashboard(client))
    assert "Agent classes   4        newest: Data Analyst, Incident Responder" in text
    assert "Model providers ?" in text
    assert "Errors          model_providers: AtlasServerError" in text


@pytest.mark.parametrize(("recent", "page_size"), [(-1, 100), (5, 0), (5, 1001), (10, 5)])
async def test_bad_dashboard_settings_are_rejected(client: ControlPlaneClient, recent: int, page_size: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        await fetch_dashboard(client, recent=recent, page_size=page_size)


def assert_only_deployments_timed_out(data: DashboardData, timeout: float) -> None:
    assert list(data.errors) == ["deployments"]
    error = data.errors["deployments"]
    assert isinstance(error, DashboardTimeoutError)
    assert (error.section, error.timeout) == ("deployments", timeout)
    assert str(error) == f"deployments not loaded within the dashboard's timeout of {timeout:g} s"
    assert (data.health_status, data.agent_class_count, data.definition_count, data.provider_count) == (
        "healthy",
        4,
        12,
        3,
    )
    assert data.deployment_count is None


class Pending:
    """Records what `progress=` reports."""

    def __init__(self) -> None:
        self.reports: list[tuple[str, ...]] = []

    def __call__(self, pending: Sequence[str]) -> None:
        self.reports.append(tuple(pending))


async def test_a_hanging_section_ends_at_the_deadline_and_the_rest_is_kept(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_hang(operation="list_deployments")
    progress = Pending()
    start = time.monotonic()
    data = await fetch_dashboard(client, timeout=0.5, progress=progress)
    assert time.monotonic() - start < 10  # ends by its deadline, not by the client's 30 s read timeout
    assert_only_deployments_timed_out(data, 0.5)
    assert progress.reports[0] == SECTIONS
    assert progress.reports[-2:] == [("deployments",), ()]


def test_a_hanging_section_ends_at_the_deadline_on_threads_too(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient
) -> None:
    fake.inject_hang(operation="list_deployments")
    progress = Pending()
    start = time.monotonic()
    data = fetch_dashboard_sync(sync_client, timeout=0.5, progress=progress)  # its own runner, closed on return
    assert time.monotonic() - start < 10  # the hanging request's thread ended too: closing the runner waits for it
    assert_only_deployments_timed_out(data, 0.5)
    assert progress.reports[0] == SECTIONS
    assert progress.reports[-1] == ()


def test_on_threads_a_deadline_still_lets_a_request_retry_within_it(
    fake: FakeControlPlane, runner: ThreadRunner
) -> None:
    fake.inject_status(503, operation="list_model_providers", times=1)  # succeeds on the retry
    with SyncControlPlaneClient(fake.base_url) as client:
        data = fetch_dashboard_sync(client, runner, timeout=5)
    assert data.ok


def test_on_threads_a_retry_that_would_outlast_the_deadline_is_not_made(
    fake: FakeControlPlane, runner: ThreadRunner
) -> None:
    fake.inject_status(503, operation="list_model_providers", times=1, retry_after=30)
    with SyncControlPlaneClient(fake.base_url) as client:
        data = fetch_dashboard_sync(client, runner, timeout=2)
    assert list(data.errors) == ["model_providers"]
    error = data.errors["model_providers"]
    assert isinstance(error, AtlasServerError)
    assert error.deadline_exceeded


async def test_without_a_hang_a_deadline_changes_nothing(
    fake: FakeControlPlane, client: ControlPlaneClient, sync_client: SyncControlPlaneClient
) -> None:
    assert_demo_dashboard(await fetch_dashboard(client, timeout=10))
    assert_demo_dashboard(fetch_dashboard_sync(sync_client, timeout=10))
    assert_demo_dashboard(await fetch_dashboard(client, timeout=10, concurrent=False))
    assert_demo_dashboard(fetch_dashboard_sync(sync_client, timeout=10, concurrent=False))


async def test_one_after_another_the_deadline_covers_the_calls_not_started_yet(
    fake: FakeControlPlane, client: ControlPlaneClient, sync_client: SyncControlPlaneClient
) -> None:
    fake.inject_hang(operation="list_agent_definitions")  # the third of five
    late = ["agent_definitions", "model_providers", "deployments"]
    data = await fetch_dashboard(client, timeout=0.3, concurrent=False)
    assert list(data.errors) == late
    assert all(isinstance(error, DashboardTimeoutError) for error in data.errors.values())
    sync_data = fetch_dashboard_sync(sync_client, timeout=0.3, concurrent=False)
    assert list(sync_data.errors) == late
    assert all(isinstance(error, DashboardTimeoutError) for error in sync_data.errors.values())


async def test_each_section_records_how_long_it_took(fake: FakeControlPlane, client: ControlPlaneClient) -> None:
    fake.inject_latency(LATENCY)
    data = await fetch_dashboard(client, concurrent=False)
    assert set(data.durations) == set(SECTIONS)
    assert all(seconds >= LATENCY for seconds in data.durations.values())


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), "1"])
async def test_a_bad_timeout_is_rejected(client: ControlPlaneClient, timeout: object) -> None:
    with pytest.raises(ValueError, match="timeout must be a number of seconds > 0"):
        await fetch_dashboard(client, timeout=timeout)  # type: ignore[arg-type]


def test_an_error_with_an_empty_message_is_described_by_its_type() -> None:
    assert describe_error(httpx.ReadTimeout("")) == "ReadTimeout"
    assert describe_error(RuntimeError("GET /api/v1/health timed out: ReadTimeout: ")) == (
        "RuntimeError: GET /api/v1/health timed out: ReadTimeout"
    )
