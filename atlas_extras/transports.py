"""HTTP transports for the clients' `transport=` option.

`CancelSafeAsyncHTTPTransport` is httpx's own async transport with a repair for httpcore's pool leak on
cancelled requests; the async clients use it by default. `aiohttp_transport()` is the opt-in
aiohttp-backed httpx transport (extra `aiohttp`); pytest-httpx does not intercept it.
"""

from ._http import CancelSafeAsyncHTTPTransport, aiohttp_transport

__all__ = ["CancelSafeAsyncHTTPTransport", "aiohttp_transport"]
