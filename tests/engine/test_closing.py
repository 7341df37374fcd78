"""Closing a default client while its requests are in flight, or waiting for a pool slot, ends each of them
with `AtlasClientClosedError` at once, sends nothing again, and closes every connection.

(Not so over the httpx engine, here: calls waiting for a pool slot when the client closes were still waiting
10 s later.)"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from atlas_extras import ControlPlaneClient
from atlas_extras.errors import AtlasClientClosedError

from .raw_server import RawServer


async def test_closing_ends_every_call_in_flight_and_sends_nothing_again(server: RawServer) -> None:
    server.behaviour = "hang"
    client = ControlPlaneClient(server.base_url, limits=httpx.Limits(max_connections=2, max_keepalive_connections=2))
    calls = [asyncio.create_task(client.health()) for _ in range(5)]  # 2 in flight, 3 waiting for a slot
    assert await server.has_read(2)
    await asyncio.wait_for(client.close(), 5.0)
    outcomes = await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), 5.0)
    assert [type(outcome) for outcome in outcomes] == [AtlasClientClosedError] * 5
    assert len(server.requests) == 2  # no retry, and the waiting calls were never sent
    assert await server.all_closed()
    with pytest.raises(AtlasClientClosedError):
        await client.health()
