"""For every server behaviour, limit, prefetch depth and resume point, sync and async: a walk yields each
item exactly once, in order. Servers that change the list mid-walk may make it skip items (offset paging
cannot see that), but never repeat one, and what cannot be reconciled raises AtlasPaginationError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas_extras.pagination import AtlasPaginationError

from .conftest import FLAVOURS, Flavour, ListServer, assert_exact, saved, walk

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

servers = st.builds(
    ListServer,
    size=st.integers(0, 240),
    cap=st.none() | st.integers(1, 40),
    extra=st.integers(0, 12),
    total=st.sampled_from(["correct", "missing", "negative", "wrong", "drifting"]),
    total_error=st.integers(-60, 60),
    cap_from_request=st.integers(0, 3),
)
limits = st.integers(1, 40)
prefetches = st.integers(1, 8)


@pytest.mark.parametrize("flavour", FLAVOURS)
@SETTINGS
@given(server=servers, limit=limits, prefetch=prefetches)
def test_a_walk_yields_every_item_once_in_order(
    flavour: Flavour, server: ListServer, limit: int, prefetch: int
) -> None:
    items, state = walk(flavour, server, limit, prefetch=prefetch)
    assert_exact(items, server)
    assert state.exhausted
    assert state.offset == len(items)


@pytest.mark.parametrize("flavour", FLAVOURS)
@SETTINGS
@given(
    server=servers,
    limit=limits,
    prefetch=prefetches,
    resumed_prefetch=prefetches,
    stop_after=st.integers(0, 250),
)
def test_resuming_from_a_saved_state_continues_at_the_next_item(
    flavour: Flavour, server: ListServer, limit: int, prefetch: int, resumed_prefetch: int, stop_after: int
) -> None:
    first, state = walk(flavour, server, limit, prefetch=prefetch, stop_after=stop_after)
    assert state.offset == len(first)
    rest, final = walk(flavour, server, limit, prefetch=resumed_prefetch, state=saved(state))
    assert_exact(first + rest, server)
    assert final.exhausted


@pytest.mark.parametrize("flavour", FLAVOURS)
@SETTINGS
@given(
    server=st.builds(
        ListServer,
        size=st.integers(0, 200),
        cap=st.none() | st.integers(1, 30),
        extra=st.integers(0, 12),
        total=st.sampled_from(["correct", "missing"]),
        delete_every=st.integers(1, 4),
        delete_at=st.integers(0, 60),
    ),
    limit=st.integers(1, 30),
    prefetch=prefetches,
)
def test_deletes_during_the_walk_may_skip_items_but_never_repeat_one(
    flavour: Flavour, server: ListServer, limit: int, prefetch: int
) -> None:
    try:
        items, _ = walk(flavour, server, limit, prefetch=prefetch)
    except AtlasPaginationError:
        return  # the pages contradicted each other, and the walk said so
    assert items == sorted(set(items)), "an item was repeated or came out of order"
    assert set(server.items) <= set(server.original)
    assert set(items) <= set(server.original)
