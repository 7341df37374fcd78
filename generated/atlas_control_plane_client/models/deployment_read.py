from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deployment_status import DeploymentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_read_config import DeploymentReadConfig
    from ..models.deployment_read_project_context import DeploymentReadProjectContext


T = TypeVar("T", bound="DeploymentRead")


@_attrs_define
class DeploymentRead:
    """A deployment as stored. New deployments start `spawning` and become `active`.

    Attributes:
        id (UUID): Server-assigned id.
        agent_definition_id (UUID): The deployed definition.
        name (str): Name.
        environment (str): Environment.
        status (DeploymentStatus | str): Lifecycle status. A value this client does not know is kept as a plain string
            (see the API description).
        config (DeploymentReadConfig): Deployment settings.
        project_context (DeploymentReadProjectContext): Project context.
        created_at (datetime.datetime): When it was created.
        updated_at (datetime.datetime): When it last changed.
        blueprint_id (None | Unset | UUID): Blueprint used.
        description (None | str | Unset): Description.
        spec_md_path (None | str | Unset): Path of the deployment's spec document.
    """

    id: UUID
    agent_definition_id: UUID
    name: str
    environment: str
    status: DeploymentStatus | str
    config: DeploymentReadConfig
    project_context: DeploymentReadProjectContext
    created_at: datetime.datetime
    updated_at: datetime.datetime
    blueprint_id: None | Unset | UUID = UNSET
    description: None | str | Unset = UNSET
    spec_md_path: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        agent_definition_id = str(self.agent_definition_id)

        name = self.name

        environment = self.environment

        status: str
        if isinstance(self.status, DeploymentStatus):
            status = self.status.value
        else:
            status = self.status

        config = self.config.to_dict()

        project_context = self.project_context.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "agent_definition_id": agent_definition_id,
                "name": name,
                "environment": environment,
                "status": status,
                "config": config,
                "project_context": project_context,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if blueprint_id is not UNSET:
            field_dict["blueprint_id"] = blueprint_id
        if description is not UNSET:
            field_dict["description"] = description
        if spec_md_path is not UNSET:
            field_dict["spec_md_path"] = spec_md_path

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deployment_read_config import DeploymentReadConfig  # noqa: PLC0415
        from ..models.deployment_read_project_context import (
            DeploymentReadProjectContext,  # noqa: PLC0415
        )

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        agent_definition_id = UUID(d.pop("agent_definition_id"))

        name = d.pop("name")

        environment = d.pop("environment")

        def _parse_status(data: object) -> DeploymentStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = DeploymentStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeploymentStatus | str, data)

        status = _parse_status(d.pop("status"))

        config = DeploymentReadConfig.from_dict(d.pop("config"))

        project_context = DeploymentReadProjectContext.from_dict(
            d.pop("project_context")
        )

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

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

        deployment_read = cls(
            id=id,
            agent_definition_id=agent_definition_id,
            name=name,
            environment=environment,
            status=status,
            config=config,
            project_context=project_context,
            created_at=created_at,
            updated_at=updated_at,
            blueprint_id=blueprint_id,
            description=description,
            spec_md_path=spec_md_path,
        )

        deployment_read.additional_properties = d
        return deployment_read

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
