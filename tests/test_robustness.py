"""Mangled reports must be reviewed or refused, never crash: in a batch a crash costs a report."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_000, SEED_004, seed_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.read import read_report
from reviewer.review import ReviewOptions
from reviewer.structure import analyse
from reviewer.suggest import make_suggestions

LINES = {seed: seed_path(seed, "txt").read_text("utf-8").splitlines() for seed in (SEED_000, SEED_004)}

edit = st.tuples(
    st.sampled_from(["delete", "duplicate", "untab", "tab", "blank", "digits"]),
    st.floats(min_value=0, max_value=1, exclude_max=True),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from([SEED_000, SEED_004]), edits=st.lists(edit, min_size=1, max_size=25))
def test_mangled_text_reports_are_reviewed_without_crashing(tmp_path: Path, seed: str, edits) -> None:
    lines = list(LINES[seed])
    for kind, where in edits:
        i = int(where * len(lines))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "untab":
            lines[i] = lines[i].lstrip("\t")
        elif kind == "tab":
            lines[i] = "\t" + lines[i]
        elif kind == "blank":
            lines[i] = ""
        else:
            lines[i] = lines[i].replace("1", "").replace("2", "—")
    path = tmp_path / "mangled.txt"
    path.write_text("\n".join(lines) or "空", encoding="utf-8")
    result = make_suggestions(analyse(read_report(path)), ReviewOptions())
    assert result.review.items and all(i.status in ("scored", "needs_evidence") for i in result.review.items)
