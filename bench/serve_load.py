#!/usr/bin/env python3
"""`transparence serve` under load (a benchmark, not a test): does a page still answer, and does
an edit still show, while many connections sit idle and many tabs wait for live reload?

    bench/serve_load.py TRANSPARENCE_BINARY CONTENT_DIR [--idle 1000] [--tabs 200] [--runs 30]

Copies CONTENT_DIR to a scratch folder, starts `serve` on a free port of 127.0.0.1 (under
`ulimit -n` raised to its hard limit), then keeps `--idle` connections open that send nothing
(reopened when the server closes them for idleness) and `--tabs` live-reload streams
(`/__transparence/events`, as an open preview tab holds). Meanwhile it measures:

  page       `--runs` GETs of an entity page, each on a new connection: request → whole answer;
  edit       `--runs` edits of a Markdown page: write → the page served contains the new text
             (polled every 2 ms, as bench/edit_latency.py), and write → every open tab was told
             (its stream received the new version).

Loopback only; every count is bounded and the whole run stops after `--budget` seconds (120).
Standard library only. Prints one line per measure (median, 95th percentile, max, in ms).
"""
from __future__ import annotations

import argparse
import os
import resource
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


def summary(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"{name}: n={len(values)} median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, max {values[-1]:.1f} ms"


class Load:
    """Idle connections and live-reload streams, kept open by one thread with a selector."""

    def __init__(self, port: int, idle: int, tabs: int):
        self.port, self.idle, self.tabs = port, idle, tabs
        self.selector = selectors.DefaultSelector()
        self.stop = threading.Event()
        self.reopened = 0
        self.lock = threading.Lock()
        self.versions: dict[socket.socket, str] = {}   # tab → last version seen
        self.told: dict[socket.socket, float] = {}      # tab → when it saw `awaited`
        self.awaited: str | None = None

    def open_idle(self) -> None:
        s = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        s.setblocking(False)
        self.selector.register(s, selectors.EVENT_READ, "idle")

    def open_tab(self) -> socket.socket:
        s = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        s.sendall(f"GET /__transparence/events HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode())
        s.setblocking(False)
        self.versions[s] = ""
        self.selector.register(s, selectors.EVENT_READ, "tab")
        return s

    def start(self) -> None:
        for _ in range(self.idle):
            self.open_idle()
        for _ in range(self.tabs):
            self.open_tab()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self) -> None:
        while not self.stop.is_set():
            for key, _ in self.selector.select(timeout=0.1):
                s = key.fileobj
                try:
                    data = s.recv(65536)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if key.data == "tab" and data:
                    now = time.monotonic()
                    for line in data.decode(errors="replace").splitlines():
                        if line.startswith("data: "):
                            with self.lock:
                                self.versions[s] = line[6:]
                                if self.awaited is not None and line[6:] != self.awaited and s not in self.told:
                                    self.told[s] = now
                    continue
                if key.data == "idle" and data:
                    continue
                # Closed by the server (idle timeout): keep the count by opening another.
                self.selector.unregister(s)
                s.close()
                with self.lock:
                    self.versions.pop(s, None)
                if not self.stop.is_set():
                    self.reopened += 1
                    try:
                        self.open_idle() if key.data == "idle" else self.open_tab()
                    except OSError:
                        pass

    def expect_change(self) -> None:
        with self.lock:
            versions = set(self.versions.values())
            self.awaited = versions.pop() if len(versions) == 1 else None
            self.told = {}

    def all_told(self) -> float | None:
        with self.lock:
            if self.awaited is None or len(self.told) < len(self.versions):
                return None
            return max(self.told.values())

    def close(self) -> None:
        self.stop.set()
        time.sleep(0.2)
        for key in list(self.selector.get_map().values()):
            key.fileobj.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("content")
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument("--tabs", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--budget", type=float, default=120)
    parser.add_argument("--entity", default="seqens")
    args = parser.parse_args()
    deadline = time.monotonic() + args.budget

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, 65536)
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    if wanted < args.idle + args.tabs + 100:
        print(f"ulimit -n is {wanted}: raise it above {args.idle + args.tabs + 100}", file=sys.stderr)
        return 64

    scratch = Path(tempfile.mkdtemp(prefix="transparence-serve-load."))
    server = None
    load = None
    try:
        shutil.copytree(args.content, scratch / "content")
        templates = Path(__file__).resolve().parents[1] / "site-templates"
        port = free_port()
        server = subprocess.Popen([str(Path(args.binary).resolve()), "serve", "--content", str(scratch / "content"), "--templates", str(templates),
                                   "--today", "2026-11-23", "--port", str(port)],
                                  cwd=scratch, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page = f"/entites/{args.entity}/presentation/"
        while True:
            try:
                if b"200 OK" in get(port, page, timeout=2)[:20]:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                print("serve did not answer", file=sys.stderr)
                return 1
            time.sleep(0.05)

        load = Load(port, args.idle, args.tabs)
        load.start()
        time.sleep(0.5)
        print(f"load: {args.idle} idle connections, {args.tabs} live-reload streams open")

        pages = []
        for _ in range(args.runs):
            if time.monotonic() > deadline:
                break
            t0 = time.monotonic()
            answer = get(port, page)
            pages.append(1000 * (time.monotonic() - t0))
            assert b"200 OK" in answer[:20], answer[:100]
        print(summary("page under load (request → whole answer)", pages))

        source = scratch / "content" / "entities" / args.entity / "pages" / "presentation.md"
        original = source.read_text(encoding="utf-8")
        shown, told = [], []
        for i in range(args.runs):
            if time.monotonic() > deadline:
                break
            time.sleep(0.3)
            load.expect_change()
            marker = f"Marqueur-{i}-{time.time_ns()}"
            t0 = time.monotonic()
            with open(source, "a", encoding="utf-8") as f:
                f.write(f"\n{marker}\n")
            while marker.encode() not in get(port, page):
                time.sleep(0.002)
                if time.monotonic() > deadline:
                    break
            shown.append(1000 * (time.monotonic() - t0))
            while (last := load.all_told()) is None and time.monotonic() < min(deadline, t0 + 10):
                time.sleep(0.002)
            if last is not None:
                told.append(1000 * (last - t0))
        source.write_text(original, encoding="utf-8")
        print(summary("edit → page served with it", shown))
        if told:
            print(summary(f"edit → all {args.tabs} open tabs told", told))
        else:
            print("edit → tabs told: no measure (streams not open)")
        print(f"idle connections closed by the server and reopened: {load.reopened}")
        alive = server.poll() is None
        print(f"server alive at the end: {'yes' if alive else 'no'}")
        return 0 if alive else 1
    finally:
        if load:
            load.close()
        if server:
            server.terminate()
            try:
                server.wait(5)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
