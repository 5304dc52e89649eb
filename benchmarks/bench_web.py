"""The workbench under load. Not part of the test suite.

Run: python benchmarks/bench_web.py [N]
Starts `reviewer serve` on a free port with a fresh data folder, waits for the pool to warm up, then
1. uploads one seed .docx and times until its review is visible in the screening table;
2. uploads a zip of N generated reports and, while they are reviewed, times the screening page and the
   screening API every 0.2 s; prints the median and the worst answer, and the time to screen them all.
"""

from __future__ import annotations

import io
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ("000_d51c077ad127272f", "004_b49ffed0ca1fe29f")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_zip(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            seed = SEEDS[n % 2]
            if n % 4 < 2:
                text = (DATA / f"{seed}.txt").read_text("utf-8") + f"\n（第 {n} 份）\n"
                archive.writestr(f"r{n:04d}.txt", text.encode())
            else:
                archive.writestr(f"r{n:04d}.docx", (DATA / f"{seed}.docx").read_bytes() + str(n).encode())
    return buffer.getvalue()


def wait_idle(client: httpx.Client, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        body = client.get("/api/reports").json()
        if not body["busy"] and all(r["status"] in ("ok", "error") for r in body["reports"]):
            return time.monotonic() - start
        time.sleep(0.05)
    raise SystemExit("timed out")


def main(count: int) -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen(
            [sys.executable, "-m", "reviewer.cli", "serve", "--port", str(port), "--data", folder],
            stdout=subprocess.DEVNULL,
        )
        try:
            client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
            while True:
                try:
                    client.get("/api/reports")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            time.sleep(12)  # the pool's warm-up (modules, rubric, word segmenter)
            seed = DATA / f"{SEEDS[0]}.docx"
            start = time.monotonic()
            client.post("/api/reports", files=[("file", (seed.name, seed.read_bytes()))])
            wait_idle(client, 60)
            print(f"one seed .docx visible after {time.monotonic() - start:.2f} s")

            archive = make_zip(count)
            start = time.monotonic()
            client.post("/api/reports", files=[("file", ("reports.zip", archive))])
            print(f"{count} reports uploaded as a zip in {time.monotonic() - start:.2f} s")
            page, api = [], []
            while client.get("/api/reports").json()["busy"]:
                t = time.monotonic()
                client.get("/")
                page.append(time.monotonic() - t)
                t = time.monotonic()
                client.get("/api/reports")
                api.append(time.monotonic() - t)
                time.sleep(0.2)
            total = time.monotonic() - start
            print(f"{count} reports screened in {total:.1f} s ({count / total:.1f} reports/s)")
            for name, samples in (("screening page", page), ("screening API", api)):
                print(
                    f"{name} while reviewing: median {statistics.median(samples) * 1000:.0f} ms, "
                    f"worst {max(samples) * 1000:.0f} ms over {len(samples)} requests"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
