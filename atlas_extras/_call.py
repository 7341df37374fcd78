"""What every client method does, sync or async alike: build the request, then decode the response.

An `Operation` describes one operation of the contract: the generated `_get_kwargs` that builds its
request and the decoder of its success body. The clients' shells only send the request in between.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypedDict, TypeVar

import httpx

from atlas_control_plane_client.types import UNSET

from ._validation import ResponseMismatch, check_model
from .errors import (
    AtlasConnectionError,
    AtlasRequestError,
    AtlasRequestTimeoutError,
    AtlasResponseValidationError,
    error_for_response,
    redact,
)
from .pages import Page
from .retries import MAX_RETRIES_EXTENSION

if TYPE_CHECKING:
    from ._base import ClientSettings

__all__ = ["AUTO", "Operation", "RequestOptions", "list_result", "model_result", "no_content", "page_result"]

logger = logging.getLogger("atlas_extras")

T = TypeVar("T")
M = TypeVar("M", bound="_Model")

#: `idempotency_key=AUTO` makes one key per call, reused by every retry of that call.
AUTO: Literal["auto"] = "auto"


class RequestOptions(TypedDict, total=False):
    """Per-call options every client method takes as keyword arguments."""

    timeout: float | httpx.Timeout | None
    """Timeout for this call (seconds, or an `httpx.Timeout`); None disables it."""
    extra_headers: Mapping[str, str]
    """Headers to add to this call."""
    request_id: str
    """`X-Request-ID` to send (one is made when absent)."""
    max_retries: int
    """Retries allowed for this call (0 disables them)."""


class _Model(Protocol):
    @classmethod
    def from_dict(cls: type[M], src_dict: Mapping[str, Any], /) -> M: ...


Decoder = Callable[[httpx.Response], T]


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """One contract operation: how to build its request and decode its success response."""

    name: str
    build: Callable[..., dict[str, Any]]
    decode: Decoder[T]


def model_result(model: type[M]) -> Decoder[M]:
    """Decoder of a body that is one `model`."""

    def decode(response: httpx.Response) -> M:
        result = model.from_dict(response.json())
        check_model(result)
        return result

    return decode


def list_result(model: type[M]) -> Decoder[list[M]]:
    """Decoder of a body that is a JSON array of `model` (not paginated)."""

    def decode(response: httpx.Response) -> list[M]:
        return _items(model, response.json())

    return decode


def page_result(model: type[M]) -> Decoder[Page[M]]:
    """Decoder of one page of a paginated list: the items, `X-Total-Count`, limit and offset."""

    def decode(response: httpx.Response) -> Page[M]:
        params = response.request.url.params
        total = response.headers.get("X-Total-Count")
        return Page(
            _items(model, response.json()),
            total=None if total is None else int(total),
            limit=int(params.get("limit", 100)),
            offset=int(params.get("offset", 0)),
        )

    return decode


def no_content(response: httpx.Response) -> None:
    """Decoder of a 204."""
    return


def _items(model: type[M], data: Any) -> list[M]:
    if not isinstance(data, list):
        raise ResponseMismatch("body", "array", data)
    items = [model.from_dict(item) for item in data]
    for index, item in enumerate(items):
        check_model(item, f"body[{index}]")
    return items


def build_request(
    http: httpx.Client | httpx.AsyncClient,
    settings: ClientSettings,
    operation: Operation[Any],
    options: RequestOptions,
    arguments: dict[str, Any],
) -> httpx.Request:
    """The request for one call of `operation`; raises TypeError for arguments it cannot send."""
    arguments = {name: UNSET if value is None else value for name, value in arguments.items()}
    if arguments.get("idempotency_key") == AUTO:
        arguments["idempotency_key"] = str(uuid.uuid4())
    try:
        spec = operation.build(**arguments, x_request_id=options.get("request_id") or str(uuid.uuid4()))
    except (AttributeError, TypeError, ValueError) as exc:
        raise TypeError(f"{operation.name}(): invalid argument: {exc}") from exc
    headers = {**settings.headers, **spec["headers"], **options.get("extra_headers", {})}
    extensions = {}
    if (retries := options.get("max_retries")) is not None:
        extensions[MAX_RETRIES_EXTENSION] = retries
    return http.build_request(
        spec["method"],
        settings.base_url + spec["url"],
        params=spec.get("params"),
        json=spec.get("json"),
        headers=headers,
        timeout=options.get("timeout", httpx.USE_CLIENT_DEFAULT),
        extensions=extensions,
    )


def transport_error(request: httpx.Request, error: httpx.HTTPError, secret: str | None) -> AtlasRequestError:
    """The typed error for a request that got no usable response."""
    kind = AtlasRequestTimeoutError if isinstance(error, httpx.TimeoutException) else AtlasConnectionError
    what = "timed out" if kind is AtlasRequestTimeoutError else "failed"
    message = f"{request.method} {request.url.path} {what}: {type(error).__name__}: {error}"
    return kind(redact(message, secret), request=request)


def decode_response(operation: Operation[T], response: httpx.Response, secret: str | None) -> T:
    """The result of a call, or the typed error its response stands for (the body must be read)."""
    if logger.isEnabledFor(logging.DEBUG):  # this runs on every call: skip building the arguments
        logger.debug(
            "%s %s -> %d (request id %s)",
            response.request.method,
            response.request.url.path,
            response.status_code,
            response.headers.get("X-Request-ID"),
        )
    if not 200 <= response.status_code < 300:
        raise error_for_response(response, secret=secret)
    try:
        return operation.decode(response)
    except (ValueError, TypeError, KeyError, AttributeError, ResponseMismatch) as exc:
        reason = _describe_mismatch(exc)
        message = (
            f"{response.request.method} {response.request.url.path} -> HTTP {response.status_code}: "
            f"the response does not match the contract ({reason})"
        )
        raise AtlasResponseValidationError(redact(message, secret), response=response) from exc


def _describe_mismatch(exc: Exception) -> str:
    if isinstance(exc, ResponseMismatch):
        return str(exc)
    if isinstance(exc, KeyError):
        return f"missing required field {exc}"
    return f"{type(exc).__name__}: {exc}"
