"""The resources with lifecycles of their own (deployments, GRASP analyses, plans and tasks, agent instances),
and the system operations (health, metrics, logs)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from ._handling import (
    SEED_NAMESPACE,
    ApiError,
    Call,
    MissingReference,
    Reply,
    check_references,
    handles,
    missing_references,
    new_row,
    page,
    require,
    touch,
)
from ._state import TERMINAL_PLAN, TERMINAL_TASK, PlanRun, Row, Run, State

# ---- deployments -------------------------------------------------------------------------------------------


@handles("list_deployments")
def list_deployments(state: State, call: Call) -> Reply:
    table = state.tables["deployments"]
    environment = call.query.get("environment")
    rows = (
        table.ordered()
        if environment is None
        else table.select(("environment", environment), lambda r: r["environment"] == environment)
    )
    if call.query.get("active_only"):
        rows = [row for row in rows if state.deployment_status(row, call.now) == "active"]
    return page(call, rows, render=lambda row: state.render_deployment(row, call.now))


@handles("create_deployment")
def create_deployment(state: State, call: Call) -> Reply:
    check_references(state, call.body)
    row = new_row(state, call, "DeploymentCreate", "DeploymentRead", status="spawning")
    state.tables["deployments"].insert(row)
    state.start_deployment(row, call.now)
    _spawn_instance(state, row, call.now)
    state.log(call.now, "info", f"Deployment {row['name']!r} created in {row['environment']}", row["id"])
    return Reply(201, payload=row)


@handles("get_deployment")
def get_deployment(state: State, call: Call) -> Reply:
    row = require(state, "deployments", call.path["deployment_id"])
    return Reply(200, payload=state.render_deployment(row, call.now))


@handles("update_deployment")
def update_deployment(state: State, call: Call) -> Reply:
    row = require(state, "deployments", call.path["deployment_id"])
    current = state.render_deployment(row, call.now)
    row["status"], row["updated_at"] = current["status"], current["updated_at"]
    changed = state.patch(row, call.body, "DeploymentRead")
    if "status" in changed:
        state.deployment_runs.pop(row["id"], None)
        state.log(call.now, "info", f"Deployment {row['name']!r} is now {row['status']}", row["id"])
    touch(state, "deployments", row, call.now)
    return Reply(200, payload=state.render_deployment(row, call.now))


@handles("delete_deployment")
def delete_deployment(state: State, call: Call) -> Reply:
    row = require(state, "deployments", call.path["deployment_id"])
    plans = state.tables["plans"]
    running = [
        plan_id
        for plan_id in state.plans_by_deployment.get(row["id"], {})
        if state.plan_status(plans.rows[plan_id], None, call.now)[0] not in TERMINAL_PLAN
    ]
    if running:
        raise ApiError(409, f"Deployment {row['id']} still has {len(running)} plan(s) that are not finished")
    for plan_id in list(state.plans_by_deployment.pop(row["id"], {})):
        _delete_plan(state, plan_id)
    for analysis_id in list(state.analyses_by_deployment.pop(row["id"], {})):
        state.tables["grasp_analyses"].remove(analysis_id)
        state.analysis_runs.pop(analysis_id, None)
    instances = state.tables["agent_instances"]
    for instance_id in [i for i, r in instances.rows.items() if r["deployment_id"] == row["id"]]:
        instances.remove(instance_id)
        state.instance_runs.pop(instance_id, None)
    state.tables["deployments"].remove(row["id"])
    state.deployment_runs.pop(row["id"], None)
    state.log(call.now, "info", f"Deployment {row['name']!r} deleted", row["id"])
    return Reply(204)


def _spawn_instance(state: State, deployment: Row, now: float) -> None:
    """A new deployment starts one agent instance (as the Dispatch service would), which follows the deployment:
    `spawning`, then `active` (or `failed` with it); for an ephemeral definition, `completed` one step later."""
    definition = state.tables["agent_definitions"].rows[deployment["agent_definition_id"]]
    values = {
        "id": str(uuid.uuid5(SEED_NAMESPACE, f"worker:{deployment['id']}")),
        "deployment_id": deployment["id"],
        "agent_definition_id": deployment["agent_definition_id"],
        "routing_key": f"worker.{deployment['id'][:8]}",
        "status": "spawning",
        "input": {"deployment": deployment["name"]},
        "metrics": {},
        "created_at": state.stamp(now),
    }
    row = state.tables["agent_instances"].insert(state.build("AgentInstanceRead", values))
    run = state.deployment_runs[deployment["id"]]
    state.start_instance(row, now, fails=run.fails, finishes=definition["execution_mode"] == "ephemeral")


def _delete_plan(state: State, plan_id: str) -> None:
    for task_id in state.tasks_by_plan.pop(plan_id, {}):
        state.tables["tasks"].remove(task_id)
        state.task_slots.pop(task_id, None)
    state.tables["plans"].remove(plan_id)
    state.plan_runs.pop(plan_id, None)
    state.pinned_plans.discard(plan_id)


# ---- GRASP analyses ----------------------------------------------------------------------------------------


def _summary(state: State, row: Row) -> Row:
    props = state.schema("GraspAnalysisSummary")["properties"]
    return {name: row.get(name) for name in props}


def _analyses(state: State, rows: Sequence[Row], status: str | None, now: float) -> list[Row]:
    rendered = [state.render_analysis(row, now) for row in rows]
    return rendered if status is None else [row for row in rendered if row["status"] == status]


@handles("create_grasp_analysis")
def create_grasp_analysis(state: State, call: Call) -> Reply:
    deployment = require(state, "deployments", call.path["deployment_id"])
    row = new_row(
        state,
        call,
        "GraspAnalysisCreate",
        "GraspAnalysisRead",
        status="pending",
        deployment_id=deployment["id"],
        blueprint_id=deployment["blueprint_id"],
        agent_definition_id=deployment["agent_definition_id"],
    )
    state.tables["grasp_analyses"].insert(row)
    state.analyses_by_deployment.setdefault(deployment["id"], {})[row["id"]] = None
    state.analysis_runs[row["id"]] = Run(call.now, state.fails("analysis", row["id"], row["analysis_context"]))
    state.log(call.now, "info", "GRASP analysis requested", deployment["id"])
    return Reply(201, payload=row)


@handles("list_grasp_analyses")
def list_grasp_analyses(state: State, call: Call) -> Reply:
    deployment = require(state, "deployments", call.path["deployment_id"])
    table = state.tables["grasp_analyses"].rows
    rows = [table[i] for i in state.analyses_by_deployment.get(deployment["id"], {})]
    found = _analyses(state, rows, call.query.get("status"), call.now)
    return Reply(200, payload=[_summary(state, row) for row in found])


@handles("query_grasp_analyses")
def query_grasp_analyses(state: State, call: Call) -> Reply:
    table = state.tables["grasp_analyses"]
    deployment_id = call.query.get("deployment_id")
    if deployment_id is None:
        rows = table.ordered()
    else:
        rows = [table.rows[i] for i in state.analyses_by_deployment.get(deployment_id, {})]
    found = _analyses(state, rows, call.query.get("status"), call.now)
    return page(call, found, render=lambda row: _summary(state, row))


@handles("get_grasp_analysis")
def get_grasp_analysis(state: State, call: Call) -> Reply:
    row = require(state, "grasp_analyses", call.path["analysis_id"])
    return Reply(200, payload=state.render_analysis(row, call.now))


# ---- plans and tasks ---------------------------------------------------------------------------------------


def planner_instance(state: State, deployment: Row, now: float) -> str:
    """The agent instance a plan is attributed to: the deployment's first active one, or its planner."""
    instances = state.tables["agent_instances"]
    for row in instances.ordered():
        if row["deployment_id"] == deployment["id"] and state.instance_status(row, now) == "active":
            return str(row["id"])
    instance_id = str(uuid.uuid5(SEED_NAMESPACE, f"planner:{deployment['id']}"))
    if instances.get(instance_id) is None:
        stamp = state.stamp(now)
        values = {
            "id": instance_id,
            "deployment_id": deployment["id"],
            "agent_definition_id": deployment["agent_definition_id"],
            "routing_key": f"planner.{deployment['id'][:8]}",
            "status": "active",
            "input": {},
            "metrics": {},
            "created_at": stamp,
            "started_at": stamp,
        }
        instances.insert(state.build("AgentInstanceRead", values))
    return instance_id


