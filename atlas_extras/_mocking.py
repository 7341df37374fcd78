"""Is an httpx mocking library active? Then requests must take the httpx path, where it intercepts them.

pytest-httpx's `httpx_mock` replaces `httpx.AsyncHTTPTransport.handle_async_request`; respx replaces it or
httpcore's `AsyncConnectionPool.handle_async_request`. Either way the method on the class is no longer the
library's own function, which is cheap to check on every request.
"""

from __future__ import annotations

import sys
from typing import Any

import httpx

__all__ = ["httpx_is_mocked"]


class _Genuine:
    """A library method as the library defines it, to tell when something replaced it."""

    __slots__ = ("function", "module")

    def __init__(self, module: str) -> None:
        self.module = module
        self.function: Any = None  # once seen (the first look may happen while a mock is active)

    def replaced(self, current: Any) -> bool:
        if current is self.function:
            return False
        genuine = getattr(current, "__module__", None) == self.module and not hasattr(current, "__wrapped__")
        if self.function is None and genuine:  # (a functools.wraps wrapper is not the original)
            self.function = current
            return False
        return True


_httpx = _Genuine("httpx._transports.default")
_httpcore = _Genuine("httpcore._async.connection_pool")


def httpx_is_mocked() -> bool:
    """True while something has replaced httpx's (or httpcore's) async request handling."""
    if _httpx.replaced(httpx.AsyncHTTPTransport.handle_async_request):
        return True
    httpcore = sys.modules.get("httpcore")  # not imported yet: nobody patched it
    return httpcore is not None and _httpcore.replaced(httpcore.AsyncConnectionPool.handle_async_request)
