"""Starting the workbench: the token rule, the start-up message, uvicorn."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..errors import ConfigError, InputError
from ..review import ReviewOptions

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def access_token(host: str, token: str | None) -> str | None:
    """The token the server requires: none on this machine only; on any other host one is mandatory."""
    token = token or os.environ.get("REVIEWER_TOKEN") or None
    if host not in LOCAL_HOSTS and not token:
        raise ConfigError(
            f"监听地址 {host} 可从其他电脑访问，必须设置访问令牌：使用 --token，或设置环境变量 REVIEWER_TOKEN"
            f"（例如 {secrets.token_urlsafe(12)}），再把令牌告诉同事"
        )
    return token


def startup_message(host: str, port: int, data: Path, token: str | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    lines = [f"审核工作台已启动：http://{shown}:{port}/  （数据目录：{data}）"]
    if token:
        lines.append("已启用访问令牌：同事打开页面时输入令牌登录，程序调用请加请求头 Authorization: Bearer <令牌>。")
    else:
        lines.append("仅本机可访问（127.0.0.1）；如需在办公网络共享，请使用 --host 0.0.0.0 并设置 --token。")
    lines.append("按 Ctrl-C 停止。")
    return "\n".join(lines)


def serve(
    host: str, port: int, data: Path, token: str | None, options: ReviewOptions, add: list[str] | None = None
) -> None:
    import uvicorn

    from ..batch import collect_inputs
    from .app import create_app

    token = access_token(host, token)
    data.mkdir(parents=True, exist_ok=True)
    app = create_app(data, token=token, options=options)
    files = collect_inputs(add or [])
    for path in files:
        if not path.exists():
            raise InputError(str(path), "文件或文件夹不存在", "请检查 --add 后的路径")
    if files:
        # Queued now, reviewed as soon as the pool starts; a file loaded before is recognised by its content.
        outcomes = app.state.workbench.upload([(path.name, path.read_bytes()) for path in files])
        print(f"已载入 {len(outcomes)} 份报告（其中 {sum(o.duplicate for o in outcomes)} 份此前已载入）", flush=True)
    print(startup_message(host, port, data, token), flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
