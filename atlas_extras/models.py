"""Models of the open-ended responses (health, metrics, logs, provider checks), with dict-style access.

They are the generated models, subclassed so that code written for the old SDK, which returned plain
dicts, keeps working: `(await client.health()).get("status", "unknown")`. Named fields and fields the
contract does not know yet are both reachable that way.
"""

from __future__ import annotations

from typing import Any

from atlas_control_plane_client import models as generated
from atlas_control_plane_client.types import Unset

__all__ = ["HealthStatus", "LogEntry", "Metrics", "ModelProviderVerification", "ProviderModel"]

_MISSING = object()


class _DictAccess:
    """`get`, `[]`, `in` and `to_dict` over the named fields and the additional properties."""

    additional_properties: dict[str, Any]

    def _lookup(self, key: str) -> Any:
        value = getattr(self, key, _MISSING) if key != "additional_properties" else _MISSING
        if value is _MISSING or isinstance(value, Unset):
            return self.additional_properties.get(key, _MISSING)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        """The value of `key`, or `default` when the response does not have it."""
        value = self._lookup(key)
        return default if value is _MISSING else value

    def __getitem__(self, key: str) -> Any:
        value = self._lookup(key)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not _MISSING


class HealthStatus(_DictAccess, generated.HealthStatus):
    """Service health: `status` is `healthy` when the service works."""


class Metrics(_DictAccess, generated.Metrics):
    """Service counters."""


class LogEntry(_DictAccess, generated.LogEntry):
    """One log line."""


class ModelProviderVerification(_DictAccess, generated.ModelProviderVerification):
    """Result of checking a model provider."""


class ProviderModel(_DictAccess, generated.ProviderModel):
    """A model a provider serves."""
