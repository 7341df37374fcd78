from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tool_risk_level import ToolRiskLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_create_json_schema import ToolCreateJsonSchema


T = TypeVar("T", bound="ToolCreate")


@_attrs_define
class ToolCreate:
    """A new tool that agents may call.

    Attributes:
        name (str): Human-readable name; must not be empty.
        json_schema (ToolCreateJsonSchema): JSON Schema of the tool's parameters.
        description (None | str | Unset): What the tool does.
        safety_policy (None | str | Unset): Rules the agent must follow when calling the tool.
        risk_level (ToolRiskLevel | Unset): How risky it is to let an agent call the tool. Default: ToolRiskLevel.LOW.
    """

    name: str
    json_schema: ToolCreateJsonSchema
    description: None | str | Unset = UNSET
    safety_policy: None | str | Unset = UNSET
    risk_level: ToolRiskLevel | Unset = ToolRiskLevel.LOW

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        json_schema = self.json_schema.to_dict()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        safety_policy: None | str | Unset
        if isinstance(self.safety_policy, Unset):
            safety_policy = UNSET
        else:
            safety_policy = self.safety_policy

        risk_level: str | Unset = UNSET
        if not isinstance(self.risk_level, Unset):
            risk_level = self.risk_level.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "json_schema": json_schema,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if safety_policy is not UNSET:
            field_dict["safety_policy"] = safety_policy
        if risk_level is not UNSET:
            field_dict["risk_level"] = risk_level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_create_json_schema import ToolCreateJsonSchema  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        json_schema = ToolCreateJsonSchema.from_dict(d.pop("json_schema"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_safety_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        safety_policy = _parse_safety_policy(d.pop("safety_policy", UNSET))

        _risk_level = d.pop("risk_level", UNSET)
        risk_level: ToolRiskLevel | Unset
        if isinstance(_risk_level, Unset):
            risk_level = UNSET
        else:
            risk_level = ToolRiskLevel(_risk_level)

        tool_create = cls(
            name=name,
            json_schema=json_schema,
            description=description,
            safety_policy=safety_policy,
            risk_level=risk_level,
        )

        return tool_create
