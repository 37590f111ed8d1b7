"""A keyring in a JSON file, for tests that start Peka in a subprocess only.

The product never uses it (it never falls back to plaintext, and refuses any backend it
does not know); the child started by ``python -m tests.live`` installs and trusts it,
with ``PEKA_TEST_KEYRING`` naming the file, so the test can read the token the child
created.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ["PEKA_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def _save(self, data: dict[str, str]) -> None:
        # Replaced whole, never truncated in place: the test reads the file while the
        # child writes it, and once read it empty (a failed run, not a failed product).
        path = self._path()
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps(data))
        os.replace(partial, path)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)
