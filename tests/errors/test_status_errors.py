"""Malformed error responses through the real clients (sync and async): always the typed error, a short
message, and everything kept (`.detail`, `.errors`, `.response`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from atlas_control_plane_client.models import AgentClassCreate
from atlas_extras import (
    AtlasAPIError,
    AtlasBadRequestError,
    AtlasRateLimitError,
    AtlasResponseValidationError,
    AtlasServerError,
    AtlasValidationError,
)
from atlas_extras.errors import MAX_MESSAGE_LENGTH

from ..client.conftest import Caller
from .conftest import FAST_RETRIES


async def _raised(call: Caller, method: str = "list_agent_classes", *args: Any) -> AtlasAPIError:
    with pytest.raises(AtlasAPIError) as caught:
        await call(method, *args)
    return caught.value


# --- 422 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        ([{"loc": None, "msg": "name is required", "type": "missing"}], [((), "name is required", "missing")]),
        ([{"loc": 7, "msg": "too long", "type": "t"}], [((7,), "too long", "t")]),
        ([{"loc": "body.name", "msg": "bad", "type": "t"}], [(("body.name",), "bad", "t")]),
        ([{"loc": {"at": "name"}, "msg": "bad", "type": "t"}], [(("{'at': 'name'}",), "bad", "t")]),
        ([{"msg": "no location", "type": "t"}], [((), "no location", "t")]),
        ([{"loc": ["body", "name"], "msg": {"en": "bad"}, "type": 3}], [(("body", "name"), "{'en': 'bad'}", "3")]),
        (["plain text problem", None], [((), "plain text problem", ""), ((), "", "")]),
        ("name is required", []),
        ({"name": "required"}, []),
        (None, []),
    ],
)
async def test_a_malformed_422_is_a_validation_error_with_typed_field_errors(
    call: Caller, httpx_mock: HTTPXMock, detail: Any, expected: list[tuple[Any, str, str]]
) -> None:
    httpx_mock.add_response(status_code=422, json={"detail": detail})

    error = await _raised(call, "create_agent_class", AgentClassCreate(name="x"))

    assert isinstance(error, AtlasValidationError)
    assert [(problem.loc, problem.msg, problem.type) for problem in error.errors] == expected
    assert error.detail == detail


async def test_a_422_that_is_not_json_is_still_a_validation_error(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=422, text="<html>Unprocessable</html>")

    error = await _raised(call, "create_agent_class", AgentClassCreate(name="x"))

    assert isinstance(error, AtlasValidationError)
    assert (error.errors, error.detail) == ([], "<html>Unprocessable</html>")
    assert str(error) == "POST /api/v1/agent-classes -> HTTP 422: <html>Unprocessable</html>"


async def test_a_422_with_a_hundred_thousand_problems_keeps_them_all_and_says_how_many_it_left_out(
    call: Caller, httpx_mock: HTTPXMock
) -> None:
    detail = [{"loc": ["body", "tools", i], "msg": "unknown tool", "type": "value_error"} for i in range(100_000)]
    httpx_mock.add_response(status_code=422, json={"detail": detail})

    error = await _raised(call, "create_agent_class", AgentClassCreate(name="x"))

    assert isinstance(error, AtlasValidationError)
    assert len(error.errors) == 100_000
    assert error.errors[-1].loc == ("body", "tools", 99_999)
    assert str(error).startswith("POST /api/v1/agent-classes -> HTTP 422: body.tools.0: unknown tool; body.tools.1:")
    assert str(error).endswith("more problems)")
    assert len(str(error)) < 700


# --- Retry-After ----------------------------------------------------------------------------------


def _http_date(when: datetime, zone: str = "GMT") -> str:
    return when.strftime(f"%a, %d %b %Y %H:%M:%S {zone}")


@pytest.mark.parametrize(
    ("header", "check"),
    [
        ("30", lambda seconds: seconds == 30.0),
        ("-4", lambda seconds: seconds == 0.0),
        ("nan", lambda seconds: seconds is None),
        ("inf", lambda seconds: seconds is None),
        ("tomorrow-ish", lambda seconds: seconds is None),
        ("", lambda seconds: seconds is None),
        (_http_date(datetime.now(UTC) + timedelta(hours=1), "-0000"), lambda seconds: 3000 < seconds <= 3600),
        (_http_date(datetime.now(UTC) - timedelta(hours=1), "-0000"), lambda seconds: seconds == 0.0),
        (_http_date(datetime.now(UTC) + timedelta(hours=1)), lambda seconds: 3000 < seconds <= 3600),
    ],
)
async def test_retry_after_of_a_429_in_any_form(
    call: Caller, httpx_mock: HTTPXMock, header: str, check: Callable[[float | None], bool]
) -> None:
    httpx_mock.add_response(status_code=429, json={"detail": "slow down"}, headers={"Retry-After": header})

    error = await _raised(call)

    assert isinstance(error, AtlasRateLimitError)
    assert check(error.retry_after), error.retry_after


async def test_a_503_with_a_zoneless_http_date_is_retried(
    make_call: Callable[..., Caller], httpx_mock: HTTPXMock
) -> None:
    past = _http_date(datetime.now(UTC) - timedelta(minutes=5), "-0000")
    httpx_mock.add_response(status_code=503, headers={"Retry-After": past})
    httpx_mock.add_response(json=[])

    assert await make_call(retry_policy=FAST_RETRIES, max_retries=None)("list_agent_classes") == []


# --- bodies the parser cannot or should not swallow whole --------------------------------------------


async def test_deeply_nested_json_is_an_error_with_the_body_as_text(call: Caller, httpx_mock: HTTPXMock) -> None:
    body = "[" * 100_000
    httpx_mock.add_response(status_code=400, content=body.encode(), headers={"Content-Type": "application/json"})

    error = await _raised(call)

    assert isinstance(error, AtlasBadRequestError)
    assert error.detail == body
    assert str(error) == f"GET /api/v1/agent-classes -> HTTP 400: {'[' * 500}… (99500 more characters)"


async def test_a_deeply_nested_2xx_body_is_a_response_validation_error(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=b"[" * 100_000, headers={"Content-Type": "application/json"})

    with pytest.raises(AtlasResponseValidationError) as caught:
        await call("list_agent_classes")

    assert len(str(caught.value)) <= MAX_MESSAGE_LENGTH + 40


async def test_invalid_utf8_in_an_error_body(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        status_code=502, content=b"upstream \xff\xfe failed", headers={"Content-Type": "text/plain; charset=utf-8"}
    )

    error = await _raised(call)

    assert isinstance(error, AtlasServerError)
    assert str(error) == "GET /api/v1/agent-classes -> HTTP 502: upstream \ufffd\ufffd failed"


async def test_a_50_mb_error_body_gives_a_short_message_and_keeps_the_body(call: Caller, httpx_mock: HTTPXMock) -> None:
    page = "<html>\n<body>Internal error</body>\n</html>\n" + "x" * (50 * 1024 * 1024)
    httpx_mock.add_response(status_code=500, text=page)

    error = await _raised(call)

    assert isinstance(error, AtlasServerError)
    assert str(error).startswith(
        "GET /api/v1/agent-classes -> HTTP 500: <html> <body>Internal error</body> </html> xxx"
    )
    assert str(error).endswith(f"… ({len(page) - 500} more characters)")
    assert len(str(error)) < 600
    assert error.detail == page
    assert len(error.response.content) == len(page)


async def test_a_large_json_detail_object_gives_a_short_message(call: Caller, httpx_mock: HTTPXMock) -> None:
    detail = {"code": "quota", "limits": {f"resource-{i}": i for i in range(10_000)}, "note": "n" * 100_000}
    httpx_mock.add_response(status_code=409, json={"detail": detail})

    error = await _raised(call)

    assert error.detail == detail
    assert str(error).startswith("GET /api/v1/agent-classes -> HTTP 409: {'code': 'quota', 'limits': {")
    assert len(str(error)) < 600


@pytest.mark.parametrize("status", [418, 499, 520, 599])
async def test_unusual_statuses_are_typed(call: Caller, httpx_mock: HTTPXMock, status: int) -> None:
    httpx_mock.add_response(status_code=status, json={"detail": "odd"})

    error = await _raised(call)

    assert type(error) is (AtlasServerError if status >= 500 else AtlasAPIError)
    assert (error.status_code, error.detail) == (status, "odd")


async def test_a_json_body_without_detail_is_the_detail(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=400, json={"error": "bad", "hint": "read the docs"})

    error = await _raised(call)

    assert error.detail == {"error": "bad", "hint": "read the docs"}
    assert str(error) == "GET /api/v1/agent-classes -> HTTP 400: {'error': 'bad', 'hint': 'read the docs'}"


async def test_an_empty_error_body_has_no_detail(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=404, content=b"  \n")

    error = await _raised(call)

    assert (error.detail, str(error)) == (None, "GET /api/v1/agent-classes -> HTTP 404")
