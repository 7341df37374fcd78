"""Building a `Row` from the samples of one run: medians, the reference peer, the ratio."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .report import Row, Target

__all__ = ["Comparison"]


@dataclass(frozen=True)
class Comparison:
    """How the rows of one scenario compare: which samples are peers, and what a ratio is relative to.

    `reference` names the peers the ratio divides by; with several, the best of them (the largest when
    `better="higher"`, the smallest when `"lower"`).
    """

    scenario: str
    unit: str
    peers: Sequence[str]
    reference: Sequence[str]
    ratio_of: str
    better: Literal["higher", "lower"] = "higher"
    fixed: Mapping[str, float] = field(default_factory=dict)

    def row(
        self,
        samples: Mapping[str, Sequence[float]],
        ours: str,
        *,
        measure: str | None = None,
        target: Target | None = None,
        notes: str = "",
    ) -> Row:
        """The row of `ours`: its median, every peer's median (and the fixed figures), and the ratio."""
        medians = {name: statistics.median(values) for name, values in samples.items()}
        pick = max if self.better == "higher" else min
        reference = pick(medians[name] for name in self.reference) if self.reference else None
        figure = medians[ours]
        return Row(
            scenario=self.scenario,
            measure=measure or ours,
            unit=self.unit,
            ours=figure,
            peers={**{name: medians[name] for name in self.peers}, **self.fixed},
            ratio=None if not reference else figure / reference,
            ratio_of=self.ratio_of,
            target=target,
            notes=notes,
            samples={name: list(samples[name]) for name in (ours, *self.peers)},
        )
