from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="AgentDefinitionToolsAdd")


@_attrs_define
class AgentDefinitionToolsAdd:
    """Tools to attach to a definition.

    Attributes:
        tool_ids (list[UUID]): Ids of existing tools.
    """

    tool_ids: list[UUID]

    def to_dict(self) -> dict[str, Any]:
        tool_ids = []
        for tool_ids_item_data in self.tool_ids:
            tool_ids_item = str(tool_ids_item_data)
            tool_ids.append(tool_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tool_ids": tool_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tool_ids = []
        _tool_ids = d.pop("tool_ids")
        for tool_ids_item_data in _tool_ids:
            tool_ids_item = UUID(tool_ids_item_data)

            tool_ids.append(tool_ids_item)

        agent_definition_tools_add = cls(
            tool_ids=tool_ids,
        )

        return agent_definition_tools_add
