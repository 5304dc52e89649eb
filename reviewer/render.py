"""Rendering for people (text, Markdown, HTML) and programs (JSON), through Jinja2 templates.

Generic over what it renders: batch, eval and suggest pass their own typed results to `render_template`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import jinja2

from .checks.findings import SEVERITY_NAMES
from .review import ReviewResult
from .verdict import verdict_line, verdict_of

FORMATS = ("text", "json", "markdown", "html")

STATUS_NAMES = {"found": "有", "empty": "空（仅填「无」或无内容）", "missing": "缺"}
ITEM_STATUS_NAMES = {
    "scored": "已评分",
    "needs_evidence": "需补充佐证材料",
    "not_applicable": "未评",
    "unscored": "未能评分",
}


@cache
def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: resources.files("reviewer.templates").joinpath(name).read_text("utf-8"))
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals.update(STATUS_NAMES=STATUS_NAMES, SEVERITY_NAMES=SEVERITY_NAMES, ITEM_STATUS_NAMES=ITEM_STATUS_NAMES)
    env.filters["points"] = lambda v: "—" if v is None else (f"{v:g}")
    return env


def render_template(name: str, **context: object) -> str:
    return _environment().get_template(name).render(**context)


def render(result: ReviewResult, fmt: str, *, index_href: str | None = None) -> str:
    """The review in `fmt`; `index_href` (HTML only): the batch's index.html, relative to this review."""
    if fmt == "json":
        return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    template = {"text": "review.txt.j2", "markdown": "review.md.j2", "html": "review.html.j2"}[fmt]
    verdict = verdict_of(result)
    return (
        _environment()
        .get_template(template)
        .render(r=result, v=verdict, verdict=verdict_line(result, verdict), index_href=index_href)
    )
