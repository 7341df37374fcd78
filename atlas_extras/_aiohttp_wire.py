"""What the aiohttp engine puts on the wire, built exactly as httpx builds it, without httpx objects per request.

The URL with its query string, the JSON body, the default headers, and the proxy that applies to a base URL
(`proxy=`, else `HTTP(S)_PROXY`/`ALL_PROXY`/`NO_PROXY`) all follow httpx 0.28's rules, so a server sees the
same requests whichever engine sent them. Anything unusual (a path httpx would re-quote or normalise) takes
httpx's own code, once per request; the common case costs a few string operations.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus

import httpx

__all__ = ["ProxyRoute", "accept_encoding", "json_body", "proxy_route", "query_string", "request_url"]

# A URL httpx sends as it is: no character it would quote, no dot segment it would remove, no query or fragment.
_PLAIN_URL = re.compile(
    r"(?P<scheme>https?)://[a-z0-9.\-]+(?::(?P<port>[1-9][0-9]{0,4}))?(?:/[A-Za-z0-9\-_~!$&'()*+,;=:@]+)*/?"
)
_DEFAULT_PORTS = {"http": "80", "https": "443"}  # httpx leaves them out
# A query key or value that `urllib.parse.quote_plus` leaves as it is.
_PLAIN_QUERY_TEXT = re.compile(r"[A-Za-z0-9_.\-~]*")
_DOT_SEGMENT = re.compile(r"/\.\.?(?:/|$)")


def request_url(url: str, params: Mapping[str, Any] | None) -> str:
    """`url` with `params` as its query: the URL `httpx.Request(method, url, params=params)` sends."""
    if not _sent_as_is(url):
        return str(httpx.Request("GET", url, params=params).url)
    return f"{url}?{query_string(params)}" if params else url  # (a key with an empty list leaves a bare "?")


def _sent_as_is(url: str) -> bool:
    """Would httpx send `url` unchanged: nothing to quote or normalise, no dot segment, no default port?"""
    plain = _PLAIN_URL.fullmatch(url)
    if plain is None or _DOT_SEGMENT.search(url):
        return False
    port = plain["port"]
    return port is None or (port != _DEFAULT_PORTS[plain["scheme"]] and int(port) <= 65535)


def query_string(params: Mapping[str, Any]) -> str:
    """`str(httpx.QueryParams(params))`: lists repeat their key, True/False are "true"/"false", None is ""."""
    pairs: list[str] = []
    for key, value in params.items():
        name = _quote(str(key))
        if isinstance(value, list | tuple):
            pairs.extend(f"{name}={_quote(_primitive(item))}" for item in value)
        else:
            pairs.append(f"{name}={_quote(_primitive(value))}")
    return "&".join(pairs)


def _primitive(value: Any) -> str:
    """httpx's `primitive_value_to_str`."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)


def _quote(text: str) -> str:
    return text if _PLAIN_QUERY_TEXT.fullmatch(text) else quote_plus(text)


def json_body(value: Any) -> bytes:
    """The bytes httpx sends for `json=value` (compact, UTF-8, no NaN)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def accept_encoding(decodable: set[str]) -> str:
    """httpx's default `Accept-Encoding`, less what the other engine cannot decode."""
    from httpx._client import ACCEPT_ENCODING  # the header every httpx client sends by default

    return ", ".join(name for name in ACCEPT_ENCODING.split(", ") if name in decodable)


class ProxyRoute:
    """A proxy in the two parts aiohttp takes: its URL, and the headers httpx sends it (`Proxy-Authorization`
    from the credentials of the proxy URL, then the proxy's own headers)."""

    __slots__ = ("headers", "url")

    def __init__(self, proxy: httpx.Proxy) -> None:
        self.url = str(proxy.url)
        self.headers: dict[str, str] = {}
        if proxy.auth is not None:
            credentials = f"{proxy.auth[0]}:{proxy.auth[1]}".encode()
            self.headers["Proxy-Authorization"] = "Basic " + base64.b64encode(credentials).decode("ascii")
        self.headers.update(proxy.headers.items())


def proxy_route(base_url: str, proxy: str | httpx.URL | httpx.Proxy | None, trust_env: bool) -> httpx.Proxy | None:
    """The proxy httpx would use for requests to `base_url` (`proxy=` first, then the environment), or None."""
    if proxy is not None:
        return proxy if isinstance(proxy, httpx.Proxy) else httpx.Proxy(proxy)
    if not trust_env:
        return None
    from httpx._utils import URLPattern, get_environment_proxies  # the rules httpx itself applies

    target = httpx.URL(base_url)
    mounts = sorted(((URLPattern(key), url) for key, url in get_environment_proxies().items()), key=lambda m: m[0])
    for pattern, url in mounts:
        if pattern.matches(target):
            return None if url is None else httpx.Proxy(url)
    return None
