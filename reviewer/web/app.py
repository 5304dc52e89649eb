"""HTTP for the workbench: the JSON API, the pages, and the guards (token, same origin, size)."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..review import ReviewOptions
from .decisions import DecisionError, DecisionIn
from .pages import render_page, report_page, screening_page
from .service import NotFound, NotReady, Workbench
from .uploads import MAX_FILE_BYTES
from .worker import ExecutorFactory

MAX_REQUEST_BYTES = 4 * MAX_FILE_BYTES  # one request: several reports, or a zip of them
MAX_FILES_PER_REQUEST = 500
TOKEN_COOKIE = "reviewer_token"
# Pages load nothing from elsewhere and may not be framed by another site.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}
NAME_COOKIE = "reviewer_name"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(render_page("error.html.j2", message=message, status=status), status_code=status)


def _same_origin(request: Request) -> bool:
    """A state-changing request from a page of another site is refused (the browser names its origin)."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if source is None:
        return True  # not a browser form or script: API clients, curl
    return urlsplit(source).netloc == request.headers.get("host", "")


def _hashed(token: str) -> str:
    return hashlib.sha256(f"reviewer-workbench:{token}".encode()).hexdigest()


def create_app(
    data_dir: Path,
    token: str | None = None,
    options: ReviewOptions | None = None,
    workers: int | None = None,
    executor_factory: ExecutorFactory | None = None,
) -> Starlette:
    bench = Workbench(data_dir, options, workers, executor_factory)
    cookie_value = _hashed(token) if token else ""

    def authorised(request: Request) -> bool:
        if not token:
            return True
        header = request.headers.get("authorization", "")
        if header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip(), token):
            return True
        return hmac.compare_digest(request.cookies.get(TOKEN_COOKIE, ""), cookie_value)

    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        public = path in ("/login",) or path.startswith("/static/")
        if not public and not authorised(request):
            if path.startswith("/api/"):
                return _error(request, 401, "需要访问令牌：请在请求头中加入 Authorization: Bearer <令牌>")
            return RedirectResponse(f"/login?next={quote(path)}", status_code=303)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            if not _same_origin(request):
                return _error(request, 403, "拒绝来自其他网站的请求（跨站请求保护）")
            length = request.headers.get("content-length")
            if length is None and request.headers.get("transfer-encoding"):
                return _error(request, 411, "请求缺少 Content-Length，请用浏览器页面或常规上传方式提交")
            if length is not None and (not length.isdigit() or int(length) > MAX_REQUEST_BYTES):
                return _error(
                    request, 413, f"上传内容过大（单次上限 {MAX_REQUEST_BYTES // 1024 // 1024} MB），请分批上传"
                )
        try:
            response = await call_next(request)
            response.headers.update(SECURITY_HEADERS)
            return response
        except NotFound as exc:
            return _error(request, 404, str(exc))
        except NotReady as exc:
            return _error(request, 409, str(exc))
        except DecisionError as exc:
            return _error(request, 422, str(exc))

    def who(request: Request) -> str:
        return unquote(request.cookies.get(NAME_COOKIE, ""))

    async def uploaded_files(request: Request) -> list[tuple[str, bytes]]:
        form = await request.form(max_files=MAX_FILES_PER_REQUEST, max_fields=50)
        files = []
        for value in form.getlist("file"):
            if isinstance(value, UploadFile):
                files.append((value.filename or "", await value.read(MAX_FILE_BYTES + 1)))
        await form.close()
        if not files:
            raise DecisionError("请选择要上传的报告文件（表单字段 file）")
        return files

    # ------------------------------------------------------------------------------------------- API

    async def api_upload(request: Request) -> Response:
        outcomes = await run_in_threadpool(bench.upload, await uploaded_files(request))
        return JSONResponse({"reports": [o.model_dump(mode="json") for o in outcomes]}, status_code=201)

    async def api_list(request: Request) -> Response:
        rows = await run_in_threadpool(bench.screening)
        return JSONResponse({"reports": [r.model_dump(mode="json") for r in rows], "busy": bench.queue.busy()})

    async def api_detail(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(bench.detail, request.path_params["id"]))

    async def api_decide(request: Request) -> Response:
        try:
            posted = DecisionIn.model_validate(json.loads(await request.body()))
        except (ValueError, ValidationError) as exc:
            raise DecisionError(
                '决定的格式不正确：应为 JSON，如 {"item": "problems", "points": 12, "note": "…"}'
            ) from exc
        final = await run_in_threadpool(bench.decide, request.path_params["id"], posted, who(request))
        return JSONResponse({"final": final.model_dump(mode="json")})

    async def api_status(request: Request) -> Response:
        try:
            status = json.loads(await request.body()).get("status", "")
        except (ValueError, AttributeError) as exc:
            raise DecisionError('审核状态的格式不正确：应为 JSON，如 {"status": "reviewed"}') from exc
        bench.set_review_status(request.path_params["id"], str(status))
        return JSONResponse({"status": status})

    async def api_rerun(request: Request) -> Response:
        bench.rerun(request.path_params["id"])
        return JSONResponse({"status": "queued"}, status_code=202)

    def attachment(data: bytes, media_type: str, filename: str) -> Response:
        disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
        return Response(data, media_type=media_type, headers={"content-disposition": disposition})

    async def api_opinion(request: Request) -> Response:
        report_id = request.path_params["id"]
        reviewer = request.query_params.get("reviewer", "").strip()[:40] or who(request)
        data = await run_in_threadpool(bench.opinion_docx, report_id, reviewer)
        return attachment(data, DOCX, f"审核意见-{bench.record(report_id).unit or report_id}.docx")

    async def api_annotated(request: Request) -> Response:
        report_id = request.path_params["id"]
        data = await run_in_threadpool(bench.annotated_docx, report_id)
        return attachment(data, DOCX, f"{Path(bench.record(report_id).filename).stem}-审核批注.docx")

    async def api_summary(request: Request) -> Response:
        data = await run_in_threadpool(bench.summary_xlsx, str(request.base_url))
        return attachment(data, XLSX, "报告筛查汇总.xlsx")

    # ----------------------------------------------------------------------------------------- pages

    async def page_index(request: Request) -> Response:
        rows = await run_in_threadpool(bench.screening)
        return HTMLResponse(screening_page(rows, who(request), bench.queue.busy()))

    async def page_upload(request: Request) -> Response:
        await run_in_threadpool(bench.upload, await uploaded_files(request))
        return RedirectResponse("/", status_code=303)

    async def page_report(request: Request) -> Response:
        html = await run_in_threadpool(report_page, bench, request.path_params["id"], who(request))
        return HTMLResponse(html)

    async def form_data(request: Request) -> dict[str, str]:
        form = await request.form(max_files=0, max_fields=20)
        return {k: v for k, v in form.items() if isinstance(v, str)}

    async def page_decide(request: Request) -> Response:
        report_id = request.path_params["id"]
        form = await form_data(request)
        fields: dict[str, Any] = {"note": form.get("note", "")}
        if form.get("item"):
            try:
                fields.update(item=form["item"], points=float(form.get("points", "")))
            except ValueError as exc:
                raise DecisionError("得分应为数字") from exc
        elif form.get("finding"):
            fields.update(finding=form["finding"], verdict=form.get("verdict") or None)
        else:
            fields.update(remark=form.get("remark", ""), note="")
        try:
            posted = DecisionIn.model_validate(fields)
        except ValidationError as exc:
            raise DecisionError("请选择「确认」或「不是错误」") from exc
        await run_in_threadpool(bench.decide, report_id, posted, who(request))
        anchor = (
            f"#item-{form['item']}"
            if form.get("item")
            else f"#finding-{form['finding']}"
            if form.get("finding")
            else ""
        )
        return RedirectResponse(f"/reports/{report_id}{anchor}", status_code=303)

    async def page_status(request: Request) -> Response:
        report_id = request.path_params["id"]
        bench.set_review_status(report_id, (await form_data(request)).get("status", ""))
        return RedirectResponse(f"/reports/{report_id}", status_code=303)

    async def page_name(request: Request) -> Response:
        name = (await form_data(request)).get("name", "").strip()[:40]
        back = request.headers.get("referer") or "/"
        response = RedirectResponse(back if urlsplit(back).netloc in ("", request.headers.get("host")) else "/", 303)
        response.set_cookie(NAME_COOKIE, quote(name), max_age=365 * 86400, samesite="strict")
        return response

    async def page_login(request: Request) -> Response:
        target = request.query_params.get("next", "/")
        target = target if target.startswith("/") and not target.startswith("//") else "/"
        if request.method == "GET":
            return HTMLResponse(render_page("login.html.j2", next=target, failed=False))
        form = await form_data(request)
        if not token or not hmac.compare_digest(form.get("token", ""), token):
            return HTMLResponse(render_page("login.html.j2", next=target, failed=True), status_code=401)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(TOKEN_COOKIE, cookie_value, httponly=True, samesite="strict", max_age=30 * 86400)
        return response

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        bench.start()
        try:
            yield
        finally:
            bench.stop()

    routes = [
        Route("/", page_index),
        Route("/upload", page_upload, methods=["POST"]),
        Route("/name", page_name, methods=["POST"]),
        Route("/login", page_login, methods=["GET", "POST"]),
        Route("/reports/{id}", page_report),
        Route("/reports/{id}/decide", page_decide, methods=["POST"]),
        Route("/reports/{id}/status", page_status, methods=["POST"]),
        Route("/api/reports", api_list, methods=["GET"]),
        Route("/api/reports", api_upload, methods=["POST"]),
        Route("/api/reports/{id}", api_detail),
        Route("/api/reports/{id}/decisions", api_decide, methods=["POST"]),
        Route("/api/reports/{id}/status", api_status, methods=["POST"]),
        Route("/api/reports/{id}/rerun", api_rerun, methods=["POST"]),
        Route("/api/reports/{id}/opinion.docx", api_opinion),
        Route("/api/reports/{id}/annotated.docx", api_annotated),
        Route("/api/export/summary.xlsx", api_summary),
        Mount("/static", StaticFiles(packages=[("reviewer.web", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(BaseHTTPMiddleware, dispatch=guard)], lifespan=lifespan)
    app.state.workbench = bench
    return app
