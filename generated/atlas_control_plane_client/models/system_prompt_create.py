from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.system_prompt_status import SystemPromptStatus
from ..models.system_prompt_storage_type import SystemPromptStorageType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.system_prompt_create_meta_type_0 import SystemPromptCreateMetaType0


T = TypeVar("T", bound="SystemPromptCreate")


@_attrs_define
class SystemPromptCreate:
    """A new system prompt.

    Attributes:
        name (str): Human-readable name; must not be empty.
        content (str): The prompt text (or its storage key for `s3`).
        description (None | str | Unset): Description.
        status (SystemPromptStatus | Unset): Lifecycle of a system prompt. Default: SystemPromptStatus.DRAFT.
        content_storage_type (SystemPromptStorageType | Unset): Where the prompt content lives: `inline` (best below
            about 64 KB) or `s3`. Default: SystemPromptStorageType.INLINE.
        meta (None | SystemPromptCreateMetaType0 | Unset): Free-form metadata.
        agent_class_id (None | Unset | UUID): Agent class the prompt is written for.
    """

    name: str
    content: str
    description: None | str | Unset = UNSET
    status: SystemPromptStatus | Unset = SystemPromptStatus.DRAFT
    content_storage_type: SystemPromptStorageType | Unset = (
        SystemPromptStorageType.INLINE
    )
    meta: None | SystemPromptCreateMetaType0 | Unset = UNSET
    agent_class_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.system_prompt_create_meta_type_0 import (
            SystemPromptCreateMetaType0,  # noqa: PLC0415
        )

        name = self.name

        content = self.content

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        content_storage_type: str | Unset = UNSET
        if not isinstance(self.content_storage_type, Unset):
            content_storage_type = self.content_storage_type.value

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, SystemPromptCreateMetaType0):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        agent_class_id: None | str | Unset
        if isinstance(self.agent_class_id, Unset):
            agent_class_id = UNSET
        elif isinstance(self.agent_class_id, UUID):
            agent_class_id = str(self.agent_class_id)
        else:
            agent_class_id = self.agent_class_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "content": content,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if content_storage_type is not UNSET:
            field_dict["content_storage_type"] = content_storage_type
        if meta is not UNSET:
            field_dict["meta"] = meta
        if agent_class_id is not UNSET:
            field_dict["agent_class_id"] = agent_class_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.system_prompt_create_meta_type_0 import (
            SystemPromptCreateMetaType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        name = d.pop("name")

        content = d.pop("content")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _status = d.pop("status", UNSET)
        status: SystemPromptStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = SystemPromptStatus(_status)

        _content_storage_type = d.pop("content_storage_type", UNSET)
        content_storage_type: SystemPromptStorageType | Unset
        if isinstance(_content_storage_type, Unset):
            content_storage_type = UNSET
        else:
            content_storage_type = SystemPromptStorageType(_content_storage_type)

        def _parse_meta(data: object) -> None | SystemPromptCreateMetaType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = SystemPromptCreateMetaType0.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SystemPromptCreateMetaType0 | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

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

        system_prompt_create = cls(
            name=name,
            content=content,
            description=description,
            status=status,
            content_storage_type=content_storage_type,
            meta=meta,
            agent_class_id=agent_class_id,
        )

        return system_prompt_create
