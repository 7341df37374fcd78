"""For all headers, bodies and query values: the bytes the default engine writes carry exactly what httpx
puts in the request it builds (target, headers, body), and a header that would break the head is refused."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from atlas_extras import _aiohttp_wire as wire
from atlas_extras._http1 import LocalProtocolError, request_head

BASE = "http://control-plane.test:8000"
NAMES = st.from_regex(r"X-[A-Za-z0-9-]{1,20}", fullmatch=True)
VALUES = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40).map(str.strip)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def parse(head: bytes) -> tuple[str, list[tuple[str, str]]]:
    line, *lines = head.decode("ascii").removesuffix("\r\n\r\n").split("\r\n")
    return line, [(name.lower(), value.strip()) for name, _, value in (item.partition(":") for item in lines)]


@given(
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    headers=st.dictionaries(NAMES, VALUES, max_size=5),
    params=st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), SCALARS | st.lists(SCALARS, max_size=3)),
    body=st.none() | JSON,
)
def test_the_head_and_body_are_httpx_s(method: str, headers: dict[str, str], params: dict[str, Any], body: Any) -> None:
    path = "/api/v1/things"
    expected = httpx.Client(base_url=BASE).build_request(method, path, params=params, json=body, headers=headers)
    url = wire.request_url(BASE + path, params)
    target = url.removeprefix(BASE)
    data = None if body is None else wire.json_body(body)
    line, sent = parse(request_head(method, target, "control-plane.test:8000", headers, data))
    assert line == f"{method} {expected.url.raw_path.decode('ascii')} HTTP/1.1"
    httpx_headers = [(name.lower(), value) for name, value in expected.headers.items() if name.lower() != "user-agent"]
    assert sorted(sent) == sorted(httpx_headers)
    assert (data or b"") == expected.content


@pytest.mark.parametrize(
    ("name", "value"),
    [("X-Bad", "a\r\nInjected: yes"), ("X-Bad", "a\nb"), ("X-Bad", "nul\0"), ("Bad Name", "v"), ("X-Bad", "é")],
)
def test_a_header_that_would_break_the_head_is_refused(name: str, value: str) -> None:
    with pytest.raises(LocalProtocolError):
        request_head("GET", "/", "h", {name: value}, None)
