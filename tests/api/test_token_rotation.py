"""`peka api token --rotate` takes effect at once in a running API: the attacker's view.

Someone copied the agent's token (a shoulder-surfed options page, a leaked script). The
agent rotates it while the sidebar keeps running. From then on the old token must be
refused, with no restart; the new one must work; and a flood of wrong tokens must not
turn into a flood of keyring reads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from assist import paths
from assist.api.server import ApiServer, listen
from assist.api.token import REREAD_SECONDS, LiveToken, api_token
from assist.cli.common import get_config
from assist.errors import PekaError
from tests.api.conftest import Client
from ui.entry import full_cli


def use_port(port: int, language: str = "id") -> None:
    target = paths.user_config_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f'[api]\nport = {port}\n\n[ui]\nlanguage = "{language}"\n', "utf-8")
    get_config.cache_clear()


def rotate() -> tuple[str, str]:
    result = CliRunner().invoke(full_cli(), ["api", "token", "--rotate"])
    assert result.exit_code == 0, result.output
    return result.stdout.strip(), result.stderr


@pytest.fixture
def running(isolated_peka: Path) -> Iterator[ApiServer]:
    """The sidebar's API as it runs: this account's token from the (test) keyring."""
    from assist.app.core import AgentCore
    from assist.app.settings import AppSettings
    from assist.config import load

    core = AgentCore(AppSettings.from_config(load()))
    server = ApiServer(core, port=0)
    server.start()
    use_port(server.port)
    yield server
    server.stop()
    core.close()


def status(client: Client, token: str | None) -> int:
    return client.call("GET", "/v1/status", token=token).status


def test_the_old_token_is_refused_right_after_rotation(running: ApiServer) -> None:
    client = Client(running.port)
    stolen = api_token()
    assert status(client, stolen) == 200
    new, said = rotate()
    assert new and new != stolen
    assert "sekarang hanya menerima token baru" in said and str(running.port) in said
    # No restart, no waiting: the rotation command's own request made the API re-read.
    refused = client.call("GET", "/v1/suggestions", token=stolen)
    assert refused.status == 401 and refused.body["error"]["code"] == "E910"
    assert status(client, new) == 200
    assert status(client, stolen) == 401
    assert new not in said  # the token goes to stdout only, for scripts


def test_a_flood_of_wrong_tokens_does_not_hammer_the_keyring(running: ApiServer) -> None:
    client = Client(running.port)
    good = api_token()
    before = running.token.reads
    started = time.monotonic()
    for n in range(60):
        assert status(client, f"guess-{n}") == 401
    elapsed = time.monotonic() - started
    # One read at the first refusal, then at most one per interval (plus a trailing one).
    assert running.token.reads - before <= 2 + elapsed / REREAD_SECONDS
    assert status(client, good) == 200


def test_a_flood_just_before_rotation_delays_revocation_by_a_second_at_most(
    running: ApiServer,
) -> None:
    client = Client(running.port)
    stolen = api_token()
    for n in range(20):
        status(client, f"guess-{n}")  # uses up the read the rotation's request would make
    new, _ = rotate()
    revoked = threading.Event()

    def watch() -> None:
        while status(client, stolen) != 401:
            pass
        revoked.set()

    threading.Thread(target=watch, daemon=True).start()
    assert revoked.wait(timeout=5 * REREAD_SECONDS)
    assert status(client, new) == 200


def test_rotating_with_no_api_running_says_so(isolated_peka: Path) -> None:
    sock = listen(0)
    port = sock.getsockname()[1]
    sock.close()
    use_port(port, "en")
    api_token()
    new, said = rotate()
    assert new and "No Peka API runs on" in said and f":{port}" in said


# -- the check itself, with a fake clock ---------------------------------------------------


class Keyring:
    def __init__(self, token: str | None) -> None:
        self.token = token
        self.reads = 0
        self.broken = False
        self.third_read = threading.Event()

    def __call__(self) -> str | None:
        self.reads += 1
        if self.reads == 3:
            self.third_read.set()
        if self.broken:
            raise PekaError("E915", "the keyring refused to answer")
        return self.token


def test_reads_are_rate_limited_and_a_late_rotation_is_still_picked_up() -> None:
    now = [100.0]
    ring = Keyring("old")
    live = LiveToken(ring, interval=0.2, clock=lambda: now[0])
    assert ring.reads == 1 and live.matches("old") and not live.matches("")
    assert not live.recheck("guess") and ring.reads == 2  # the first refusal reads
    ring.token = "new"  # rotated just after that read
    for _ in range(100):
        live.recheck("new")
    assert ring.reads <= 3  # inside the interval: no read, one deferred read instead
    assert ring.third_read.wait(timeout=5)  # the deferred read at the interval's end
    assert live.matches("new") and not live.matches("old")
    live.close()


def test_a_keyring_hiccup_keeps_the_token_and_a_deleted_entry_refuses_all() -> None:
    now = [0.0]
    ring = Keyring("tok")
    live = LiveToken(ring, interval=1.0, clock=lambda: now[0])
    ring.broken = True
    now[0] += 2
    assert live.recheck("tok")  # not locked out by a keyring that did not answer
    ring.broken = False
    ring.token = None
    now[0] += 2
    assert not live.recheck("tok") and not live.matches("")
    live.close()
