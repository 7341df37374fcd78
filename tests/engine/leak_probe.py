"""Every failure path of the default engine, in one process meant to run under `python -X dev -W error`:
`python -m tests.engine.leak_probe` prints "clean" when nothing was left to the garbage collector."""

from __future__ import annotations

import asyncio
import contextlib
import gc

import httpx

from atlas_extras import AtlasError, ControlPlaneClient, RetryPolicy

from .raw_server import RawServer, refused_port

FAULTS = [
    "close before reading",
    "close after reading",
    "reset after reading",
    "garbage status line",
    "200 KB header",
    "bad chunking",
    "truncated body",
    "bad gzip",
    "gzip 503",
    "drip",
    "hang",
]
POOL_OF_2 = httpx.Limits(max_connections=2, max_keepalive_connections=2)
ONE_FAST_RETRY = RetryPolicy(max_retries=1, backoff_base=0.001)


async def failures(server: RawServer) -> None:
    timeout = httpx.Timeout(5.0, read=0.3, pool=0.2)
    async with ControlPlaneClient(
        server.base_url, limits=POOL_OF_2, timeout=timeout, retry_policy=ONE_FAST_RETRY
    ) as client:
        for fault in FAULTS:
            server.behaviour = fault
            for _ in range(3):
                with contextlib.suppress(AtlasError):
                    await client.health(deadline=0.5)
        server.behaviour = "drip"  # cancelled while the body is being read, and while waiting for a slot
        calls = [asyncio.ensure_future(client.health()) for _ in range(4)]
        await asyncio.sleep(0.2)
        for call in calls:
            call.cancel()
        await asyncio.gather(*calls, return_exceptions=True)
        server.behaviour = "ok"
        await client.health()


async def refused() -> None:
    async with ControlPlaneClient(f"http://127.0.0.1:{refused_port()}", retry_policy=ONE_FAST_RETRY) as client:
        with contextlib.suppress(AtlasError):
            await client.health()


def main() -> None:
    server = RawServer()
    try:
        asyncio.run(failures(server))
        asyncio.run(refused())
        unclosed = ControlPlaneClient(server.base_url)  # never closed: its loop's shutdown closes it
        asyncio.run(unclosed.health())
        asyncio.run(unclosed.health())  # a second loop, after the first closed
        del unclosed
        gc.collect()
    finally:
        server.stop()
    print("clean")


if __name__ == "__main__":
    main()
