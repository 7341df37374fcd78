"""The README's generated section and the JSON it comes from: rows survive the JSON file, the section lists
every row and target of a run, runs combine scenario by scenario, and only the text between the markers of
the README is replaced."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.markdown import BEGIN, END, Results, publish, render, update_readme
from benchmarks.report import Row, Target

from .conftest import ROOT, QuickRun

finite = st.floats(allow_nan=False, allow_infinity=False)
targets = st.builds(Target, st.sampled_from(["ours", "ratio"]), st.sampled_from(["<=", ">=", "=="]), finite)
rows = st.builds(
    Row,
    scenario=st.text(),
    measure=st.text(),
    unit=st.text(),
    ours=finite,
    peers=st.dictionaries(st.text(), finite, max_size=4),
    ratio=st.none() | finite,
    ratio_of=st.text(),
    target=st.none() | targets,
    notes=st.text(),
    samples=st.dictionaries(st.text(), st.lists(finite, max_size=4), max_size=3),
)


@given(rows)
def test_a_row_comes_back_from_its_json_unchanged(row: Row) -> None:
    assert Row.from_dict(json.loads(json.dumps(row.to_dict()))) == row


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document))
    return path


def test_the_section_lists_every_row_target_and_client(quick_run: QuickRun) -> None:
    section = render(Results.load([quick_run.path]))
    report = quick_run.report
    for row in report["rows"]:
        assert row["measure"] in section
    targeted = [row for row in report["rows"] if row["target"] is not None]
    targets_table = section.split("### Targets")[1]
    assert len([line for line in targets_table.splitlines() if line.startswith("| ") and "Measure" not in line]) == (
        len(targeted)
    )
    for client in report["notes"]["fanout"]["sweep"]:
        assert f"| {client} |" in section
    assert "Quick sizes" in section  # a quick run's figures are labelled as such
    assert report["machine"]["default engines"]["async"] in section


def test_a_missed_target_brings_its_profile(quick_run: QuickRun, tmp_path: Path) -> None:
    document = copy.deepcopy(quick_run.report)
    for row in document["rows"]:
        if row["scenario"] == "2 fan-out" and row["target"] == "ratio >= 0.90":
            row["ratio"], row["met"] = 0.05, False
    section = render(Results.load([_write(tmp_path / "missed.json", document)]))
    profiles = section.split("### Profiles behind the missed targets")[1]
    assert "2 fan-out, profile of ours async (default)" in profiles
    assert "top functions by self time" in profiles


def test_a_later_file_replaces_the_scenarios_it_has(quick_run: QuickRun, tmp_path: Path) -> None:
    later = copy.deepcopy(quick_run.report)
    later["rows"] = [row for row in later["rows"] if row["scenario"] == "9 import"]
    for row in later["rows"]:
        row["ours"] = 12345.0
    later["notes"] = {"import": later["notes"]["import"]}
    combined = Results.load([quick_run.path, _write(tmp_path / "later.json", later)])
    assert len(combined.all_rows) == len(quick_run.report["rows"])
    for row in combined.all_rows:
        assert (row.ours == 12345.0) == (row.scenario == "9 import"), row


def test_the_readme_changes_between_its_markers_only(quick_run: QuickRun, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    before, after = "# Title\n\nText before.\n\n", "\n\n## After\n\nText after.\n"
    readme.write_text(f"{before}{BEGIN}\nold figures\n{END}{after}")
    section = render(Results.load([quick_run.path]))
    update_readme(section, readme)
    once = readme.read_text()
    assert once.startswith(before + BEGIN)
    assert once.endswith(END + after)
    assert section in once
    assert "old figures" not in once
    update_readme(section, readme)
    assert readme.read_text() == once


def test_a_readme_without_markers_is_refused(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# No markers\n")
    with pytest.raises(ValueError, match="markers"):
        update_readme("section\n", readme)
    assert readme.read_text() == "# No markers\n"


def test_the_command_prints_the_section_and_writes_nothing(quick_run: QuickRun) -> None:
    readme = ROOT / "benchmarks" / "README.md"
    before = readme.read_bytes()
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks.report", str(quick_run.path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert "### Every row" in finished.stdout
    assert readme.read_bytes() == before


def test_the_figure_is_a_png(quick_run: QuickRun, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib is in the bench group only")
    from benchmarks.plot import draw

    found = Results.load([quick_run.path]).sweep()
    assert found is not None
    path = draw(*found, tmp_path / "throughput.png")
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_publishing_writes_the_figure_and_the_section_that_shows_it(quick_run: QuickRun, tmp_path: Path) -> None:
    readme, plot = tmp_path / "README.md", tmp_path / "figures" / "throughput.png"
    readme.write_text(f"# Benchmarks\n\n{BEGIN}\n{END}\n")
    logged: list[str] = []
    section = publish(quick_run.path, plot=plot, readme=readme, log=logged.append)
    assert section in readme.read_text()
    if importlib.util.find_spec("matplotlib") is not None:
        assert plot.read_bytes().startswith(b"\x89PNG")
        assert "](figures/throughput.png)" in section  # relative to the README
    else:  # the test suite's environment: the run still publishes its table, and says why there is no figure
        assert not plot.exists()
        assert "![" not in section
        assert any("matplotlib is not installed" in line for line in logged)
