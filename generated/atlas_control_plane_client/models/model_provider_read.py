from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_provider_read_config import ModelProviderReadConfig


T = TypeVar("T", bound="ModelProviderRead")


@_attrs_define
class ModelProviderRead:
    """A model provider as stored.

    Attributes:
        id (UUID): Server-assigned id.
        name (str): Name.
        created_at (datetime.datetime): When it was created.
        updated_at (datetime.datetime): When it last changed.
        api_base_url (None | str | Unset): Base URL of the provider's API.
        description (None | str | Unset): Description.
        config (ModelProviderReadConfig | Unset): Provider settings.
    """

    id: UUID
    name: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    api_base_url: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    config: ModelProviderReadConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        api_base_url: None | str | Unset
        if isinstance(self.api_base_url, Unset):
            api_base_url = UNSET
        else:
            api_base_url = self.api_base_url

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if api_base_url is not UNSET:
            field_dict["api_base_url"] = api_base_url
        if description is not UNSET:
            field_dict["description"] = description
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_provider_read_config import ModelProviderReadConfig  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_api_base_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_base_url = _parse_api_base_url(d.pop("api_base_url", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _config = d.pop("config", UNSET)
        config: ModelProviderReadConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ModelProviderReadConfig.from_dict(_config)

        model_provider_read = cls(
            id=id,
            name=name,
            created_at=created_at,
            updated_at=updated_at,
            api_base_url=api_base_url,
            description=description,
            config=config,
        )

        model_provider_read.additional_properties = d
        return model_provider_read

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
