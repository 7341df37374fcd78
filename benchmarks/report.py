"""Rows of figures, their targets, the printed table and the JSON file.

`python -m benchmarks.report FILE.json [FILE.json ...]` prints the README's section for those results (see
`benchmarks.markdown`); `--readme` writes it into benchmarks/README.md, `--plot` draws the throughput figure.
"""

from __future__ import annotations

import importlib.metadata
import json
import operator
import os
import platform
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

__all__ = ["Row", "Target", "format_number", "machine", "render_table", "write_json"]

_COMPARE: dict[str, Callable[[float, float], bool]] = {"<=": operator.le, ">=": operator.ge, "==": operator.eq}


@dataclass(frozen=True)
class Target:
    """A bound on a row's own figure (`on="ours"`) or on its ratio (`on="ratio"`)."""

    on: Literal["ours", "ratio"]
    op: Literal["<=", ">=", "=="]
    value: float

    def met(self, ours: float, ratio: float | None) -> bool | None:
        figure = ours if self.on == "ours" else ratio
        return None if figure is None else _COMPARE[self.op](figure, self.value)

    def __str__(self) -> str:
        return f"{self.on} {self.op} {format_number(self.value)}"


@dataclass(frozen=True)
class Row:
    """One line of the table: our figure, the peers' figures from the same run, and their ratio."""

    scenario: str
    measure: str
    unit: str
    ours: float
    peers: dict[str, float]
    ratio: float | None
    ratio_of: str
    target: Target | None = None
    notes: str = ""
    samples: dict[str, list[float]] = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.target.met(self.ours, self.ratio)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["target"] = None if self.target is None else str(self.target)
        data["target_spec"] = None if self.target is None else asdict(self.target)
        data["met"] = self.met
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Row:
        """The row `to_dict` wrote."""
        spec = data.get("target_spec")
        fields = {name: data[name] for name in ("scenario", "measure", "unit", "ours", "peers", "ratio", "ratio_of")}
        extra = {"notes": data.get("notes", ""), "samples": data.get("samples", {})}
        return cls(**fields, target=None if spec is None else Target(**spec), **extra)


def format_number(value: float) -> str:
    """A figure with as many digits as it deserves: 2,431 / 54.2 / 1.07 / 0.043."""
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 0.1 or magnitude == 0:
        return f"{value:.2f}"
    return f"{value:.3g}"


_HEADERS = ("Scenario", "Measure", "Unit", "Ours", "Peers (same run)", "Ratio", "Target", "Met")


def _cells(row: Row) -> tuple[str, ...]:
    peers = "; ".join(f"{name} {format_number(value)}" for name, value in row.peers.items())
    ratio = "-" if row.ratio is None else f"{row.ratio:.2f} ({row.ratio_of})"
    met = {None: "-", True: "yes", False: "NO"}[row.met]
    target = "-" if row.target is None else str(row.target)
    return (row.scenario, row.measure, row.unit, format_number(row.ours), peers or "-", ratio, target, met)


def render_table(rows: Sequence[Row]) -> str:
    """A Markdown table of the rows (medians), as README.md shows it."""
    lines = [_HEADERS, *(_cells(row) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(_HEADERS))]

    def render(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    separator = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([render(lines[0]), separator, *(render(line) for line in lines[1:])])


#: The distributions whose versions the figures depend on (those installed are reported).
VERSIONED = (
    "httpx", "httpcore", "aiohttp", "httpx-aiohttp", "httpx2", "httpcore2", "anyio", "orjson", "msgspec", "attrs",
    "uvicorn", "httptools", "matplotlib",
)  # fmt: skip


def versions() -> dict[str, str]:
    """Installed versions of `VERSIONED`."""
    found = {}
    for name in VERSIONED:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return found


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "versions": versions(),
    }


def write_json(
    folder: Path,
    mode: str,
    sizes: dict[str, Any],
    rows: Sequence[Row],
    notes: dict[str, Any],
    engines: dict[str, str] | None = None,
) -> Path:
    """Write `results-<mode>-<UTC time>.json` and `latest-<mode>.json` (the same content) under `folder`;
    returns the former."""
    now = datetime.now(UTC)
    document = {
        "date": now.isoformat(timespec="seconds"),
        "mode": mode,
        "machine": {**machine(), "default engines": engines or {}},
        "sizes": sizes,
        "rows": [row.to_dict() for row in rows],
        "notes": notes,
    }
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, indent=2, default=str) + "\n"
    path = folder / f"results-{mode}-{now:%Y%m%dT%H%M%SZ}.json"
    path.write_text(text)
    (folder / f"latest-{mode}.json").write_text(text)
    return path


if __name__ == "__main__":
    from .markdown import main

    raise SystemExit(main())
