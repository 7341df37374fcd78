from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_provider_create_config import ModelProviderCreateConfig


T = TypeVar("T", bound="ModelProviderCreate")


@_attrs_define
class ModelProviderCreate:
    """A new model provider (an LLM API endpoint). Credentials, if any, go in `config`.

    Attributes:
        name (str): Human-readable name; must not be empty.
        api_base_url (None | str | Unset): Base URL of the provider's API.
        description (None | str | Unset): Description.
        config (ModelProviderCreateConfig | Unset): Provider settings, e.g. `{"default_model": "gpt-4"}`.
    """

    name: str
    api_base_url: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    config: ModelProviderCreateConfig | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
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
        from ..models.model_provider_create_config import ModelProviderCreateConfig  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

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
        config: ModelProviderCreateConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ModelProviderCreateConfig.from_dict(_config)

        model_provider_create = cls(
            name=name,
            api_base_url=api_base_url,
            description=description,
            config=config,
        )

        return model_provider_create
