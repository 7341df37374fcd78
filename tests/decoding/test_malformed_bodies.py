"""Every malformed body fails with `ResponseMismatch` naming the place: a wrong type at any depth, a missing
required field, a body or nested object that is not an object, a list that is not a list.

The bodies are valid ones (see `strategies.py`) with one fault put in; the error must start with the
path of that fault (`body.config.tools[1].name: ...`).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from atlas_extras._decode_support import MissingField
from atlas_extras._decoding import decoder, list_decoder
from atlas_extras._validation import ResponseMismatch

from .strategies import MODELS, fields_of, invalid_values, objects, sites, valid_body

WITH_FIELDS = [cls for cls in MODELS if fields_of(cls)]
WITH_REQUIRED_FIELDS = [cls for cls in MODELS if any(not field.optional for field in fields_of(cls))]
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NOT_OBJECTS = [[], "text", 42, None, True, [{"id": 1}]]


def mismatch_of(cls: type[Any], body: Any) -> str:
    with pytest.raises(ResponseMismatch) as caught:
        decoder(cls)(body)
    return str(caught.value)


@pytest.mark.parametrize("cls", WITH_FIELDS, ids=lambda cls: cls.__name__)
@SETTINGS
@given(data=st.data())
def test_a_wrong_value_anywhere_is_reported_at_its_path(cls: type[Any], data: st.DataObject) -> None:
    body = data.draw(valid_body(cls, every_field=True))
    candidates = [
        (site, value)
        for site in sites(cls, body)
        for value in (invalid_values(site.field) if site.field is not None else NOT_OBJECTS)
    ]
    assume(candidates)
    site, value = data.draw(st.sampled_from(candidates))
    site.container[site.key] = value
    message = mismatch_of(cls, body)
    reported, _, rest = message.partition(": expected ")
    if isinstance(value, list) and reported.startswith(f"{site.path}["):  # a list: its bad item is named
        return
    assert reported == site.path, message
    assert f", got {type(value).__name__} " in rest, message


@pytest.mark.parametrize("cls", WITH_REQUIRED_FIELDS, ids=lambda cls: cls.__name__)
@SETTINGS
@given(data=st.data())
def test_a_missing_required_field_is_named(cls: type[Any], data: st.DataObject) -> None:
    body = data.draw(valid_body(cls, every_field=True))
    candidates = [
        (path, container, field.key)
        for path, model, container in objects(cls, body)
        for field in fields_of(model)
        if not field.optional
    ]
    path, container, key = data.draw(st.sampled_from(candidates))
    del container[key]
    with pytest.raises(MissingField) as caught:
        decoder(cls)(body)
    assert str(caught.value) == f"{path}.{key}: required field missing"


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("body", NOT_OBJECTS, ids=repr)
def test_a_body_that_is_not_an_object_is_refused(cls: type[Any], body: Any) -> None:
    assert mismatch_of(cls, body).startswith(f"body: expected {cls.__name__}, got {type(body).__name__}")


@pytest.mark.parametrize("name", ["AgentDefinitionRead", "HealthStatus", "PlanTaskRead", "ToolRead"])
@SETTINGS
@given(data=st.data())
def test_a_bad_item_of_a_list_body_is_reported_with_its_index(name: str, data: st.DataObject) -> None:
    cls = _model(name)
    items: list[Any] = data.draw(st.lists(valid_body(cls), min_size=1, max_size=4))
    index = data.draw(st.integers(0, len(items) - 1))
    items[index] = "not an object"
    with pytest.raises(ResponseMismatch, match=rf"^body\[{index}\]: expected {cls.__name__}, got str"):
        list_decoder(cls)(items)


@pytest.mark.parametrize("body", [{}, "text", None, 3, {"items": []}], ids=repr)
def test_a_list_body_that_is_not_an_array_is_refused(body: Any) -> None:
    with pytest.raises(ResponseMismatch, match=r"^body: expected array"):
        list_decoder(MODELS[0])(body)


def test_the_path_prefix_is_the_callers() -> None:
    with pytest.raises(ResponseMismatch, match=r"^response\.items\[0\]: expected AgentClassRead"):
        list_decoder(_model("AgentClassRead"))([1], "response.items")


def _model(name: str) -> type[Any]:
    return next(cls for cls in MODELS if cls.__name__ == name)
