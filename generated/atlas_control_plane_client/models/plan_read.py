from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.plan_status import PlanStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_read_constraints import PlanReadConstraints
    from ..models.plan_read_state import PlanReadState


T = TypeVar("T", bound="PlanRead")


@_attrs_define
class PlanRead:
    """A plan, without its tasks.

    Attributes:
        id (UUID): Server-assigned id.
        deployment_id (UUID): Deployment the plan runs in.
        created_by_instance_id (UUID): Agent instance the plan is attributed to; derived by the server.
        goal (str): Goal.
        constraints (PlanReadConstraints): Constraints.
        state (PlanReadState): Working state.
        status (PlanStatus | str): Lifecycle status. A value this client does not know is kept as a plain string (see
            the API description).
        created_at (datetime.datetime): When it was created.
        updated_at (datetime.datetime): When it last changed.
        spec_reference (None | str | Unset): Spec reference.
    """

    id: UUID
    deployment_id: UUID
    created_by_instance_id: UUID
    goal: str
    constraints: PlanReadConstraints
    state: PlanReadState
    status: PlanStatus | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    spec_reference: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        deployment_id = str(self.deployment_id)

        created_by_instance_id = str(self.created_by_instance_id)

        goal = self.goal

        constraints = self.constraints.to_dict()

        state = self.state.to_dict()

        status: str
        if isinstance(self.status, PlanStatus):
            status = self.status.value
        else:
            status = self.status

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        spec_reference: None | str | Unset
        if isinstance(self.spec_reference, Unset):
            spec_reference = UNSET
        else:
            spec_reference = self.spec_reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "deployment_id": deployment_id,
                "created_by_instance_id": created_by_instance_id,
                "goal": goal,
                "constraints": constraints,
                "state": state,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if spec_reference is not UNSET:
            field_dict["spec_reference"] = spec_reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_read_constraints import PlanReadConstraints  # noqa: PLC0415
        from ..models.plan_read_state import PlanReadState  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        deployment_id = UUID(d.pop("deployment_id"))

        created_by_instance_id = UUID(d.pop("created_by_instance_id"))

        goal = d.pop("goal")

        constraints = PlanReadConstraints.from_dict(d.pop("constraints"))

        state = PlanReadState.from_dict(d.pop("state"))

        def _parse_status(data: object) -> PlanStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = PlanStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(PlanStatus | str, data)

        status = _parse_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_spec_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        spec_reference = _parse_spec_reference(d.pop("spec_reference", UNSET))

        plan_read = cls(
            id=id,
            deployment_id=deployment_id,
            created_by_instance_id=created_by_instance_id,
            goal=goal,
            constraints=constraints,
            state=state,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            spec_reference=spec_reference,
        )

        plan_read.additional_properties = d
        return plan_read

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
