from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_definition_status import AgentDefinitionStatus
from ..models.execution_mode import ExecutionMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_definition_config_config import AgentDefinitionConfigConfig
    from ..models.agent_definition_config_structured_output_schema_type_0 import (
        AgentDefinitionConfigStructuredOutputSchemaType0,
    )
    from ..models.agent_definition_config_tools_item import (
        AgentDefinitionConfigToolsItem,
    )


T = TypeVar("T", bound="AgentDefinitionConfig")


@_attrs_define
class AgentDefinitionConfig:
    """Everything an agent runtime needs to start the agent, with the system prompt resolved to its content.

    Attributes:
        id (UUID): Definition id.
        name (str): Name.
        slug (str): Slug.
        status (AgentDefinitionStatus | str): Lifecycle status. A value this client does not know is kept as a plain
            string (see the API description).
        execution_mode (ExecutionMode | str): Execution mode. A value this client does not know is kept as a plain
            string (see the API description).
        config (AgentDefinitionConfigConfig): Model settings.
        description (None | str | Unset): Description.
        model_name (None | str | Unset): Model to use.
        system_prompt (None | str | Unset): Content of the system prompt, resolved.
        structured_output_schema (AgentDefinitionConfigStructuredOutputSchemaType0 | None | Unset): JSON Schema of the
            structured output.
        tools (list[AgentDefinitionConfigToolsItem] | Unset): Tools the agent may call.
    """

    id: UUID
    name: str
    slug: str
    status: AgentDefinitionStatus | str
    execution_mode: ExecutionMode | str
    config: AgentDefinitionConfigConfig
    description: None | str | Unset = UNSET
    model_name: None | str | Unset = UNSET
    system_prompt: None | str | Unset = UNSET
    structured_output_schema: (
        AgentDefinitionConfigStructuredOutputSchemaType0 | None | Unset
    ) = UNSET
    tools: list[AgentDefinitionConfigToolsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_definition_config_structured_output_schema_type_0 import (
            AgentDefinitionConfigStructuredOutputSchemaType0,  # noqa: PLC0415
        )

        id = str(self.id)

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

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        model_name: None | str | Unset
        if isinstance(self.model_name, Unset):
            model_name = UNSET
        else:
            model_name = self.model_name

        system_prompt: None | str | Unset
        if isinstance(self.system_prompt, Unset):
            system_prompt = UNSET
        else:
            system_prompt = self.system_prompt

        structured_output_schema: dict[str, Any] | None | Unset
        if isinstance(self.structured_output_schema, Unset):
            structured_output_schema = UNSET
        elif isinstance(
            self.structured_output_schema,
            AgentDefinitionConfigStructuredOutputSchemaType0,
        ):
            structured_output_schema = self.structured_output_schema.to_dict()
        else:
            structured_output_schema = self.structured_output_schema

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "slug": slug,
                "status": status,
                "execution_mode": execution_mode,
                "config": config,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if model_name is not UNSET:
            field_dict["model_name"] = model_name
        if system_prompt is not UNSET:
            field_dict["system_prompt"] = system_prompt
        if structured_output_schema is not UNSET:
            field_dict["structured_output_schema"] = structured_output_schema
        if tools is not UNSET:
            field_dict["tools"] = tools

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_definition_config_config import AgentDefinitionConfigConfig  # noqa: PLC0415
        from ..models.agent_definition_config_structured_output_schema_type_0 import (
            AgentDefinitionConfigStructuredOutputSchemaType0,  # noqa: PLC0415
        )
        from ..models.agent_definition_config_tools_item import (
            AgentDefinitionConfigToolsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        id = UUID(d.pop("id"))

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

        config = AgentDefinitionConfigConfig.from_dict(d.pop("config"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_model_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_name = _parse_model_name(d.pop("model_name", UNSET))

        def _parse_system_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        system_prompt = _parse_system_prompt(d.pop("system_prompt", UNSET))

        def _parse_structured_output_schema(
            data: object,
        ) -> AgentDefinitionConfigStructuredOutputSchemaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                structured_output_schema_type_0 = (
                    AgentDefinitionConfigStructuredOutputSchemaType0.from_dict(data)
                )

                return structured_output_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                AgentDefinitionConfigStructuredOutputSchemaType0 | None | Unset, data
            )

        structured_output_schema = _parse_structured_output_schema(
            d.pop("structured_output_schema", UNSET)
        )

        _tools = d.pop("tools", UNSET)
        tools: list[AgentDefinitionConfigToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = AgentDefinitionConfigToolsItem.from_dict(tools_item_data)

                tools.append(tools_item)

        agent_definition_config = cls(
            id=id,
            name=name,
            slug=slug,
            status=status,
            execution_mode=execution_mode,
            config=config,
            description=description,
            model_name=model_name,
            system_prompt=system_prompt,
            structured_output_schema=structured_output_schema,
            tools=tools,
        )

        agent_definition_config.additional_properties = d
        return agent_definition_config

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
