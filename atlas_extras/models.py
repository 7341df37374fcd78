"""Models of the open-ended responses (health, metrics, logs, provider checks), which are also mappings.

atlas_sdk returned these as plain dicts. Ours are the generated models, subclassed so that they are also
read-only `collections.abc.Mapping`s of their JSON form (`to_dict()`): the keys are the fields the response
set plus the ones the contract does not know yet, and the values are what the wire carries (a timestamp is
its ISO string, an id its string, a nested object a dict), exactly what atlas_sdk gave. So code written for
atlas_sdk keeps working, and the typed attributes are there too::

    health = await client.health()
    health.status                     # typed attribute
    health["status"], health.get("region", "?"), "version" in health
    dict(health) == {"status": "healthy", "region": "eu-1"}
    health == {"status": "healthy", "region": "eu-1"}
    json.dumps(health, default=dict)  # or json.dumps(dict(health))

`json.dumps(health)` alone cannot work: the json module serialises only real `dict`s (and subclasses), and
a class cannot be both a `dict` and a generated attrs model (their instance layouts conflict), so pass
`default=dict`; it also serialises a list of them (`json.dumps(await client.logs(), default=dict)`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from atlas_control_plane_client import models as generated
from atlas_control_plane_client.types import Unset

__all__ = ["HealthStatus", "LogEntry", "Metrics", "ModelProviderVerification", "ProviderModel"]


class _OpenModel(Mapping[str, Any]):
    """A generated model that is also a read-only mapping of its JSON form (`to_dict()`).

    `==` compares that JSON form with any mapping: a dict with the same keys and wire values, or another
    open model. Item assignment (`model["key"] = value`) sets an additional property, as on every
    generated model.
    """

    __slots__ = ()

    if TYPE_CHECKING:  # provided by the generated model this is mixed into

        def to_dict(self) -> dict[str, Any]:
            """The model's JSON form (the generated model's own method)."""
            ...

    def _json(self) -> dict[str, Any]:
        # A copied or unpickled model holds copies of UNSET, which `to_dict()` does not recognise.
        return {key: value for key, value in self.to_dict().items() if not isinstance(value, Unset)}

    def __getitem__(self, key: str) -> Any:
        return self._json()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._json())

    def __len__(self) -> int:
        return len(self._json())

    def __contains__(self, key: object) -> bool:
        return key in self._json()

    def get(self, key: str, default: Any = None) -> Any:
        """The value of `key` in the JSON form, or `default` when the response does not have it."""
        return self._json().get(key, default)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return self._json() == dict(other.items())

    __hash__ = None  # type: ignore[assignment]  # mutable, like the generated models


class HealthStatus(_OpenModel, generated.HealthStatus):
    """Service health: `status` is `healthy` when the service works."""

    __slots__ = ()


class Metrics(_OpenModel, generated.Metrics):
    """Service counters."""

    __slots__ = ()


class LogEntry(_OpenModel, generated.LogEntry):
    """One log line."""

    __slots__ = ()


class ModelProviderVerification(_OpenModel, generated.ModelProviderVerification):
    """Result of checking a model provider."""

    __slots__ = ()


class ProviderModel(_OpenModel, generated.ProviderModel):
    """A model a provider serves."""

    __slots__ = ()
