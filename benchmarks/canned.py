"""Canned response bodies for the no-network scenario, taken once from the fake (in-process) so that they
have the real shape: one agent definition, and a page of 100."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from uuid import UUID

import httpx

from atlas_extras.testing import FakeControlPlane

from .peers import definition_url, page_url

__all__ = ["CannedBodies", "canned_bodies"]


@dataclass(frozen=True)
class CannedBodies:
    one: bytes
    page: bytes
    page_size: int
    total: int


async def _fetch(page_size: int) -> CannedBodies:
    fake = FakeControlPlane(definitions=page_size, lifecycle_step=None)
    async with fake.async_client() as client:
        page = await client.get(page_url("", page_size, 0))
        page.raise_for_status()
        first_id = page.json()[0]["id"]
        one = await client.get(definition_url("", UUID(first_id)))
        one.raise_for_status()
    return CannedBodies(one.content, page.content, page_size, int(page.headers["X-Total-Count"]))


def canned_bodies(page_size: int = 100) -> CannedBodies:
    return asyncio.run(_fetch(page_size))


def mock_transport(bodies: CannedBodies) -> httpx.MockTransport:
    """Answers a `GET /agent-definitions` with the page, anything else with the single definition."""
    page_headers = {"Content-Type": "application/json", "X-Total-Count": str(bodies.total)}
    one_headers = {"Content-Type": "application/json"}

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/agent-definitions"):
            return httpx.Response(200, content=bodies.page, headers=page_headers)
        return httpx.Response(200, content=bodies.one, headers=one_headers)

    return httpx.MockTransport(handle)
