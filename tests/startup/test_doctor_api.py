"""`peka doctor`'s local-API check against a real API server on 127.0.0.1."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from assist import doctor
from assist.api.server import ApiServer, listen
from assist.api.token import api_token, rotate_token
from tests.startup.test_doctor import run_doctor


def use_port(home: Path, port: int, enabled: bool = True) -> None:
    text = f"[api]\nenabled = {'true' if enabled else 'false'}\nport = {port}\n"
    (home / "machine").mkdir(parents=True, exist_ok=True)
    (home / "machine" / "config.toml").write_text(text, "utf-8")


def free_port() -> int:
    sock = listen(0)
    port: int = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture
def api_server(isolated_peka: Path) -> Iterator[ApiServer]:
    """What the sidebar (or `peka api serve`) runs: the core behind the API, with this
    account's token from the keyring."""
    from assist.app.core import AgentCore
    from assist.app.settings import AppSettings
    from assist.config import load

    core = AgentCore(AppSettings.from_config(load()))
    server = ApiServer(core, port=0)  # reads (and on first use makes) the keyring's token
    server.start()
    use_port(isolated_peka, server.port)
    yield server
    server.stop()
    core.close()


def test_a_running_api_answers_with_the_token(api_server: ApiServer) -> None:
    code, found = run_doctor("--check", "api")
    assert code == doctor.EXIT_OK, found
    api = found["api"]
    assert api["status"] == "ok"
    assert f"127.0.0.1:{api_server.port}" in str(api["summary"])


def test_a_rotated_token_works_in_the_running_api_at_once(api_server: ApiServer) -> None:
    rotate_token()  # the keyring only: the doctor's own request makes the API re-read it
    code, found = run_doctor("--check", "api")
    assert code == doctor.EXIT_OK, found
    assert found["api"]["status"] == "ok"


def test_an_api_with_another_accounts_token_fails(isolated_peka: Path) -> None:
    from assist.app.core import AgentCore
    from assist.app.settings import AppSettings
    from assist.config import load

    api_token()
    core = AgentCore(AppSettings.from_config(load()))
    server = ApiServer(core, port=0, token=lambda: "another-accounts-token")
    server.start()
    try:
        use_port(isolated_peka, server.port)
        code, found = run_doctor("--check", "api")
    finally:
        server.stop()
        core.close()
    assert code == doctor.EXIT_FAILED
    assert found["api"]["status"] == "failed" and found["api"]["code"] == "E910"


def test_no_sidebar_running_is_a_warning(isolated_peka: Path) -> None:
    api_token()
    use_port(isolated_peka, free_port())
    code, found = run_doctor("--check", "api")
    assert code == doctor.EXIT_WARNINGS
    assert found["api"]["status"] == "warning"
    assert "nothing answers" in str(found["api"]["summary"])


def test_no_token_yet_is_a_warning(isolated_peka: Path) -> None:
    use_port(isolated_peka, free_port())
    code, found = run_doctor("--check", "api")
    assert code == doctor.EXIT_WARNINGS
    assert found["api"]["status"] == "warning" and found["api"]["code"] == "E915"
    assert "peka api token" in str(found["api"]["details"])


def test_a_keyring_that_forgets_fails(isolated_peka: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    code, found = run_doctor("--check", "api")
    assert code == doctor.EXIT_FAILED
    assert found["api"]["status"] == "failed" and found["api"]["code"] == "E915"


def test_another_program_on_the_port_fails(isolated_peka: Path) -> None:
    api_token()
    other = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=other.serve_forever, daemon=True)
    thread.start()
    try:
        use_port(isolated_peka, other.server_address[1])
        code, found = run_doctor("--check", "api")
    finally:
        other.shutdown()
        other.server_close()
    assert code == doctor.EXIT_FAILED
    assert found["api"]["status"] == "failed" and found["api"]["code"] == "E916"
    assert "HTTP 501" in str(found["api"]["summary"])


def test_turned_off_is_skipped(isolated_peka: Path) -> None:
    use_port(isolated_peka, free_port(), enabled=False)
    code, found = run_doctor("--check", "api")
    assert code == doctor.EXIT_OK and found["api"]["status"] == "skipped"
