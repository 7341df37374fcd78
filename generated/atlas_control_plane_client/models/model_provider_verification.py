from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_provider_verification_details import (
        ModelProviderVerificationDetails,
    )


T = TypeVar("T", bound="ModelProviderVerification")


@_attrs_define
class ModelProviderVerification:
    """Result of checking that a provider is reachable and its credentials work.

    Attributes:
        status (str): `ok` when the provider answered, otherwise a short reason.
        provider_id (UUID | Unset): The provider checked.
        details (ModelProviderVerificationDetails | Unset): Provider-specific details.
    """

    status: str
    provider_id: UUID | Unset = UNSET
    details: ModelProviderVerificationDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        provider_id: str | Unset = UNSET
        if not isinstance(self.provider_id, Unset):
            provider_id = str(self.provider_id)

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if provider_id is not UNSET:
            field_dict["provider_id"] = provider_id
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_provider_verification_details import (
            ModelProviderVerificationDetails,  # noqa: PLC0415
        )

        d = dict(src_dict)
        status = d.pop("status")

        _provider_id = d.pop("provider_id", UNSET)
        provider_id: UUID | Unset
        if isinstance(_provider_id, Unset):
            provider_id = UNSET
        else:
            provider_id = UUID(_provider_id)

        _details = d.pop("details", UNSET)
        details: ModelProviderVerificationDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ModelProviderVerificationDetails.from_dict(_details)

        model_provider_verification = cls(
            status=status,
            provider_id=provider_id,
            details=details,
        )

        model_provider_verification.additional_properties = d
        return model_provider_verification

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
