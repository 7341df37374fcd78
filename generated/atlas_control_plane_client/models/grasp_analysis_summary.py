from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grasp_analysis_status import GraspAnalysisStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="GraspAnalysisSummary")


@_attrs_define
class GraspAnalysisSummary:
    """A GRASP analysis in a list: scores only.

    Attributes:
        id (UUID): Server-assigned id.
        status (GraspAnalysisStatus | str): Lifecycle status. A value this client does not know is kept as a plain
            string (see the API description).
        created_at (datetime.datetime): When it was requested.
        deployment_id (None | Unset | UUID): Deployment analysed.
        blueprint_id (None | Unset | UUID): Blueprint analysed.
        agent_definition_id (None | Unset | UUID): Definition analysed.
        completed_at (datetime.datetime | None | Unset): When it finished.
        governance_value (int | None | Unset): Governance score.
        reach_value (int | None | Unset): Reach score.
        agency_value (int | None | Unset): Agency score.
        safeguards_value (int | None | Unset): Safeguards score.
        potential_damage_value (int | None | Unset): Potential damage score.
    """

    id: UUID
    status: GraspAnalysisStatus | str
    created_at: datetime.datetime
    deployment_id: None | Unset | UUID = UNSET
    blueprint_id: None | Unset | UUID = UNSET
    agent_definition_id: None | Unset | UUID = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    governance_value: int | None | Unset = UNSET
    reach_value: int | None | Unset = UNSET
    agency_value: int | None | Unset = UNSET
    safeguards_value: int | None | Unset = UNSET
    potential_damage_value: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        status: str
        if isinstance(self.status, GraspAnalysisStatus):
            status = self.status.value
        else:
            status = self.status

        created_at = self.created_at.isoformat()

        deployment_id: None | str | Unset
        if isinstance(self.deployment_id, Unset):
            deployment_id = UNSET
        elif isinstance(self.deployment_id, UUID):
            deployment_id = str(self.deployment_id)
        else:
            deployment_id = self.deployment_id

        blueprint_id: None | str | Unset
        if isinstance(self.blueprint_id, Unset):
            blueprint_id = UNSET
        elif isinstance(self.blueprint_id, UUID):
            blueprint_id = str(self.blueprint_id)
        else:
            blueprint_id = self.blueprint_id

        agent_definition_id: None | str | Unset
        if isinstance(self.agent_definition_id, Unset):
            agent_definition_id = UNSET
        elif isinstance(self.agent_definition_id, UUID):
            agent_definition_id = str(self.agent_definition_id)
        else:
            agent_definition_id = self.agent_definition_id

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        governance_value: int | None | Unset
        if isinstance(self.governance_value, Unset):
            governance_value = UNSET
        else:
            governance_value = self.governance_value

        reach_value: int | None | Unset
        if isinstance(self.reach_value, Unset):
            reach_value = UNSET
        else:
            reach_value = self.reach_value

        agency_value: int | None | Unset
        if isinstance(self.agency_value, Unset):
            agency_value = UNSET
        else:
            agency_value = self.agency_value

        safeguards_value: int | None | Unset
        if isinstance(self.safeguards_value, Unset):
            safeguards_value = UNSET
        else:
            safeguards_value = self.safeguards_value

        potential_damage_value: int | None | Unset
        if isinstance(self.potential_damage_value, Unset):
            potential_damage_value = UNSET
        else:
            potential_damage_value = self.potential_damage_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "created_at": created_at,
            }
        )
        if deployment_id is not UNSET:
            field_dict["deployment_id"] = deployment_id
        if blueprint_id is not UNSET:
            field_dict["blueprint_id"] = blueprint_id
        if agent_definition_id is not UNSET:
            field_dict["agent_definition_id"] = agent_definition_id
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if governance_value is not UNSET:
            field_dict["governance_value"] = governance_value
        if reach_value is not UNSET:
            field_dict["reach_value"] = reach_value
        if agency_value is not UNSET:
            field_dict["agency_value"] = agency_value
        if safeguards_value is not UNSET:
            field_dict["safeguards_value"] = safeguards_value
        if potential_damage_value is not UNSET:
            field_dict["potential_damage_value"] = potential_damage_value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_status(data: object) -> GraspAnalysisStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = GraspAnalysisStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GraspAnalysisStatus | str, data)

        status = _parse_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_deployment_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deployment_id_type_0 = UUID(data)

                return deployment_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        deployment_id = _parse_deployment_id(d.pop("deployment_id", UNSET))

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

        def _parse_agent_definition_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_definition_id_type_0 = UUID(data)

                return agent_definition_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agent_definition_id = _parse_agent_definition_id(
            d.pop("agent_definition_id", UNSET)
        )

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        def _parse_governance_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        governance_value = _parse_governance_value(d.pop("governance_value", UNSET))

        def _parse_reach_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        reach_value = _parse_reach_value(d.pop("reach_value", UNSET))

        def _parse_agency_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        agency_value = _parse_agency_value(d.pop("agency_value", UNSET))

        def _parse_safeguards_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        safeguards_value = _parse_safeguards_value(d.pop("safeguards_value", UNSET))

        def _parse_potential_damage_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        potential_damage_value = _parse_potential_damage_value(
            d.pop("potential_damage_value", UNSET)
        )

        grasp_analysis_summary = cls(
            id=id,
            status=status,
            created_at=created_at,
            deployment_id=deployment_id,
            blueprint_id=blueprint_id,
            agent_definition_id=agent_definition_id,
            completed_at=completed_at,
            governance_value=governance_value,
            reach_value=reach_value,
            agency_value=agency_value,
            safeguards_value=safeguards_value,
            potential_damage_value=potential_damage_value,
        )

        grasp_analysis_summary.additional_properties = d
        return grasp_analysis_summary

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
