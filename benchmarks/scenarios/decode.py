"""Scenario 7: decoding a page of agent definitions, no network: today's `from_dict` followed by `check_model`
(what `_call.page_result` does) against the generated decoders (`atlas_extras._decoding`), from parsed JSON
and from the body's bytes (json.loads today; `_decoding.loads`, orjson when installed, ours).

"Cold" clears the UUID cache before every decode, so each page's ids are parsed as if never seen; "warm"
keeps it, as when the same objects come back (polling, walking the pages again).

`python -m benchmarks.scenarios.decode [--quick]` runs it alone.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

from atlas_control_plane_client.models import AgentDefinitionRead
from atlas_extras._decode_support import clear_uuid_cache
from atlas_extras._decoding import list_decoder, loads
from atlas_extras._validation import check_model

from ..canned import canned_bodies
from ..report import Row, Target, render_table
from ..rows import Comparison
from ..sizes import FULL, QUICK, Sizes
from ..timing import Trial, interleave
from . import Context, Scenario

TITLE = "7 decode"
TARGET = Target("ratio", ">=", 4.0)
TODAY, TODAY_BYTES = "from_dict + check_model", "json.loads + from_dict + check_model"
COLD, WARM = "ours, cold UUID cache", "ours, warm UUID cache"
COLD_BYTES, WARM_BYTES = "loads + ours, cold UUID cache", "loads + ours, warm UUID cache"
JSON_ONLY, LOADS_ONLY = "json.loads alone", "_decoding.loads alone"
# A round takes about half a second: more, shorter rounds than the network scenarios, so that the medians
# hold on a busy machine.
ROUNDS_PER_REPEAT = 3


def _today(data: Any) -> list[AgentDefinitionRead]:
    """What `_call._items` does with a parsed page."""
    items = [AgentDefinitionRead.from_dict(item) for item in data]
    for index, item in enumerate(items):
        check_model(item, f"body[{index}]")
    return items


_ours = list_decoder(AgentDefinitionRead)


def _cold(data: Any) -> list[AgentDefinitionRead]:
    clear_uuid_cache()
    return _ours(data)


def _pages_per_second(decode: Callable[[], object], pages: int) -> Trial[float]:
    def trial() -> float:
        decode()  # untimed: the first call of a round warms what the variant keeps (its UUID cache, if any)
        started = time.perf_counter()
        for _ in range(pages):
            decode()
        return pages / (time.perf_counter() - started)

    return trial


def _check_equal(body: bytes) -> None:
    """The variants decode the same page to the same objects, or the figures compare nothing."""
    expected = _today(json.loads(body))
    if _cold(loads(body)) != expected or _ours(json.loads(body)) != expected:
        raise AssertionError("the generated decoders disagree with from_dict on the benchmark page")


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    body = canned_bodies(sizes.page_size).page
    _check_equal(body)
    data = json.loads(body)
    pages = sizes.overhead_list_calls  # scenario 4's count of 100-item pages
    rounds = sizes.repeats * ROUNDS_PER_REPEAT
    parsed: dict[str, Callable[[], object]] = {TODAY: lambda: _today(data), COLD: lambda: _cold(data)}
    parsed[WARM] = lambda: _ours(data)
    raw: dict[str, Callable[[], object]] = {
        TODAY_BYTES: lambda: _today(json.loads(body)),
        COLD_BYTES: lambda: _cold(loads(body)),
        WARM_BYTES: lambda: _ours(loads(body)),
        JSON_ONLY: lambda: json.loads(body),
        LOADS_ONLY: lambda: loads(body),
    }
    trials = {name: _pages_per_second(call, pages) for name, call in {**parsed, **raw}.items()}
    samples = interleave(trials, rounds, sizes.deadline)
    size = sizes.page_size
    from_json = Comparison(TITLE, "pages/s", peers=(TODAY,), reference=(TODAY,), ratio_of="of today")
    from_bytes = Comparison(
        TITLE, "pages/s", peers=(TODAY_BYTES, JSON_ONLY, LOADS_ONLY), reference=(TODAY_BYTES,), ratio_of="of today"
    )
    return [
        from_json.row(samples, COLD, measure=f"{size}-item page, parsed JSON, cold UUID cache", target=TARGET),
        from_json.row(samples, WARM, measure=f"{size}-item page, parsed JSON, warm UUID cache"),
        from_bytes.row(samples, COLD_BYTES, measure=f"{size}-item page, from bytes, cold UUID cache"),
        from_bytes.row(samples, WARM_BYTES, measure=f"{size}-item page, from bytes, warm UUID cache"),
    ]


SCENARIO = Scenario("decode", "Decoding a page of models, no network", None, run)


def main(argv: list[str]) -> int:
    sizes: Sizes = QUICK if "--quick" in argv else FULL
    print(render_table(run(Context("", sizes, lambda message: print(message, file=sys.stderr)))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
