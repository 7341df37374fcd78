"""Measure what offset pagination loses when the list changes during the walk (not a test).

Walks every agent definition of the fake Control Plane through the real async client while another
caller deletes definitions chosen at random from the whole list between page requests, and counts the
survivors (definitions never deleted) the walk skipped or yielded twice.

Usage: python scripts/measure_pagination_under_deletes.py [--definitions 1000] [--limit 100]
       [--delete-fraction 0.1] [--prefetch 1] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from atlas_control_plane_client.models import AgentDefinitionRead
from atlas_extras import AtlasConflictError, ControlPlaneClient
from atlas_extras.pagination import AtlasPaginationError, paginate
from atlas_extras.testing import FakeControlPlane


@dataclass
class Run:
    """One walk: how many survivors it should have yielded, skipped and repeated."""

    survivors: int
    skipped: int
    repeated: int
    deleted: int
    failed: bool
    warned: bool


async def measure(definitions: int, limit: int, delete_fraction: float, prefetch: int, seed: int) -> Run:
    fake = FakeControlPlane(definitions=definitions, lifecycle_step=None, seed=seed)
    async with ControlPlaneClient("http://fake-control-plane", transport=fake.transport(), max_retries=0) as client:
        everything = [d.id async for d in client.iter_agent_definitions()]
        pages = -(-len(everything) // limit)
        per_request = round(delete_fraction * len(everything) / max(1, pages - 1))
        chooser = random.Random(seed)
        candidates = list(everything)
        chooser.shuffle(candidates)
        deleted: set[UUID] = set()
        requests = 0

        async def fetch_page(page_limit: int, offset: int) -> Sequence[AgentDefinitionRead]:
            nonlocal requests
            if requests:  # another caller deletes between two page requests of the walk
                await delete_some(per_request)
            requests += 1
            return await client.list_agent_definitions(limit=page_limit, offset=offset)

        async def delete_some(count: int) -> None:
            while count and candidates:
                victim = candidates.pop()
                try:
                    await client.delete_agent_definition(victim)
                except AtlasConflictError:  # still used by a deployment: pick another
                    continue
                deleted.add(victim)
                count -= 1

        seen: list[UUID] = []
        failed = False
        paginator = paginate(fetch_page, limit, prefetch=prefetch)
        try:
            seen.extend([d.id async for d in paginator])
        except AtlasPaginationError:
            failed = True
    survivors = set(everything) - deleted
    counts = Counter(seen)
    return Run(
        survivors=len(survivors),
        skipped=len(survivors - counts.keys()),
        repeated=sum(n - 1 for n in counts.values() if n > 1),
        deleted=len(deleted),
        failed=failed,
        warned=paginator.state.total is None,  # the changing total was noticed and dropped (a warning)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--definitions", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--delete-fraction", type=float, default=0.1, help="share of the list deleted during a walk")
    parser.add_argument("--prefetch", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("atlas_extras").setLevel(logging.ERROR)  # counted below instead
    runs = [
        asyncio.run(measure(args.definitions, args.limit, args.delete_fraction, args.prefetch, seed))
        for seed in range(args.runs)
    ]
    for seed, run in enumerate(runs):
        print(
            f"seed {seed}: deleted {run.deleted}, survivors {run.survivors}, skipped {run.skipped} "
            f"({100 * run.skipped / run.survivors:.1f} %), repeated {run.repeated}"
            + (", total dropped with a warning" if run.warned else "")
            + (", raised AtlasPaginationError" if run.failed else "")
        )
    share = statistics.mean(run.skipped / run.survivors for run in runs)
    print(
        f"{args.definitions} definitions, limit {args.limit}, prefetch {args.prefetch}, "
        f"{100 * args.delete_fraction:.0f} % deleted during the walk: {100 * share:.1f} % of the survivors "
        f"skipped on average, {sum(run.repeated for run in runs)} repeated"
    )


if __name__ == "__main__":
    main()
