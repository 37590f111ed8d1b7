"""The Chatwoot dashboard app in Chromium: a Chatwoot-like parent page (an allowed origin)
embeds Peka's page and posts the conversation to it; Peka follows it as a hint."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest

from tests.extension.conftest import CHROMIUM
from tests.live import api_get, free_port, peka, peka_env, stop, token_of, wait_for

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium")

PARENT = """<!doctype html><html><body>
<iframe id="app" src="{app}" width="400" height="300"></iframe>
<script>
  // Chatwoot answers the app's fetch-info request with the appContext event.
  var context = {context};
  window.addEventListener("message", function (event) {{
    if (event.data === "chatwoot-dashboard-app:fetch-info") {{
      document.getElementById("app").contentWindow.postMessage(
        JSON.stringify({{event: "appContext", data: context}}), "{api}");
    }}
  }});
</script></body></html>"""


def test_dashboard_app_forwards_chatwoots_context_as_a_hint(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from assist.cache import Cache
    from assist.cache.demo import generate_demo_cache

    cache = tmp_path / "cache.sqlite"
    generate_demo_cache(cache, customers=30, seed=4)
    with Cache.open(cache, readonly=True) as db:
        hit = next(h for h in db.search("a", limit=30) if h.email)
    api_port = free_port()
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chatwoot = f"http://127.0.0.1:{server.server_address[1]}"
    api = f"http://127.0.0.1:{api_port}"
    context = {
        "conversation": {
            "id": 314,
            "meta": {
                "sender": {"email": hit.email, "phone_number": ""},
                "channel": "Channel::WebWidget",
            },
            "messages": [{"content": "Halo, paket saya belum sampai.", "message_type": 0}],
        },
        "contact": {"email": hit.email},
    }
    pages["/conversation"] = PARENT.format(
        app=f"{api}/apps/chatwoot", context=json.dumps(context), api=api
    ).encode()
    home = tmp_path / "home"
    env = peka_env(home, port=api_port)
    (home / "config" / "config.toml").write_text(
        f'[api]\nport = {api_port}\nallowed_origins = ["{chatwoot}"]\n', encoding="utf-8"
    )
    serve = peka(["api", "serve", "--db", str(cache)], env)
    try:
        token = wait_for(lambda: (home / "keyring.json").exists() and token_of(home), 60, "token")
        wait_for(lambda: (api_get(api_port, "/v1/status", token) or {}).get("ready"), 120, "API")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-background-networking",
                    "--disable-component-update",
                ],
            )
            page = browser.new_page()
            page.goto(f"{chatwoot}/conversation")
            state = wait_for(
                lambda: (
                    (s := api_get(api_port, "/v1/suggestions", token))
                    and s["conversation"] == "chatwoot:314"
                    and s
                ),
                30,
                "the dashboard app's hint",
            )
            assert state["context"]["source"] == "dashboard-app"
            assert state["context"]["hint"] is True
            assert state["customer"]["id"] == hit.customer_id
            frame = page.frame_locator("#app")
            frame.locator("#state").filter(has_text="unverified").wait_for(timeout=10_000)
            browser.close()
    finally:
        server.shutdown()
        stop(serve)
