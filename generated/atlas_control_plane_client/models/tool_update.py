from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tool_risk_level import ToolRiskLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_update_json_schema_type_0 import ToolUpdateJsonSchemaType0


T = TypeVar("T", bound="ToolUpdate")


@_attrs_define
class ToolUpdate:
    """Partial update of a tool. The name cannot change.

    Attributes:
        description (None | str | Unset): New description.
        json_schema (None | ToolUpdateJsonSchemaType0 | Unset): New parameter schema.
        safety_policy (None | str | Unset): New safety policy.
        risk_level (None | ToolRiskLevel | Unset): New risk level.
    """

    description: None | str | Unset = UNSET
    json_schema: None | ToolUpdateJsonSchemaType0 | Unset = UNSET
    safety_policy: None | str | Unset = UNSET
    risk_level: None | ToolRiskLevel | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.tool_update_json_schema_type_0 import ToolUpdateJsonSchemaType0  # noqa: PLC0415

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        json_schema: dict[str, Any] | None | Unset
        if isinstance(self.json_schema, Unset):
            json_schema = UNSET
        elif isinstance(self.json_schema, ToolUpdateJsonSchemaType0):
            json_schema = self.json_schema.to_dict()
        else:
            json_schema = self.json_schema

        safety_policy: None | str | Unset
        if isinstance(self.safety_policy, Unset):
            safety_policy = UNSET
        else:
            safety_policy = self.safety_policy

        risk_level: None | str | Unset
        if isinstance(self.risk_level, Unset):
            risk_level = UNSET
        elif isinstance(self.risk_level, ToolRiskLevel):
            risk_level = self.risk_level.value
        else:
            risk_level = self.risk_level

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if json_schema is not UNSET:
            field_dict["json_schema"] = json_schema
        if safety_policy is not UNSET:
            field_dict["safety_policy"] = safety_policy
        if risk_level is not UNSET:
            field_dict["risk_level"] = risk_level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_update_json_schema_type_0 import ToolUpdateJsonSchemaType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_json_schema(
            data: object,
        ) -> None | ToolUpdateJsonSchemaType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                json_schema_type_0 = ToolUpdateJsonSchemaType0.from_dict(data)

                return json_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolUpdateJsonSchemaType0 | Unset, data)

        json_schema = _parse_json_schema(d.pop("json_schema", UNSET))

        def _parse_safety_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        safety_policy = _parse_safety_policy(d.pop("safety_policy", UNSET))

        def _parse_risk_level(data: object) -> None | ToolRiskLevel | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                risk_level_type_0 = ToolRiskLevel(data)

                return risk_level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolRiskLevel | Unset, data)

        risk_level = _parse_risk_level(d.pop("risk_level", UNSET))

        tool_update = cls(
            description=description,
            json_schema=json_schema,
            safety_policy=safety_policy,
            risk_level=risk_level,
        )

        return tool_update
