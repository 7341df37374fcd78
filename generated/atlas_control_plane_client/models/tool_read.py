from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_read_json_schema import ToolReadJsonSchema


T = TypeVar("T", bound="ToolRead")


@_attrs_define
class ToolRead:
    """A tool as stored.

    Attributes:
        id (UUID): Server-assigned id.
        name (str): Unique name.
        json_schema (ToolReadJsonSchema): JSON Schema of the tool's parameters.
        risk_level (str): Risk level (`low`, `medium`, `high`, or a newer value).
        description (None | str | Unset): What the tool does.
        safety_policy (None | str | Unset): Safety policy.
    """

    id: UUID
    name: str
    json_schema: ToolReadJsonSchema
    risk_level: str
    description: None | str | Unset = UNSET
    safety_policy: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        json_schema = self.json_schema.to_dict()

        risk_level = self.risk_level

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "json_schema": json_schema,
                "risk_level": risk_level,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if safety_policy is not UNSET:
            field_dict["safety_policy"] = safety_policy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_read_json_schema import ToolReadJsonSchema  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        json_schema = ToolReadJsonSchema.from_dict(d.pop("json_schema"))

        risk_level = d.pop("risk_level")

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

        tool_read = cls(
            id=id,
            name=name,
            json_schema=json_schema,
            risk_level=risk_level,
            description=description,
            safety_policy=safety_policy,
        )

        tool_read.additional_properties = d
        return tool_read

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
