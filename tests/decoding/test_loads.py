"""`_decoding.loads` parses what `json.loads` parses, to the same values, and fails where it fails, with a
ValueError in every case: orjson (when installed) does the common case, json what orjson refuses."""

from __future__ import annotations

import codecs
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from atlas_extras import _decoding
from atlas_extras._decoding import loads

from .strategies import json_values

PARSERS = ["default", "json only"]


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "json only":  # as without orjson installed
        monkeypatch.setattr(_decoding, "_fast_loads", None)
    return str(request.param)


@given(document=json_values, ascii_only=st.booleans())
def test_any_document_parses_as_json_parses_it(document: Any, ascii_only: bool) -> None:
    text = json.dumps(document, ensure_ascii=ascii_only)
    assert loads(text.encode()) == json.loads(text)
    assert loads(text) == json.loads(text)


@pytest.mark.parametrize(
    "body",
    [
        codecs.BOM_UTF8 + b'{"a": 1}',
        '{"a": "é"}'.encode("utf-16"),
        b'{"a": NaN, "b": -Infinity}',
        b'{"a": "\\ud800"}',  # a lone surrogate escape
        b'{"a": 1, "a": 2}',
        b" \n[1.5e3, -0.0, 12345678901234567890] ",
    ],
    ids=["utf-8 byte-order mark", "utf-16", "NaN", "lone surrogate", "duplicate key", "numbers"],
)
def test_what_json_reads_reads_the_same(parser: str, body: bytes) -> None:
    assert repr(loads(body)) == repr(json.loads(body))


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b'{"id": "4d9f5b8e-',
        b"<html>Service error</html>",
        b'{"name": "\xff\xfe"}',  # not UTF-8
        b"[" * 100_000 + b"]" * 100_000,  # json would hit the recursion limit
        b"[1,]",
    ],
    ids=["empty", "truncated", "html", "invalid utf-8", "deeply nested", "trailing comma"],
)
def test_what_is_not_json_raises_value_error(parser: str, body: bytes) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - ValueError is the contract (json.JSONDecodeError is one)
        loads(body)


def test_orjson_is_used_when_installed() -> None:
    orjson = pytest.importorskip("orjson")
    assert _decoding._fast_loads is orjson.loads
