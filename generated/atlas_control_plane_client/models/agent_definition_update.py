from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.agent_definition_status import AgentDefinitionStatus
from ..models.execution_mode import ExecutionMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_definition_update_config_type_0 import (
        AgentDefinitionUpdateConfigType0,
    )


T = TypeVar("T", bound="AgentDefinitionUpdate")


@_attrs_define
class AgentDefinitionUpdate:
    """Partial update of an agent definition: only the fields sent change. Tools are added with `add_tools_to_definition`.

    Attributes:
        name (None | str | Unset): New name; must not be empty.
        status (AgentDefinitionStatus | None | Unset): New lifecycle status, e.g. `published`.
        description (None | str | Unset): What this agent does.
        system_prompt_id (None | Unset | UUID): System prompt the agent runs with.
        structured_output_id (None | Unset | UUID): Schema the agent's structured output must follow.
        model_provider_id (None | Unset | UUID): Model provider that serves the model.
        model_name (None | str | Unset): Model to use, e.g. `gpt-4`.
        execution_mode (ExecutionMode | None | Unset): New execution mode.
        config (AgentDefinitionUpdateConfigType0 | None | Unset): Replaces the model settings.
        allow_outbound_a2a (bool | None | Unset): Whether the agent may call other agents.
    """

    name: None | str | Unset = UNSET
    status: AgentDefinitionStatus | None | Unset = UNSET
    description: None | str | Unset = UNSET
    system_prompt_id: None | Unset | UUID = UNSET
    structured_output_id: None | Unset | UUID = UNSET
    model_provider_id: None | Unset | UUID = UNSET
    model_name: None | str | Unset = UNSET
    execution_mode: ExecutionMode | None | Unset = UNSET
    config: AgentDefinitionUpdateConfigType0 | None | Unset = UNSET
    allow_outbound_a2a: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_definition_update_config_type_0 import (
            AgentDefinitionUpdateConfigType0,  # noqa: PLC0415
        )

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, AgentDefinitionStatus):
            status = self.status.value
        else:
            status = self.status

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

        execution_mode: None | str | Unset
        if isinstance(self.execution_mode, Unset):
            execution_mode = UNSET
        elif isinstance(self.execution_mode, ExecutionMode):
            execution_mode = self.execution_mode.value
        else:
            execution_mode = self.execution_mode

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, AgentDefinitionUpdateConfigType0):
            config = self.config.to_dict()
        else:
            config = self.config

        allow_outbound_a2a: bool | None | Unset
        if isinstance(self.allow_outbound_a2a, Unset):
            allow_outbound_a2a = UNSET
        else:
            allow_outbound_a2a = self.allow_outbound_a2a

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
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
        if execution_mode is not UNSET:
            field_dict["execution_mode"] = execution_mode
        if config is not UNSET:
            field_dict["config"] = config
        if allow_outbound_a2a is not UNSET:
            field_dict["allow_outbound_a2a"] = allow_outbound_a2a

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_definition_update_config_type_0 import (
            AgentDefinitionUpdateConfigType0,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_status(data: object) -> AgentDefinitionStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = AgentDefinitionStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentDefinitionStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

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

        def _parse_execution_mode(data: object) -> ExecutionMode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                execution_mode_type_0 = ExecutionMode(data)

                return execution_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExecutionMode | None | Unset, data)

        execution_mode = _parse_execution_mode(d.pop("execution_mode", UNSET))

        def _parse_config(
            data: object,
        ) -> AgentDefinitionUpdateConfigType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = AgentDefinitionUpdateConfigType0.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentDefinitionUpdateConfigType0 | None | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

        def _parse_allow_outbound_a2a(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        allow_outbound_a2a = _parse_allow_outbound_a2a(
            d.pop("allow_outbound_a2a", UNSET)
        )

        agent_definition_update = cls(
            name=name,
            status=status,
            description=description,
            system_prompt_id=system_prompt_id,
            structured_output_id=structured_output_id,
            model_provider_id=model_provider_id,
            model_name=model_name,
            execution_mode=execution_mode,
            config=config,
            allow_outbound_a2a=allow_outbound_a2a,
        )

        return agent_definition_update
