"""The harness's own rules: the supply of ids of a timed fan-out, and the bytecode caches of the fresh
processes (the "without .pyc" mode must really lack the SDK's, and stay so)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from uuid import UUID

import httpx
import pytest

import atlas_control_plane_client
import atlas_extras
from benchmarks.fetchers import Supply
from benchmarks.fresh import PYC, SOURCE, bytecode_caches, probe

IDS = [UUID(int=n) for n in range(100)]


def test_a_supply_without_a_budget_hands_out_each_id_once() -> None:
    supply = Supply(IDS)
    assert list(supply) == IDS
    assert supply.taken == len(IDS)


def test_a_budget_cycles_through_the_ids_and_ends() -> None:
    supply = Supply(IDS[:3], seconds=0.05)
    taken = list(supply)  # ends by itself
    assert len(taken) > 3
    assert taken == [IDS[n % 3] for n in range(len(taken))]
    assert supply.taken == len(taken)


def test_the_budget_starts_with_the_first_id_taken() -> None:
    supply = Supply(IDS[:3], seconds=0.05)
    time.sleep(0.1)  # set-up before the timed part: it must not use up the budget
    assert next(supply) == IDS[0]


def test_threads_sharing_a_supply_get_each_id_once() -> None:
    supply = Supply(IDS)
    taken: list[UUID] = []

    def pull() -> None:
        for item in supply:
            taken.append(item)

    threads = [threading.Thread(target=pull) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(taken) == IDS
    assert supply.taken == len(IDS)


def _cached(prefix: str, package_file: str | None) -> Path:
    assert package_file is not None
    folder = Path(package_file).resolve().parent
    return Path(prefix) / folder.relative_to(folder.anchor)


def test_the_bytecode_modes_differ_by_the_sdk_s_pyc_only() -> None:
    with bytecode_caches([["import", "import atlas_extras"], ["import", "import atlas_control_plane_client"]]) as modes:
        with_pyc, without = modes
        assert (with_pyc.name, without.name) == (PYC, SOURCE)
        for mode in (with_pyc, without):
            assert mode.env["PYTHONDONTWRITEBYTECODE"] == "1"
            assert list(_cached(mode.env["PYTHONPYCACHEPREFIX"], httpx.__file__).glob("*.pyc"))
        sdk = (atlas_extras.__file__, atlas_control_plane_client.__file__)
        assert all(list(_cached(with_pyc.env["PYTHONPYCACHEPREFIX"], path).glob("*.pyc")) for path in sdk)
        assert not any(_cached(without.env["PYTHONPYCACHEPREFIX"], path).exists() for path in sdk)
        assert probe(["import", "import atlas_extras"], without.env)["import_s"] > 0
        assert not any(_cached(without.env["PYTHONPYCACHEPREFIX"], path).exists() for path in sdk)  # still none


def test_a_warm_up_that_never_imports_the_sdk_is_refused() -> None:
    with pytest.raises(RuntimeError, match=r"no \.pyc for atlas_extras"), bytecode_caches([["import", "import json"]]):
        pass
