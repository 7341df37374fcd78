"""The aiohttp engine builds URLs, query strings and JSON bodies exactly as httpx does, for every input."""

from __future__ import annotations

import math
import string
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from yarl import URL

from atlas_extras._aiohttp import _Origin
from atlas_extras._aiohttp_wire import json_body, request_url

BASES = [
    "http://127.0.0.1:8000",
    "https://control-plane.example",
    "http://control-plane.test/prefix",
    "http://Control-Plane.TEST:8080",  # httpx lowercases the host
    "http://control-plane.test:80",  # and leaves a default port out
    "https://control-plane.test:443",
    "http://control-plane.test:0080",
    "http://control-plane.test:65536",
    "http://[::1]:8000",
    "http://b\u00fccher.example",  # an IDNA host
]
SEGMENT_TEXT = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@/?#% \u00e9\u2713"), max_size=12
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
PARAMS = st.dictionaries(st.text(max_size=8), st.one_of(SCALARS, st.lists(SCALARS, max_size=3)), max_size=4)


def sent_by_httpx(url: str, params: Any) -> str:
    return str(httpx.Request("GET", url, params=params).url)


@given(base=st.sampled_from(BASES), segments=st.lists(SEGMENT_TEXT, max_size=4), params=st.none() | PARAMS)
@example(base=BASES[0], segments=["api", "v1", "agent-definitions"], params={"status": "draft", "limit": 2})
@example(base=BASES[0], segments=["a", "..", "b"], params=None)
@example(base=BASES[0], segments=["a b", "c%zz"], params={"q": ["x y", "+&=", True, None]})
def test_the_url_is_the_one_httpx_sends(base: str, segments: list[str], params: dict[str, Any] | None) -> None:
    url = base + "".join("/" + segment for segment in segments)
    try:
        expected = sent_by_httpx(url, params)
    except (httpx.InvalidURL, ValueError) as rejected:
        with pytest.raises(type(rejected)):
            request_url(url, params)
        return
    assert request_url(url, params) == expected


CLIENT_BASES = [base for base in BASES if not base.endswith(":65536")]  # clients refuse a port out of range


@given(base=st.sampled_from(CLIENT_BASES), segments=st.lists(SEGMENT_TEXT, max_size=4), params=st.none() | PARAMS)
def test_the_engine_turns_that_url_into_the_same_yarl_url(
    base: str, segments: list[str], params: dict[str, Any] | None
) -> None:
    try:
        target = request_url(base + "".join("/" + segment for segment in segments), params)
    except (httpx.InvalidURL, ValueError):
        return
    split = urlsplit(base)
    built = _Origin(split.scheme, split.netloc).url(target)
    assert built == URL(target, encoded=True)
    assert str(built) == str(URL(target, encoded=True))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)


@given(value=JSON.filter(lambda value: value is not None))  # `json=None` is no body, in httpx as in the engine
def test_the_json_body_is_the_one_httpx_sends(value: Any) -> None:
    assert json_body(value) == httpx.Request("POST", "http://x", json=value).content


@pytest.mark.parametrize("bad", [math.nan, math.inf, {"x": [-math.inf]}])
def test_a_json_body_httpx_refuses_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="Out of range float"):
        httpx.Request("POST", "http://x", json=bad)
    with pytest.raises(ValueError, match="Out of range float"):
        json_body(bad)
