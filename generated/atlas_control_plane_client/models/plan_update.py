from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.plan_status import PlanStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_update_constraints_type_0 import PlanUpdateConstraintsType0
    from ..models.plan_update_state_type_0 import PlanUpdateStateType0


T = TypeVar("T", bound="PlanUpdate")


@_attrs_define
class PlanUpdate:
    """Partial update of a plan; set `status` to `CANCELLED` to cancel it.

    Attributes:
        goal (None | str | Unset): New goal.
        constraints (None | PlanUpdateConstraintsType0 | Unset): Replaces the constraints.
        state (None | PlanUpdateStateType0 | Unset): Replaces the state.
        status (None | PlanStatus | Unset): New status; `CANCELLED` cancels the plan.
        spec_reference (None | str | Unset): New spec reference.
    """

    goal: None | str | Unset = UNSET
    constraints: None | PlanUpdateConstraintsType0 | Unset = UNSET
    state: None | PlanUpdateStateType0 | Unset = UNSET
    status: None | PlanStatus | Unset = UNSET
    spec_reference: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_update_constraints_type_0 import PlanUpdateConstraintsType0  # noqa: PLC0415
        from ..models.plan_update_state_type_0 import PlanUpdateStateType0  # noqa: PLC0415

        goal: None | str | Unset
        if isinstance(self.goal, Unset):
            goal = UNSET
        else:
            goal = self.goal

        constraints: dict[str, Any] | None | Unset
        if isinstance(self.constraints, Unset):
            constraints = UNSET
        elif isinstance(self.constraints, PlanUpdateConstraintsType0):
            constraints = self.constraints.to_dict()
        else:
            constraints = self.constraints

        state: dict[str, Any] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, PlanUpdateStateType0):
            state = self.state.to_dict()
        else:
            state = self.state

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, PlanStatus):
            status = self.status.value
        else:
            status = self.status

        spec_reference: None | str | Unset
        if isinstance(self.spec_reference, Unset):
            spec_reference = UNSET
        else:
            spec_reference = self.spec_reference

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if goal is not UNSET:
            field_dict["goal"] = goal
        if constraints is not UNSET:
            field_dict["constraints"] = constraints
        if state is not UNSET:
            field_dict["state"] = state
        if status is not UNSET:
            field_dict["status"] = status
        if spec_reference is not UNSET:
            field_dict["spec_reference"] = spec_reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_update_constraints_type_0 import PlanUpdateConstraintsType0  # noqa: PLC0415
        from ..models.plan_update_state_type_0 import PlanUpdateStateType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_goal(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        goal = _parse_goal(d.pop("goal", UNSET))

        def _parse_constraints(
            data: object,
        ) -> None | PlanUpdateConstraintsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                constraints_type_0 = PlanUpdateConstraintsType0.from_dict(data)

                return constraints_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanUpdateConstraintsType0 | Unset, data)

        constraints = _parse_constraints(d.pop("constraints", UNSET))

        def _parse_state(data: object) -> None | PlanUpdateStateType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                state_type_0 = PlanUpdateStateType0.from_dict(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanUpdateStateType0 | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_status(data: object) -> None | PlanStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = PlanStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_spec_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        spec_reference = _parse_spec_reference(d.pop("spec_reference", UNSET))

        plan_update = cls(
            goal=goal,
            constraints=constraints,
            state=state,
            status=status,
            spec_reference=spec_reference,
        )

        return plan_update
