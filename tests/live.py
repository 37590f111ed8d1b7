"""Starting real Peka processes for tests: isolated folders, a file keyring the test can
read, a free port, and waiting for a condition with a deadline."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    from assist.api.server import listen

    sock = listen(0)
    port: int = sock.getsockname()[1]
    sock.close()
    return port


def peka_env(home: Path, *, port: int) -> dict[str, str]:
    """Environment for a Peka child (``python -m tests.live ARGS``): its own folders, a
    keyring file the test can read, the API on ``port``, no display needed."""
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text(f"[api]\nport = {port}\n", encoding="utf-8")
    env = dict(os.environ)
    env.update(
        PEKA_TEST_MACHINE_DIR=str(home / "machine"),
        PEKA_TEST_CONFIG_DIR=str(config),
        PEKA_TEST_DATA_DIR=str(home / "data"),
        PEKA_TEST_KEYRING=str(home / "keyring.json"),
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def child_folders(env: dict[str, str]) -> Any:
    from assist import paths

    return paths.Folders(
        machine=Path(env["PEKA_TEST_MACHINE_DIR"]),
        config=Path(env["PEKA_TEST_CONFIG_DIR"]),
        data=Path(env["PEKA_TEST_DATA_DIR"]),
    )


def peka(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.live", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a Peka child the test started (terminate, then kill if it does not go)."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def token_of(home: Path) -> str:
    data = json.loads((home / "keyring.json").read_text())
    return str(next(v for k, v in data.items() if k.startswith("peka-api\n")))


def wait_for(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll ``condition`` until it returns something truthy (a process becoming ready
    has no event to wait on from here); fail naming ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def api_get(port: int, path: str, token: str) -> Any:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    body = json.loads(response.read())
    conn.close()
    return body if response.status == 200 else None


def main() -> None:
    """The child: Peka's folders relocated and a keyring file trusted, as the test suite
    does in-process (see ``tests/peka_child.py``), then the real ``peka`` entry point."""
    import keyring

    from assist import paths
    from assist.authority.keys import trust_keyring_for_tests
    from tests.file_keyring import FileKeyring
    from ui.entry import main as peka_main

    paths.use_folders(child_folders(dict(os.environ)))
    keyring.set_keyring(FileKeyring())
    with trust_keyring_for_tests(FileKeyring):
        peka_main()


if __name__ == "__main__":
    main()
