"""Benchmarks of the SDK against the fake Control Plane, side by side with raw aiohttp, raw httpx, raw httpx2 and
the bare generated client: `python -m benchmarks [--quick]` (or `nox -s bench`). See benchmarks/README.md."""
