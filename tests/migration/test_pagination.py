"""atlas_sdk's pagination (`paginate`, `Paginator`, `PaginationState`) mapped to ours, against the fake's 14 demo
agent definitions walked 5 at a time: the same `paginate(fetch_page, limit)` call, page-by-page batches with
`Page.has_more`/`next_offset` instead of `Paginator.next_page()`, and a JSON checkpoint that resumes at the next
item (atlas_sdk's resumed a whole page later, or repeated it)."""

from __future__ import annotations

import json
from typing import Any

from atlas_extras import PaginationState, paginate, paginate_sync

from .conftest import Clients


async def all_ids(clients: Clients) -> list[Any]:
    page = await clients.admin("list_agent_definitions", limit=1000)
    assert page.total == len(page) > 10
    return [d.id for d in page]


async def test_atlas_sdks_paginate_call_walks_every_item(clients: Clients) -> None:
    client = clients.admin.client
    if clients.flavour == "async":
        walked = [
            d.id
            async for d in paginate(
                lambda limit, offset: client.list_agent_definitions(limit=limit, offset=offset), limit=5
            )
        ]
    else:
        walked = [
            d.id
            for d in paginate_sync(
                lambda limit, offset: client.list_agent_definitions(limit=limit, offset=offset), limit=5
            )
        ]
    assert walked == await all_ids(clients)
    assert [d.id for d in await clients.admin.collect("iter_agent_definitions", limit=5)] == walked


async def test_page_by_page_batches_with_has_more_and_next_offset(clients: Clients) -> None:
    batches: list[list[Any]] = []
    offset = 0
    while True:
        page = await clients.admin("list_agent_definitions", limit=5, offset=offset)
        batches.append([d.id for d in page])
        if not page.has_more:
            break
        offset = page.next_offset
    assert [len(batch) for batch in batches[:-1]] == [5] * (len(batches) - 1)
    assert [item for batch in batches for item in batch] == await all_ids(clients)


async def test_a_json_checkpoint_resumes_at_the_next_item(clients: Clients) -> None:
    expected = await all_ids(clients)
    paginator = clients.admin.client.iter_agent_definitions(limit=5)
    processed: list[Any] = []
    if clients.flavour == "async":
        async for definition in paginator:
            processed.append(definition.id)
            if len(processed) == 7:  # mid-page: the process stops here
                break
        await paginator.aclose()
    else:
        for definition in paginator:
            processed.append(definition.id)
            if len(processed) == 7:
                break
        paginator.close()
    checkpoint = json.dumps(paginator.state.to_dict())

    state = PaginationState.from_dict(json.loads(checkpoint))
    processed += [d.id for d in await clients.admin.collect("iter_agent_definitions", limit=5, state=state)]
    assert processed == expected  # nothing skipped, nothing repeated
    assert state.exhausted
