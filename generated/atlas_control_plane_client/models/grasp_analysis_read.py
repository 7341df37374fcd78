from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grasp_analysis_status import GraspAnalysisStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grasp_analysis_read_agency_evidence import (
        GraspAnalysisReadAgencyEvidence,
    )
    from ..models.grasp_analysis_read_analysis_context import (
        GraspAnalysisReadAnalysisContext,
    )
    from ..models.grasp_analysis_read_governance_evidence import (
        GraspAnalysisReadGovernanceEvidence,
    )
    from ..models.grasp_analysis_read_potential_damage_evidence import (
        GraspAnalysisReadPotentialDamageEvidence,
    )
    from ..models.grasp_analysis_read_reach_evidence import (
        GraspAnalysisReadReachEvidence,
    )
    from ..models.grasp_analysis_read_safeguards_evidence import (
        GraspAnalysisReadSafeguardsEvidence,
    )


T = TypeVar("T", bound="GraspAnalysisRead")


@_attrs_define
class GraspAnalysisRead:
    """A GRASP analysis with its scores, summaries and evidence.

    Attributes:
        id (UUID): Server-assigned id.
        status (GraspAnalysisStatus | str): Lifecycle status. A value this client does not know is kept as a plain
            string (see the API description).
        created_at (datetime.datetime): When it was requested.
        deployment_id (None | Unset | UUID): Deployment analysed.
        blueprint_id (None | Unset | UUID): Blueprint analysed.
        agent_definition_id (None | Unset | UUID): Definition analysed.
        completed_at (datetime.datetime | None | Unset): When it finished.
        error_message (None | str | Unset): Why it failed.
        analysis_context (GraspAnalysisReadAnalysisContext | Unset): Context it was run with.
        governance_value (int | None | Unset): Governance score 0-100: Can we see what it's doing and stop it?
        governance_summary (None | str | Unset): Governance findings in words.
        governance_evidence (GraspAnalysisReadGovernanceEvidence | Unset): Governance evidence.
        reach_value (int | None | Unset): Reach score 0-100: What can it touch (explicit + implicit)?
        reach_summary (None | str | Unset): Reach findings in words.
        reach_evidence (GraspAnalysisReadReachEvidence | Unset): Reach evidence.
        agency_value (int | None | Unset): Agency score 0-100: How autonomous is it?
        agency_summary (None | str | Unset): Agency findings in words.
        agency_evidence (GraspAnalysisReadAgencyEvidence | Unset): Agency evidence.
        safeguards_value (int | None | Unset): Safeguards score 0-100: What limits damage when it acts unsupervised?
        safeguards_summary (None | str | Unset): Safeguards findings in words.
        safeguards_evidence (GraspAnalysisReadSafeguardsEvidence | Unset): Safeguards evidence.
        potential_damage_value (int | None | Unset): Potential damage score 0-100: What's the credible worst case?
        potential_damage_summary (None | str | Unset): Potential damage findings in words.
        potential_damage_evidence (GraspAnalysisReadPotentialDamageEvidence | Unset): Potential damage evidence.
    """

    id: UUID
    status: GraspAnalysisStatus | str
    created_at: datetime.datetime
    deployment_id: None | Unset | UUID = UNSET
    blueprint_id: None | Unset | UUID = UNSET
    agent_definition_id: None | Unset | UUID = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    error_message: None | str | Unset = UNSET
    analysis_context: GraspAnalysisReadAnalysisContext | Unset = UNSET
    governance_value: int | None | Unset = UNSET
    governance_summary: None | str | Unset = UNSET
    governance_evidence: GraspAnalysisReadGovernanceEvidence | Unset = UNSET
    reach_value: int | None | Unset = UNSET
    reach_summary: None | str | Unset = UNSET
    reach_evidence: GraspAnalysisReadReachEvidence | Unset = UNSET
    agency_value: int | None | Unset = UNSET
    agency_summary: None | str | Unset = UNSET
    agency_evidence: GraspAnalysisReadAgencyEvidence | Unset = UNSET
    safeguards_value: int | None | Unset = UNSET
    safeguards_summary: None | str | Unset = UNSET
    safeguards_evidence: GraspAnalysisReadSafeguardsEvidence | Unset = UNSET
    potential_damage_value: int | None | Unset = UNSET
    potential_damage_summary: None | str | Unset = UNSET
    potential_damage_evidence: GraspAnalysisReadPotentialDamageEvidence | Unset = UNSET
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

        error_message: None | str | Unset
        if isinstance(self.error_message, Unset):
            error_message = UNSET
        else:
            error_message = self.error_message

        analysis_context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.analysis_context, Unset):
            analysis_context = self.analysis_context.to_dict()

        governance_value: int | None | Unset
        if isinstance(self.governance_value, Unset):
            governance_value = UNSET
        else:
            governance_value = self.governance_value

        governance_summary: None | str | Unset
        if isinstance(self.governance_summary, Unset):
            governance_summary = UNSET
        else:
            governance_summary = self.governance_summary

        governance_evidence: dict[str, Any] | Unset = UNSET
        if not isinstance(self.governance_evidence, Unset):
            governance_evidence = self.governance_evidence.to_dict()

        reach_value: int | None | Unset
        if isinstance(self.reach_value, Unset):
            reach_value = UNSET
        else:
            reach_value = self.reach_value

        reach_summary: None | str | Unset
        if isinstance(self.reach_summary, Unset):
            reach_summary = UNSET
        else:
            reach_summary = self.reach_summary

        reach_evidence: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reach_evidence, Unset):
            reach_evidence = self.reach_evidence.to_dict()

        agency_value: int | None | Unset
        if isinstance(self.agency_value, Unset):
            agency_value = UNSET
        else:
            agency_value = self.agency_value

        agency_summary: None | str | Unset
        if isinstance(self.agency_summary, Unset):
            agency_summary = UNSET
        else:
            agency_summary = self.agency_summary

        agency_evidence: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agency_evidence, Unset):
            agency_evidence = self.agency_evidence.to_dict()

        safeguards_value: int | None | Unset
        if isinstance(self.safeguards_value, Unset):
            safeguards_value = UNSET
        else:
            safeguards_value = self.safeguards_value

        safeguards_summary: None | str | Unset
        if isinstance(self.safeguards_summary, Unset):
            safeguards_summary = UNSET
        else:
            safeguards_summary = self.safeguards_summary

        safeguards_evidence: dict[str, Any] | Unset = UNSET
        if not isinstance(self.safeguards_evidence, Unset):
            safeguards_evidence = self.safeguards_evidence.to_dict()

        potential_damage_value: int | None | Unset
        if isinstance(self.potential_damage_value, Unset):
            potential_damage_value = UNSET
        else:
            potential_damage_value = self.potential_damage_value

        potential_damage_summary: None | str | Unset
        if isinstance(self.potential_damage_summary, Unset):
            potential_damage_summary = UNSET
        else:
            potential_damage_summary = self.potential_damage_summary

        potential_damage_evidence: dict[str, Any] | Unset = UNSET
        if not isinstance(self.potential_damage_evidence, Unset):
            potential_damage_evidence = self.potential_damage_evidence.to_dict()

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
        if error_message is not UNSET:
            field_dict["error_message"] = error_message
        if analysis_context is not UNSET:
            field_dict["analysis_context"] = analysis_context
        if governance_value is not UNSET:
            field_dict["governance_value"] = governance_value
        if governance_summary is not UNSET:
            field_dict["governance_summary"] = governance_summary
        if governance_evidence is not UNSET:
            field_dict["governance_evidence"] = governance_evidence
        if reach_value is not UNSET:
            field_dict["reach_value"] = reach_value
        if reach_summary is not UNSET:
            field_dict["reach_summary"] = reach_summary
        if reach_evidence is not UNSET:
            field_dict["reach_evidence"] = reach_evidence
        if agency_value is not UNSET:
            field_dict["agency_value"] = agency_value
        if agency_summary is not UNSET:
            field_dict["agency_summary"] = agency_summary
        if agency_evidence is not UNSET:
            field_dict["agency_evidence"] = agency_evidence
        if safeguards_value is not UNSET:
            field_dict["safeguards_value"] = safeguards_value
        if safeguards_summary is not UNSET:
            field_dict["safeguards_summary"] = safeguards_summary
        if safeguards_evidence is not UNSET:
            field_dict["safeguards_evidence"] = safeguards_evidence
        if potential_damage_value is not UNSET:
            field_dict["potential_damage_value"] = potential_damage_value
        if potential_damage_summary is not UNSET:
            field_dict["potential_damage_summary"] = potential_damage_summary
        if potential_damage_evidence is not UNSET:
            field_dict["potential_damage_evidence"] = potential_damage_evidence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.grasp_analysis_read_agency_evidence import (
            GraspAnalysisReadAgencyEvidence,  # noqa: PLC0415
        )
        from ..models.grasp_analysis_read_analysis_context import (
            GraspAnalysisReadAnalysisContext,  # noqa: PLC0415
        )
        from ..models.grasp_analysis_read_governance_evidence import (
            GraspAnalysisReadGovernanceEvidence,  # noqa: PLC0415
        )
        from ..models.grasp_analysis_read_potential_damage_evidence import (
            GraspAnalysisReadPotentialDamageEvidence,  # noqa: PLC0415
        )
        from ..models.grasp_analysis_read_reach_evidence import (
            GraspAnalysisReadReachEvidence,  # noqa: PLC0415
        )
        from ..models.grasp_analysis_read_safeguards_evidence import (
            GraspAnalysisReadSafeguardsEvidence,  # noqa: PLC0415
        )

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

        def _parse_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message = _parse_error_message(d.pop("error_message", UNSET))

        _analysis_context = d.pop("analysis_context", UNSET)
        analysis_context: GraspAnalysisReadAnalysisContext | Unset
        if isinstance(_analysis_context, Unset):
            analysis_context = UNSET
        else:
            analysis_context = GraspAnalysisReadAnalysisContext.from_dict(
                _analysis_context
            )

        def _parse_governance_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        governance_value = _parse_governance_value(d.pop("governance_value", UNSET))

        def _parse_governance_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        governance_summary = _parse_governance_summary(
            d.pop("governance_summary", UNSET)
        )

        _governance_evidence = d.pop("governance_evidence", UNSET)
        governance_evidence: GraspAnalysisReadGovernanceEvidence | Unset
        if isinstance(_governance_evidence, Unset):
            governance_evidence = UNSET
        else:
            governance_evidence = GraspAnalysisReadGovernanceEvidence.from_dict(
                _governance_evidence
            )

        def _parse_reach_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        reach_value = _parse_reach_value(d.pop("reach_value", UNSET))

        def _parse_reach_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reach_summary = _parse_reach_summary(d.pop("reach_summary", UNSET))

        _reach_evidence = d.pop("reach_evidence", UNSET)
        reach_evidence: GraspAnalysisReadReachEvidence | Unset
        if isinstance(_reach_evidence, Unset):
            reach_evidence = UNSET
        else:
            reach_evidence = GraspAnalysisReadReachEvidence.from_dict(_reach_evidence)

        def _parse_agency_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        agency_value = _parse_agency_value(d.pop("agency_value", UNSET))

        def _parse_agency_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agency_summary = _parse_agency_summary(d.pop("agency_summary", UNSET))

        _agency_evidence = d.pop("agency_evidence", UNSET)
        agency_evidence: GraspAnalysisReadAgencyEvidence | Unset
        if isinstance(_agency_evidence, Unset):
            agency_evidence = UNSET
        else:
            agency_evidence = GraspAnalysisReadAgencyEvidence.from_dict(
                _agency_evidence
            )

        def _parse_safeguards_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        safeguards_value = _parse_safeguards_value(d.pop("safeguards_value", UNSET))

        def _parse_safeguards_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        safeguards_summary = _parse_safeguards_summary(
            d.pop("safeguards_summary", UNSET)
        )

        _safeguards_evidence = d.pop("safeguards_evidence", UNSET)
        safeguards_evidence: GraspAnalysisReadSafeguardsEvidence | Unset
        if isinstance(_safeguards_evidence, Unset):
            safeguards_evidence = UNSET
        else:
            safeguards_evidence = GraspAnalysisReadSafeguardsEvidence.from_dict(
                _safeguards_evidence
            )

        def _parse_potential_damage_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        potential_damage_value = _parse_potential_damage_value(
            d.pop("potential_damage_value", UNSET)
        )

        def _parse_potential_damage_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        potential_damage_summary = _parse_potential_damage_summary(
            d.pop("potential_damage_summary", UNSET)
        )

        _potential_damage_evidence = d.pop("potential_damage_evidence", UNSET)
        potential_damage_evidence: GraspAnalysisReadPotentialDamageEvidence | Unset
        if isinstance(_potential_damage_evidence, Unset):
            potential_damage_evidence = UNSET
        else:
            potential_damage_evidence = (
                GraspAnalysisReadPotentialDamageEvidence.from_dict(
                    _potential_damage_evidence
                )
            )

        grasp_analysis_read = cls(
            id=id,
            status=status,
            created_at=created_at,
            deployment_id=deployment_id,
            blueprint_id=blueprint_id,
            agent_definition_id=agent_definition_id,
            completed_at=completed_at,
            error_message=error_message,
            analysis_context=analysis_context,
            governance_value=governance_value,
            governance_summary=governance_summary,
            governance_evidence=governance_evidence,
            reach_value=reach_value,
            reach_summary=reach_summary,
            reach_evidence=reach_evidence,
            agency_value=agency_value,
            agency_summary=agency_summary,
            agency_evidence=agency_evidence,
            safeguards_value=safeguards_value,
            safeguards_summary=safeguards_summary,
            safeguards_evidence=safeguards_evidence,
            potential_damage_value=potential_damage_value,
            potential_damage_summary=potential_damage_summary,
            potential_damage_evidence=potential_damage_evidence,
        )

        grasp_analysis_read.additional_properties = d
        return grasp_analysis_read

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
