from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Metrics")


@_attrs_define
class Metrics:
    """Service counters. More fields may appear.

    Attributes:
        agent_classes_count (int | Unset): Number of agent classes.
        agent_definitions_count (int | Unset): Number of agent definitions.
        deployments_count (int | Unset): Number of deployments.
    """

    agent_classes_count: int | Unset = UNSET
    agent_definitions_count: int | Unset = UNSET
    deployments_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_classes_count = self.agent_classes_count

        agent_definitions_count = self.agent_definitions_count

        deployments_count = self.deployments_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_classes_count is not UNSET:
            field_dict["agent_classes_count"] = agent_classes_count
        if agent_definitions_count is not UNSET:
            field_dict["agent_definitions_count"] = agent_definitions_count
        if deployments_count is not UNSET:
            field_dict["deployments_count"] = deployments_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_classes_count = d.pop("agent_classes_count", UNSET)

        agent_definitions_count = d.pop("agent_definitions_count", UNSET)

        deployments_count = d.pop("deployments_count", UNSET)

        metrics = cls(
            agent_classes_count=agent_classes_count,
            agent_definitions_count=agent_definitions_count,
            deployments_count=deployments_count,
        )

        metrics.additional_properties = d
        return metrics

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
