"""Fault suite, model boundary: a misbehaving endpoint on 127.0.0.1 can neither leak report text, hang a
review, blow up memory, poison the cache nor move a score. Short deadlines: each case takes seconds."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED_000, seed_path, seed_report
from llm_stub import Reply, StubServer, chat, error, html, huge
from test_llm import PROBLEM_2, VALID

from reviewer.cli import main
from reviewer.errors import LLMError
from reviewer.llm import Completion, LLMClient
from reviewer.llm_settings import NO_ENDPOINT, LLMSettings
from reviewer.review import ReviewOptions, review_report
from reviewer.structured import REASK_QUOTE_CHARS

FALLBACK = "rules（llm:stub-model 失败后回退）"


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the rubric, lexicon and jieba once, so that the timed cases time the endpoint only."""
    review_report(seed_report(SEED_000, "docx"), ReviewOptions())


@pytest.fixture
def stub() -> Iterator[StubServer]:
    server = StubServer().start()
    yield server
    server.stop()


def _settings(stub: StubServer, tmp_path: Path, **overrides: object) -> LLMSettings:
    base = LLMSettings(
        model="stub-model",
        base_url=stub.url,
        api_key="test-key",
        timeout=20.0,  # generous where the case is not about deadlines: the machine may be busy
        connect_timeout=20.0,
        first_byte_timeout=20.0,
        report_deadline=60.0,
        max_attempts=1,
        progress_every=0,
        cache_dir=tmp_path / "cache",
    )
    return base.model_copy(update=overrides)


def _review(stub: StubServer, tmp_path: Path, fallback: bool = True, **overrides: object):
    options = ReviewOptions(scorer="llm", llm=_settings(stub, tmp_path, **overrides), fallback=fallback)
    result = review_report(seed_report(SEED_000, "docx"), options)
    return result, {i.id: i for i in result.items}


def _cli(monkeypatch: pytest.MonkeyPatch, *args: str, **env: str) -> int:
    """The command in this process (its start-up is not what is tested), with exactly `env` for the llm."""
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "REVIEWER_MODEL", "REVIEWER_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return main(list(args))


# ------------------------------------------------------------------------------ no unnamed endpoint


def test_no_endpoint_no_request_and_the_message_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _cli(monkeypatch, "review", str(seed_path(SEED_000, "txt")), "--scorer", "llm", "--model", "gpt-4o")
    err = capsys.readouterr().err
    assert code == 5 and "OPENAI_BASE_URL" in err and "--base-url" in err and NO_ENDPOINT in err
    with pytest.raises(LLMError, match="OPENAI_BASE_URL"):
        LLMClient(LLMSettings(model="gpt-4o"))  # a library caller cannot reach the SDK's default either
    with pytest.raises(LLMError, match="OPENAI_BASE_URL"):
        LLMSettings.from_environment("gpt-4o", base_url="  ")


