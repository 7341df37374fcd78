from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.system_prompt_status import SystemPromptStatus
from ..models.system_prompt_storage_type import SystemPromptStorageType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.system_prompt_update_meta_type_0 import SystemPromptUpdateMetaType0


T = TypeVar("T", bound="SystemPromptUpdate")


@_attrs_define
class SystemPromptUpdate:
    """Partial update of a system prompt.

    Attributes:
        name (None | str | Unset): New name.
        description (None | str | Unset): New description.
        status (None | SystemPromptStatus | Unset): New lifecycle status.
        content (None | str | Unset): New content.
        content_storage_type (None | SystemPromptStorageType | Unset): New storage type.
        meta (None | SystemPromptUpdateMetaType0 | Unset): Replaces the metadata.
    """

    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    status: None | SystemPromptStatus | Unset = UNSET
    content: None | str | Unset = UNSET
    content_storage_type: None | SystemPromptStorageType | Unset = UNSET
    meta: None | SystemPromptUpdateMetaType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.system_prompt_update_meta_type_0 import (
            SystemPromptUpdateMetaType0,  # noqa: PLC0415
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

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, SystemPromptStatus):
            status = self.status.value
        else:
            status = self.status

        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

        content_storage_type: None | str | Unset
        if isinstance(self.content_storage_type, Unset):
            content_storage_type = UNSET
        elif isinstance(self.content_storage_type, SystemPromptStorageType):
            content_storage_type = self.content_storage_type.value
        else:
            content_storage_type = self.content_storage_type

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, SystemPromptUpdateMetaType0):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if content is not UNSET:
            field_dict["content"] = content
        if content_storage_type is not UNSET:
            field_dict["content_storage_type"] = content_storage_type
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.system_prompt_update_meta_type_0 import (
            SystemPromptUpdateMetaType0,  # noqa: PLC0415
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

        def _parse_status(data: object) -> None | SystemPromptStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = SystemPromptStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SystemPromptStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_content(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_content_storage_type(
            data: object,
        ) -> None | SystemPromptStorageType | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                content_storage_type_type_0 = SystemPromptStorageType(data)

                return content_storage_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SystemPromptStorageType | Unset, data)

        content_storage_type = _parse_content_storage_type(
            d.pop("content_storage_type", UNSET)
        )

        def _parse_meta(data: object) -> None | SystemPromptUpdateMetaType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = SystemPromptUpdateMetaType0.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SystemPromptUpdateMetaType0 | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

        system_prompt_update = cls(
            name=name,
            description=description,
            status=status,
            content=content,
            content_storage_type=content_storage_type,
            meta=meta,
        )

        return system_prompt_update
