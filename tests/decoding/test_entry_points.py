"""`decoder` and `list_decoder`: the open-ended models of `atlas_extras.models` (subclasses of generated
models) come out as those subclasses, classes that are no model are refused, and the UUID cache is
invisible: bounded, and the same results whether a UUID string was seen before or not."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas_control_plane_client.models import AgentClassRead, AgentDefinitionRead, AgentDefinitionStatus
from atlas_extras import models as open_models
from atlas_extras._decode_support import UUID_CACHE_SIZE, clear_uuid_cache, parse_uuid, uuids_get
from atlas_extras._decoding import decoder, list_decoder

from .sameness import assert_same
from .strategies import valid_body

OPEN_MODELS = [getattr(open_models, name) for name in open_models.__all__]


@pytest.mark.parametrize("cls", OPEN_MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_open_models_come_out_as_the_subclass_from_dict_builds(cls: type[Any], data: st.DataObject) -> None:
    body = data.draw(valid_body(cls))
    result = decoder(cls)(body)
    assert type(result) is cls
    assert_same(result, cls.from_dict(body))


def test_an_open_model_keeps_its_dict_access() -> None:
    health = decoder(open_models.HealthStatus)({"status": "healthy", "region": "eu-1"})
    assert (health.get("status"), health["region"], "version" in health) == ("healthy", "eu-1", False)


def test_a_list_of_open_models_is_a_list_of_the_subclass() -> None:
    lines = [{"timestamp": "2025-01-01T00:00:00Z", "level": "INFO", "message": text} for text in ("a", "b")]
    entries = list_decoder(open_models.LogEntry)([lines[0], {**lines[1], "pod": "web-1"}])
    assert [type(entry) for entry in entries] == [open_models.LogEntry] * 2
    assert [entry.get("message") for entry in entries] == ["a", "b"]
    assert entries[1]["pod"] == "web-1"


def test_unknown_enum_values_and_extra_keys_are_kept() -> None:
    [body] = _definitions(1)
    body |= {"status": "archived", "rollout": {"percent": 5}}
    definition = decoder(AgentDefinitionRead)(body)
    assert definition.status == "archived"
    assert type(definition.status) is str
    assert definition.additional_properties == {"rollout": {"percent": 5}}
    assert decoder(AgentDefinitionRead)({**body, "status": "draft"}).status is AgentDefinitionStatus.DRAFT


@attrs.define
class _WithOwnField(AgentClassRead):
    team: str = "core"


class _NotAModel:
    pass


@pytest.mark.parametrize("cls", [_WithOwnField, _NotAModel, dict])
def test_a_class_it_cannot_build_exactly_is_refused(cls: type[Any]) -> None:
    with pytest.raises(TypeError, match="no decoder for"):
        decoder(cls)
    with pytest.raises(TypeError, match="no decoder for"):
        list_decoder(cls)


def test_results_are_the_same_with_the_uuid_cache_cold_or_warm() -> None:
    page = _definitions(5)
    clear_uuid_cache()
    cold = list_decoder(AgentDefinitionRead)(page)
    warm = list_decoder(AgentDefinitionRead)(page)
    assert_same(cold, warm)
    assert_same(cold, [AgentDefinitionRead.from_dict(item) for item in page])


def test_the_uuid_cache_stays_bounded() -> None:
    clear_uuid_cache()
    texts = [str(uuid.uuid4()) for _ in range(UUID_CACHE_SIZE + 10)]
    assert [parse_uuid(text) for text in texts] == [uuid.UUID(text) for text in texts]
    remembered = sum(uuids_get(text) is not None for text in texts)
    assert 0 < remembered <= UUID_CACHE_SIZE


_FORMS: list[Callable[[uuid.UUID], str]] = [
    str,
    lambda u: u.hex.upper(),
    lambda u: f"urn:uuid:{{{u}}}",
    lambda u: f" {u}",
    lambda u: f"0x{u.hex[2:]}",
]
_ODD_CHARACTERS = st.sampled_from(["-", "{", "}", "_", "+", " ", ":", "urn:", "uuid:", "0x", "g", "\u0661"])


@st.composite
def uuid_like_texts(draw: st.DrawFn) -> str:
    """UUID strings in many forms, some spoiled by an odd character put anywhere."""
    form: Callable[[uuid.UUID], str] = draw(st.sampled_from(_FORMS))
    text = form(draw(st.uuids()))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_ODD_CHARACTERS) + text[at + draw(st.integers(0, 1)) :]
    return text


@settings(max_examples=300)
@given(text=uuid_like_texts() | st.text())
def test_the_cached_parse_is_uuid(text: str) -> None:
    """Whatever the string, the result is what `UUID(text)` gives (value and state), or the same error."""
    clear_uuid_cache()
    try:
        expected = uuid.UUID(text)
    except ValueError as refused:
        with pytest.raises(ValueError, match=re.escape(str(refused))):
            parse_uuid(text)
        return
    parsed = parse_uuid(text)
    assert (parsed, parsed.is_safe, parsed.__getstate__(), hash(parsed)) == (
        expected,
        expected.is_safe,
        expected.__getstate__(),
        hash(expected),
    )
    assert uuids_get(text) is parsed


@pytest.mark.parametrize("value", [None, 42, 4.5, True, b"12345678123456781234567812345678", ["x"]], ids=repr)
def test_the_cached_parse_refuses_what_uuid_refuses(value: Any) -> None:
    with pytest.raises((TypeError, ValueError, AttributeError)):
        uuid.UUID(value)
    with pytest.raises((TypeError, ValueError, AttributeError)):
        parse_uuid(value)


def _definitions(count: int) -> list[dict[str, Any]]:
    class_id = str(uuid.uuid4())
    return [
        {
            "id": str(uuid.uuid4()),
            "agent_class_id": class_id,
            "name": f"Reviewer {number}",
            "slug": f"reviewer-{number}",
            "status": "published",
            "execution_mode": "ephemeral",
            "config": {"temperature": 0.2},
            "allow_outbound_a2a": False,
            "created_at": "2025-01-01T00:00:00Z",
            "updated_at": "2025-01-02T00:00:00+02:00",
            "model_provider_id": None,
        }
        for number in range(count)
    ]
