from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_create_constraints import PlanCreateConstraints
    from ..models.plan_create_state import PlanCreateState
    from ..models.plan_task_create import PlanTaskCreate


T = TypeVar("T", bound="PlanCreate")


@_attrs_define
class PlanCreate:
    """A new plan for a deployment: a goal and the tasks that reach it.

    Attributes:
        goal (str): What the plan achieves.
        constraints (PlanCreateConstraints | Unset): Limits the agents must respect.
        state (PlanCreateState | Unset): Working state shared by the tasks.
        spec_reference (None | str | Unset): Reference to the spec the plan implements.
        tasks (list[PlanTaskCreate] | Unset): Initial tasks.
    """

    goal: str
    constraints: PlanCreateConstraints | Unset = UNSET
    state: PlanCreateState | Unset = UNSET
    spec_reference: None | str | Unset = UNSET
    tasks: list[PlanTaskCreate] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        goal = self.goal

        constraints: dict[str, Any] | Unset = UNSET
        if not isinstance(self.constraints, Unset):
            constraints = self.constraints.to_dict()

        state: dict[str, Any] | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.to_dict()

        spec_reference: None | str | Unset
        if isinstance(self.spec_reference, Unset):
            spec_reference = UNSET
        else:
            spec_reference = self.spec_reference

        tasks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tasks, Unset):
            tasks = []
            for tasks_item_data in self.tasks:
                tasks_item = tasks_item_data.to_dict()
                tasks.append(tasks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "goal": goal,
            }
        )
        if constraints is not UNSET:
            field_dict["constraints"] = constraints
        if state is not UNSET:
            field_dict["state"] = state
        if spec_reference is not UNSET:
            field_dict["spec_reference"] = spec_reference
        if tasks is not UNSET:
            field_dict["tasks"] = tasks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_create_constraints import PlanCreateConstraints  # noqa: PLC0415
        from ..models.plan_create_state import PlanCreateState  # noqa: PLC0415
        from ..models.plan_task_create import PlanTaskCreate  # noqa: PLC0415

        d = dict(src_dict)
        goal = d.pop("goal")

        _constraints = d.pop("constraints", UNSET)
        constraints: PlanCreateConstraints | Unset
        if isinstance(_constraints, Unset):
            constraints = UNSET
        else:
            constraints = PlanCreateConstraints.from_dict(_constraints)

        _state = d.pop("state", UNSET)
        state: PlanCreateState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = PlanCreateState.from_dict(_state)

        def _parse_spec_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        spec_reference = _parse_spec_reference(d.pop("spec_reference", UNSET))

        _tasks = d.pop("tasks", UNSET)
        tasks: list[PlanTaskCreate] | Unset = UNSET
        if _tasks is not UNSET:
            tasks = []
            for tasks_item_data in _tasks:
                tasks_item = PlanTaskCreate.from_dict(tasks_item_data)

                tasks.append(tasks_item)

        plan_create = cls(
            goal=goal,
            constraints=constraints,
            state=state,
            spec_reference=spec_reference,
            tasks=tasks,
        )

        return plan_create
