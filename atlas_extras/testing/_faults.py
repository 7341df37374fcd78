"""Fault injection: latency, error statuses, hangs, dropped connections and malformed responses.

Rules are matched per request, operation-specific rules before global ones, each in the order it was added.
Rates below 1 draw from a seeded RNG, so a run is reproducible for the same sequence of requests.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import random
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from ._spec import JSONObject, enum_values, property_schema, schema_types

MalformedKind = Literal["non_json", "truncated_json", "html", "wrong_types", "missing_field", "unknown_enum"]
MALFORMED_KINDS: tuple[str, ...] = get_args(MalformedKind)
FaultKind = Literal["latency", "status", "hang", "drop", "malformed"]

HTML_ERROR_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"
)
NON_JSON_BODY = b"upstream connect error or disconnect/reset before headers. reset reason: overflow"


@dataclass(eq=False)
class Fault:
    """One injected fault rule. `fired` counts how often it was applied; `cancel()` removes it."""

    kind: FaultKind
    operation: str | None = None
    rate: float = 1.0
    times: int | None = None
    status: int | None = None
    retry_after: int | None = None
    latency: float = 0.0
    jitter: float = 0.0
    malformed: MalformedKind | None = None
    fired: int = 0
    _owner: Faults | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def label(self) -> str:
        """How `RequestStats.faults` and the `X-Fake-Fault` header name this fault."""
        if self.kind == "status":
            return str(self.status)
        if self.kind == "malformed":
            return str(self.malformed)
        return self.kind

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.fired >= self.times

    def cancel(self) -> None:
        """Stop applying this fault."""
        if self._owner is not None:
            self._owner.remove(self)


class Faults:
    """The fault rules of one fake, with their seeded random draws."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._lock = threading.Lock()
        self._base: list[Fault] = []
        self._rules: list[Fault] = []
        self.reset()

    def reset(self) -> None:
        """Back to the faults given at construction (fresh counters) and a re-seeded RNG."""
        with self._lock:
            self._rules = [dataclasses.replace(rule, fired=0) for rule in self._base]
            for rule in self._rules:
                rule._owner = self
            self._draws = random.Random(f"faults:{self._seed}")
            self._jitter = random.Random(f"jitter:{self._seed}")

    def add(self, rule: Fault, *, base: bool = False) -> Fault:
        rule._owner = self
        with self._lock:
            self._rules.append(rule)
            if base:
                self._base.append(dataclasses.replace(rule))
        return rule

    def remove(self, rule: Fault) -> None:
        with self._lock:
            if rule in self._rules:
                self._rules.remove(rule)

    @property
    def rules(self) -> list[Fault]:
        with self._lock:
            return list(self._rules)

    def _candidates(self, operation_id: str, kinds: Iterable[str]) -> list[Fault]:
        wanted = set(kinds)
        specific = [r for r in self._rules if r.kind in wanted and r.operation == operation_id]
        general = [r for r in self._rules if r.kind in wanted and r.operation is None]
        return specific + general

    def _fires(self, rule: Fault) -> bool:
        if rule.exhausted:
            return False
        if rule.rate < 1.0 and self._draws.random() >= rule.rate:
            return False
        rule.fired += 1
        return True

    def delay(self, operation_id: str) -> float:
        """Seconds to wait before answering (0 without a latency rule)."""
        if not self._rules:
            return 0.0
        with self._lock:
            for rule in self._candidates(operation_id, ("latency",)):
                if self._fires(rule):
                    spread = self._jitter.uniform(-rule.jitter, rule.jitter) if rule.jitter else 0.0
                    return max(0.0, rule.latency + spread)
        return 0.0

    def failure(self, operation_id: str) -> Fault | None:
        """The error status, hang or drop to apply to this request, if any."""
        if not self._rules:
            return None
        with self._lock:
            for rule in self._candidates(operation_id, ("status", "hang", "drop")):
                if self._fires(rule):
                    return rule
        return None

    def malformed(self, operation_id: str, applicable: Callable[[Fault], bool]) -> Fault | None:
        """The malformation to apply to this successful response, if any (counted only when applied)."""
        if not self._rules:
            return None
        with self._lock:
            for rule in self._candidates(operation_id, ("malformed",)):
                if applicable(rule) and self._fires(rule):
                    return rule
        return None


# ---- malformed responses -----------------------------------------------------------------------------------


def _item(payload: Any, schema: JSONObject | None) -> tuple[dict[str, Any] | None, JSONObject | None]:
    """The object to damage: the response itself, or the first item of a list."""
    if isinstance(payload, dict):
        return payload, schema
    if isinstance(payload, list) and payload and isinstance(payload[0], dict):
        return payload[0], (schema or {}).get("items")
    return None, None


def _wrong_type(value: Any) -> Any:
    if isinstance(value, str):
        return 12345
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, int | float):
        return "not a number"
    return "not an object"


def _enum_field(item: dict[str, Any], schema: JSONObject | None) -> tuple[str, list[Any]] | None:
    for name in item:
        values = enum_values(property_schema(schema, name))
        if values:
            return name, values
    return None


def malformed_applies(kind: str, schema: JSONObject | None, has_body: bool) -> bool:
    """Whether a kind of malformation can be applied to a response of this schema."""
    if not has_body:
        return False
    if kind == "unknown_enum":
        target = (schema or {}).get("items", schema) if "array" in schema_types(schema) else schema
        props = (target or {}).get("properties", {})
        return any(enum_values(prop) for prop in props.values())
    return True