def _new_tasks(state: State, plan_id: str, tasks: Sequence[Mapping[str, Any]], now: float) -> list[Row]:
    rows = []
    for task in tasks:
        stamp = state.stamp(now)
        values = {
            **state.with_defaults("PlanTaskCreate", task),
            "id": state.new_id(),
            "plan_id": plan_id,
            "status": "PENDING",
            "created_at": stamp,
            "updated_at": stamp,
        }
        row = state.build("PlanTaskRead", values)
        state.tables["tasks"].insert(row)
        state.tasks_by_plan.setdefault(plan_id, {})[row["id"]] = None
        rows.append(row)
    return rows


def _check_task_references(state: State, tasks: Sequence[dict[str, Any]]) -> None:
    missing: list[str] = []
    for index, task in enumerate(tasks):
        missing.extend(missing_references(state, task, f"tasks[{index}]."))
    if missing:
        raise MissingReference(missing)


@handles("create_plan")
def create_plan(state: State, call: Call) -> Reply:
    deployment = require(state, "deployments", call.path["deployment_id"])
    tasks = call.body.get("tasks", [])
    _check_task_references(state, tasks)
    body = {key: value for key, value in call.body.items() if key != "tasks"}
    stamp = state.stamp(call.now)
    values = {
        **state.with_defaults("PlanCreate", body),
        "id": state.new_id(),
        "deployment_id": deployment["id"],
        "created_by_instance_id": planner_instance(state, deployment, call.now),
        "status": "ACTIVE" if tasks else "DRAFT",
        "created_at": stamp,
        "updated_at": stamp,
    }
    row = state.build("PlanRead", values)
    state.tables["plans"].insert(row)
    state.plans_by_deployment.setdefault(deployment["id"], {})[row["id"]] = None
    state.plan_runs[row["id"]] = PlanRun(last_end=call.now)
    task_rows = _new_tasks(state, row["id"], tasks, call.now)
    state.schedule_tasks(row["id"], task_rows, call.now)
    state.log(call.now, "info", f"Plan created with {len(task_rows)} task(s): {row['goal']}", deployment["id"])
    return Reply(201, payload=state.build("PlanCreateResponse", {**row, "task_ids": [t["id"] for t in task_rows]}))


