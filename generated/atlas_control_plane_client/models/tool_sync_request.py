from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.tool_create import ToolCreate


T = TypeVar("T", bound="ToolSyncRequest")


@_attrs_define
class ToolSyncRequest:
    """Tools to create or update by name, in one call.

    Attributes:
        tools (list[ToolCreate]): At least one tool.
    """

    tools: list[ToolCreate]

    def to_dict(self) -> dict[str, Any]:
        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.to_dict()
            tools.append(tools_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tools": tools,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_create import ToolCreate  # noqa: PLC0415

        d = dict(src_dict)
        tools = []
        _tools = d.pop("tools")
        for tools_item_data in _tools:
            tools_item = ToolCreate.from_dict(tools_item_data)

            tools.append(tools_item)

        tool_sync_request = cls(
            tools=tools,
        )

        return tool_sync_request
