"""Benchmarks of the SDK against the fake Control Plane, side by side with raw httpx, raw aiohttp and the bare
generated client: `python -m benchmarks [--quick]` (or `nox -s bench`). See benchmarks/README.md."""
