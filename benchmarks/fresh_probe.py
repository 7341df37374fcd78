"""One measurement in a fresh process, for what only the first time shows: `python benchmarks/fresh_probe.py
MODE ...` (a script, not `-m`: runpy would import a dozen modules first) prints one JSON line.

Modes:

- `import STATEMENT`: the wall time of an import statement (`"import httpx"`, `"from atlas_extras import
  ControlPlaneClient"`; nothing else imported before it but what the interpreter starts with) and how many
  modules it loaded.
- `dashboard-async URL LOADS`: import the SDK, make a `ControlPlaneClient(URL)` in an event loop, load the
  dashboard with `fetch_dashboard` once (the first load of a new client), then LOADS more times.
- `dashboard-sync URL LOADS`: the same with `SyncControlPlaneClient` and `fetch_dashboard_sync` on a
  `ThreadRunner` made with the client.
- `raw-aiohttp URL LOADS PATH...`: the floor: a new `aiohttp.ClientSession` gathering GETs of the paths.

Every figure is in seconds: `import_s`, `make_s` (the client), `first_s` (the first load), `later_s` (each
later load). Only `sys` and `time` are imported before the first figure is taken (not even `typing` or
`__future__`); the checks that the loads went right (one round trip, no section failed) run after the last one.
"""

import os
import sys
import time

__all__ = ["main"]

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_SECTIONS = 5  # the dashboard's first round: threads for the sync load


def _import(statement: str) -> dict[str, object]:
    code = compile(statement, "<import>", "exec")
    before = len(sys.modules)
    started = time.perf_counter()
    exec(code, {})
    seconds = time.perf_counter() - started
    return {"import_s": seconds, "modules": len(sys.modules) - before}


def _dashboard_async(base_url: str, loads: int) -> dict[str, object]:
    started = time.perf_counter()
    from atlas_extras import ControlPlaneClient
    from atlas_extras.dashboard import fetch_dashboard

    imported = time.perf_counter() - started
    import asyncio

    async def load() -> dict[str, object]:
        started = time.perf_counter()
        client = ControlPlaneClient(base_url)
        made = time.perf_counter() - started
        durations: list[float] = []
        results: list[object] = []
        async with client:
            for _ in range(1 + loads):
                started = time.perf_counter()
                results.append(await fetch_dashboard(client))
                durations.append(time.perf_counter() - started)
        _check(results)
        return {"import_s": imported, "make_s": made, "first_s": durations[0], "later_s": durations[1:]}

    return asyncio.run(load())


def _dashboard_sync(base_url: str, loads: int) -> dict[str, object]:
    started = time.perf_counter()
    from atlas_extras import SyncControlPlaneClient
    from atlas_extras.concurrency import ThreadRunner
    from atlas_extras.dashboard import fetch_dashboard_sync

    imported = time.perf_counter() - started
    started = time.perf_counter()
    client, runner = SyncControlPlaneClient(base_url), ThreadRunner(max_workers=_SECTIONS)
    made = time.perf_counter() - started
    durations: list[float] = []
    results: list[object] = []
    with client, runner:
        for _ in range(1 + loads):
            started = time.perf_counter()
            results.append(fetch_dashboard_sync(client, runner))
            durations.append(time.perf_counter() - started)
    _check(results)
    return {"import_s": imported, "make_s": made, "first_s": durations[0], "later_s": durations[1:]}


def _raw_aiohttp(base_url: str, loads: int, paths: list[str]) -> dict[str, object]:
    started = time.perf_counter()
    import aiohttp

    imported = time.perf_counter() - started
    import asyncio

    async def get(session: aiohttp.ClientSession, url: str) -> object:
        async with session.get(url) as response:
            return await response.json()

    async def load() -> dict[str, object]:
        urls = [base_url + path for path in paths]
        started = time.perf_counter()
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100), raise_for_status=True)
        made = time.perf_counter() - started
        durations: list[float] = []
        async with session:
            for _ in range(1 + loads):
                started = time.perf_counter()
                await asyncio.gather(*(get(session, url) for url in urls))
                durations.append(time.perf_counter() - started)
        return {"import_s": imported, "make_s": made, "first_s": durations[0], "later_s": durations[1:]}

    return asyncio.run(load())


def _check(results: list[object]) -> None:
    sys.path.insert(0, _ROOT)
    from atlas_extras.dashboard import DashboardData
    from benchmarks.scenarios.dashboard import checked

    for data in results:
        assert isinstance(data, DashboardData)
        checked(data)


def main(argv: list[str]) -> int:
    mode, *rest = argv
    if mode == "import":
        result = _import(rest[0])
    elif mode == "dashboard-async":
        result = _dashboard_async(rest[0], int(rest[1]))
    elif mode == "dashboard-sync":
        result = _dashboard_sync(rest[0], int(rest[1]))
    elif mode == "raw-aiohttp":
        result = _raw_aiohttp(rest[0], int(rest[1]), rest[2:])
    else:
        print(f"unknown mode {mode!r}: import, dashboard-async, dashboard-sync or raw-aiohttp", file=sys.stderr)
        return 2
    import json

    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    del sys.path[0]  # this script's folder: its modules must not shadow any the measured imports look for
    raise SystemExit(main(sys.argv[1:]))