def test_base_url_on_the_command_line_names_the_endpoint(
    stub: StubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.script(chat(VALID))
    code = _cli(
        monkeypatch, "review", str(seed_path(SEED_000, "docx")), "--scorer", "llm", "--model", "stub-model",
        "--base-url", stub.url, "--format", "json", REVIEWER_CACHE_DIR=str(tmp_path),
    )  # fmt: skip
    assert code == 0 and len(stub.requests) == 1
    assert json.loads(capsys.readouterr().out)["llm_usage"]["requests"] == 1


@pytest.mark.parametrize("reply", [error(401, "bad key"), html()], ids=["401", "html"])
def test_no_fallback_failure_exits_5_and_still_writes_the_review(
    stub: StubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], reply: Reply
) -> None:
    stub.script(reply)
    out = tmp_path / "review.json"
    code = _cli(
        monkeypatch, "review", str(seed_path(SEED_000, "txt")), "--scorer", "llm", "--model", "stub-model",
        "--no-fallback", "--format", "json", "-o", str(out),
        OPENAI_BASE_URL=stub.url, REVIEWER_CACHE_DIR=str(tmp_path / "c"),
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 5 and "--no-fallback" in err and "内部错误" not in err
    items = {i["id"]: i for i in json.loads(out.read_text("utf-8"))["items"]}
    assert items["problems"]["status"] == "unscored"


# -------------------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_trickling_server_is_cut_off_at_the_total_deadline(stub: StubServer, tmp_path: Path, where: str) -> None:
    reply = chat(VALID)
    reply.trickle = 0.05  # 20 bytes a second: each byte well inside the read timeout, the whole far beyond it
    if where == "headers":
        reply.body = ""  # the status line and headers alone take longer than the deadline
        reply.headers = {f"x-pad-{n}": "y" * 20 for n in range(10)}
    stub.script(reply)
    start = time.monotonic()
    _result, items = _review(stub, tmp_path, timeout=1.0, first_byte_timeout=1.0)
    elapsed = time.monotonic() - start
    assert elapsed < 4.0, elapsed  # the 1 s deadline plus a busy machine; unbounded, it took minutes
    assert items["problems"].scorer == FALLBACK and "时限" in items["problems"].justification


def test_a_silent_server_costs_at_most_the_report_deadline(stub: StubServer, tmp_path: Path) -> None:
    stub.script(*[Reply(body=VALID, delay=20)] * 10)
    start = time.monotonic()
    result, items = _review(stub, tmp_path, max_attempts=10, report_deadline=1.5, timeout=1.0, first_byte_timeout=1.0)
    elapsed = time.monotonic() - start
    assert elapsed < 4.5, elapsed
    assert result.llm_usage is not None and "时限" in (result.llm_usage.error or "")
    assert items["problems"].scorer == FALLBACK


def test_progress_is_printed_while_waiting(
    stub: StubServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.script(Reply(body=chat(VALID).body, delay=0.8))
    _result, items = _review(stub, tmp_path, progress_every=0.25, timeout=3.0, first_byte_timeout=3.0)
    assert items["problems"].scorer == "llm:stub-model"
    assert "正在等待模型服务回复" in capsys.readouterr().err


# ------------------------------------------------------------------------------- what comes back


@pytest.mark.parametrize("reply", [html(), Reply(body="<html>oops</html>"), Reply(body={"detail": "ok"})])
def test_a_body_that_is_not_a_chat_completion_is_an_endpoint_error(
    stub: StubServer, tmp_path: Path, reply: Reply
) -> None:
    stub.script(reply)
    result, items = _review(stub, tmp_path)
    assert items["problems"].scorer == FALLBACK
    assert result.llm_usage is not None and "OPENAI_BASE_URL" in (result.llm_usage.error or "")
    assert len(stub.requests) == 1  # an endpoint error, not retried
    assert not list((tmp_path / "cache").glob("*.json"))


def test_a_huge_reply_is_read_up_to_the_cap_only_and_never_cached(stub: StubServer, tmp_path: Path) -> None:
    stub.script(huge(8), chat(VALID))
    start = time.monotonic()
    result, items = _review(stub, tmp_path, max_reply_bytes=200_000, max_attempts=3)
    assert time.monotonic() - start < 5.0
    assert result.llm_usage is not None and "上限" in (result.llm_usage.error or "")
    assert items["problems"].scorer == FALLBACK and len(stub.requests) == 1
    assert not list((tmp_path / "cache").glob("*.json"))


def test_a_long_rejected_reply_is_quoted_in_part_in_the_reask(stub: StubServer, tmp_path: Path) -> None:
    stub.script(chat("{" + "junk " * 20_000), chat(VALID))
    _result, items = _review(stub, tmp_path)
    assert items["problems"].scorer == "llm:stub-model"
    echoed = stub.requests[1]["messages"][-2]["content"]
    assert len(echoed) < REASK_QUOTE_CHARS + 100 and "过长" in echoed
    assert len(json.dumps(stub.requests[1], ensure_ascii=False)) < len(json.dumps(stub.requests[0])) + 10_000


def _problem(quote: str) -> dict[str, object]:
    return {"quote": quote, "dimensions": ["budget_management"], "cause": None, "specifics": [], "funding_only": False}


@pytest.mark.parametrize(
    "problems",
    [
        [_problem("预算")] * 3,  # two characters stand in every report
        [_problem("")],
        [_problem("，。")],
        [_problem(PROBLEM_2)] * 2_000,  # more problems than the section has sentences
    ],
    ids=["two-chars", "empty", "punctuation", "two-thousand"],
)
def test_quotes_that_identify_no_sentence_or_too_many_problems_never_score(
    stub: StubServer, tmp_path: Path, problems: list[dict[str, object]]
) -> None:
    bad = {"problems": problems, "measures": VALID["measures"]}
    stub.script(*[chat(bad)] * 3)
    result, items = _review(stub, tmp_path, max_reasks=2)
    assert items["problems"].scorer == FALLBACK
    assert items["problems"].points is not None and items["problems"].points < items["problems"].max_points
    assert len(stub.requests) == 3, result.llm_usage
    assert all(len(json.dumps(r, ensure_ascii=False)) < 60_000 for r in stub.requests[1:])  # never echoed whole
    assert not list((tmp_path / "cache").glob("*.json"))  # rejected replies are not cached


def test_a_rejected_reply_is_not_replayed_on_the_next_run(stub: StubServer, tmp_path: Path) -> None:
    stub.script(*[chat("not json")] * 3)
    _review(stub, tmp_path)
    stub.script(chat(VALID))
    result, items = _review(stub, tmp_path)
    assert len(stub.requests) == 4 and items["problems"].scorer == "llm:stub-model"
    assert result.llm_usage is not None and result.llm_usage.cache_hits == 0
    third, _ = _review(stub, tmp_path)
    assert len(stub.requests) == 4 and third.llm_usage is not None and third.llm_usage.cache_hits == 1


def test_concurrent_cache_writes_of_one_key_never_collide(stub: StubServer, tmp_path: Path) -> None:
    client = LLMClient(_settings(stub, tmp_path))
    failures: list[BaseException] = []

    def put(n: int) -> None:
        try:
            for _ in range(30):
                client.cache_put("same-key", Completion(text=f"reply {n}", tokens=0, mode="json_schema"))
        except BaseException as exc:  # pragma: no cover - the failure the test looks for
            failures.append(exc)

    threads = [threading.Thread(target=put, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert not failures
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["same-key.json"]  # no temp file left behind
    cached = client.cache_get("same-key")
    assert cached is not None and cached.text.startswith("reply ")
