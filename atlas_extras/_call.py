"""What every client method does before and after the pipeline: check and build the request, decode the result.

An `Operation` describes one operation of the contract: the generated `_get_kwargs` that builds its
request and the decoder of its success body. `new_call` turns a method's arguments and per-call options
into a `Call` (`_pipeline`), failing before anything is sent when they are wrong.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, Protocol, TypedDict, TypeVar

from . import _arguments
from ._http import Outgoing, Reply, Timeout
from ._pipeline import Call, Settings
from ._redact import Redactor
from ._validation import ResponseMismatch
from .errors import AtlasResponseValidationError
from .pages import Page

__all__ = [
    "AUTO",
    "Operation",
    "RequestOptions",
    "list_result",
    "model_result",
    "new_call",
    "no_content",
    "page_result",
]

T = TypeVar("T")
M = TypeVar("M", bound="_Model")

#: `idempotency_key=AUTO` makes one key per call, reused by every retry of that call.
AUTO: Literal["auto"] = "auto"


class RequestOptions(TypedDict, total=False):
    """Per-call options every client method takes as keyword arguments."""

    timeout: float | Timeout | None
    """Timeout of each attempt, per phase (seconds, or an `httpx.Timeout`); None disables it."""
    deadline: float | None
    """Seconds for the whole call: every attempt, read and wait between them; None for no deadline."""
    extra_headers: Mapping[str, str]
    """Headers to add to this call."""
    request_id: str
    """`X-Request-ID` to send (one is made when absent)."""
    max_retries: int
    """Retries allowed for this call (0 disables them)."""


class _Model(Protocol):
    @classmethod
    def from_dict(cls: type[M], src_dict: Mapping[str, Any], /) -> M: ...


#: Turns a 2xx reply into the result: (reply, the call's arguments) -> result.
Decoder = Callable[[Reply, Mapping[str, Any]], T]


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """One contract operation: how to build its request and decode its success response."""

    name: str
    build: Callable[..., dict[str, Any]]
    decoder: Decoder[T]
    signature: _arguments.Signature = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "signature", _arguments.Signature.of(self.name, self.build))

    def decode(self, reply: Reply, arguments: Mapping[str, Any], redactor: Redactor) -> T:
        """The result of a 2xx reply; `AtlasResponseValidationError` when it breaks the contract."""
        try:
            return self.decoder(reply, arguments)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError, ResponseMismatch) as exc:
            request = reply.response.request
            message = (
                f"{request.method} {request.url.path} -> HTTP {reply.status_code}: "
                f"the response does not match the contract ({_describe_mismatch(exc)})"
            )
            # Not chained: the parser's exception may quote the body, and a body may echo a secret.
            raise AtlasResponseValidationError(message, response=reply.response, redactor=redactor) from None


def model_result(model: type[M]) -> Decoder[M]:
    """Decoder of a body that is one `model` (parsed, converted and type-checked in one pass)."""
    from ._decoding import decoder, loads  # the generated decoders load with the first operation that needs one

    decode = decoder(model)

    def decode_reply(reply: Reply, arguments: Mapping[str, Any]) -> M:
        return decode(loads(reply.content))

    return decode_reply


def list_result(model: type[M]) -> Decoder[list[M]]:
    """Decoder of a body that is a JSON array of `model` (not paginated)."""
    from ._decoding import list_decoder, loads

    decode = list_decoder(model)

    def decode_reply(reply: Reply, arguments: Mapping[str, Any]) -> list[M]:
        return decode(loads(reply.content))

    return decode_reply


def page_result(model: type[M]) -> Decoder[Page[M]]:
    """Decoder of one page of a paginated list: the items, `X-Total-Count`, limit and offset."""
    from ._decoding import list_decoder, loads

    decode = list_decoder(model)

    def decode_reply(reply: Reply, arguments: Mapping[str, Any]) -> Page[M]:
        return Page(
            decode(loads(reply.content)),
            total=_total(reply.headers.get("X-Total-Count")),
            limit=arguments.get("limit", 100),
            offset=arguments.get("offset", 0),
        )

    return decode_reply


def _total(header: str | None) -> int | None:
    """`X-Total-Count`, or None when absent or unreadable (the pages still say where the list ends)."""
    if header is None:
        return None
    try:
        total = int(header)
    except ValueError:
        return None
    return total if total >= 0 else None


def no_content(reply: Reply, arguments: Mapping[str, Any]) -> None:
    """Decoder of a 204."""
    return


def _describe_mismatch(exc: Exception) -> str:
    if isinstance(exc, ResponseMismatch):
        return str(exc)
    if isinstance(exc, KeyError):
        return f"missing required field {exc}"
    if isinstance(exc, RecursionError):
        return "the body is nested too deeply to parse"
    if isinstance(exc, ValueError) and type(exc).__name__ == "JSONDecodeError":
        return f"not valid JSON: {str(exc)[:200]}"
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def new_call(
    settings: Settings, operation: Operation[T], options: Mapping[str, Any], arguments: dict[str, Any]
) -> Call[T]:
    """A `Call` of `operation`; TypeError/ValueError naming the argument when one is wrong (nothing is sent)."""
    checked = _arguments.check_options(operation.name, options, operation.signature.names())
    arguments = operation.signature.check(arguments)
    if arguments.get("idempotency_key") == AUTO:
        arguments["idempotency_key"] = str(uuid.uuid4())
    request_id = checked.request_id or str(uuid.uuid4())
    spec = operation.build(**arguments, x_request_id=request_id)
    headers = {**settings.headers, **spec["headers"], **checked.extra_headers}
    outgoing = Outgoing(
        spec["method"].upper(), settings.base_url + spec["url"], spec.get("params"), spec.get("json"), headers
    )
    return Call(
        settings,
        operation,
        outgoing,
        path=spec["url"],
        request_id=request_id,
        arguments=arguments,
        timeout=checked.timeout if checked.timeout is not _arguments.DEFAULT else settings.timeout,
        deadline=checked.deadline if checked.deadline is not _arguments.DEFAULT else settings.deadline,
        max_retries=settings.retry_policy.max_retries if checked.max_retries is None else checked.max_retries,
    )