def malform(kind: str, body: bytes, schema: JSONObject | None) -> tuple[bytes, str] | None:
    """A damaged copy of a JSON response body, with its content type; None if this one cannot be damaged."""
    if kind == "non_json":
        return NON_JSON_BODY, "application/json"
    if kind == "truncated_json":
        return body[: max(1, len(body) // 2)], "application/json"
    if kind == "html":
        return HTML_ERROR_PAGE, "text/html; charset=utf-8"
    payload = json.loads(body)
    item, item_schema = _item(payload, schema)
    if kind == "wrong_types":
        if item is None:
            return json.dumps({"unexpected": payload}).encode(), "application/json"
        required = [name for name in (item_schema or {}).get("required", []) if name in item] or list(item)
        if not required:
            return None
        strings = [name for name in required if isinstance(item[name], str)]
        name = strings[0] if strings else required[0]
        item[name] = _wrong_type(item[name])
    elif kind == "missing_field":
        if item is None:
            return None
        required = [name for name in (item_schema or {}).get("required", []) if name in item] or list(item)
        if not required:
            return None
        del item[required[0]]
    elif kind == "unknown_enum":
        found = None if item is None else _enum_field(item, item_schema)
        if item is None or found is None:
            return None
        name, values = found
        upper = all(isinstance(v, str) and v == v.upper() for v in values)
        item[name] = "ARCHIVED_BY_NEWER_SERVER" if upper else "archived_by_newer_server"
    else:
        raise ValueError(f"unknown malformation {kind!r}")
    return json.dumps(payload, separators=(",", ":")).encode(), "application/json"


# ---- hangs -------------------------------------------------------------------------------------------------


class Hangs:
    """Requests held open by a hang fault, across event loops; `release()` lets them all go."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: set[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = set()

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._waiting)

    async def wait(self, receive: Callable[[], Any]) -> bool:
        """Wait until the client disconnects (True) or the hang is released (False)."""
        loop = asyncio.get_running_loop()
        released: asyncio.Future[None] = loop.create_future()
        entry = (loop, released)
        with self._lock:
            self._waiting.add(entry)

        async def disconnected() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass

        watcher = asyncio.ensure_future(disconnected())
        try:
            done, _ = await asyncio.wait({watcher, released}, return_when=asyncio.FIRST_COMPLETED)
            return watcher in done
        finally:
            watcher.cancel()
            with self._lock:
                self._waiting.discard(entry)

    def release(self) -> int:
        """Let every held request go; returns how many there were."""
        with self._lock:
            waiting = list(self._waiting)
            self._waiting.clear()
        for loop, future in waiting:
            if not loop.is_closed():
                loop.call_soon_threadsafe(_resolve, future)
        return len(waiting)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


# ---- text forms ("503:0.05,op=list_tools") -----------------------------------------------------------------

_DURATION = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(ms|s)?\s*")


def parse_duration(text: str) -> float:
    """Seconds from "50ms", "0.05s" or "0.05"."""
    match = _DURATION.fullmatch(text)
    if not match:
        raise ValueError(f"not a duration: {text!r} (expected e.g. 50ms, 0.5s or 0.5)")
    value = float(match.group(1))
    return value / 1000 if match.group(2) == "ms" else value


def parse_fault(text: str) -> dict[str, Any]:
    """Keyword arguments for a fault from its text form.

    ``KIND[:RATE][,op=OPERATION][,times=N][,retry_after=S][,jitter=DURATION]`` where KIND is an HTTP status
    (``503``), ``hang``, ``drop``, a malformation (``truncated_json``, ...) or ``latency=DURATION``.
    Examples: ``503:0.05``, ``429:0.1,retry_after=2``, ``drop,op=create_plan,times=1``, ``latency=200ms,op=get_plan``.
    """
    head, *options = [part.strip() for part in text.split(",")]
    kind_text, _, rate_text = head.partition(":")
    spec: dict[str, Any] = {"rate": float(rate_text) if rate_text else 1.0}
    if kind_text.isdigit():
        spec |= {"kind": "status", "status": int(kind_text)}
    elif kind_text.startswith("latency="):
        spec |= {"kind": "latency", "latency": parse_duration(kind_text.removeprefix("latency="))}
    elif kind_text in ("hang", "drop"):
        spec["kind"] = kind_text
    elif kind_text in MALFORMED_KINDS:
        spec |= {"kind": "malformed", "malformed": kind_text}
    else:
        kinds = ", ".join(["<status>", "latency=<duration>", "hang", "drop", *MALFORMED_KINDS])
        raise ValueError(f"unknown fault {kind_text!r} in {text!r}: expected one of {kinds}")
    for option in options:
        key, _, value = option.partition("=")
        if key in ("op", "operation"):
            spec["operation"] = value
        elif key == "times":
            spec["times"] = int(value)
        elif key == "retry_after":
            spec["retry_after"] = int(value)
        elif key == "jitter":
            spec["jitter"] = parse_duration(value)
        elif key == "rate":
            spec["rate"] = float(value)
        else:
            raise ValueError(f"unknown fault option {key!r} in {text!r}")
    return spec
