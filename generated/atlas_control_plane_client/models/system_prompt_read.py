from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.system_prompt_status import SystemPromptStatus
from ..models.system_prompt_storage_type import SystemPromptStorageType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.system_prompt_read_meta_type_0 import SystemPromptReadMetaType0


T = TypeVar("T", bound="SystemPromptRead")


@_attrs_define
class SystemPromptRead:
    """A system prompt as stored.

    Attributes:
        id (UUID): Server-assigned id.
        name (str): Name.
        status (str | SystemPromptStatus): Lifecycle status. A value this client does not know is kept as a plain string
            (see the API description).
        content (str): The prompt text.
        content_storage_type (str | SystemPromptStorageType): Where the content lives. A value this client does not know
            is kept as a plain string (see the API description).
        created_at (datetime.datetime): When it was created.
        updated_at (datetime.datetime): When it last changed.
        agent_class_id (None | Unset | UUID): Agent class the prompt is written for.
        description (None | str | Unset): Description.
        meta (None | SystemPromptReadMetaType0 | Unset): Free-form metadata.
    """

    id: UUID
    name: str
    status: str | SystemPromptStatus
    content: str
    content_storage_type: str | SystemPromptStorageType
    created_at: datetime.datetime
    updated_at: datetime.datetime
    agent_class_id: None | Unset | UUID = UNSET
    description: None | str | Unset = UNSET
    meta: None | SystemPromptReadMetaType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.system_prompt_read_meta_type_0 import SystemPromptReadMetaType0  # noqa: PLC0415

        id = str(self.id)

        name = self.name

        status: str
        if isinstance(self.status, SystemPromptStatus):
            status = self.status.value
        else:
            status = self.status

        content = self.content

        content_storage_type: str
        if isinstance(self.content_storage_type, SystemPromptStorageType):
            content_storage_type = self.content_storage_type.value
        else:
            content_storage_type = self.content_storage_type

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        agent_class_id: None | str | Unset
        if isinstance(self.agent_class_id, Unset):
            agent_class_id = UNSET
        elif isinstance(self.agent_class_id, UUID):
            agent_class_id = str(self.agent_class_id)
        else:
            agent_class_id = self.agent_class_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, SystemPromptReadMetaType0):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "status": status,
                "content": content,
                "content_storage_type": content_storage_type,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if agent_class_id is not UNSET:
            field_dict["agent_class_id"] = agent_class_id
        if description is not UNSET:
            field_dict["description"] = description
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.system_prompt_read_meta_type_0 import SystemPromptReadMetaType0  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        def _parse_status(data: object) -> str | SystemPromptStatus:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = SystemPromptStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | SystemPromptStatus, data)

        status = _parse_status(d.pop("status"))

        content = d.pop("content")

        def _parse_content_storage_type(data: object) -> str | SystemPromptStorageType:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                content_storage_type_type_0 = SystemPromptStorageType(data)

                return content_storage_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | SystemPromptStorageType, data)

        content_storage_type = _parse_content_storage_type(
            d.pop("content_storage_type")
        )

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_agent_class_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_class_id_type_0 = UUID(data)

                return agent_class_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agent_class_id = _parse_agent_class_id(d.pop("agent_class_id", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_meta(data: object) -> None | SystemPromptReadMetaType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = SystemPromptReadMetaType0.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SystemPromptReadMetaType0 | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

        system_prompt_read = cls(
            id=id,
            name=name,
            status=status,
            content=content,
            content_storage_type=content_storage_type,
            created_at=created_at,
            updated_at=updated_at,
            agent_class_id=agent_class_id,
            description=description,
            meta=meta,
        )

        system_prompt_read.additional_properties = d
        return system_prompt_read

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
