from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_provider_update_config_type_0 import (
        ModelProviderUpdateConfigType0,
    )


T = TypeVar("T", bound="ModelProviderUpdate")


@_attrs_define
class ModelProviderUpdate:
    """Partial update of a model provider.

    Attributes:
        name (None | str | Unset): New name.
        api_base_url (None | str | Unset): New base URL.
        description (None | str | Unset): New description.
        config (ModelProviderUpdateConfigType0 | None | Unset): Replaces the settings.
    """

    name: None | str | Unset = UNSET
    api_base_url: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    config: ModelProviderUpdateConfigType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.model_provider_update_config_type_0 import (
            ModelProviderUpdateConfigType0,  # noqa: PLC0415
        )

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

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

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, ModelProviderUpdateConfigType0):
            config = self.config.to_dict()
        else:
            config = self.config

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if api_base_url is not UNSET:
            field_dict["api_base_url"] = api_base_url
        if description is not UNSET:
            field_dict["description"] = description
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_provider_update_config_type_0 import (
            ModelProviderUpdateConfigType0,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

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

        def _parse_config(
            data: object,
        ) -> ModelProviderUpdateConfigType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = ModelProviderUpdateConfigType0.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelProviderUpdateConfigType0 | None | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

        model_provider_update = cls(
            name=name,
            api_base_url=api_base_url,
            description=description,
            config=config,
        )

        return model_provider_update
