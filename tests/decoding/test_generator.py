"""scripts/generate_decoders.py stops with a clear error on what it cannot decode exactly as `from_dict`
does, instead of writing a decoder that could differ; and it finds the JSON key of every field."""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from uuid import UUID

import attrs
import pytest

from atlas_control_plane_client.models import AgentInstanceRead, ValidationError
from atlas_control_plane_client.types import Unset

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "generate_decoders.py"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_decoders", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_renamed_fields_are_read_from_their_json_keys(generator: ModuleType) -> None:
    assert generator.json_keys(AgentInstanceRead)["input_"] == "input"
    assert generator.json_keys(ValidationError)["type_"] == "type"


@attrs.define
class _Ambiguous:
    when: UUID | datetime

    @classmethod
    def from_dict(cls, src_dict: dict[str, Any]) -> _Ambiguous:
        d = dict(src_dict)
        when = d.pop("when")
        return cls(when=when)


@attrs.define
class _Unread:
    name: str

    @classmethod
    def from_dict(cls, src_dict: dict[str, Any]) -> _Unread:
        return cls(name=src_dict["name"])


def test_a_type_it_cannot_decode_exactly_stops_it(generator: ModuleType) -> None:
    with pytest.raises(generator.UnsupportedHint, match=r"_Ambiguous\.when: no decoder for"):
        generator.classify(_Ambiguous, "when", "when", UUID | datetime, Unset)


def test_a_field_whose_json_key_it_cannot_find_stops_it(generator: ModuleType) -> None:
    with pytest.raises(generator.UnsupportedHint, match=r"_Unread\.from_dict: no JSON key found for \['name'\]"):
        generator.json_keys(_Unread)


def test_a_stop_is_reported_on_stderr_with_exit_status_1(
    generator: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(models: ModuleType) -> str:
        raise generator.UnsupportedHint("Model.field: no decoder for X")

    monkeypatch.setattr(generator, "load_models", lambda package: ModuleType("models"))
    monkeypatch.setattr(generator, "render", refuse)
    output = tmp_path / "_decoders.py"
    assert generator.main([str(tmp_path), str(output)]) == 1
    assert "generate_decoders: Model.field: no decoder for X" in capsys.readouterr().err
    assert not output.exists()
