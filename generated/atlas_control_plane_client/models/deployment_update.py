from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.deployment_status import DeploymentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_update_config_type_0 import DeploymentUpdateConfigType0
    from ..models.deployment_update_project_context_type_0 import (
        DeploymentUpdateProjectContextType0,
    )


T = TypeVar("T", bound="DeploymentUpdate")


@_attrs_define
class DeploymentUpdate:
    """Partial update of a deployment.

    Attributes:
        name (None | str | Unset): New name.
        description (None | str | Unset): Description.
        spec_md_path (None | str | Unset): Path of the deployment's spec document.
        environment (None | str | Unset): New environment.
        status (DeploymentStatus | None | Unset): New lifecycle status.
        config (DeploymentUpdateConfigType0 | None | Unset): Replaces the settings.
        project_context (DeploymentUpdateProjectContextType0 | None | Unset): Replaces the project context.
    """

    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    spec_md_path: None | str | Unset = UNSET
    environment: None | str | Unset = UNSET
    status: DeploymentStatus | None | Unset = UNSET
    config: DeploymentUpdateConfigType0 | None | Unset = UNSET
    project_context: DeploymentUpdateProjectContextType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.deployment_update_config_type_0 import DeploymentUpdateConfigType0  # noqa: PLC0415
        from ..models.deployment_update_project_context_type_0 import (
            DeploymentUpdateProjectContextType0,  # noqa: PLC0415
        )

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

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

        environment: None | str | Unset
        if isinstance(self.environment, Unset):
            environment = UNSET
        else:
            environment = self.environment

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, DeploymentStatus):
            status = self.status.value
        else:
            status = self.status

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, DeploymentUpdateConfigType0):
            config = self.config.to_dict()
        else:
            config = self.config

        project_context: dict[str, Any] | None | Unset
        if isinstance(self.project_context, Unset):
            project_context = UNSET
        elif isinstance(self.project_context, DeploymentUpdateProjectContextType0):
            project_context = self.project_context.to_dict()
        else:
            project_context = self.project_context

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if spec_md_path is not UNSET:
            field_dict["spec_md_path"] = spec_md_path
        if environment is not UNSET:
            field_dict["environment"] = environment
        if status is not UNSET:
            field_dict["status"] = status
        if config is not UNSET:
            field_dict["config"] = config
        if project_context is not UNSET:
            field_dict["project_context"] = project_context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deployment_update_config_type_0 import DeploymentUpdateConfigType0  # noqa: PLC0415
        from ..models.deployment_update_project_context_type_0 import (
            DeploymentUpdateProjectContextType0,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

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

        def _parse_environment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        environment = _parse_environment(d.pop("environment", UNSET))

        def _parse_status(data: object) -> DeploymentStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = DeploymentStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeploymentStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_config(data: object) -> DeploymentUpdateConfigType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = DeploymentUpdateConfigType0.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeploymentUpdateConfigType0 | None | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

        def _parse_project_context(
            data: object,
        ) -> DeploymentUpdateProjectContextType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                project_context_type_0 = DeploymentUpdateProjectContextType0.from_dict(
                    data
                )

                return project_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeploymentUpdateProjectContextType0 | None | Unset, data)

        project_context = _parse_project_context(d.pop("project_context", UNSET))

        deployment_update = cls(
            name=name,
            description=description,
            spec_md_path=spec_md_path,
            environment=environment,
            status=status,
            config=config,
            project_context=project_context,
        )

        return deployment_update
