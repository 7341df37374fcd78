from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_create_config import DeploymentCreateConfig
    from ..models.deployment_create_project_context import (
        DeploymentCreateProjectContext,
    )


T = TypeVar("T", bound="DeploymentCreate")


@_attrs_define
class DeploymentCreate:
    """A new deployment of an agent definition.

    Attributes:
        agent_definition_id (UUID): The definition to deploy.
        name (str): Human-readable name; must not be empty.
        blueprint_id (None | Unset | UUID): Blueprint to deploy with.
        description (None | str | Unset): Description.
        spec_md_path (None | str | Unset): Path of the deployment's spec document.
        environment (str | Unset): Target environment (free text); `production` when omitted. Default: 'production'.
        config (DeploymentCreateConfig | Unset): Deployment settings.
        project_context (DeploymentCreateProjectContext | Unset): Context about the project the agents work on.
    """

    agent_definition_id: UUID
    name: str
    blueprint_id: None | Unset | UUID = UNSET
    description: None | str | Unset = UNSET
    spec_md_path: None | str | Unset = UNSET
    environment: str | Unset = "production"
    config: DeploymentCreateConfig | Unset = UNSET
    project_context: DeploymentCreateProjectContext | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agent_definition_id = str(self.agent_definition_id)

        name = self.name

        blueprint_id: None | str | Unset
        if isinstance(self.blueprint_id, Unset):
            blueprint_id = UNSET
        elif isinstance(self.blueprint_id, UUID):
            blueprint_id = str(self.blueprint_id)
        else:
            blueprint_id = self.blueprint_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        spec_md_path: None | str | Unset
        if isinstance(self.spec_md_path, Unset):
            spec_md_path = UNSET
        else:
            spec_md_path = self.spec_md_path

        environment = self.environment

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        project_context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.project_context, Unset):
            project_context = self.project_context.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agent_definition_id": agent_definition_id,
                "name": name,
            }
        )
        if blueprint_id is not UNSET:
            field_dict["blueprint_id"] = blueprint_id
        if description is not UNSET:
            field_dict["description"] = description
        if spec_md_path is not UNSET:
            field_dict["spec_md_path"] = spec_md_path
        if environment is not UNSET:
            field_dict["environment"] = environment
        if config is not UNSET:
            field_dict["config"] = config
        if project_context is not UNSET:
            field_dict["project_context"] = project_context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deployment_create_config import DeploymentCreateConfig  # noqa: PLC0415
        from ..models.deployment_create_project_context import (
            DeploymentCreateProjectContext,  # noqa: PLC0415
        )

        d = dict(src_dict)
        agent_definition_id = UUID(d.pop("agent_definition_id"))

        name = d.pop("name")

        def _parse_blueprint_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                blueprint_id_type_0 = UUID(data)

                return blueprint_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        blueprint_id = _parse_blueprint_id(d.pop("blueprint_id", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_spec_md_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        spec_md_path = _parse_spec_md_path(d.pop("spec_md_path", UNSET))

        environment = d.pop("environment", UNSET)

        _config = d.pop("config", UNSET)
        config: DeploymentCreateConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = DeploymentCreateConfig.from_dict(_config)

        _project_context = d.pop("project_context", UNSET)
        project_context: DeploymentCreateProjectContext | Unset
        if isinstance(_project_context, Unset):
            project_context = UNSET
        else:
            project_context = DeploymentCreateProjectContext.from_dict(_project_context)

        deployment_create = cls(
            agent_definition_id=agent_definition_id,
            name=name,
            blueprint_id=blueprint_id,
            description=description,
            spec_md_path=spec_md_path,
            environment=environment,
            config=config,
            project_context=project_context,
        )

        return deployment_create
