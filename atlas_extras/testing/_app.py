"""The ASGI application: Starlette routing over the contract's paths, one endpoint per path.

Per request: statistics, injected latency and failures, bearer-token check, validation of path, query, header
and body against openapi.yaml, `Idempotency-Key` replay, the handler, then (on success) injected malformations.
An outer layer echoes or makes `X-Request-ID` on every response and treats a trailing slash as the same path.
The contract itself is served as JSON at `/api/v1/openapi.json` and `/openapi.json`, as FastAPI serves it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._faults import MALFORMED_KINDS, Fault, Faults, Hangs, malform, malformed_applies
from ._handlers import HANDLERS, ApiError, Call, Handler, MissingReference, Reply
from ._spec import Contract, Operation
from ._state import State, StoredResponse, dumps
from ._stats import RequestStats
from ._validation import ErrorDetail, ParameterValidator, SchemaValidator, detail

JSON = b"application/json"
Headers = list[tuple[bytes, bytes]]
#: Where the contract is served (FastAPI's default path, and under the API prefix where the SDK's docs put it).
OPENAPI_PATHS = ("/api/v1/openapi.json", "/openapi.json")


class DroppedConnection(httpx.RemoteProtocolError):
    """The fake closed the connection in the middle of a response (an injected `drop` fault).

    Over a real socket the client sees its own transport error; in-process (through `httpx.ASGITransport`)
    this exception reaches the client instead, and it is an `httpx.RemoteProtocolError` too.
    """


@dataclass
class Core:
    """What the app shares with the `FakeControlPlane` that owns it."""

    contract: Contract
    state: State
    faults: Faults
    stats: RequestStats
    hangs: Hangs
    lock: threading.RLock
    api_key: str | None
    clock: Callable[[], float]


class _CompiledOperation:
    """An operation with its validators compiled and its handler looked up."""

    def __init__(self, operation: Operation, handler: Handler) -> None:
        self.operation = operation
        self.operation_id = operation.operation_id
        self.handler = handler
        self.path = [ParameterValidator(p) for p in operation.params_in("path")]
        self.query = [ParameterValidator(p) for p in operation.params_in("query")]
        self.header = [ParameterValidator(p) for p in operation.params_in("header")]
        self.header_names = [(v.param.name.lower().encode("latin-1"), v) for v in self.header]
        self.body = SchemaValidator(operation.body_schema) if operation.body_schema is not None else None
        self.idempotent = operation.accepts_idempotency_key
        # A body naming a resource that does not exist: 409 (conflicts with the current state), else what
        # the operation documents.
        statuses = operation.statuses
        self.missing_reference_status = 409 if 409 in statuses else 404 if 404 in statuses else 422
        self.total_header = "X-Total-Count" in operation.success_headers
        has_body = operation.success_schema is not None
        self.malformable = {
            kind: malformed_applies(kind, operation.success_schema, has_body) for kind in MALFORMED_KINDS
        }


def build_app(core: Core) -> ASGIApp:
    """The fake Control Plane as an ASGI application."""
    missing = sorted(set(core.contract.operations) - set(HANDLERS))
    if missing:
        raise RuntimeError(f"the fake has no handler for these operations of openapi.yaml: {', '.join(missing)}")
    by_path: dict[str, dict[str, _CompiledOperation]] = {}
    for operation in core.contract.operations.values():
        compiled = _CompiledOperation(operation, HANDLERS[operation.operation_id])
        by_path.setdefault(operation.path, {})[operation.method] = compiled
    # Fixed paths first, so /api/v1/tools/sync is not taken for /api/v1/tools/{tool_id}.
    ordered = sorted(by_path.items(), key=lambda item: ("{" in item[0], item[0]))
    # Each route takes every method and answers 405 itself, so a fixed path never falls through to a
    # parameterised one (PATCH /api/v1/tools/sync is 405, not update_tool with tool_id "sync").
    routes = [Route(path, endpoint=_PathEndpoint(core, ops)) for path, ops in ordered]
    contract = _ContractEndpoint(core.contract)
    routes += [Route(path, endpoint=contract) for path in OPENAPI_PATHS]
    starlette = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_exception, Exception: _server_error},
    )
    return _RequestIdAndSlash(starlette)


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    return JSONResponse({"detail": "Internal Server Error"}, status_code=500)


class _RequestIdAndSlash:
    """Echo (or make) `X-Request-ID` on every response; route `/x/` like `/x`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if len(path) > 1 and path.endswith("/"):
            scope = dict(scope)
            scope["path"] = path.rstrip("/") or "/"
            raw: bytes | None = scope.get("raw_path")
            if raw:
                scope["raw_path"] = raw.rstrip(b"/") or b"/"
        request_id = b""
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                request_id = value
                break
        if not request_id:
            request_id = uuid.uuid4().hex.encode()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id)]
            await send(message)

        await self.app(scope, receive, send_with_id)


