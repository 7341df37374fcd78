from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.plan_task_status import PlanTaskStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_task_read_enriched_meta import PlanTaskReadEnrichedMeta


T = TypeVar("T", bound="PlanTaskReadEnriched")


@_attrs_define
class PlanTaskReadEnriched:
    """A plan task with its assignee's name and slug resolved.

    Attributes:
        id (UUID): Server-assigned id.
        plan_id (UUID): Plan the task belongs to.
        sequence (int): Order in the plan.
        description (str): What to do.
        validation (str): How to tell it was done.
        status (PlanTaskStatus | str): Lifecycle status. A value this client does not know is kept as a plain string
            (see the API description).
        meta (PlanTaskReadEnrichedMeta): Metadata.
        created_at (datetime.datetime): When it was created.
        updated_at (datetime.datetime): When it last changed.
        assignee_agent_definition_id (None | Unset | UUID): Agent definition assigned.
        result (None | str | Unset): Outcome, or the error when it failed.
        assignee_agent_slug (None | str | Unset): Slug of the assigned definition.
        assignee_agent_name (None | str | Unset): Name of the assigned definition.
    """

    id: UUID
    plan_id: UUID
    sequence: int
    description: str
    validation: str
    status: PlanTaskStatus | str
    meta: PlanTaskReadEnrichedMeta
    created_at: datetime.datetime
    updated_at: datetime.datetime
    assignee_agent_definition_id: None | Unset | UUID = UNSET
    result: None | str | Unset = UNSET
    assignee_agent_slug: None | str | Unset = UNSET
    assignee_agent_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        plan_id = str(self.plan_id)

        sequence = self.sequence

        description = self.description

        validation = self.validation

        status: str
        if isinstance(self.status, PlanTaskStatus):
            status = self.status.value
        else:
            status = self.status

        meta = self.meta.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        assignee_agent_definition_id: None | str | Unset
        if isinstance(self.assignee_agent_definition_id, Unset):
            assignee_agent_definition_id = UNSET
        elif isinstance(self.assignee_agent_definition_id, UUID):
            assignee_agent_definition_id = str(self.assignee_agent_definition_id)
        else:
            assignee_agent_definition_id = self.assignee_agent_definition_id

        result: None | str | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        else:
            result = self.result

        assignee_agent_slug: None | str | Unset
        if isinstance(self.assignee_agent_slug, Unset):
            assignee_agent_slug = UNSET
        else:
            assignee_agent_slug = self.assignee_agent_slug

        assignee_agent_name: None | str | Unset
        if isinstance(self.assignee_agent_name, Unset):
            assignee_agent_name = UNSET
        else:
            assignee_agent_name = self.assignee_agent_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "plan_id": plan_id,
                "sequence": sequence,
                "description": description,
                "validation": validation,
                "status": status,
                "meta": meta,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if assignee_agent_definition_id is not UNSET:
            field_dict["assignee_agent_definition_id"] = assignee_agent_definition_id
        if result is not UNSET:
            field_dict["result"] = result
        if assignee_agent_slug is not UNSET:
            field_dict["assignee_agent_slug"] = assignee_agent_slug
        if assignee_agent_name is not UNSET:
            field_dict["assignee_agent_name"] = assignee_agent_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_task_read_enriched_meta import PlanTaskReadEnrichedMeta  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        plan_id = UUID(d.pop("plan_id"))

        sequence = d.pop("sequence")

        description = d.pop("description")

        validation = d.pop("validation")

        def _parse_status(data: object) -> PlanTaskStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = PlanTaskStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(PlanTaskStatus | str, data)

        status = _parse_status(d.pop("status"))

        meta = PlanTaskReadEnrichedMeta.from_dict(d.pop("meta"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_assignee_agent_definition_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignee_agent_definition_id_type_0 = UUID(data)

                return assignee_agent_definition_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        assignee_agent_definition_id = _parse_assignee_agent_definition_id(
            d.pop("assignee_agent_definition_id", UNSET)
        )

        def _parse_result(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        def _parse_assignee_agent_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee_agent_slug = _parse_assignee_agent_slug(
            d.pop("assignee_agent_slug", UNSET)
        )

        def _parse_assignee_agent_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee_agent_name = _parse_assignee_agent_name(
            d.pop("assignee_agent_name", UNSET)
        )

        plan_task_read_enriched = cls(
            id=id,
            plan_id=plan_id,
            sequence=sequence,
            description=description,
            validation=validation,
            status=status,
            meta=meta,
            created_at=created_at,
            updated_at=updated_at,
            assignee_agent_definition_id=assignee_agent_definition_id,
            result=result,
            assignee_agent_slug=assignee_agent_slug,
            assignee_agent_name=assignee_agent_name,
        )

        plan_task_read_enriched.additional_properties = d
        return plan_task_read_enriched

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
