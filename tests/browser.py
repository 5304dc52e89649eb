"""The headless browser the browser tests share: the system Chromium through Playwright, and one folder
for what they keep for people to look at (screenshots, PDFs).

Artefacts go to $REVIEWER_TEST_ARTEFACTS/<suite>/ (default: test-artefacts/ at the repository root,
ignored by git; CI keeps the folder). A test module calls `browser_or_skip()` first: without Chromium or
Playwright it is skipped, and says why.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import pytest

CHROMIUM = os.environ.get("REVIEWER_CHROMIUM", "/usr/bin/chromium")
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTEFACTS = Path(os.environ.get("REVIEWER_TEST_ARTEFACTS", Path(__file__).parent.parent / "test-artefacts"))


def browser_or_skip() -> ModuleType:
    """Playwright's sync API, or skip the calling module (Chromium or Playwright missing)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


def artefacts(suite: str) -> Path:
    """The folder a suite keeps its screenshots and PDFs in, created."""
    folder = ARTEFACTS / suite
    folder.mkdir(parents=True, exist_ok=True)
    return folder
