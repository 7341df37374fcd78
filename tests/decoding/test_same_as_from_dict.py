"""The generated decoders build exactly what `from_dict` builds, for every generated model.

For every valid body (optional fields absent or null, unknown enum strings, keys the contract does not
name, UUIDs and datetimes in every form `from_dict` reads) the decoder's result is the same object
attribute for attribute. For any body at all (valid values mixed with arbitrary JSON), the decoder either
fails with `ResponseMismatch` where `from_dict` + `check_model` fail too, or agrees with them.
"""

from __future__ import annotations

import typing
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas_extras._decoding import decoder
from atlas_extras._validation import ResponseMismatch, check_model

from .sameness import assert_same
from .strategies import MODELS, fields_of, is_model, json_values, valid_body, valid_field_value

# The exceptions today's path (`from_dict` then `check_model`) fails with; `_call.decode_response` turns
# each into AtlasResponseValidationError.
TODAY_FAILS = (ValueError, TypeError, KeyError, AttributeError, ResponseMismatch)
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def today(cls: type[Any], data: Any) -> Any:
    result = cls.from_dict(data)
    check_model(result)
    return result


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@SETTINGS
@given(data=st.data())
def test_a_valid_body_decodes_to_what_from_dict_builds(cls: type[Any], data: st.DataObject) -> None:
    body = data.draw(valid_body(cls))
    expected = today(cls, body)  # the body is valid for today's path too
    assert_same(decoder(cls)(body), expected)


@st.composite
def any_body(draw: st.DrawFn, cls: type[Any]) -> dict[str, Any]:
    """Each field absent, valid or any JSON value at all (and the same, one level down, inside objects)."""
    body: dict[str, Any] = {}
    for field in fields_of(cls):
        choice = draw(st.sampled_from(["absent", "valid", "anything"]))
        if choice == "valid":
            body[field.key] = draw(valid_field_value(field))
        elif choice == "anything":
            body[field.key] = draw(json_values)
    return body


def lenient_in_from_dict(cls: type[Any], body: dict[str, Any]) -> bool:
    """Whether `body` has a JSON object or string where the contract says array, or an array or string where
    it says object: `from_dict` iterates the former (`for item in value`) and `dict()`s the latter, so `{}`
    passes for a list, `[]` and `""` for an object. The decoders reject all of them: the only bodies on which
    they are stricter."""
    for field in fields_of(cls):
        value = body.get(field.key)
        for member in field.members:
            if typing.get_origin(member) is list and isinstance(value, dict | str):
                return True
            if is_model(member) and isinstance(value, list | str):
                return True
    return False


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@SETTINGS
@given(data=st.data())
def test_any_body_decodes_like_from_dict_or_fails_with_a_mismatch(cls: type[Any], data: st.DataObject) -> None:
    body = data.draw(any_body(cls))
    ours = decoded_or_mismatch(cls, body)
    if isinstance(ours, ResponseMismatch):
        assert str(ours).startswith("body")
        if not lenient_in_from_dict(cls, body):
            with pytest.raises(TODAY_FAILS):
                today(cls, body)
        return
    assert_same(ours, today(cls, body))


def decoded_or_mismatch(cls: type[Any], body: Any) -> Any:
    try:
        return decoder(cls)(body)
    except ResponseMismatch as mismatch:
        return mismatch
