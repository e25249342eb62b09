#!/usr/bin/env python3
"""End-to-end check of the editing loop: `transparence serve` driven by a real browser.

    check_serve.py TRANSPARENCE_BINARY CONTENT_DIR

Copies CONTENT_DIR to a scratch folder, starts `transparence serve` on a free port and opens an
entity's page in headless Chromium (Playwright, Debian's /usr/bin/chromium). Then, like the
communication team would:

  reload     an edited Markdown page shows in the open tab by itself (the server's reload
             script), within 5 s (the time is printed);
  error      a broken internal link shows the French diagnostic on the page (role="alert"),
             while the last good text stays displayed;
  fixed      correcting it removes the message;
  nothing    the preview wrote nothing: no public/ folder beside the content.

Exit status 0 when every check passes, 1 otherwise. The last line is "N passed, M failed".
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PASSED = 0
FAILED = 0


def check(ok: bool, what: str, detail: str = "") -> bool:
    global PASSED, FAILED
    if ok:
        PASSED += 1
    else:
        FAILED += 1
        print(f"FAIL {what}{': ' + detail if detail else ''}")
    return ok


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2])
        return 64
    binary, content = Path(argv[1]).resolve(), Path(argv[2])
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        check(False, "playwright", "not installed")
        print(f"{PASSED} passed, {FAILED} failed")
        return 1

    scratch = Path(tempfile.mkdtemp(prefix="transparence-serve."))
    server = None
    try:
        shutil.copytree(content, scratch / "content")
        templates = Path(__file__).resolve().parents[2] / "site-templates"
        port = free_port()
        server = subprocess.Popen([str(binary), "serve", "--content", str(scratch / "content"), "--templates", str(templates),
                                   "--today", "2026-11-23", "--port", str(port)],
                                  cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}"
        if not check(wait_for(base + "/", 30), "serve", "no answer within 30 s"):
            return 1
        page_file = scratch / "content" / "entities" / "seqens" / "pages" / "presentation.md"
        original = page_file.read_text(encoding="utf-8")

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            tab = browser.new_page()
            tab.goto(base + "/entites/seqens/presentation/")
            check("Présentation" in tab.title() or tab.locator("h1").count() == 1, "page", tab.title())

            marker = f"Paragraphe ajouté {time.time_ns()}"
            start = time.monotonic()
            page_file.write_text(original + f"\n{marker}\n", encoding="utf-8")
            try:
                tab.wait_for_function("m => document.body.innerText.includes(m)", arg=marker, timeout=5000)
                elapsed = time.monotonic() - start
                check(True, "reload")
                print(f"reload: the edit showed in the open tab after {elapsed * 1000:.0f} ms")
            except Exception as error:  # noqa: BLE001 (any Playwright timeout)
                check(False, "reload", f"the edit did not show within 5 s ({error.__class__.__name__})")

            page_file.write_text(original + f"\n{marker}\n\n[lien](/nulle-part/)\n", encoding="utf-8")
            try:
                tab.wait_for_selector("[role=alert]", timeout=5000)
                alert = tab.locator("[role=alert]").inner_text()
                check("nulle-part" in alert and "erreur" in alert, "error", alert[:200])
                check(marker in tab.locator("main").inner_text(), "error", "the last good text is no longer shown")
            except Exception as error:  # noqa: BLE001
                check(False, "error", f"no diagnostic shown within 5 s ({error.__class__.__name__})")

            page_file.write_text(original, encoding="utf-8")
            try:
                tab.wait_for_function("() => !document.querySelector('[role=alert]')", timeout=5000)
                check(True, "fixed")
            except Exception as error:  # noqa: BLE001
                check(False, "fixed", f"the message stayed ({error.__class__.__name__})")
            browser.close()
        check(not (scratch / "public").exists() and not (scratch / "content" / "public").exists(), "nothing", "serve wrote a public/ folder")
    finally:
        if server:
            server.terminate()
            try:
                server.wait(5)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{PASSED} passed, {FAILED} failed")
    return 1 if FAILED or not PASSED else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
