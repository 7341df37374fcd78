"""The dashboard, async and on threads: true totals, newest items, per-section errors, one round trip."""

from __future__ import annotations

import pytest

from atlas_extras import AtlasServerError, ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import ThreadRunner
from atlas_extras.dashboard import DashboardData, fetch_dashboard, fetch_dashboard_sync, format_dashboard
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
