"""The fake's in-memory store: tables in creation order, indexes, lifecycles derived from the clock.

Rows are kept in their wire shape (the contract's `...Read` schemas), so most reads serialise a stored dict.
Tables whose rows never change on their own cache each row's JSON; lists are cached slices of one ordered list
per table (and per static filter), rebuilt only after a write. Statuses that move by themselves (deployments,
agent instances, plan tasks and plans, GRASP analyses) are computed at read time from the elapsed time, until a
PATCH changes them. A PATCH that repeats the current value changes nothing (see `State.patch`).
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import re
import time
import uuid
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._spec import Contract, JSONObject, allows_null

Row = dict[str, Any]

#: Put ``{"fake_outcome": "failed"}`` in a task's ``meta``, a deployment's ``config`` or a GRASP analysis's
#: ``analysis_context`` to make it end ``FAILED``/``failed`` when its lifecycle runs.
FAKE_OUTCOME_KEY = "fake_outcome"

TERMINAL_TASK = frozenset({"COMPLETED", "FAILED", "SKIPPED"})
TERMINAL_PLAN = frozenset({"COMPLETED", "FAILED", "CANCELLED"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_INF = float("inf")
_MAX_LOGS = 10_000
_MAX_IDEMPOTENCY_KEYS = 100_000


_MINUTES: dict[int, str] = {}


def iso(micros: int) -> str:
    """An RFC 3339 UTC timestamp with microseconds, e.g. 2025-01-01T00:00:00.000000Z."""
    seconds, micro = divmod(micros, 1_000_000)
    minute, second = divmod(seconds, 60)
    prefix = _MINUTES.get(minute)
    if prefix is None:
        if len(_MINUTES) > 4096:
            _MINUTES.clear()
        prefix = _MINUTES[minute] = time.strftime("%Y-%m-%dT%H:%M:", time.gmtime(minute * 60))
    return f"{prefix}{second:02d}.{micro:06d}Z"


def iso_seconds(seconds: float) -> str:
    return iso(round(seconds * 1_000_000))


def dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def slugify(name: str) -> str:
    """URL-safe slug: lower-case ASCII letters and digits joined by single hyphens."""
    return _NOT_SLUG.sub("-", name.lower()).strip("-")


def fraction(*parts: object) -> float:
    """A deterministic number in [0, 1) from its inputs (stable across processes, unlike hash())."""
    digest = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


class Table:
    """Rows of one resource, in creation order (created_at then id: rows are stamped strictly increasing)."""

    __slots__ = ("_json", "_ordered", "_selections", "cache_json", "name", "rows")

    def __init__(self, name: str, *, cache_json: bool) -> None:
        self.name = name
        self.cache_json = cache_json
        self.rows: dict[str, Row] = {}
        self._ordered: list[Row] | None = None
        self._selections: dict[Hashable, list[Row]] = {}
        self._json: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, row_id: str) -> Row | None:
        return self.rows.get(row_id)

    def insert(self, row: Row) -> Row:
        self.rows[row["id"]] = row
        self._invalidate()
        return row

    def remove(self, row_id: str) -> None:
        del self.rows[row_id]
        self._json.pop(row_id, None)
        self._invalidate()

    def changed(self, row_id: str) -> None:
        """Call after changing a row in place."""
        self._json.pop(row_id, None)
        self._invalidate()

    def _invalidate(self) -> None:
        self._ordered = None
        if self._selections:
            self._selections = {}

    def ordered(self) -> list[Row]:
        if self._ordered is None:
            self._ordered = list(self.rows.values())
        return self._ordered

    def select(self, key: Hashable, predicate: Callable[[Row], bool]) -> list[Row]:
        """Rows matching a filter that depends only on stored fields, cached until the next write."""
        found = self._selections.get(key)
        if found is None:
            found = [row for row in self.ordered() if predicate(row)]
            self._selections[key] = found
        return found

    def json(self, row: Row) -> bytes:
        if not self.cache_json:
            return dumps(row)
        data = self._json.get(row["id"])
        if data is None:
            data = self._json[row["id"]] = dumps(row)
        return data


@dataclass(slots=True)
class Run:
    """The automatic lifecycle of a deployment, a GRASP analysis or an agent instance.

    `finishes`: an agent instance of an ephemeral definition completes one step after it became active.
    """

    born: float
    fails: bool
    finishes: bool = False


@dataclass(slots=True)
class Slot:
    """When an automatic plan task runs."""

    start: float
    end: float
    fails: bool


@dataclass(slots=True)
class PlanRun:
    """The automatic schedule of a plan's tasks: the end of the last one and the first failure."""

    last_end: float
    fail_at: float = _INF


