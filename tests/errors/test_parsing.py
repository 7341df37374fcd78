"""The parsers behind the errors: `Retry-After`, 422 details and error bodies, for every input."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from atlas_extras import AtlasAPIError, AtlasValidationError
from atlas_extras._redact import Redactor
from atlas_extras.errors import MAX_MESSAGE_LENGTH, error_for_response, parse_retry_after

# --- Retry-After ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("0.25", 0.25),
        ("0", 0.0),
        ("-5", 0.0),
        ("nan", None),
        ("inf", None),
        ("-inf", None),
        ("1e3", None),
        ("9" * 400, None),
        ("", None),
        ("soon", None),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 0.0),
        (None, None),
    ],
)
def test_retry_after_values(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def _in_an_hour() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)


@pytest.mark.parametrize(
    "render",
    [
        pytest.param(lambda when: format_datetime(when, usegmt=True), id="IMF-fixdate"),
        pytest.param(lambda when: when.strftime("%a, %d %b %Y %H:%M:%S -0000"), id="zone -0000"),
        pytest.param(lambda when: when.strftime("%a, %d %b %Y %H:%M:%S +0000"), id="zone +0000"),
        pytest.param(lambda when: when.strftime("%A, %d-%b-%y %H:%M:%S GMT"), id="RFC 850"),
        pytest.param(lambda when: f"{when:%a %b} {when.day:2d} {when:%H:%M:%S %Y}", id="asctime"),
    ],
)
def test_retry_after_http_dates_in_every_form(render: Any) -> None:
    seconds = parse_retry_after(render(_in_an_hour()))

    assert seconds is not None
    assert 3000 < seconds <= 3600


def test_a_date_with_another_zone_counts_from_that_zone() -> None:
    when = _in_an_hour().astimezone(datetime.now(UTC).astimezone().tzinfo)
    seconds = parse_retry_after(when.strftime("%a, %d %b %Y %H:%M:%S %z"))

    assert seconds is not None
    assert 3000 < seconds <= 3600


@given(st.text())
def test_retry_after_never_raises_and_is_a_finite_wait_or_none(value: str) -> None:
    seconds = parse_retry_after(value)

    assert seconds is None or (math.isfinite(seconds) and seconds >= 0)


@given(
    st.builds(
        "{}, {:02d} {} {} {:02d}:{:02d}:{:02d} {}".format,
        st.sampled_from(["Mon", "Sun", "Xyz", ""]),
        st.integers(-5, 99),
        st.sampled_from(["Jan", "Feb", "Nov", "Foo"]),
        st.integers(-1, 10**6),
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(0, 99),
        st.sampled_from(["GMT", "UTC", "-0000", "+0000", "+2500", "-9999", "EST", "Z", ""]),
    )
)
def test_retry_after_never_raises_for_date_shaped_garbage(value: str) -> None:
    seconds = parse_retry_after(value)

    assert seconds is None or (math.isfinite(seconds) and seconds >= 0)


# --- error bodies ---------------------------------------------------------------------------------


def _error(status: int, content: bytes, headers: dict[str, str] | None = None) -> AtlasAPIError:
    request = httpx.Request("POST", "http://test/api/v1/agent-classes")
    return error_for_response(
        httpx.Response(status, content=content, headers=headers, request=request), redactor=Redactor.EMPTY
    )


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=30,
)
_DETAIL_ITEM = st.fixed_dictionaries({}, optional={"loc": _JSON, "msg": _JSON, "type": _JSON}) | _JSON


@given(st.lists(_DETAIL_ITEM, max_size=8) | _JSON)
def test_any_422_detail_gives_field_errors_with_typed_locations(detail: Any) -> None:
    error = _error(422, json.dumps({"detail": detail}).encode())

    assert isinstance(error, AtlasValidationError)
    assert len(error.errors) == (len(detail) if isinstance(detail, list) else 0)
    for problem in error.errors:
        assert isinstance(problem.loc, tuple)
        assert all(isinstance(part, str | int) and not isinstance(part, bool) for part in problem.loc)
        assert isinstance(problem.msg, str)
        assert isinstance(problem.type, str)
        assert isinstance(str(problem), str)


@pytest.mark.parametrize(
    ("item", "loc", "msg", "type_"),
    [
        ({"loc": None, "msg": "bad", "type": "value_error"}, (), "bad", "value_error"),
        ({"loc": 3, "msg": "bad", "type": "t"}, (3,), "bad", "t"),
        ({"loc": "name", "msg": "bad", "type": "t"}, ("name",), "bad", "t"),
        ({"loc": {"field": "name"}, "msg": "bad"}, ("{'field': 'name'}",), "bad", ""),
        ({"msg": "bad"}, (), "bad", ""),
        (
            {"loc": ["body", 0, True, 1.5, None], "msg": 42, "type": ["x"]},
            ("body", 0, "True", "1.5", "None"),
            "42",
            "['x']",
        ),
        ({"loc": ["body"], "msg": None, "type": None}, ("body",), "", ""),
        ("name is required", (), "name is required", ""),
        (17, (), "17", ""),
    ],
)
def test_malformed_422_items(item: Any, loc: tuple[Any, ...], msg: str, type_: str) -> None:
    error = _error(422, json.dumps({"detail": [item]}).encode())

    assert isinstance(error, AtlasValidationError)
    assert [(p.loc, p.msg, p.type) for p in error.errors] == [(loc, msg, type_)]


@given(st.binary(max_size=2000), st.sampled_from([400, 404, 409, 422, 429, 500, 502, 599, 418, 499, 520]))
def test_any_body_gives_a_typed_bounded_error(body: bytes, status: int) -> None:
    error = _error(status, body, {"Content-Type": "application/json"})

    assert error.status_code == status
    assert len(str(error)) <= MAX_MESSAGE_LENGTH


def test_deeply_nested_json_is_kept_as_text() -> None:
    body = "[" * 100_000

    error = _error(400, body.encode())

    assert error.detail == body
    assert len(str(error)) < 700
    assert str(error).endswith(f"… ({100_000 - 500} more characters)")


def test_json_nested_just_under_the_parser_limit_gives_a_short_message() -> None:
    body = json.dumps({"detail": {"a": [[[[[[[[[[["deep"]]]]]]]]]]]}})

    error = _error(400, body.encode())

    assert error.detail == json.loads(body)["detail"]
    assert str(error) == "POST /api/v1/agent-classes -> HTTP 400: {'a': [[[[...]]]]}"


def test_invalid_utf8_is_decoded_with_replacement_characters() -> None:
    error = _error(500, b"broken \xff\xfe body \xc3(", {"Content-Type": "text/plain; charset=utf-8"})

    assert error.detail == "broken \ufffd\ufffd body \ufffd("


def test_an_unknown_charset_falls_back_to_utf8() -> None:
    error = _error(500, "caf\u00e9".encode(), {"Content-Type": "text/plain; charset=x-no-such-charset"})

    assert error.detail == "caf\u00e9"


def test_an_unread_streamed_body_still_gives_a_typed_error() -> None:
    request = httpx.Request("GET", "http://test/api/v1/health")
    response = httpx.Response(503, stream=httpx.ByteStream(b"busy"), request=request)

    error = error_for_response(response, redactor=Redactor.EMPTY)

    assert (error.status_code, error.detail, str(error)) == (503, None, "GET /api/v1/health -> HTTP 503")