def _headers(content_type: bytes | None, body: bytes, extra: Mapping[str, str] | None = None) -> Headers:
    headers: Headers = [(b"content-length", str(len(body)).encode())]
    if content_type is not None:
        headers.append((b"content-type", content_type))
    if extra:
        headers.extend((name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in extra.items())
    return headers


async def _send(send: Send, status: int, headers: Headers, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _error_body(message: str) -> bytes:
    return dumps({"detail": message})


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


class _ContractEndpoint:
    """GET (or HEAD) the contract as JSON. Open like FastAPI's: no token, no injected faults, no statistics."""

    def __init__(self, contract: Contract) -> None:
        self.body = dumps(contract.document)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            body = _error_body("Method Not Allowed")
            await _send(send, 405, [*_headers(JSON, body), (b"allow", b"GET, HEAD")], body)
            return
        await _send(send, 200, _headers(JSON, self.body), self.body)


class _PathEndpoint:
    """The ASGI endpoint of one path: picks the operation by method and runs it."""

    def __init__(self, core: Core, operations: dict[str, _CompiledOperation]) -> None:
        self.core = core
        self.operations = operations
        if "GET" in operations:
            self.operations = {**operations, "HEAD": operations["GET"]}
        self.allow = ", ".join(sorted(self.operations)).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        compiled = self.operations.get(scope["method"])
        if compiled is None:
            body = _error_body("Method Not Allowed")
            await _send(send, 405, [*_headers(JSON, body), (b"allow", self.allow)], body)
            return
        core = self.core
        operation_id = compiled.operation_id
        core.stats.started(operation_id)
        status: int | None = None
        try:
            status = await self._run(compiled, scope, receive, send)
        finally:
            core.stats.finished(operation_id, status)

    async def _run(self, compiled: _CompiledOperation, scope: Scope, receive: Receive, send: Send) -> int | None:
        core = self.core
        operation_id = compiled.operation_id
        delay = core.faults.delay(operation_id)
        if delay > 0:
            await asyncio.sleep(delay)
        failure = core.faults.failure(operation_id)
        if failure is not None and failure.kind != "drop":
            core.stats.fault(failure.label)
            return await self._fail(failure, receive, send)

        status, headers, body = await self._respond(compiled, scope, receive)

        if failure is not None:  # drop: the request was processed, the response is cut off midway
            core.stats.fault(failure.label)
            await _drop(send, status, headers, body)
        if 200 <= status < 300 and body:
            damaged = self._malformed(compiled, body)
            if damaged is not None:
                rule, (body, content_type) = damaged
                core.stats.fault(rule.label)
                status = 200 if rule.malformed == "html" else status
                keep = [(n, v) for n, v in headers if n not in (b"content-length", b"content-type")]
                headers = [*_headers(content_type.encode(), body), *keep, (b"x-fake-fault", rule.label.encode())]
        await _send(send, status, headers, body)
        return status

    def _malformed(self, compiled: _CompiledOperation, body: bytes) -> tuple[Fault, tuple[bytes, str]] | None:
        schema = compiled.operation.success_schema
        outcome: tuple[bytes, str] | None = None

        def applies(rule: Fault) -> bool:
            nonlocal outcome
            if rule.malformed is None or not compiled.malformable[rule.malformed]:
                return False
            outcome = malform(rule.malformed, body, schema)
            return outcome is not None

        rule = self.core.faults.malformed(compiled.operation_id, applies)
        return None if rule is None or outcome is None else (rule, outcome)

    async def _fail(self, failure: Fault, receive: Receive, send: Send) -> int | None:
        label = failure.label.encode()
        if failure.kind == "hang":
            if await self.core.hangs.wait(receive):
                return None  # the client gave up
            body = _error_body("Service Unavailable: a hung request was released")
            await _send(send, 503, [*_headers(JSON, body), (b"x-fake-fault", label)], body)
            return 503
        status = failure.status or 500
        body = _error_body(_phrase(status))
        headers = [*_headers(JSON, body), (b"x-fake-fault", label)]
        if status in (429, 503) and failure.retry_after is not None:
            headers.append((b"retry-after", str(failure.retry_after).encode()))
        await _send(send, status, headers, body)
        return status

    async def _respond(
        self, compiled: _CompiledOperation, scope: Scope, receive: Receive
    ) -> tuple[int, Headers, bytes]:
        core = self.core
        operation = compiled.operation
        if core.api_key is not None and operation.secured:
            problem = _auth_problem(scope, core.api_key)
            if problem is not None:
                denied = _error_body(problem)
                return 401, [*_headers(JSON, denied), (b"www-authenticate", b"Bearer")], denied

        errors: list[ErrorDetail] = []
        path_values: dict[str, Any] = {}
        raw_path: dict[str, str] = scope.get("path_params", {})
        for validator in compiled.path:
            value, found = validator(raw_path.get(validator.param.name, ""))
            errors.extend(found)
            path_values[validator.param.name] = value
        query_values = _parameters(compiled.query, _query(scope), errors)
        header_map: dict[bytes, str] = {}
        for name, value in scope["headers"]:
            header_map[name] = value.decode("latin-1")
        headers_in = {v.param.name: header_map[n] for n, v in compiled.header_names if n in header_map}
        header_values = _parameters(compiled.header, headers_in, errors, multi=False)
        body: Any = None
        if compiled.body is not None:
            body = await _read_body(compiled, receive, header_map.get(b"content-type"), errors)

        if errors:
            return _invalid(errors)

        key = header_values.get("Idempotency-Key") if compiled.idempotent else None
        call = Call(operation, path_values, query_values, body, core.clock())
        with core.lock:
            if key is not None:
                stored = core.state.idempotency.get((compiled.operation_id, key))
                if stored is not None:
                    return (
                        stored.status,
                        _headers(JSON, stored.body, {"Idempotent-Replayed": "true"}),
                        stored.body,
                    )
            try:
                reply = compiled.handler(core.state, call)
            except ApiError as error:
                body_bytes = _error_body(error.message)
                return error.status, _headers(JSON, body_bytes), body_bytes
            except MissingReference as missing:
                body_bytes = _error_body(missing.message)
                return compiled.missing_reference_status, _headers(JSON, body_bytes), body_bytes
            payload = reply.body()
            if key is not None and 200 <= reply.status < 300:
                core.state.remember(compiled.operation_id, key, StoredResponse(reply.status, payload))
        return reply.status, _reply_headers(compiled, reply, payload), payload


def _reply_headers(compiled: _CompiledOperation, reply: Reply, payload: bytes) -> Headers:
    if reply.status == 204:
        return []
    extra = dict(reply.headers)
    if compiled.total_header and reply.total is not None:
        extra["X-Total-Count"] = str(reply.total)
    return _headers(JSON, payload, extra)


def _invalid(errors: list[ErrorDetail]) -> tuple[int, Headers, bytes]:
    body = dumps({"detail": errors})
    return 422, _headers(JSON, body), body


def _auth_problem(scope: Scope, api_key: str) -> str | None:
    authorization = ""
    for name, value in scope["headers"]:
        if name == b"authorization":
            authorization = value.decode("latin-1")
            break
    scheme, _, token = authorization.partition(" ")
    if not authorization or scheme.lower() != "bearer" or not token.strip():
        return "Not authenticated"
    if not hmac.compare_digest(token.strip().encode(), api_key.encode()):
        return "Invalid bearer token"
    return None


def _query(scope: Scope) -> dict[str, list[str]]:
    raw: bytes = scope.get("query_string", b"")
    values: dict[str, list[str]] = {}
    if raw:
        for name, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
            values.setdefault(name, []).append(value)
    return values


def _parameters(
    validators: list[ParameterValidator],
    given: Mapping[str, Any],
    errors: list[ErrorDetail],
    *,
    multi: bool = True,
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for validator in validators:
        param = validator.param
        raw = given.get(param.name)
        if raw is None:
            if param.required:
                errors.append(detail(validator.loc, "Field required", "missing", None))
            values[param.name] = param.default
            continue
        if multi:
            if len(raw) > 1:
                msg = "Input should be a single value, not several"
                errors.append(detail(validator.loc, msg, "single_value_expected", raw))
                continue
            raw = raw[0]
        value, found = validator(raw)
        errors.extend(found)
        values[param.name] = value
    return values


async def _read_body(
    compiled: _CompiledOperation, receive: Receive, content_type: str | None, errors: list[ErrorDetail]
) -> Any:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    raw = b"".join(chunks)
    if not raw.strip():
        if compiled.operation.body_required:
            errors.append(detail(("body",), "Field required", "missing", None))
        return None
    media = (content_type or "application/json").split(";")[0].strip().lower()
    if not (media == "application/json" or (media.startswith("application/") and media.endswith("+json"))):
        msg = "Input should be a valid dictionary or object to extract fields from"
        errors.append(detail(("body",), msg, "model_attributes_type", raw.decode("utf-8", "replace")))
        return None
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except ValueError as error:
        position = getattr(error, "pos", 0)
        reason = getattr(error, "msg", str(error))
        errors.append(detail(("body", position), "JSON decode error", "json_invalid", {}, error=reason))
        return None
    assert compiled.body is not None
    errors.extend(compiled.body.errors(body, ("body",)))
    return body


async def _drop(send: Send, status: int, headers: Headers, body: bytes) -> None:
    """Start the response, send half of it, and let the connection die."""
    declared = len(body) if body else 64
    start = [(n, v) for n, v in headers if n != b"content-length"]
    start += [(b"content-length", str(declared).encode()), (b"x-fake-fault", b"drop")]
    await send({"type": "http.response.start", "status": 200 if status == 204 else status, "headers": start})
    await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
    raise DroppedConnection("the fake Control Plane dropped the connection mid-response (injected fault)")


def wall_clock(offset: Callable[[], float]) -> Callable[[], float]:
    """`time.time()` moved forward by `offset()` seconds."""

    def now() -> float:
        return time.time() + offset()

    return now
