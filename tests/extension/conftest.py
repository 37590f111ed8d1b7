"""A real `peka api serve`, the helpdesk test pages, and Debian's Chromium with the
extension loaded (Playwright, new headless mode: no display needed)."""

from __future__ import annotations

import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.live import ROOT, api_get, free_port, peka, peka_env, stop, token_of, wait_for

CHROMIUM = "/usr/bin/chromium"
PAGES = Path(__file__).resolve().parent / "pages"
EXTENSION = ROOT / "extension"

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed"
)


class _Pages(http.server.BaseHTTPRequestHandler):
    """/whatsapp → the WhatsApp Web page; Chatwoot's conversation route → its page;
    /tickets/… → an e-mail ticket no adapter knows."""

    def do_GET(self) -> None:
        if self.path.startswith("/whatsapp"):
            name = "whatsapp.html"
        elif self.path.startswith("/tickets/"):
            name = "ticket.html"
        elif re.match(r"^/app/accounts/\d+/conversations/\d+", self.path):
            name = "chatwoot.html"
        else:
            self.send_error(404)
            return
        body = (PAGES / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        return


@dataclass
class Live:
    api_port: int
    token: str
    pages: str  # http://127.0.0.1:PORT
    context: Any  # playwright BrowserContext
    customers: list[Any]

    def state(self) -> dict[str, Any]:
        return api_get(self.api_port, "/v1/suggestions", self.token) or {}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    from playwright.sync_api import sync_playwright

    from assist.cache import Cache
    from assist.cache.demo import generate_demo_cache

    folder = tmp_path_factory.mktemp("extension")
    cache = folder / "cache.sqlite"
    generate_demo_cache(cache, customers=40, seed=9)
    with Cache.open(cache, readonly=True) as db:
        hits = [h for h in db.search("a", limit=40) if h.phone and h.email]
    home = folder / "home"
    port = free_port()
    env = peka_env(home, port=port)
    server = peka(["api", "serve", "--port", str(port), "--db", str(cache)], env)
    pages = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    try:
        token = wait_for(
            lambda: (home / "keyring.json").exists() and token_of(home), 60, "the API token"
        )
        wait_for(
            lambda: (api_get(port, "/v1/status", token) or {}).get("ready"),
            120,
            "peka api serve to be ready",
        )
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                str(folder / "profile"),
                executable_path=CHROMIUM,
                headless=False,  # the new headless mode below runs extensions
                args=[
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-background-networking",
                    "--disable-component-update",
                    f"--disable-extensions-except={EXTENSION}",
                    f"--load-extension={EXTENSION}",
                ],
            )
            worker = context.service_workers[0] if context.service_workers else None
            if worker is None:
                worker = context.wait_for_event("serviceworker", timeout=30_000)
            # What the agent does once in the options page, and one adapter override (as
            # IT would give in managed storage) so the WhatsApp adapter runs on the test
            # page's address.
            worker.evaluate(
                """([token, port]) => chrome.storage.local.set({
                    token: token, apiPort: port,
                    adapterOverrides: {"whatsapp-web": {match: ["^http://127\\\\.0\\\\.0\\\\.1:\\\\d+/whatsapp"]}}
                })""",
                [token, port],
            )
            yield Live(port, token, f"http://127.0.0.1:{pages.server_address[1]}", context, hits)
            context.close()
    finally:
        pages.shutdown()
        stop(server)
