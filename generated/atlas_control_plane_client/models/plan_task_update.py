from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.plan_task_status import PlanTaskStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_task_update_meta_type_0 import PlanTaskUpdateMetaType0


T = TypeVar("T", bound="PlanTaskUpdate")


@_attrs_define
class PlanTaskUpdate:
    """Partial update of a task, e.g. its status and result.

    Attributes:
        sequence (int | None | Unset): New position.
        description (None | str | Unset): New description.
        validation (None | str | Unset): New validation.
        assignee_agent_definition_id (None | Unset | UUID): New assignee.
        status (None | PlanTaskStatus | Unset): New status, e.g. `COMPLETED`.
        result (None | str | Unset): Outcome.
        meta (None | PlanTaskUpdateMetaType0 | Unset): Replaces the metadata.
    """

    sequence: int | None | Unset = UNSET
    description: None | str | Unset = UNSET
    validation: None | str | Unset = UNSET
    assignee_agent_definition_id: None | Unset | UUID = UNSET
    status: None | PlanTaskStatus | Unset = UNSET
    result: None | str | Unset = UNSET
    meta: None | PlanTaskUpdateMetaType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_task_update_meta_type_0 import PlanTaskUpdateMetaType0  # noqa: PLC0415

        sequence: int | None | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        else:
            sequence = self.sequence

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        validation: None | str | Unset
        if isinstance(self.validation, Unset):
            validation = UNSET
        else:
            validation = self.validation

        assignee_agent_definition_id: None | str | Unset
        if isinstance(self.assignee_agent_definition_id, Unset):
            assignee_agent_definition_id = UNSET
        elif isinstance(self.assignee_agent_definition_id, UUID):
            assignee_agent_definition_id = str(self.assignee_agent_definition_id)
        else:
            assignee_agent_definition_id = self.assignee_agent_definition_id

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, PlanTaskStatus):
            status = self.status.value
        else:
            status = self.status

        result: None | str | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        else:
            result = self.result

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, PlanTaskUpdateMetaType0):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if description is not UNSET:
            field_dict["description"] = description
        if validation is not UNSET:
            field_dict["validation"] = validation
        if assignee_agent_definition_id is not UNSET:
            field_dict["assignee_agent_definition_id"] = assignee_agent_definition_id
        if status is not UNSET:
            field_dict["status"] = status
        if result is not UNSET:
            field_dict["result"] = result
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_task_update_meta_type_0 import PlanTaskUpdateMetaType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_sequence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_validation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        validation = _parse_validation(d.pop("validation", UNSET))

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

        def _parse_status(data: object) -> None | PlanTaskStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = PlanTaskStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanTaskStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_result(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        def _parse_meta(data: object) -> None | PlanTaskUpdateMetaType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = PlanTaskUpdateMetaType0.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanTaskUpdateMetaType0 | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

        plan_task_update = cls(
            sequence=sequence,
            description=description,
            validation=validation,
            assignee_agent_definition_id=assignee_agent_definition_id,
            status=status,
            result=result,
            meta=meta,
        )

        return plan_task_update
