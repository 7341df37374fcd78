from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TasksAppendResponse")


@_attrs_define
class TasksAppendResponse:
    """Ids of the appended tasks, in order.

    Attributes:
        task_ids (list[UUID]): New task ids.
    """

    task_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task_ids = []
        for task_ids_item_data in self.task_ids:
            task_ids_item = str(task_ids_item_data)
            task_ids.append(task_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_ids": task_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        task_ids = []
        _task_ids = d.pop("task_ids")
        for task_ids_item_data in _task_ids:
            task_ids_item = UUID(task_ids_item_data)

            task_ids.append(task_ids_item)

        tasks_append_response = cls(
            task_ids=task_ids,
        )

        tasks_append_response.additional_properties = d
        return tasks_append_response

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
