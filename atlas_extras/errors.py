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
├── AtlasClientClosedError         a call on a client that was closed
├── AtlasPaginationError           the pages of a list contradict each other (atlas_extras.pagination)
└── AtlasTimeoutError
    └── AtlasWaitTimeoutError      a waiter gave up (.last_state)
```

Every request-level error carries `method`, `url`, `request_id` and `deadline_exceeded`; status errors
also carry `status_code`, the parsed `detail` and the `response`.

Errors are safe to show and to log: messages are short (a body's excerpt, at most about 500 characters;
the whole body stays in `.response`) and hold no credential. The client's secrets are masked in the
message, `args`, `repr`, `url` and `detail`; `.request` and `.response` are the raw httpx objects,
real headers and body included, for code that needs them: do not log those.
"""

from __future__ import annotations

import functools
import json
import math
import re
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from ._http import ResponseNotRead
from ._redact import Redactor

if TYPE_CHECKING:
    import httpx

__all__ = [
    "AtlasAPIError",
    "AtlasAuthenticationError",
    "AtlasAuthorizationError",
    "AtlasBadRequestError",
    "AtlasClientClosedError",
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

#: At most this many characters of a response's detail go into an error message.
DETAIL_EXCERPT_LENGTH = 500
#: No error message is longer than this (plus a note of how much was cut).
MAX_MESSAGE_LENGTH = 2000


class AtlasError(Exception):
    """Base of every error the SDK raises."""

    message: str

    def __init__(self, message: str) -> None:
        message = _bounded(message, MAX_MESSAGE_LENGTH)
        super().__init__(message)
        self.message = message


class AtlasRequestError(AtlasError):
    """An error tied to one HTTP request: knows its method, URL and request id.

    `redactor` masks the client's secrets in the message and `url` (whose userinfo is always masked).
    `deadline_exceeded` is True when the call's deadline cut the call short: its last attempt ran out of
    time, or the retry that would have followed was not made.
    """

    request: httpx.Request
    method: str
    url: str
    request_id: str | None
    deadline_exceeded: bool

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request,
        redactor: Redactor = Redactor.EMPTY,
        deadline_exceeded: bool = False,
    ) -> None:
        super().__init__(redactor.redact(Redactor.mask_userinfo(message)))
        self.request = request
        self.method = request.method
        self.url = redactor.redact_url(request.url)
        self.request_id = _header(request.headers, "X-Request-ID", redactor)
        self.deadline_exceeded = deadline_exceeded


class AtlasAPIError(AtlasRequestError):
    """The server answered with a non-2xx status.

    `detail` is the body's `detail` (or the whole body, JSON or text), secrets masked; `response` is the
    raw httpx response, body and headers as received.
    """

    response: httpx.Response
    status_code: int
    detail: Any
    request_id: str | None  # the server's echo of the id, when it sent one

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        detail: Any = None,
        redactor: Redactor = Redactor.EMPTY,
        deadline_exceeded: bool = False,
    ) -> None:
        super().__init__(message, request=response.request, redactor=redactor, deadline_exceeded=deadline_exceeded)
        self.response = response
        self.status_code = response.status_code
        self.detail = detail
        # Prefer the id the server echoed: it is the one in its logs.
        self.request_id = _header(response.headers, "X-Request-ID", redactor) or self.request_id


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
        return f"{'.'.join(map(str, self.loc))}: {self.msg}" if self.loc else self.msg


class AtlasValidationError(AtlasAPIError):
    """422: the request does not match the schema; `errors` says where and why (one per detail item)."""

    @functools.cached_property
    def errors(self) -> list[FieldError]:
        """One `FieldError` per item of the 422's `detail`."""
        return _field_errors(self.detail)


class AtlasRateLimitError(AtlasAPIError):
    """429: too many requests; `retry_after` is the server's hint in seconds, if any."""

    @functools.cached_property
    def retry_after(self) -> float | None:
        """The server's `Retry-After`, in seconds (None when absent or unreadable)."""
        return parse_retry_after(self.response.headers.get("Retry-After"))


class AtlasServerError(AtlasAPIError):
    """5xx: the server failed."""


class AtlasConnectionError(AtlasRequestError):
    """No usable response: the connection failed, was refused, reset or dropped."""


class AtlasTimeoutError(AtlasError):
    """Base of every timeout: a request's or a waiter's."""


class AtlasRequestTimeoutError(AtlasConnectionError, AtlasTimeoutError):
    """A request ran out of time (connect, read, write, waiting for a pooled connection, or its deadline)."""


class AtlasResponseValidationError(AtlasRequestError):
    """A 2xx response whose body does not match the contract (not JSON, truncated, wrong types, ...)."""

    response: httpx.Response
    status_code: int

    def __init__(self, message: str, *, response: httpx.Response, redactor: Redactor = Redactor.EMPTY) -> None:
        super().__init__(message, request=response.request, redactor=redactor)
        self.response = response
        self.status_code = response.status_code


class AtlasClientClosedError(AtlasError):
    """A call on a client that was closed (`close()`, or the end of its `with` / `async with` block)."""

    def __init__(self, message: str = "the client is closed: create a new one or call it inside `async with`") -> None:
        super().__init__(message)


class AtlasWaitTimeoutError(AtlasTimeoutError):
    """A waiter ran out of time; `last_state` is the last object it saw."""

    operation: str
    timeout_seconds: float
    last_state: Any

    def __init__(self, message: str, *, operation: str, timeout_seconds: float, last_state: Any) -> None:
        super().__init__(message)
        self.operation = operation
        self.timeout_seconds = timeout_seconds
        self.last_state = last_state


class AtlasWaitFailedError(AtlasError):
    """A waiter's object ended in a state it can never leave (e.g. a deployment that failed)."""

    operation: str
    last_state: Any

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


def error_for_response(
    response: httpx.Response, *, redactor: Redactor, deadline_exceeded: bool = False
) -> AtlasAPIError:
    """The typed error for a non-2xx response (its body read), with `redactor`'s secrets masked.

    The message quotes at most `DETAIL_EXCERPT_LENGTH` characters of the detail; `detail` is all of it.
    """
    detail = _parse_detail(redactor.redact(_body_text(response)))
    status = response.status_code
    cls = _STATUS_ERRORS.get(status) or (AtlasServerError if 500 <= status < 600 else AtlasAPIError)
    message = f"{response.request.method} {response.request.url.path} -> HTTP {status}"
    if shown := _describe_detail(detail):
        message += f": {shown}"
    return cls(message, response=response, detail=detail, redactor=redactor, deadline_exceeded=deadline_exceeded)


_DELTA_SECONDS = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a `Retry-After` header: delta-seconds (a negative one counts as 0) or an HTTP date in
    any of its forms (IMF-fixdate, RFC 850, asctime, a numeric zone); None if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if not _DELTA_SECONDS.fullmatch(value):
        return _seconds_until(value)
    seconds = float(value)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _seconds_until(date: str) -> float | None:
    try:
        when = parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000" and asctime dates come back naive: HTTP dates are in UTC
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _header(headers: httpx.Headers, name: str, redactor: Redactor) -> str | None:
    value = headers.get(name)
    return None if value is None else redactor.redact(value)


def _body_text(response: httpx.Response) -> str:
    try:
        content = response.content
    except ResponseNotRead:
        return ""
    if not content:
        return ""
    try:
        return content.decode(response.encoding or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        return content.decode("utf-8", errors="replace")


def _parse_detail(text: str) -> Any:
    if not text or text.isspace():
        return None
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes: keep the text
        return text
    if isinstance(body, dict) and "detail" in body:
        return body["detail"]
    return body


def _describe_detail(detail: Any) -> str:
    if detail is None:
        return ""
    if isinstance(detail, str):
        return _bounded(detail, DETAIL_EXCERPT_LENGTH, one_line=True)
    if isinstance(detail, list):
        return _describe_problems(detail)
    return _bounded(_REPR.repr(detail), DETAIL_EXCERPT_LENGTH, one_line=True)


def _describe_problems(items: list[Any]) -> str:
    parts: list[str] = []
    room = DETAIL_EXCERPT_LENGTH
    for index, item in enumerate(items):
        if room <= 0:
            parts.append(f"… ({len(items) - index} more problems)")
            break
        part = _bounded(str(_field_error(item)), room, one_line=True)
        parts.append(part)
        room -= len(part) + 2
    return "; ".join(parts)


def _field_errors(detail: Any) -> list[FieldError]:
    return [_field_error(item) for item in detail] if isinstance(detail, list) else []


def _field_error(item: Any) -> FieldError:
    if isinstance(item, Mapping):
        return FieldError(loc=_location(item.get("loc")), msg=_text(item.get("msg")), type=_text(item.get("type")))
    return FieldError(loc=(), msg=_text(item), type="")


def _location(value: Any) -> tuple[str | int, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(_location_part(part) for part in value)
    return (_location_part(value),)


def _location_part(part: Any) -> str | int:
    if isinstance(part, str) or (isinstance(part, int) and not isinstance(part, bool)):
        return part
    return _REPR.repr(part)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else _REPR.repr(value)


def _bounded(text: str, limit: int, *, one_line: bool = False) -> str:
    """`text` cut to `limit` characters, with a note of how many more there were; `one_line` folds
    whitespace runs (newlines included) into single spaces."""
    shown = text[:limit]
    if one_line:
        shown = " ".join(shown.split())
    if len(text) <= limit:
        return shown
    return f"{shown}… ({len(text) - limit} more characters)"


def _short_repr() -> reprlib.Repr:
    """A repr bounded in depth and size (a detail may nest thousands of levels deep)."""
    short = reprlib.Repr()
    short.maxlevel = 4
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = 10
    short.maxstring = short.maxother = 200
    return short


_REPR = _short_repr()
