from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.plan_task_create import PlanTaskCreate


T = TypeVar("T", bound="TasksAppend")


@_attrs_define
class TasksAppend:
    """Tasks to append to a plan.

    Attributes:
        tasks (list[PlanTaskCreate]): At least one task.
    """

    tasks: list[PlanTaskCreate]

    def to_dict(self) -> dict[str, Any]:
        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tasks": tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_task_create import PlanTaskCreate  # noqa: PLC0415

        d = dict(src_dict)
        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = PlanTaskCreate.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        tasks_append = cls(
            tasks=tasks,
        )

        return tasks_append