@handles("list_plans")
def list_plans(state: State, call: Call) -> Reply:
    deployment = require(state, "deployments", call.path["deployment_id"])
    table = state.tables["plans"].rows
    rendered = [state.render_plan(table[i], call.now) for i in state.plans_by_deployment.get(deployment["id"], {})]
    status = call.query.get("status")
    if status is not None:
        rendered = [row for row in rendered if row["status"] == status]
    return page(call, rendered, render=lambda row: row)


@handles("get_plan")
def get_plan(state: State, call: Call) -> Reply:
    row = require(state, "plans", call.path["plan_id"])
    tasks = [state.render_task(task, call.now) for task in state.plan_tasks(row["id"])]
    plan = state.render_plan(row, call.now, tasks)
    return Reply(200, payload=state.build("PlanReadWithTasks", {**plan, "tasks": tasks}))


@handles("update_plan")
def update_plan(state: State, call: Call) -> Reply:
    row = require(state, "plans", call.path["plan_id"])
    # Only a change of status takes the plan off its automatic lifecycle: a client that saves the whole object
    # sends back the status it read, and that must not stop the plan from finishing (see `State.patch`).
    status = call.body.get("status")
    if status is not None and status != state.render_plan(row, call.now)["status"]:
        state.freeze_plan(row["id"], call.now)
        state.pinned_plans.add(row["id"])
        if call.body["status"] == "CANCELLED":
            for task in state.plan_tasks(row["id"]):
                if task["status"] not in TERMINAL_TASK:
                    task["status"] = "SKIPPED"
                    task["result"] = task["result"] or "Skipped: the plan was cancelled."
                    touch(state, "tasks", task, call.now)
            state.log(call.now, "warning", f"Plan {row['id']} cancelled", row["deployment_id"])
    state.patch(row, call.body, "PlanRead")
    touch(state, "plans", row, call.now)
    return Reply(200, payload=state.render_plan(row, call.now))


