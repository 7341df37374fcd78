from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ToolDiscoverRequest")


@_attrs_define
class ToolDiscoverRequest:
    """Where to discover tools from.

    Attributes:
        source (str): A tool source, such as an MCP server URL.
    """

    source: str

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source = d.pop("source")

        tool_discover_request = cls(
            source=source,
        )

        return tool_discover_request
