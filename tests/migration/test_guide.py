"""docs/migrating-from-atlas-sdk.md keeps its promises: it names every public atlas_sdk client method in the table
of its client, and every other public name it maps; every table row cites at least one test; every cited test
exists; every Python snippet compiles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .sdk_surface import OTHER_PUBLIC_NAMES, SDK_METHODS, SdkMethod

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "migrating-from-atlas-sdk.md"
TEXT = GUIDE.read_text(encoding="utf-8")
DEFINITION = re.compile(r'^\[([\w-]+)\]: (\S+) "(\w+)"$', re.MULTILINE)
LABEL = re.compile(r"\[([\w-]+)\]")


def table_rows() -> list[tuple[str, list[str]]]:
    """(section heading, cells) of every body row of every table."""
    rows: list[tuple[str, list[str]]] = []
    heading = ""
    for line in TEXT.splitlines():
        if line.startswith("## "):
            heading = line
        elif line.startswith("|") and not line.startswith(("| atlas_sdk", "|---")):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            rows.append((heading, cells))
    return rows


ROWS = table_rows()
CITED = {label: (path, function) for label, path, function in DEFINITION.findall(TEXT)}


def test_the_guide_has_its_tables() -> None:
    assert len(ROWS) > len(SDK_METHODS)
    assert all(len(cells) == 3 for _, cells in ROWS)


@pytest.mark.parametrize("sdk", SDK_METHODS, ids=lambda m: f"{m.client}.{m.name}")
def test_every_atlas_sdk_client_method_has_a_row_in_its_clients_table(sdk: SdkMethod) -> None:
    firsts = [cells[0] for heading, cells in ROWS if f"`{sdk.client}` methods" in heading]
    assert any(first.startswith(f"`{sdk.name}(") for first in firsts), f"no row for {sdk.client}.{sdk.name}"


@pytest.mark.parametrize("name", OTHER_PUBLIC_NAMES)
def test_every_other_public_name_is_mapped(name: str) -> None:
    assert any(re.search(rf"\b{re.escape(name)}\b", cells[0]) for _, cells in ROWS), f"{name} is not mapped"


def test_every_row_cites_a_defined_test() -> None:
    for heading, (first, _, tested_by) in ROWS:
        labels = LABEL.findall(tested_by)
        assert labels, f"{heading}: the row {first} cites no test"
        undefined = [label for label in labels if label not in CITED]
        assert not undefined, f"{heading}: {first} cites undefined {undefined}"


@pytest.mark.parametrize("label", sorted(CITED))
def test_every_cited_test_exists(label: str) -> None:
    path, function = CITED[label]
    source = (GUIDE.parent / path).resolve()
    assert source.is_file(), f"[{label}]: {path} does not exist"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    assert function in functions, f"[{label}]: {path} has no test {function}"
    assert function.startswith("test_")


def test_every_cited_label_is_used() -> None:
    used = {label for _, cells in ROWS for label in LABEL.findall(cells[2])}
    assert set(CITED) - used == set()


@pytest.mark.parametrize("number", range(len(re.findall(r"```python\n", TEXT))))
def test_every_snippet_compiles(number: int) -> None:
    snippet = re.findall(r"```python\n(.*?)```", TEXT, flags=re.DOTALL)[number]
    compile(snippet, f"{GUIDE.name} snippet {number}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
