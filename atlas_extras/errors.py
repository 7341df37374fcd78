"""One exception hierarchy for everything a client call can raise.

```
AtlasError
├── AtlasAPIError                  the server answered with a non-2xx status
│   ├── AtlasBadRequestError       400
│   ├── AtlasAuthenticationError   401
│   ├── AtlasAuthorizationError    403
│   ├── AtlasNotFoundError         404
│   ├── AtlasConflictError         409
│   ├── AtlasValidationError       422 (.errors: the field problems)
│   ├── AtlasRateLimitError        429 (.retry_after)
│   └── AtlasServerError           5xx
├── AtlasConnectionError           no usable response: refused, reset, dropped mid-response
│   └── AtlasRequestTimeoutError   ... because a timeout ran out (also an AtlasTimeoutError)
├── AtlasResponseValidationError   a 2xx whose body does not match the contract
├── AtlasWaitFailedError           a waiter's object ended where it can never reach the state awaited
└── AtlasTimeoutError
    └── AtlasWaitTimeoutError      a waiter gave up (.last_state)
```

Every request-level error carries `method`, `url` and `request_id`; status errors also carry
`status_code`, the parsed `detail` and the `response`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

__all__ = [
    "AtlasAPIError",
    "AtlasAuthenticationError",
    "AtlasAuthorizationError",
    "AtlasBadRequestError",
    "AtlasConflictError",
    "AtlasConnectionError",
    "AtlasError",
    "AtlasNotFoundError",
    "AtlasRateLimitError",
    "AtlasRequestError",
    "AtlasRequestTimeoutError",
    "AtlasResponseValidationError",
    "AtlasServerError",
    "AtlasTimeoutError",
    "AtlasValidationError",
    "AtlasWaitFailedError",
    "AtlasWaitTimeoutError",
    "FieldError",
]


class AtlasError(Exception):
    """Base of every error the SDK raises."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AtlasRequestError(AtlasError):
    """An error tied to one HTTP request: knows its method, URL and request id."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message)
        self.request = request
        self.method = request.method
        self.url = str(request.url)
        self.request_id: str | None = request.headers.get("X-Request-ID")


class AtlasAPIError(AtlasRequestError):
    """The server answered with a non-2xx status."""

    def __init__(self, message: str, *, response: httpx.Response, detail: Any = None) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.detail = detail
        # Prefer the id the server echoed: it is the one in its logs.
        self.request_id = response.headers.get("X-Request-ID", self.request_id)


class AtlasBadRequestError(AtlasAPIError):
    """400: the request was malformed."""


class AtlasAuthenticationError(AtlasAPIError):
    """401: missing or invalid API key."""


class AtlasAuthorizationError(AtlasAPIError):
    """403: the API key may not do this."""


class AtlasNotFoundError(AtlasAPIError):
    """404: no such resource."""


class AtlasConflictError(AtlasAPIError):
    """409: conflicts with the current state (duplicate, still in use, ...)."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """One reason the server rejected a request (an item of a 422 `detail`)."""

    loc: tuple[str | int, ...]
    msg: str
    type: str

    def __str__(self) -> str:
        return f"{'.'.join(map(str, self.loc))}: {self.msg}"


class AtlasValidationError(AtlasAPIError):
    """422: the request does not match the schema; `errors` says where and why."""

    def __init__(self, message: str, *, response: httpx.Response, detail: Any = None) -> None:
        super().__init__(message, response=response, detail=detail)
        self.errors = _field_errors(detail)


class AtlasRateLimitError(AtlasAPIError):
    """429: too many requests; `retry_after` is the server's hint in seconds, if any."""

    def __init__(self, message: str, *, response: httpx.Response, detail: Any = None) -> None:
        super().__init__(message, response=response, detail=detail)
        self.retry_after = parse_retry_after(response.headers.get("Retry-After"))


class AtlasServerError(AtlasAPIError):
    """5xx: the server failed."""


class AtlasConnectionError(AtlasRequestError):
    """No usable response: the connection failed, was refused, reset or dropped."""


class AtlasTimeoutError(AtlasError):
    """Base of every timeout: a request's or a waiter's."""


class AtlasRequestTimeoutError(AtlasConnectionError, AtlasTimeoutError):
    """A request ran out of time (connect, read, write or waiting for a pooled connection)."""


class AtlasResponseValidationError(AtlasRequestError):
    """A 2xx response whose body does not match the contract (not JSON, truncated, wrong types, ...)."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code


class AtlasWaitTimeoutError(AtlasTimeoutError):
    """A waiter ran out of time; `last_state` is the last object it saw."""

    def __init__(self, message: str, *, operation: str, timeout_seconds: float, last_state: Any) -> None:
        super().__init__(message)
        self.operation = operation
        self.timeout_seconds = timeout_seconds
        self.last_state = last_state


class AtlasWaitFailedError(AtlasError):
    """A waiter's object ended in a state it can never leave (e.g. a deployment that failed)."""

    def __init__(self, message: str, *, operation: str, last_state: Any) -> None:
        super().__init__(message)
        self.operation = operation
        self.last_state = last_state


_STATUS_ERRORS: Mapping[int, type[AtlasAPIError]] = {
    400: AtlasBadRequestError,
    401: AtlasAuthenticationError,
    403: AtlasAuthorizationError,
    404: AtlasNotFoundError,
    409: AtlasConflictError,
    422: AtlasValidationError,
    429: AtlasRateLimitError,
}


def error_for_response(response: httpx.Response, *, secret: str | None = None) -> AtlasAPIError:
    """The typed error for a non-2xx response (its body must already be read)."""
    detail = _parse_detail(response)
    cls = _STATUS_ERRORS.get(response.status_code)
    if cls is None:
        cls = AtlasServerError if response.status_code >= 500 else AtlasAPIError
    shown = _describe_detail(detail)
    message = f"{response.request.method} {response.request.url.path} -> HTTP {response.status_code}"
    if shown:
        message += f": {shown}"
    return cls(redact(message, secret), response=response, detail=detail)


def redact(text: str, secret: str | None) -> str:
    """`text` with every occurrence of `secret` replaced by `***`."""
    return text.replace(secret, "***") if secret else text


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a `Retry-After` header (delta-seconds or an HTTP date); None if absent or unreadable."""
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _parse_detail(response: httpx.Response) -> Any:
    try:
        body = json.loads(response.content)
    except ValueError:
        return response.text[:500] or None
    if isinstance(body, dict) and "detail" in body:
        return body["detail"]
    return body


def _describe_detail(detail: Any) -> str:
    if isinstance(detail, list):
        problems = _field_errors(detail)
        if problems:
            return "; ".join(map(str, problems))
    return "" if detail is None else str(detail)


def _field_errors(detail: Any) -> list[FieldError]:
    if not isinstance(detail, list):
        return []
    return [
        FieldError(
            loc=tuple(item.get("loc", ())),
            msg=str(item.get("msg", "")),
            type=str(item.get("type", "")),
        )
        for item in detail
        if isinstance(item, dict)
    ]
