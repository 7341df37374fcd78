"""PaginationState checkpoints: today's, earlier versions' and atlas_sdk's load; anything else is a clear
ValueError."""

from __future__ import annotations

from typing import Any

import pytest

from atlas_extras.pagination import PaginationState

from .conftest import ListServer, walk


def test_a_checkpoint_round_trips() -> None:
    state = PaginationState(offset=143, total=250)
    assert PaginationState.from_dict(state.to_dict()) == state
    assert state.to_dict() == {"offset": 143, "total": 250, "exhausted": False}


@pytest.mark.parametrize(
    ("saved", "expected"),
    [
        ({"offset": 60, "total": None, "exhausted": False}, PaginationState(60)),
        ({"offset": 60}, PaginationState(60)),
        ({}, PaginationState()),
        # atlas_sdk's checkpoints
        ({"offset": 40, "cursor": None, "has_more": True, "total_fetched": 40}, PaginationState(40)),
        ({"offset": 90, "cursor": None, "has_more": False, "total_fetched": 90}, PaginationState(90, exhausted=True)),
    ],
)
def test_earlier_checkpoints_load(saved: dict[str, Any], expected: PaginationState) -> None:
    assert PaginationState.from_dict(saved) == expected


def test_an_atlas_sdk_checkpoint_resumes_where_it_stood() -> None:
    server = ListServer(120)
    state = PaginationState.from_dict({"offset": 40, "cursor": None, "has_more": True, "total_fetched": 40})
    assert walk("sync", server, 50, state=state)[0] == server.original[40:]


def test_an_exhausted_checkpoint_yields_nothing_and_asks_nothing() -> None:
    server = ListServer(120)
    state = PaginationState.from_dict({"offset": 90, "cursor": None, "has_more": False, "total_fetched": 90})
    assert walk("async", server, 50, state=state)[0] == []
    assert server.calls == []


@pytest.mark.parametrize(
    ("saved", "message"),
    [
        ({"offset": 1, "page": 2}, r"unexpected keys \['page'\]"),
        ({"offset": 1, "exhausted": False, "has_more": True}, r"unexpected keys \['has_more'\]"),
        ({"offset": -1}, "offset must be an int >= 0, got -1"),
        ({"offset": "10"}, "offset must be an int >= 0, got '10'"),
        ({"offset": True}, "offset must be an int >= 0, got True"),
        ({"total": -5}, "total must be an int >= 0 or None, got -5"),
        ({"exhausted": "no"}, "exhausted must be a bool"),
        ({"offset": 5, "cursor": "abc", "has_more": True}, "with a cursor cannot resume"),
        ({"offset": 5, "has_more": 1}, "has_more must be a bool"),
    ],
)
def test_anything_else_is_a_clear_value_error(saved: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PaginationState.from_dict(saved)
