"""Finding ids must outlive changes in how places are shown: reviewers' decisions are stored under them."""

from reviewer.checks.findings import fingerprint
from reviewer.checks.location import Location, NarrativePlace, describe, identity

SENTENCE = "全年项目支出9,292.74万元，其中基本支出3,061.20万元，项目支出6,231.54万元。"


def test_identity_keeps_the_plain_cut_the_ids_were_first_made_with() -> None:
    place = NarrativePlace(section_id="budget", section_name="预算执行情况", quote=SENTENCE)
    location = Location(place=place)
    assert identity(location) == f"正文 · 预算执行情况 · 「{SENTENCE[:24]}…」"
    # The display cut never splits a figure, so here it differs from the identity text.
    assert describe(location) == "正文 · 预算执行情况 · 「全年项目支出9,292.74万元，其中基本支出…」"
    assert fingerprint("narrative_sum", identity(location), "a = b") == fingerprint(
        "narrative_sum", f"正文 · 预算执行情况 · 「{SENTENCE[:24]}…」", "a = b"
    )
