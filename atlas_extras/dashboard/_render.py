"""The dashboard as text."""

from __future__ import annotations

from enum import Enum

from ._data import DashboardData

__all__ = ["format_dashboard"]


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


def _text(value: Enum | str) -> str:
    return str(value.value) if isinstance(value, Enum) else value


def format_dashboard(data: DashboardData) -> str:
    """The dashboard as aligned lines: health, counts, newest items, errors."""
    classes = ", ".join(c.name for c in data.recent_classes)
    deployments = ", ".join(f"{d.name} ({_text(d.status)})" for d in data.recent_deployments)
    rows = [
        ("Health", data.health_status or "?", ""),
        ("Agent classes", _count(data.agent_class_count), f"newest: {classes}" if classes else ""),
        ("Definitions", _count(data.definition_count), ""),
        ("Model providers", _count(data.provider_count), ""),
        ("Deployments", _count(data.deployment_count), f"newest: {deployments}" if deployments else ""),
    ]
    lines = [f"  {label:<16}{value:<9}{extra}".rstrip() for label, value, extra in rows]
    lines += [f"  {'Errors':<16}{message}" for message in data.error_messages()] or [f"  {'Errors':<16}none"]
    return "\n".join(lines)
