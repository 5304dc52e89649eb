"""A local OpenAI-compatible HTTP server with scripted replies and faults, for testing the llm scorer.

Real sockets on 127.0.0.1; nothing leaves the machine. Each request takes the next scripted reply;
with none left it answers 500, so a test that asks more than it scripted fails loudly.

Misbehaviour for the fault suite: a reply can hang before answering, trickle its bytes (headers
included) one at a time, carry any content type (an HTML page), or be huge. Every loop is bounded: a
handler stops at the end of its body, after `MAX_STALL` seconds, or when the server stops.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_STALL = 30.0  # no handler waits or trickles longer than this, whatever a test scripted


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # silence before the status line
    trickle: float = 0.0  # seconds between single bytes of the whole response, status line included
    content_type: str = "application/json"


def html(status: int = 200) -> Reply:
    """What a captive portal or a misconfigured gateway answers: a web page, not a chat completion."""
    page = "<!doctype html><html><head><title>登录</title></head><body><h1>请先登录</h1></body></html>"
    return Reply(status=status, body=page, content_type="text/html; charset=utf-8")


def huge(megabytes: float) -> Reply:
    """A chat completion whose content is `megabytes` of junk."""
    return chat("x" * int(megabytes * 1_000_000))


def chat(content: Any, prompt_tokens: int = 100, completion_tokens: int = 50) -> Reply:
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    return Reply(
        body={
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": "stub-model",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }
    )


def error(status: int, message: str, headers: dict[str, str] | None = None, delay: float = 0.0) -> Reply:
    return Reply(
        status=status,
        body={"error": {"message": message, "type": "stub_error", "code": status}},
        headers=headers or {},
        delay=delay,
    )


class StubServer:
    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                with stub._lock:
                    stub.requests.append(payload)
                    reply = stub.replies.popleft() if stub.replies else error(500, "no scripted reply left")
                if reply.delay and stub._stopped.wait(min(reply.delay, MAX_STALL)):
                    return
                body = reply.body if isinstance(reply.body, str) else json.dumps(reply.body, ensure_ascii=False)
                data = body.encode("utf-8")
                # The handler speaks HTTP/1.0 and closes after each reply: say so, or a client may send its
                # next request on the pooled connection while it is being closed (a flaky connection error).
                head = [f"HTTP/1.1 {reply.status} STUB", f"content-type: {reply.content_type}", "connection: close"]
                head += [f"content-length: {len(data)}", *(f"{k}: {v}" for k, v in reply.headers.items())]
                raw = ("\r\n".join(head) + "\r\n\r\n").encode() + data
                try:
                    if not reply.trickle:
                        self.wfile.write(raw)
                        return
                    ends = time.monotonic() + MAX_STALL
                    for n in range(len(raw)):
                        if time.monotonic() > ends or stub._stopped.wait(reply.trickle):
                            return
                        self.wfile.write(raw[n : n + 1])
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out or stopped reading and went away, as the test intended

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def start(self) -> StubServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._server.shutdown()
        self._server.server_close()
