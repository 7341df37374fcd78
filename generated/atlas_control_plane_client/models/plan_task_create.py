from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_task_create_meta import PlanTaskCreateMeta


T = TypeVar("T", bound="PlanTaskCreate")


@_attrs_define
class PlanTaskCreate:
    """A task to add to a plan.

    Attributes:
        description (str): What to do.
        validation (str): How to tell it was done.
        sequence (int | Unset): Order of the task in the plan. Default: 0.
        assignee_agent_definition_id (None | Unset | UUID): Agent definition that should do it.
        meta (PlanTaskCreateMeta | Unset): Free-form metadata.
    """

    description: str
    validation: str
    sequence: int | Unset = 0
    assignee_agent_definition_id: None | Unset | UUID = UNSET
    meta: PlanTaskCreateMeta | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        validation = self.validation

        sequence = self.sequence

        assignee_agent_definition_id: None | str | Unset
        if isinstance(self.assignee_agent_definition_id, Unset):
            assignee_agent_definition_id = UNSET
        elif isinstance(self.assignee_agent_definition_id, UUID):
            assignee_agent_definition_id = str(self.assignee_agent_definition_id)
        else:
            assignee_agent_definition_id = self.assignee_agent_definition_id

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "validation": validation,
            }
        )
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if assignee_agent_definition_id is not UNSET:
            field_dict["assignee_agent_definition_id"] = assignee_agent_definition_id
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_task_create_meta import PlanTaskCreateMeta  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        validation = d.pop("validation")

        sequence = d.pop("sequence", UNSET)

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

        _meta = d.pop("meta", UNSET)
        meta: PlanTaskCreateMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = PlanTaskCreateMeta.from_dict(_meta)

        plan_task_create = cls(
            description=description,
            validation=validation,
            sequence=sequence,
            assignee_agent_definition_id=assignee_agent_definition_id,
            meta=meta,
        )

        return plan_task_create
