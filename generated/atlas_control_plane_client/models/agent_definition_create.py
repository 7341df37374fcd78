from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.execution_mode import ExecutionMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_definition_create_config import AgentDefinitionCreateConfig


T = TypeVar("T", bound="AgentDefinitionCreate")


@_attrs_define
class AgentDefinitionCreate:
    """A new agent definition: a concrete, configured agent of a class.

    Attributes:
        agent_class_id (UUID): Class this definition belongs to.
        name (str): Human-readable name; must not be empty.
        description (None | str | Unset): What this agent does.
        system_prompt_id (None | Unset | UUID): System prompt the agent runs with.
        structured_output_id (None | Unset | UUID): Schema the agent's structured output must follow.
        model_provider_id (None | Unset | UUID): Model provider that serves the model.
        model_name (None | str | Unset): Model to use, e.g. `gpt-4`.
        execution_mode (ExecutionMode | Unset): How instances of a definition keep state: `stateful` keeps state between
            calls, `ephemeral` starts fresh. Default: ExecutionMode.EPHEMERAL.
        config (AgentDefinitionCreateConfig | Unset): Free-form model settings, e.g. `{"temperature": 0.2}`.
        allow_outbound_a2a (bool | Unset): Whether the agent may call other agents. Default: False.
        tool_ids (list[UUID] | Unset): Tools attached at creation.
    """

    agent_class_id: UUID
    name: str
    description: None | str | Unset = UNSET
    system_prompt_id: None | Unset | UUID = UNSET
    structured_output_id: None | Unset | UUID = UNSET
    model_provider_id: None | Unset | UUID = UNSET
    model_name: None | str | Unset = UNSET
    execution_mode: ExecutionMode | Unset = ExecutionMode.EPHEMERAL
    config: AgentDefinitionCreateConfig | Unset = UNSET
    allow_outbound_a2a: bool | Unset = False
    tool_ids: list[UUID] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agent_class_id = str(self.agent_class_id)

        name = self.name

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

        execution_mode: str | Unset = UNSET
        if not isinstance(self.execution_mode, Unset):
            execution_mode = self.execution_mode.value

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        allow_outbound_a2a = self.allow_outbound_a2a

        tool_ids: list[str] | Unset = UNSET
        if not isinstance(self.tool_ids, Unset):
            tool_ids = []
            for tool_ids_item_data in self.tool_ids:
                tool_ids_item = str(tool_ids_item_data)
                tool_ids.append(tool_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agent_class_id": agent_class_id,
                "name": name,
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
        if execution_mode is not UNSET:
            field_dict["execution_mode"] = execution_mode
        if config is not UNSET:
            field_dict["config"] = config
        if allow_outbound_a2a is not UNSET:
            field_dict["allow_outbound_a2a"] = allow_outbound_a2a
        if tool_ids is not UNSET:
            field_dict["tool_ids"] = tool_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_definition_create_config import AgentDefinitionCreateConfig  # noqa: PLC0415

        d = dict(src_dict)
        agent_class_id = UUID(d.pop("agent_class_id"))

        name = d.pop("name")

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

        _execution_mode = d.pop("execution_mode", UNSET)
        execution_mode: ExecutionMode | Unset
        if isinstance(_execution_mode, Unset):
            execution_mode = UNSET
        else:
            execution_mode = ExecutionMode(_execution_mode)

        _config = d.pop("config", UNSET)
        config: AgentDefinitionCreateConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = AgentDefinitionCreateConfig.from_dict(_config)

        allow_outbound_a2a = d.pop("allow_outbound_a2a", UNSET)

        _tool_ids = d.pop("tool_ids", UNSET)
        tool_ids: list[UUID] | Unset = UNSET
        if _tool_ids is not UNSET:
            tool_ids = []
            for tool_ids_item_data in _tool_ids:
                tool_ids_item = UUID(tool_ids_item_data)

                tool_ids.append(tool_ids_item)

        agent_definition_create = cls(
            agent_class_id=agent_class_id,
            name=name,
            description=description,
            system_prompt_id=system_prompt_id,
            structured_output_id=structured_output_id,
            model_provider_id=model_provider_id,
            model_name=model_name,
            execution_mode=execution_mode,
            config=config,
            allow_outbound_a2a=allow_outbound_a2a,
            tool_ids=tool_ids,
        )

        return agent_definition_create