@handles("append_tasks")
def append_tasks(state: State, call: Call) -> Reply:
    row = require(state, "plans", call.path["plan_id"])
    status, _ = state.plan_status(row, None, call.now)
    if status in ("FAILED", "CANCELLED"):
        raise ApiError(409, f"Plan {row['id']} is {status}: no tasks can be added")
    _check_task_references(state, call.body["tasks"])
    task_rows = _new_tasks(state, row["id"], call.body["tasks"], call.now)
    state.schedule_tasks(row["id"], task_rows, call.now)
    touch(state, "plans", row, call.now)
    return Reply(201, payload={"task_ids": [task["id"] for task in task_rows]})


@handles("list_tasks")
def list_tasks(state: State, call: Call) -> Reply:
    plan = require(state, "plans", call.path["plan_id"])
    tasks = [state.render_task(task, call.now) for task in state.plan_tasks(plan["id"])]
    status = call.query.get("status")
    if status is not None:
        tasks = [task for task in tasks if task["status"] == status]
    return page(call, tasks, render=lambda row: row)


@handles("get_task")
def get_task(state: State, call: Call) -> Reply:
    row = state.render_task(require(state, "tasks", call.path["task_id"]), call.now)
    slug = name = None
    if call.query.get("enrich", True):
        assignee = state.tables["agent_definitions"].get(row["assignee_agent_definition_id"] or "")
        if assignee is not None:
            slug, name = assignee["slug"], assignee["name"]
    values = {**row, "assignee_agent_slug": slug, "assignee_agent_name": name}
    return Reply(200, payload=state.build("PlanTaskReadEnriched", values))


@handles("update_task")
def update_task(state: State, call: Call) -> Reply:
    task_id = call.path["task_id"]
    row = require(state, "tasks", task_id)
    check_references(state, call.body)
    current = state.render_task(row, call.now)
    if any(call.body.get(name) not in (None, current[name]) for name in ("status", "sequence")):
        # A task moved by hand: the plan leaves its automatic lifecycle, every task keeps its current status.
        # The status or sequence it already has (a whole-object save) moves nothing.
        state.freeze_plan(row["plan_id"], call.now)
        row = state.tables["tasks"].rows[task_id]
    state.patch(row, call.body, "PlanTaskRead")
    touch(state, "tasks", row, call.now)
    return Reply(200, payload=state.render_task(row, call.now))


# ---- agent instances ---------------------------------------------------------------------------------------


@handles("list_agent_instances")
def list_agent_instances(state: State, call: Call) -> Reply:
    table = state.tables["agent_instances"]
    deployment_id, status = call.query.get("deployment_id"), call.query.get("status")
    rows = (
        table.ordered()
        if deployment_id is None
        else table.select(("deployment_id", deployment_id), lambda row: row["deployment_id"] == deployment_id)
    )
    if status is not None:
        rows = [row for row in rows if state.instance_status(row, call.now) == status]
    if not state.instance_runs:  # nothing moves: the stored rows (and their cached JSON) are the answer
        return page(call, rows, table)
    return page(call, rows, render=lambda row: state.render_instance(row, call.now))


@handles("get_agent_instance")
def get_agent_instance(state: State, call: Call) -> Reply:
    row = require(state, "agent_instances", call.path["instance_id"])
    return Reply(200, payload=state.render_instance(row, call.now))


# ---- system ------------------------------------------------------------------------------------------------


@handles("health")
def health(state: State, call: Call) -> Reply:
    return Reply(200, payload={"status": "healthy", "version": state.contract.version, "fake": True})


@handles("metrics")
def metrics(state: State, call: Call) -> Reply:
    counts = {f"{name}_count": len(table) for name, table in state.tables.items()}
    counts["plan_tasks_count"] = counts.pop("tasks_count")
    active = sum(
        1 for row in state.tables["deployments"].rows.values() if state.deployment_status(row, call.now) == "active"
    )
    return Reply(200, payload={**counts, "active_deployments_count": active, "log_lines_count": len(state.logs)})


@handles("logs")
def logs(state: State, call: Call) -> Reply:
    deployment_id, level, limit = call.query.get("deployment_id"), call.query.get("level"), call.query["limit"]
    lines: list[Row] = []
    for line in reversed(state.logs):
        if (deployment_id is None or line["deployment_id"] == deployment_id) and (
            level is None or line["level"] == level
        ):
            lines.append(line)
            if len(lines) >= limit:
                break
    return Reply(200, payload=lines)
