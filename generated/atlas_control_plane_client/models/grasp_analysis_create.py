from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grasp_analysis_create_analysis_context import (
        GraspAnalysisCreateAnalysisContext,
    )


T = TypeVar("T", bound="GraspAnalysisCreate")


@_attrs_define
class GraspAnalysisCreate:
    """Starts a GRASP risk analysis (Governance, Reach, Agency, Safeguards, Potential damage) of a deployment.

    Attributes:
        analysis_context (GraspAnalysisCreateAnalysisContext | Unset): Extra context for the analysis.
    """

    analysis_context: GraspAnalysisCreateAnalysisContext | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        analysis_context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.analysis_context, Unset):
            analysis_context = self.analysis_context.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if analysis_context is not UNSET:
            field_dict["analysis_context"] = analysis_context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.grasp_analysis_create_analysis_context import (
            GraspAnalysisCreateAnalysisContext,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _analysis_context = d.pop("analysis_context", UNSET)
        analysis_context: GraspAnalysisCreateAnalysisContext | Unset
        if isinstance(_analysis_context, Unset):
            analysis_context = UNSET
        else:
            analysis_context = GraspAnalysisCreateAnalysisContext.from_dict(
                _analysis_context
            )

        grasp_analysis_create = cls(
            analysis_context=analysis_context,
        )

        return grasp_analysis_create
