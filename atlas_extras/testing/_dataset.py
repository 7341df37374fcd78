"""Seed data: a deterministic demo dataset with stable ids (uuid5) and timestamps.

Every seeded row is created one second after the previous one from 2025-01-01T00:00:00Z, so ids, timestamps and
list order are the same in every run. Seeded statuses are fixed (they do not move on their own); anything created
through the API afterwards follows the automatic lifecycles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from ._handlers import SEED_NAMESPACE
from ._state import Row, State, grasp_scores, iso, slugify

DATASETS = ("demo", "empty")
DEMO_DEFINITIONS = 12
_BASE_MICROS = 1_735_689_600 * 1_000_000  # 2025-01-01T00:00:00Z
_NAMESPACE_BYTES = SEED_NAMESPACE.bytes


def seed_id(kind: str, key: object) -> str:
    """The stable id (a uuid5) of a row of the demo dataset, e.g. ``seed_id("deployment", "review-bot-prod")``.

    Kinds and keys: ``provider`` (openai, anthropic, local), ``class`` (code-reviewer, test-writer,
    incident-responder, data-analyst), ``prompt``, ``tool`` (its name), ``definition`` (0, 1, ...),
    ``deployment``, ``instance``, ``plan``, ``task`` ("<plan>:<sequence>") and ``analysis``.
    """
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{key}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


PROVIDERS = [
    ("openai", "OpenAI", "https://api.openai.com/v1", "OpenAI's hosted models.", "gpt-4o"),
    ("anthropic", "Anthropic", "https://api.anthropic.com", "Anthropic's Claude models.", "claude-sonnet-4"),
    ("local", "Local vLLM", "http://vllm.internal:8000/v1", "Self-hosted open-weight models.", "llama-3.1-70b"),
]
CLASSES = [
    ("code-reviewer", "Code Reviewer", "Reviews pull requests and suggests changes."),
    ("test-writer", "Test Writer", "Writes and repairs unit tests."),
    ("incident-responder", "Incident Responder", "Triages alerts and drafts incident reports."),
    ("data-analyst", "Data Analyst", "Answers questions with SQL over the warehouse."),
]
PROMPTS = [
    ("reviewer-v2", "code-reviewer", "Reviewer v2", "published", "inline", "You review code. Be specific and kind."),
    ("reviewer-v1", "code-reviewer", "Reviewer v1", "deprecated", "inline", "You review code."),
    ("test-writer", "test-writer", "Test writer", "published", "inline", "You write small, fast, focused tests."),
    ("responder", "incident-responder", "Responder (draft)", "draft", "inline", "You triage incidents calmly."),
    ("analyst", "data-analyst", "Analyst", "published", "s3", "s3://atlas-prompts/data-analyst/v3.md"),
]
TOOLS = [
    ("github.read_file", "Reads a file from a GitHub repository.", "low", None),
    ("github.create_pull_request", "Opens a pull request.", "medium", "Only on branches the agent created."),
    ("shell.run", "Runs a shell command in the sandbox.", "high", "Only inside the sandbox; never as root."),
    ("jira.create_issue", "Creates a Jira issue.", "low", None),
    ("pagerduty.acknowledge", "Acknowledges a PagerDuty incident.", "medium", "Never resolve, only acknowledge."),
    ("warehouse.sql_query", "Runs a read-only SQL query on the warehouse.", "medium", "Read-only queries only."),
]
CLASS_TOOLS = {
    "code-reviewer": ["github.read_file", "github.create_pull_request"],
    "test-writer": ["github.read_file", "shell.run"],
    "incident-responder": ["pagerduty.acknowledge", "jira.create_issue"],
    "data-analyst": ["warehouse.sql_query"],
}
MODELS = [("gpt-4o", "openai"), ("claude-sonnet-4", "anthropic"), ("llama-3.1-70b", "local"), ("gpt-4o-mini", "openai")]
DEFINITION_STATUSES = ("published", "published", "draft", "deprecated", "published")
EXECUTION_MODES = ("ephemeral", "ephemeral", "stateful")
# key, definition index, environment, status
DEPLOYMENTS = [
    ("review-bot-prod", 0, "production", "active"),
    ("review-bot-staging", 0, "staging", "active"),
    ("test-writer-dev", 1, "development", "spawning"),
    ("incident-nightly", 2, "production", "completed"),
    ("analyst-canary", 3, "staging", "failed"),
    ("responder-prod", 2, "production", "active"),
]
# key, deployment, status
INSTANCES = [
    ("review-1", "review-bot-prod", "active"),
    ("review-2", "review-bot-prod", "active"),
    ("review-3", "review-bot-prod", "completed"),
    ("review-staging-1", "review-bot-staging", "active"),
    ("tests-dev-1", "test-writer-dev", "spawning"),
    ("nightly-1", "incident-nightly", "completed"),
    ("canary-1", "analyst-canary", "failed"),
    ("responder-1", "responder-prod", "cancelled"),
    ("responder-2", "responder-prod", "active"),
]
# key, deployment, goal, plan status, task statuses
PLANS = [
    ("pr-1423", "review-bot-prod", "Review pull request #1423", "COMPLETED", ["COMPLETED", "COMPLETED", "COMPLETED"]),
    ("pr-1431", "review-bot-prod", "Review pull request #1431", "ACTIVE", ["COMPLETED", "IN_PROGRESS", "PENDING"]),
    ("canary-report", "analyst-canary", "Weekly revenue report", "FAILED", ["COMPLETED", "FAILED", "SKIPPED"]),
    ("release-notes", "review-bot-staging", "Draft the release notes", "DRAFT", []),
    ("alert-routing", "responder-prod", "Migrate alert routing", "CANCELLED", ["COMPLETED", "SKIPPED"]),
]
TASK_TEXTS = [
    ("Read the diff and the linked issue", "Every changed file has been read"),
    ("Write review comments", "Each comment names a line and a fix"),
    ("Post the summary", "The summary is posted on the pull request"),
]
# key, deployment, status
ANALYSES = [
    ("prod-1", "review-bot-prod", "completed"),
    ("staging-1", "review-bot-staging", "in_progress"),
    ("dev-1", "test-writer-dev", "pending"),
    ("canary-1", "analyst-canary", "failed"),
]
LOGS = [
    ("info", "Deployment started", "review-bot-prod"),
    ("info", "Instance review-1 is active", "review-bot-prod"),
    ("debug", "Loaded 2 tools", "review-bot-prod"),
    ("info", "Deployment started", "review-bot-staging"),
    ("warning", "Model latency above 5 s", "review-bot-prod"),
    ("info", "Plan pr-1423 completed", "review-bot-prod"),
    ("info", "Deployment spawning", "test-writer-dev"),
    ("info", "Nightly run finished", "incident-nightly"),
    ("error", "Query timed out after 30 s", "analyst-canary"),
    ("error", "Deployment failed: 3 consecutive task failures", "analyst-canary"),
    ("info", "Deployment started", "responder-prod"),
    ("warning", "Plan alert-routing cancelled by an operator", "responder-prod"),
    ("info", "Control plane ready", None),
]


class _Clock:
    """Seed timestamps: one second apart, from 2025-01-01T00:00:00Z."""

    def __init__(self) -> None:
        self.micros = _BASE_MICROS

    def __next__(self) -> str:
        self.micros += 1_000_000
        return iso(self.micros)

    def __iter__(self) -> Iterator[str]:
        return self


def load(state: State, dataset: str, definitions: int | None = None) -> None:
    """Fill an empty `State` with a named dataset."""
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}: expected one of {', '.join(DATASETS)}")
    if dataset == "empty":
        if definitions:
            raise ValueError("`definitions` needs the demo dataset (definitions refer to its classes)")
        return
    count = DEMO_DEFINITIONS if definitions is None else definitions
    if count < 1:
        raise ValueError("the demo dataset needs at least one agent definition")
    clock = _Clock()
    _load_demo(state, clock, count)
    state.last_stamp = clock.micros


def _insert(state: State, table: str, schema: str, values: dict[str, Any]) -> Row:
    return state.tables[table].insert(state.build(schema, values))


def _load_demo(state: State, clock: _Clock, definitions: int) -> None:
    for key, name, url, description, model in PROVIDERS:
        stamp = next(clock)
        values: dict[str, Any] = {
            "id": seed_id("provider", key),
            "name": name,
            "api_base_url": url,
            "description": description,
        }
        values |= {"config": {"default_model": model}, "created_at": stamp, "updated_at": stamp}
        _insert(state, "model_providers", "ModelProviderRead", values)
    for key, name, description in CLASSES:
        stamp = next(clock)
        values = {"id": seed_id("class", key), "name": name, "description": description}
        row = _insert(state, "agent_classes", "AgentClassRead", {**values, "created_at": stamp, "updated_at": stamp})
        state.class_names[name] = row["id"]
    for key, class_key, name, status, storage, content in PROMPTS:
        stamp = next(clock)
        values = {"id": seed_id("prompt", key), "name": name, "status": status, "content": content}
        values |= {"content_storage_type": storage, "agent_class_id": seed_id("class", class_key)}
        values |= {"description": f"{name} prompt.", "meta": {"version": key}, "created_at": stamp, "updated_at": stamp}
        _insert(state, "system_prompts", "SystemPromptRead", values)
    for name, description, risk, policy in TOOLS:
        values = {
            "id": seed_id("tool", name),
            "name": name,
            "description": description,
            "risk_level": risk,
        }
        schema = {"type": "object", "properties": {"input": {"type": "string"}}, "required": ["input"]}
        row = _insert(state, "tools", "ToolRead", {**values, "safety_policy": policy, "json_schema": schema})
        state.tool_names[name] = row["id"]
    _load_definitions(state, clock, definitions)
    _load_runtime(state, clock, definitions)


def _load_definitions(state: State, clock: _Clock, count: int) -> None:
    table = state.tables["agent_definitions"]
    first_prompt: dict[str, str] = {}
    for key, class_key, *_ in PROMPTS:
        first_prompt.setdefault(class_key, seed_id("prompt", key))
    classes = [(seed_id("class", key), title, first_prompt[key], key) for key, title, _ in CLASSES]
    providers = {key: seed_id("provider", key) for key, *_ in PROVIDERS}
    tools = {name: seed_id("tool", name) for name, *_ in TOOLS}
    for index in range(count):
        class_id, title, prompt_id, class_key = classes[index % len(classes)]
        model, provider = MODELS[index % len(MODELS)]
        name = f"{title} {index // len(classes) + 1}"
        stamp = next(clock)
        row_id = seed_id("definition", index)
        table.rows[row_id] = {
            "id": row_id,
            "agent_class_id": class_id,
            "name": name,
            "slug": slugify(name),
            "status": DEFINITION_STATUSES[index % len(DEFINITION_STATUSES)],
            "execution_mode": EXECUTION_MODES[index % len(EXECUTION_MODES)],
            "config": {"temperature": round(0.2 + (index % 5) / 10, 1), "max_tokens": 1024 * (1 + index % 4)},
            "allow_outbound_a2a": index % 7 == 0,
            "description": f"{title} agent number {index // len(classes) + 1}.",
            "system_prompt_id": prompt_id,
            "structured_output_id": None,
            "model_provider_id": providers[provider],
            "model_name": model,
            "created_at": stamp,
            "updated_at": stamp,
        }
        state.definition_tools[row_id] = [tools[name] for name in CLASS_TOOLS[class_key]]
    table.changed("")


def _load_runtime(state: State, clock: _Clock, definitions: int) -> None:
    deployments: dict[str, Row] = {}
    for key, index, environment, status in DEPLOYMENTS:
        stamp = next(clock)
        definition_id = seed_id("definition", index % definitions)
        values: dict[str, Any] = {"id": seed_id("deployment", key), "agent_definition_id": definition_id, "name": key}
        values |= {"description": f"The {key} deployment.", "environment": environment, "status": status}
        values |= {
            "config": {"replicas": 2 if environment == "production" else 1},
            "project_context": {"repo": "atlas"},
        }
        values |= {"spec_md_path": f"specs/{key}.md", "created_at": stamp, "updated_at": stamp}
        deployments[key] = _insert(state, "deployments", "DeploymentRead", values)
    first_instance: dict[str, str] = {}
    for key, deployment_key, status in INSTANCES:
        stamp = next(clock)
        deployment = deployments[deployment_key]
        finished = status in ("completed", "failed", "cancelled")
        values = {"id": seed_id("instance", key), "deployment_id": deployment["id"], "routing_key": key}
        values |= {"agent_definition_id": deployment["agent_definition_id"], "status": status}
        values |= {"input": {"task": f"work item for {key}"}, "metrics": {"tokens": 1200, "tool_calls": 3}}
        values |= {"created_at": stamp, "started_at": None if status == "spawning" else stamp}
        if finished:
            values |= {"completed_at": stamp, "exit_code": 0 if status == "completed" else 1}
            values |= {"output": {"summary": "done"} if status == "completed" else None}
            values |= {"error": None if status == "completed" else f"Instance {status}"}
        row = _insert(state, "agent_instances", "AgentInstanceRead", values)
        first_instance.setdefault(deployment_key, row["id"])
    for key, deployment_key, goal, status, task_statuses in PLANS:
        stamp = next(clock)
        deployment = deployments[deployment_key]
        plan_id = seed_id("plan", key)
        values = {"id": plan_id, "deployment_id": deployment["id"], "goal": goal, "status": status}
        values |= {"created_by_instance_id": first_instance[deployment_key], "constraints": {"max_minutes": 30}}
        values |= {"state": {}, "spec_reference": f"specs/{key}.md", "created_at": stamp, "updated_at": stamp}
        _insert(state, "plans", "PlanRead", values)
        state.plans_by_deployment.setdefault(deployment["id"], {})[plan_id] = None
        if status == "CANCELLED":
            state.pinned_plans.add(plan_id)
        for sequence, task_status in enumerate(task_statuses):
            task_stamp = next(clock)
            description, validation = TASK_TEXTS[sequence % len(TASK_TEXTS)]
            result = {"COMPLETED": "Completed.", "FAILED": "Failed: the query timed out.", "SKIPPED": "Skipped."}
            values = {
                "id": seed_id("task", f"{key}:{sequence}"),
                "plan_id": plan_id,
                "sequence": sequence,
            }
            values |= {"description": description, "validation": validation, "status": task_status}
            values |= {"assignee_agent_definition_id": deployment["agent_definition_id"]}
            values |= {"result": result.get(task_status), "meta": {"seeded": True}}
            values |= {"created_at": task_stamp, "updated_at": task_stamp}
            task = _insert(state, "tasks", "PlanTaskRead", values)
            state.tasks_by_plan.setdefault(plan_id, {})[task["id"]] = None
    for key, deployment_key, status in ANALYSES:
        stamp = next(clock)
        deployment = deployments[deployment_key]
        analysis_id = seed_id("analysis", key)
        values = {
            "id": analysis_id,
            "status": status,
            "created_at": stamp,
            "deployment_id": deployment["id"],
        }
        values |= {"agent_definition_id": deployment["agent_definition_id"], "analysis_context": {"seeded": True}}
        if status == "completed":
            values |= {"completed_at": stamp, **grasp_scores(analysis_id)}
        elif status == "failed":
            values |= {"completed_at": stamp, "error_message": "The deployment stopped before the analysis ended."}
        _insert(state, "grasp_analyses", "GraspAnalysisRead", values)
        state.analyses_by_deployment.setdefault(deployment["id"], {})[analysis_id] = None
    for level, message, about_key in LOGS:
        stamp = next(clock)
        about = deployments[about_key]["id"] if about_key else None
        state.logs.append({"timestamp": stamp, "level": level, "message": message, "deployment_id": about})
