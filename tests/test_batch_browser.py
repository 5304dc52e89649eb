"""The batch's index.html in headless Chromium at 1366×768: the 说明 column on screen, unit names whole,
and printed on one A4 landscape page; the screenshot and the PDF go to test-artefacts/batch/.

Skipped when Playwright or Chromium is missing (CI installs them), like the workbench's browser test."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from conftest import SEED_004, seed_score
from test_batch_outputs import ARTEFACTS, UNIT_000, UNIT_004
from test_web_browser import BROWSER_ARGS, CHROMIUM, sync_api

WIDTH, HEIGHT = 1366, 768
A4_LANDSCAPE_PRINT_WIDTH = round((297 - 2 * 10) / 25.4 * 96)  # CSS pixels inside the index's 10 mm margins

# Each unit cell: its box, the text's font size and how many lines the text takes.
UNIT_CELLS = """() => [...document.querySelectorAll("td.unit")].filter(td => td.textContent).map(td => {
  const range = document.createRange();
  range.selectNodeContents(td);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  return {text: td.textContent, width: td.getBoundingClientRect().width,
          font: parseFloat(getComputedStyle(td).fontSize), lines};
})"""


def test_index_is_readable_at_1366_and_prints_on_one_a4_page(seed_batch: Path) -> None:
    import pdfplumber

    out = seed_batch
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto((out / "index.html").as_uri())
            page.screenshot(path=str(ARTEFACTS / "index-1366.png"))
            note = page.locator("th.note").bounding_box()
            assert note is not None and note["x"] >= 0 and note["x"] + note["width"] <= WIDTH
            assert note["y"] + note["height"] <= HEIGHT  # the header row is on the first screen
            assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH  # no sideways scrolling
            units = page.evaluate(UNIT_CELLS)
            assert {u["text"] for u in units} == {UNIT_000, UNIT_004}
            for unit in units:  # never one character a line: a whole name on one line
                assert unit["width"] > 4 * unit["font"] and unit["lines"] == 1, unit
            # Printed: the table fits inside the A4 landscape page (what overflows would be cut off).
            page.emulate_media(media="print")
            page.set_viewport_size({"width": A4_LANDSCAPE_PRINT_WIDTH, "height": HEIGHT})
            assert page.evaluate("document.querySelector('table').scrollWidth") <= A4_LANDSCAPE_PRINT_WIDTH
            page.pdf(path=str(ARTEFACTS / "index.pdf"), prefer_css_page_size=True)
        finally:
            browser.close()
    with pdfplumber.open(ARTEFACTS / "index.pdf") as document:
        assert len(document.pages) == 1
        page_box = document.pages[0]
        assert round(page_box.width) == 842 and round(page_box.height) == 595  # A4 landscape, in points
        # Chromium's PDF maps some characters of the CJK font to their Kangxi-radical look-alikes (「⾃」 for 「自」,
        # 「⽅」 for 「方」): the same text once normalised.
        text = unicodedata.normalize("NFKC", page_box.extract_text()).replace("\n", "")
    for expected in ("说明", "评分方式", UNIT_000, seed_score(SEED_004)):
        assert expected in text, expected
