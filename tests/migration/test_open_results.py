"""The open-ended results (`health`, `metrics`, `logs` items, `verify_model_provider`, `list_provider_models`
items), which atlas_sdk returned as plain dicts, are read-only mappings of their JSON form: `dict(...)`, `==` a
dict, `**`, `json.dumps(..., default=dict)`, keys and values as on the wire; and still typed models.
"""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Mapping, MutableMapping
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from atlas_control_plane_client import models as generated
from atlas_extras import models
from atlas_extras.testing import seed_id

from ..client.conftest import Caller
from .conftest import Clients

PROVIDER = seed_id("provider", "openai")


async def wire_and_result(clients: Clients, method: str, *args: Any) -> tuple[Any, Any]:
    """The JSON the server sent and the typed result, from one call."""
    reply = await Caller(clients.admin.client.with_raw_response)(method, *args)
    return reply.json(), reply.parse()


@pytest.mark.parametrize(
    ("method", "args", "model"),
    [
        ("health", (), models.HealthStatus),
        ("metrics", (), models.Metrics),
        ("verify_model_provider", (PROVIDER,), models.ModelProviderVerification),
    ],
)
async def test_an_open_result_is_the_dict_the_server_sent(
    clients: Clients, method: str, args: tuple[Any, ...], model: type[Any]
) -> None:
    wire, result = await wire_and_result(clients, method, *args)
    assert type(result) is model
    assert isinstance(result, Mapping)
    assert dict(result) == wire
    assert result == wire
    assert {**result} == wire
    assert json.loads(json.dumps(result, default=dict)) == wire
    assert sorted(result) == sorted(wire)
    assert len(result) == len(wire)
    for key, value in wire.items():
        assert result[key] == value
        assert result.get(key) == value
        assert key in result
    assert result.get("no-such-key", "fallback") == "fallback"
    with pytest.raises(KeyError):
        result["no-such-key"]


async def test_health_keeps_its_typed_attributes_and_generated_class(clients: Clients) -> None:
    health = await clients.admin("health")
    assert isinstance(health, models.HealthStatus)
    assert isinstance(health, generated.HealthStatus)
    assert health.status == health["status"] == "healthy"
    assert health.additional_properties == {key: health[key] for key in health if key not in ("status", "version")}


async def test_list_items_are_mappings_of_their_wire_objects(clients: Clients) -> None:
    wire, provider_models = await wire_and_result(clients, "list_provider_models", PROVIDER)
    assert wire
    assert [dict(item) for item in provider_models] == wire
    assert provider_models == wire  # a list of mappings equals the list of dicts
    assert json.loads(json.dumps(provider_models, default=dict)) == wire
    assert [item.id for item in provider_models] == [item["id"] for item in wire]


async def test_log_entries_are_their_wire_objects_with_the_timestamp_as_an_iso_string(clients: Clients) -> None:
    wire, entries = await wire_and_result(clients, "logs")
    assert len(entries) == len(wire) > 0
    for entry, sent in zip(entries, wire, strict=True):
        assert isinstance(entry, models.LogEntry)
        assert isinstance(entry, generated.LogEntry)
        as_dict = dict(entry)
        # The same instant, spelled as datetime.isoformat() writes it ("+00:00" for "Z").
        assert datetime.fromisoformat(as_dict.pop("timestamp")) == datetime.fromisoformat(sent.pop("timestamp"))
        assert as_dict == sent
        assert isinstance(entry.timestamp, datetime)
        assert entry["timestamp"] == entry.timestamp.isoformat()
    json.dumps(entries, default=dict)  # serialisable as is


def test_equality_follows_the_json_form() -> None:
    health = models.HealthStatus.from_dict({"status": "healthy", "region": "eu-1"})
    assert health == models.HealthStatus.from_dict({"region": "eu-1", "status": "healthy"})
    assert health != models.HealthStatus.from_dict({"status": "healthy", "region": "us-1"})
    assert health != {"status": "healthy"}
    assert health == {"status": "healthy", "region": "eu-1"}
    assert health != "healthy"
    with pytest.raises(TypeError):
        hash(health)


def test_unset_fields_are_not_keys_but_nulls_are() -> None:
    verification = models.ModelProviderVerification.from_dict({"status": "ok"})
    assert list(verification) == ["status"]
    assert "provider_id" not in verification
    entry = models.LogEntry.from_dict(
        {"timestamp": "2026-01-01T00:00:00Z", "level": "info", "message": "m", "deployment_id": None}
    )
    assert entry["deployment_id"] is None


def test_the_mapping_is_read_only_and_tracks_the_model() -> None:
    metrics = models.Metrics.from_dict({"agent_classes_count": 3})
    assert not isinstance(metrics, MutableMapping)
    metrics.agent_classes_count = 4
    metrics["queue_depth"] = 7  # an additional property, as on every generated model
    assert metrics == {"agent_classes_count": 4, "queue_depth": 7}
    del metrics["queue_depth"]
    assert dict(metrics) == {"agent_classes_count": 4}
    assert not hasattr(metrics, "update")
    assert not models.Metrics()  # empty, like the empty dict atlas_sdk returned


@pytest.mark.parametrize("clone", [copy.copy, copy.deepcopy, lambda m: pickle.loads(pickle.dumps(m))])
def test_copies_and_pickles_are_the_same_mapping(clone: Any) -> None:
    health = models.HealthStatus.from_dict({"status": "healthy", "region": "eu-1"})
    assert clone(health) == health == {"status": "healthy", "region": "eu-1"}


@given(
    extra=st.dictionaries(
        st.text(min_size=1).filter(lambda k: k not in ("status", "version")),
        st.none() | st.booleans() | st.integers() | st.text(),
    ),
    version=st.none() | st.text(),
)
def test_any_health_body_round_trips_through_dict_and_json(extra: dict[str, Any], version: str | None) -> None:
    body = {"status": "healthy", **extra} | ({} if version is None else {"version": version})
    health = models.HealthStatus.from_dict(body)
    assert dict(health) == body == health
    assert json.loads(json.dumps(health, default=dict)) == body
