from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_definition_status import AgentDefinitionStatus
from ..models.execution_mode import ExecutionMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_definition_read_config import AgentDefinitionReadConfig


T = TypeVar("T", bound="AgentDefinitionRead")


@_attrs_define
class AgentDefinitionRead:
    """An agent definition as stored.

    Attributes:
        id (UUID): Server-assigned id.
        agent_class_id (UUID): Class it belongs to.
        name (str): Name.
        slug (str): URL-safe name derived from `name` by the server.
        status (AgentDefinitionStatus | str): Lifecycle status. A value this client does not know is kept as a plain
            string (see the API description).
        execution_mode (ExecutionMode | str): Execution mode. A value this client does not know is kept as a plain
            string (see the API description).
        config (AgentDefinitionReadConfig): Model settings.
        allow_outbound_a2a (bool): Whether the agent may call other agents.
        created_at (datetime.datetime): When it was created.
        updated_at (datetime.datetime): When it last changed.
        description (None | str | Unset): What this agent does.
        system_prompt_id (None | Unset | UUID): System prompt the agent runs with.
        structured_output_id (None | Unset | UUID): Schema the agent's structured output must follow.
        model_provider_id (None | Unset | UUID): Model provider that serves the model.
        model_name (None | str | Unset): Model to use, e.g. `gpt-4`.
    """

    id: UUID
    agent_class_id: UUID
    name: str
    slug: str
    status: AgentDefinitionStatus | str
    execution_mode: ExecutionMode | str
    config: AgentDefinitionReadConfig
    allow_outbound_a2a: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    description: None | str | Unset = UNSET
    system_prompt_id: None | Unset | UUID = UNSET
    structured_output_id: None | Unset | UUID = UNSET
    model_provider_id: None | Unset | UUID = UNSET
    model_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        agent_class_id = str(self.agent_class_id)

        name = self.name

        slug = self.slug

        status: str
        if isinstance(self.status, AgentDefinitionStatus):
            status = self.status.value
        else:
            status = self.status

        execution_mode: str
        if isinstance(self.execution_mode, ExecutionMode):
            execution_mode = self.execution_mode.value
        else:
            execution_mode = self.execution_mode

        config = self.config.to_dict()

        allow_outbound_a2a = self.allow_outbound_a2a

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        system_prompt_id: None | str | Unset
        if isinstance(self.system_prompt_id, Unset):
            system_prompt_id = UNSET
        elif isinstance(self.system_prompt_id, UUID):
            system_prompt_id = str(self.system_prompt_id)
        else:
            system_prompt_id = self.system_prompt_id

        structured_output_id: None | str | Unset
        if isinstance(self.structured_output_id, Unset):
            structured_output_id = UNSET
        elif isinstance(self.structured_output_id, UUID):
            structured_output_id = str(self.structured_output_id)
        else:
            structured_output_id = self.structured_output_id

        model_provider_id: None | str | Unset
        if isinstance(self.model_provider_id, Unset):
            model_provider_id = UNSET
        elif isinstance(self.model_provider_id, UUID):
            model_provider_id = str(self.model_provider_id)
        else:
            model_provider_id = self.model_provider_id

        model_name: None | str | Unset
        if isinstance(self.model_name, Unset):
            model_name = UNSET
        else:
            model_name = self.model_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "agent_class_id": agent_class_id,
                "name": name,
                "slug": slug,
                "status": status,
                "execution_mode": execution_mode,
                "config": config,
                "allow_outbound_a2a": allow_outbound_a2a,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if system_prompt_id is not UNSET:
            field_dict["system_prompt_id"] = system_prompt_id
        if structured_output_id is not UNSET:
            field_dict["structured_output_id"] = structured_output_id
        if model_provider_id is not UNSET:
            field_dict["model_provider_id"] = model_provider_id
        if model_name is not UNSET:
            field_dict["model_name"] = model_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_definition_read_config import AgentDefinitionReadConfig  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        agent_class_id = UUID(d.pop("agent_class_id"))

        name = d.pop("name")

        slug = d.pop("slug")

        def _parse_status(data: object) -> AgentDefinitionStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = AgentDefinitionStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentDefinitionStatus | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_execution_mode(data: object) -> ExecutionMode | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                execution_mode_type_0 = ExecutionMode(data)

                return execution_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExecutionMode | str, data)

        execution_mode = _parse_execution_mode(d.pop("execution_mode"))

        config = AgentDefinitionReadConfig.from_dict(d.pop("config"))

        allow_outbound_a2a = d.pop("allow_outbound_a2a")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_system_prompt_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                system_prompt_id_type_0 = UUID(data)

                return system_prompt_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        system_prompt_id = _parse_system_prompt_id(d.pop("system_prompt_id", UNSET))

        def _parse_structured_output_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                structured_output_id_type_0 = UUID(data)

                return structured_output_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        structured_output_id = _parse_structured_output_id(
            d.pop("structured_output_id", UNSET)
        )

        def _parse_model_provider_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                model_provider_id_type_0 = UUID(data)

                return model_provider_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        model_provider_id = _parse_model_provider_id(d.pop("model_provider_id", UNSET))

        def _parse_model_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_name = _parse_model_name(d.pop("model_name", UNSET))

        agent_definition_read = cls(
            id=id,
            agent_class_id=agent_class_id,
            name=name,
            slug=slug,
            status=status,
            execution_mode=execution_mode,
            config=config,
            allow_outbound_a2a=allow_outbound_a2a,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            system_prompt_id=system_prompt_id,
            structured_output_id=structured_output_id,
            model_provider_id=model_provider_id,
            model_name=model_name,
        )

        agent_definition_read.additional_properties = d
        return agent_definition_read

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
