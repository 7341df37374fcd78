"""No error object shows a credential: not in str, repr, args, url, detail or the rendered traceback, even
when the server echoes it. `.request` and `.response` stay the raw objects."""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable

import httpx
import pytest
from pytest_httpx import HTTPXMock

from atlas_extras import (
    AtlasAPIError,
    AtlasAuthenticationError,
    AtlasConnectionError,
    AtlasError,
    AtlasRequestError,
    AtlasRequestTimeoutError,
    AtlasResponseValidationError,
)
from atlas_extras._redact import Redactor
from atlas_extras.errors import AtlasClientClosedError, error_for_response

from ..client.conftest import Caller
from .conftest import KEY
from .echo_server import EchoServer

OTHER = "xk-extra-credential-31337"
PASSWORD = "pr0xy-pa55word"


def _surfaces(error: BaseException) -> list[str]:
    """Everything of an error a user prints, logs or reports."""
    texts = [str(error), repr(error), *map(str, error.args), "".join(traceback.format_exception(error))]
    if isinstance(error, AtlasRequestError):
        texts += [error.url, str(error.request_id)]
    if isinstance(error, AtlasAPIError):
        texts.append(repr(error.detail))
    return texts


def _assert_clean(error: BaseException, *secrets: str) -> None:
    for text in _surfaces(error):
        for secret in secrets:
            assert secret not in text


async def test_a_server_echoing_the_key_in_headers_and_body(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        status_code=401,
        json={"detail": f"token {KEY} is revoked", "echo": f"Bearer {KEY}"},
        headers={"X-Echo": KEY, "X-Request-ID": f"req-{KEY}"},
    )

    with pytest.raises(AtlasAuthenticationError) as caught:
        await call("list_agent_classes")

    _assert_clean(caught.value, KEY)
    assert str(caught.value) == "GET /api/v1/agent-classes -> HTTP 401: token *** is revoked"
    assert caught.value.request_id == "req-***"
    # The raw objects keep the real values, for code that needs them.
    assert caught.value.response.headers["X-Echo"] == KEY
    assert caught.value.request.headers["Authorization"] == f"Bearer {KEY}"


async def test_a_key_with_a_trailing_newline_never_leaks(
    make_call: Callable[..., Caller], httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=403, json={"detail": f"key '{KEY}' may not do this"})

    with pytest.raises(AtlasAPIError) as caught:
        await make_call(api_key=f"{KEY}\n")("list_agent_classes")

    _assert_clean(caught.value, KEY)


async def test_credential_headers_and_url_passwords_the_user_passed(
    make_call: Callable[..., Caller], httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=400, json={"detail": f"{OTHER} and {PASSWORD} are not welcome"})
    call = make_call(base_url=f"http://svc:{PASSWORD}@test", headers={"X-Api-Key": OTHER})

    with pytest.raises(AtlasAPIError) as caught:
        await call("list_agent_classes")

    _assert_clean(caught.value, OTHER, PASSWORD)
    assert caught.value.url == "http://***@test/api/v1/agent-classes?limit=100&offset=0"


async def test_a_transport_error_quoting_the_key(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ConnectError(f"proxy rejected Bearer {KEY}"))

    with pytest.raises(AtlasConnectionError) as caught:
        await call("list_agent_classes")

    _assert_clean(caught.value, KEY)


async def test_a_timeout_quoting_the_key(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ReadTimeout(f"read timed out for {KEY}"))

    with pytest.raises(AtlasRequestTimeoutError) as caught:
        await call("list_agent_classes")

    _assert_clean(caught.value, KEY)
    assert caught.value.deadline_exceeded is False


async def test_a_2xx_body_that_breaks_the_contract_and_echoes_the_key(call: Caller, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json={"id": KEY, "name": KEY})

    with pytest.raises(AtlasResponseValidationError) as caught:
        await call("get_agent_class", "5f0c6f0e-3c1a-4a8e-9d53-3b2f1a6c9e10")

    _assert_clean(caught.value, KEY)


async def test_the_server_reached_over_loopback_echoing_the_key(
    make_call: Callable[..., Caller], echo_server: EchoServer
) -> None:
    call = make_call(base_url=echo_server.base_url)

    with pytest.raises(AtlasAuthenticationError) as caught:
        await call("list_agent_classes")

    _assert_clean(caught.value, KEY)
    assert caught.value.response.headers["X-Echo"] == f"Bearer {KEY}"


# --- the error objects themselves -------------------------------------------------------------------


def _response(status: int, body: str, url: str = "http://test/api/v1/tools") -> httpx.Response:
    return httpx.Response(status, text=body, request=httpx.Request("GET", url))


def test_error_for_response_masks_message_url_detail_and_request_id() -> None:
    redactor = Redactor.for_client(api_key=KEY)
    response = _response(404, f'{{"detail": "{KEY} not found"}}', f"http://u:pw@test/api/v1/tools?k={KEY}")
    response.headers["X-Request-ID"] = KEY

    error = error_for_response(response, redactor=redactor)

    assert (str(error), error.url, error.detail, error.request_id) == (
        "GET /api/v1/tools -> HTTP 404: *** not found",
        "http://***@test/api/v1/tools?k=***",
        "*** not found",
        "***",
    )


def test_a_secret_cut_by_the_excerpt_is_masked_before_the_cut() -> None:
    body = "x" * 490 + KEY + "y" * 100  # the key straddles the 500th character

    error = error_for_response(_response(500, body), redactor=Redactor.for_client(api_key=KEY))

    assert KEY[:10] not in str(error)


def test_constructors_mask_what_they_are_given() -> None:
    redactor = Redactor.for_client(api_key=KEY)
    request = httpx.Request("GET", f"http://svc:secret-pw@test/x?key={KEY}")

    error = AtlasConnectionError(f"failed: {KEY} via http://svc:secret-pw@test", request=request, redactor=redactor)

    assert (str(error), error.url) == ("failed: *** via http://***@test", "http://***@test/x?key=***")


def test_request_errors_know_whether_a_deadline_cut_them_short() -> None:
    request = httpx.Request("GET", "http://test/x")

    assert AtlasConnectionError("failed", request=request).deadline_exceeded is False
    assert AtlasRequestTimeoutError("ran out", request=request, deadline_exceeded=True).deadline_exceeded is True


def test_messages_are_bounded_whoever_builds_them() -> None:
    error = AtlasError("z" * 5_000_000)

    assert len(str(error)) < 2100
    assert str(error).endswith("… (4998000 more characters)")


async def test_calling_a_closed_client_raises_client_closed(call: Caller) -> None:
    closing = call.client.close()
    if inspect.isawaitable(closing):
        await closing

    with pytest.raises(AtlasClientClosedError) as caught:
        await call("list_agent_classes")

    assert isinstance(caught.value, AtlasError)
    assert "closed" in str(caught.value)
    _assert_clean(caught.value, KEY)


def test_client_closed_has_a_helpful_default_message() -> None:
    assert str(AtlasClientClosedError()) == "the client is closed: create a new one or call it inside `async with`"
