from __future__ import annotations

from pathlib import Path

from reviewer.read import read_report
from reviewer.structure import Report, analyse

DATA = Path(__file__).parent / "data"
SEED_000 = "000_d51c077ad127272f"
SEED_004 = "004_b49ffed0ca1fe29f"
SEEDS = (SEED_000, SEED_004)


def seed_path(seed: str, fmt: str) -> Path:
    return DATA / f"{seed}.{fmt}"


_CACHE: dict[tuple[str, str], Report] = {}


def seed_report(seed: str, fmt: str) -> Report:
    key = (seed, fmt)
    if key not in _CACHE:
        _CACHE[key] = analyse(read_report(seed_path(seed, fmt)))
    return _CACHE[key]