@dataclass(slots=True)
class StoredResponse:
    status: int
    body: bytes


@dataclass
class Settings:
    """What shapes the fake's data and lifecycles (not its faults)."""

    seed: int = 0
    lifecycle_step: float | None = 0.2
    failure_rate: float = 0.0


TABLES = {
    # name: whether rows change only through requests (so their JSON can be cached)
    "agent_classes": True,
    "agent_definitions": True,
    "model_providers": True,
    "system_prompts": True,
    "tools": True,
    "deployments": False,
    "grasp_analyses": False,
    "plans": False,
    "tasks": False,
    "agent_instances": True,
}


@dataclass
class State:
    """Everything the fake stores. Not thread-safe by itself: the app serialises access with a lock."""

    contract: Contract
    settings: Settings
    tables: dict[str, Table] = field(default_factory=dict)
    definition_tools: dict[str, list[str]] = field(default_factory=dict)
    tool_names: dict[str, str] = field(default_factory=dict)
    class_names: dict[str, str] = field(default_factory=dict)
    plans_by_deployment: dict[str, dict[str, None]] = field(default_factory=dict)
    tasks_by_plan: dict[str, dict[str, None]] = field(default_factory=dict)
    analyses_by_deployment: dict[str, dict[str, None]] = field(default_factory=dict)
    deployment_runs: dict[str, Run] = field(default_factory=dict)
    instance_runs: dict[str, Run] = field(default_factory=dict)
    analysis_runs: dict[str, Run] = field(default_factory=dict)
    plan_runs: dict[str, PlanRun] = field(default_factory=dict)
    task_slots: dict[str, Slot] = field(default_factory=dict)
    pinned_plans: set[str] = field(default_factory=set)
    idempotency: dict[tuple[str, str], StoredResponse] = field(default_factory=dict)
    logs: deque[Row] = field(default_factory=lambda: deque(maxlen=_MAX_LOGS))
    last_stamp: int = 0

    def __post_init__(self) -> None:
        self.tables = {name: Table(name, cache_json=cache) for name, cache in TABLES.items()}
        self._ids = random.Random(f"ids:{self.settings.seed}")

    # ---- identity and time -------------------------------------------------------------------------------

    def new_id(self) -> str:
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    def stamp(self, now: float) -> str:
        """A creation timestamp: now, but always after the previous one, so creation order is total."""
        micros = max(round(now * 1_000_000), self.last_stamp + 1)
        self.last_stamp = micros
        return iso(micros)

    # ---- rows ----------------------------------------------------------------------------------------------

    def schema(self, name: str) -> JSONObject:
        return self.contract.schemas[name]

    def build(self, schema_name: str, values: Mapping[str, Any]) -> Row:
        """A row with every property of a read schema, in its order: a value, the schema default, or null."""
        row: Row = {}
        for name, prop in self.schema(schema_name).get("properties", {}).items():
            if name in values:
                row[name] = values[name]
            elif "default" in prop:
                row[name] = copy.deepcopy(prop["default"])
            else:
                row[name] = None
        return row

    def with_defaults(self, schema_name: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """The body with the defaults its schema declares for omitted properties (what the server applies)."""
        filled = dict(body)
        for name, prop in self.schema(schema_name).get("properties", {}).items():
            if name not in filled and "default" in prop:
                filled[name] = copy.deepcopy(prop["default"])
        return filled

    def patch(self, row: Row, body: Mapping[str, Any], read_schema: str) -> list[str]:
        """Apply a partial update; returns the fields whose value changed.

        A null for a field the read model cannot hold (e.g. `name`) changes nothing, and neither does a value equal
        to the current one: a client that saves whole objects sends every field back, and on the real service
        (a merge-patch onto stored columns) writing a value onto itself is no change either.
        """
        props = self.schema(read_schema).get("properties", {})
        changed: list[str] = []
        for name, value in body.items():
            if name not in props or (value is None and not allows_null(props[name])) or row.get(name) == value:
                continue
            row[name] = value
            changed.append(name)
        return changed

    def log(self, now: float, level: str, message: str, deployment_id: str | None = None) -> None:
        self.logs.append(
            {"timestamp": iso_seconds(now), "level": level, "message": message, "deployment_id": deployment_id}
        )

    def remember(self, operation_id: str, key: str, response: StoredResponse) -> None:
        if len(self.idempotency) >= _MAX_IDEMPOTENCY_KEYS:
            del self.idempotency[next(iter(self.idempotency))]
        self.idempotency[(operation_id, key)] = response

    def fails(self, kind: str, row_id: str, marker: Any) -> bool:
        """Whether an automatic lifecycle ends in failure: a marker, or the configured rate (by id)."""
        if isinstance(marker, Mapping) and marker.get(FAKE_OUTCOME_KEY) == "failed":
            return True
        rate = self.settings.failure_rate
        return rate > 0 and fraction(self.settings.seed, kind, row_id) < rate

    # ---- deployments ---------------------------------------------------------------------------------------

    def start_deployment(self, row: Row, now: float) -> None:
        self.deployment_runs[row["id"]] = Run(now, self.fails("deployment", row["id"], row.get("config")))

    def render_deployment(self, row: Row, now: float) -> Row:
        run = self.deployment_runs.get(row["id"])
        step = self.settings.lifecycle_step
        if run is None or step is None or now < run.born + step:
            return row
        out = dict(row)
        out["status"] = "failed" if run.fails else "active"
        out["updated_at"] = max(row["updated_at"], iso_seconds(run.born + step))
        return out

    def deployment_status(self, row: Row, now: float) -> str:
        return str(self.render_deployment(row, now)["status"])

    # ---- agent instances -----------------------------------------------------------------------------------

    def start_instance(self, row: Row, now: float, *, fails: bool, finishes: bool) -> None:
        self.instance_runs[row["id"]] = Run(now, fails, finishes)

    def render_instance(self, row: Row, now: float) -> Row:
        """`spawning` for one step, then `active` (or `failed` with its deployment); an instance of an
        ephemeral definition then `completed` one step later."""
        run = self.instance_runs.get(row["id"])
        step = self.settings.lifecycle_step
        if run is None or step is None or now < run.born + step:
            return row
        out = dict(row)
        started = iso_seconds(run.born + step)
        if run.fails:
            out |= {"status": "failed", "completed_at": started, "exit_code": 1}
            out["error"] = "The instance failed to start (simulated by the fake Control Plane)."
            return out
        out |= {"status": "active", "started_at": started}
        if run.finishes and now >= run.born + 2 * step:
            out |= {"status": "completed", "completed_at": iso_seconds(run.born + 2 * step), "exit_code": 0}
            out["output"] = {"summary": "Completed (simulated by the fake Control Plane)."}
        return out

    def instance_status(self, row: Row, now: float) -> str:
        return str(self.render_instance(row, now)["status"])

    # ---- GRASP analyses ------------------------------------------------------------------------------------

    def render_analysis(self, row: Row, now: float) -> Row:
        run = self.analysis_runs.get(row["id"])
        step = self.settings.lifecycle_step
        if run is None or step is None or now < run.born + step:
            return row
        out = dict(row)
        if now < run.born + 2 * step:
            out["status"] = "in_progress"
            return out
        finished = iso_seconds(run.born + 2 * step)
        out["completed_at"] = finished
        if run.fails:
            out["status"] = "failed"
            out["error_message"] = "The analysis failed (simulated by the fake Control Plane)."
            return out
        out["status"] = "completed"
        out.update(grasp_scores(row["id"]))
        return out

    # ---- plans and tasks -----------------------------------------------------------------------------------

    def plan_tasks(self, plan_id: str) -> list[Row]:
        """A plan's tasks in order: by sequence, then creation."""
        table = self.tables["tasks"].rows
        rows = [table[task_id] for task_id in self.tasks_by_plan.get(plan_id, {})]
        rows.sort(key=lambda row: row["sequence"])
        return rows

    def schedule_tasks(self, plan_id: str, tasks: Iterable[Row], now: float) -> None:
        """Give new tasks of an automatic plan their turn, one after another, after the existing ones.

        A task waits one step PENDING (or until the one before it ends), runs one step IN_PROGRESS, then ends.
        """
        run = self.plan_runs.get(plan_id)
        if run is None:
            return
        step = self.settings.lifecycle_step
        start = max(now + step, run.last_end) if step is not None else _INF
        for task in sorted(tasks, key=lambda row: row["sequence"]):
            end = start + step if step is not None else _INF
            fails = self.fails("task", task["id"], task.get("meta"))
            self.task_slots[task["id"]] = Slot(start, end, fails)
            if fails and end < run.fail_at:
                run.fail_at = end
            start = end
        run.last_end = start

    def render_task(self, row: Row, now: float) -> Row:
        slot = self.task_slots.get(row["id"])
        if slot is None:
            return row
        run = self.plan_runs[row["plan_id"]]
        if slot.start >= run.fail_at and now >= run.fail_at:
            status, result, since = "SKIPPED", "Skipped: an earlier task of the plan failed.", run.fail_at
        elif now < slot.start:
            return row
        elif now < slot.end:
            status, result, since = "IN_PROGRESS", None, slot.start
        elif slot.fails:
            status, result, since = "FAILED", "Failed (simulated by the fake Control Plane).", slot.end
        else:
            status, result, since = "COMPLETED", "Completed.", slot.end
        out = dict(row)
        out["status"] = status
        if row["result"] is None:
            out["result"] = result
        out["updated_at"] = max(row["updated_at"], iso_seconds(since))
        return out

    def plan_status(self, row: Row, tasks: list[Row] | None, now: float) -> tuple[str, float | None]:
        """A plan's status, and when it last changed by itself (None if it did not)."""
        plan_id = row["id"]
        if plan_id in self.pinned_plans:
            return row["status"], None
        run = self.plan_runs.get(plan_id)
        if run is not None:
            if not self.tasks_by_plan.get(plan_id):
                return "DRAFT", None
            if now >= run.fail_at:
                return "FAILED", run.fail_at
            if now >= run.last_end:
                return "COMPLETED", run.last_end
            starts = [slot.start for tid in self.tasks_by_plan[plan_id] if (slot := self.task_slots.get(tid))]
            ends = [slot.end for tid in self.tasks_by_plan[plan_id] if (slot := self.task_slots.get(tid))]
            moments = [moment for moment in starts + ends if moment <= now]
            return "ACTIVE", max(moments) if moments else None
        statuses = [task["status"] for task in (tasks if tasks is not None else self.plan_tasks(plan_id))]
        if not statuses:
            return "DRAFT", None
        if "FAILED" in statuses:
            return "FAILED", None
        if all(status in TERMINAL_TASK for status in statuses):
            return "COMPLETED", None
        return "ACTIVE", None

    def render_plan(self, row: Row, now: float, tasks: list[Row] | None = None) -> Row:
        status, since = self.plan_status(row, tasks, now)
        if status == row["status"] and since is None:
            return row
        out = dict(row)
        out["status"] = status
        if since is not None:
            out["updated_at"] = max(row["updated_at"], iso_seconds(since))
        return out

    def freeze_plan(self, plan_id: str, now: float) -> None:
        """Stop a plan's automatic lifecycle: its tasks keep the status they have now, and change only by PATCH."""
        if plan_id not in self.plan_runs:
            return
        tasks = self.tables["tasks"]
        for task_id in self.tasks_by_plan.get(plan_id, {}):
            rendered = self.render_task(tasks.rows[task_id], now)
            tasks.rows[task_id] = rendered
            tasks.changed(task_id)
            self.task_slots.pop(task_id, None)
        del self.plan_runs[plan_id]

    # ---- references ----------------------------------------------------------------------------------------

    def definitions_using(self, field_name: str, value: str) -> int:
        return sum(1 for row in self.tables["agent_definitions"].rows.values() if row.get(field_name) == value)


def grasp_scores(analysis_id: str) -> dict[str, Any]:
    """Deterministic scores, summaries and evidence for a finished GRASP analysis."""
    scores: dict[str, Any] = {}
    for dimension, question in GRASP_DIMENSIONS.items():
        value = int(fraction("grasp", analysis_id, dimension) * 101)
        level = "low" if value < 34 else "moderate" if value < 67 else "high"
        label = dimension.replace("_", " ").capitalize()
        scores[f"{dimension}_value"] = value
        scores[f"{dimension}_summary"] = f"{label}: {level} ({value}/100). {question}"
        scores[f"{dimension}_evidence"] = {"signals": [f"{dimension}-{level}"], "source": "fake-control-plane"}
    return scores


GRASP_DIMENSIONS = {
    "governance": "Can we see what it's doing and stop it?",
    "reach": "What can it touch (explicit + implicit)?",
    "agency": "How autonomous is it?",
    "safeguards": "What limits damage when it acts unsupervised?",
    "potential_damage": "What's the credible worst case?",
}
