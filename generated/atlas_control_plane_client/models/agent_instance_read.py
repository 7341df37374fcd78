from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_instance_status import AgentInstanceStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_instance_read_input import AgentInstanceReadInput
    from ..models.agent_instance_read_metrics import AgentInstanceReadMetrics
    from ..models.agent_instance_read_output_type_0 import AgentInstanceReadOutputType0


T = TypeVar("T", bound="AgentInstanceRead")


@_attrs_define
class AgentInstanceRead:
    """A running (or finished) agent of a deployment. Instances are created by the Dispatch service.

    Attributes:
        id (UUID): Server-assigned id.
        deployment_id (UUID): Deployment it belongs to.
        agent_definition_id (UUID): Definition it runs.
        routing_key (str): Key that routes work to it.
        status (AgentInstanceStatus | str): Lifecycle status. A value this client does not know is kept as a plain
            string (see the API description).
        input_ (AgentInstanceReadInput): Input it was started with.
        metrics (AgentInstanceReadMetrics): Runtime metrics.
        created_at (datetime.datetime): When it was created.
        output (AgentInstanceReadOutputType0 | None | Unset): Output, once finished.
        error (None | str | Unset): Error, if it failed.
        exit_code (int | None | Unset): Exit code, once finished.
        started_at (datetime.datetime | None | Unset): When it started.
        completed_at (datetime.datetime | None | Unset): When it finished.
    """

    id: UUID
    deployment_id: UUID
    agent_definition_id: UUID
    routing_key: str
    status: AgentInstanceStatus | str
    input_: AgentInstanceReadInput
    metrics: AgentInstanceReadMetrics
    created_at: datetime.datetime
    output: AgentInstanceReadOutputType0 | None | Unset = UNSET
    error: None | str | Unset = UNSET
    exit_code: int | None | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_instance_read_output_type_0 import (
            AgentInstanceReadOutputType0,  # noqa: PLC0415
        )

        id = str(self.id)

        deployment_id = str(self.deployment_id)

        agent_definition_id = str(self.agent_definition_id)

        routing_key = self.routing_key

        status: str
        if isinstance(self.status, AgentInstanceStatus):
            status = self.status.value
        else:
            status = self.status

        input_ = self.input_.to_dict()

        metrics = self.metrics.to_dict()

        created_at = self.created_at.isoformat()

        output: dict[str, Any] | None | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        elif isinstance(self.output, AgentInstanceReadOutputType0):
            output = self.output.to_dict()
        else:
            output = self.output

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        exit_code: int | None | Unset
        if isinstance(self.exit_code, Unset):
            exit_code = UNSET
        else:
            exit_code = self.exit_code

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "deployment_id": deployment_id,
                "agent_definition_id": agent_definition_id,
                "routing_key": routing_key,
                "status": status,
                "input": input_,
                "metrics": metrics,
                "created_at": created_at,
            }
        )
        if output is not UNSET:
            field_dict["output"] = output
        if error is not UNSET:
            field_dict["error"] = error
        if exit_code is not UNSET:
            field_dict["exit_code"] = exit_code
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_instance_read_input import AgentInstanceReadInput  # noqa: PLC0415
        from ..models.agent_instance_read_metrics import AgentInstanceReadMetrics  # noqa: PLC0415
        from ..models.agent_instance_read_output_type_0 import (
            AgentInstanceReadOutputType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        deployment_id = UUID(d.pop("deployment_id"))

        agent_definition_id = UUID(d.pop("agent_definition_id"))

        routing_key = d.pop("routing_key")

        def _parse_status(data: object) -> AgentInstanceStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = AgentInstanceStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentInstanceStatus | str, data)

        status = _parse_status(d.pop("status"))

        input_ = AgentInstanceReadInput.from_dict(d.pop("input"))

        metrics = AgentInstanceReadMetrics.from_dict(d.pop("metrics"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_output(data: object) -> AgentInstanceReadOutputType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                output_type_0 = AgentInstanceReadOutputType0.from_dict(data)

                return output_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentInstanceReadOutputType0 | None | Unset, data)

        output = _parse_output(d.pop("output", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_exit_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exit_code = _parse_exit_code(d.pop("exit_code", UNSET))

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        agent_instance_read = cls(
            id=id,
            deployment_id=deployment_id,
            agent_definition_id=agent_definition_id,
            routing_key=routing_key,
            status=status,
            input_=input_,
            metrics=metrics,
            created_at=created_at,
            output=output,
            error=error,
            exit_code=exit_code,
            started_at=started_at,
            completed_at=completed_at,
        )

        agent_instance_read.additional_properties = d
        return agent_instance_read

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
