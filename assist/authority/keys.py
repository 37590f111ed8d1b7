"""Supervisors' Ed25519 signing keys: private half in the OS keyring, public half in files.

The private key never touches the disk: it lives only in the supervisor's OS keyring
(Windows Credential Manager, macOS Keychain, the Secret Service on Linux). With no
usable keyring Peka refuses, rather than falling back to a plaintext file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from assist.authority import errors as E
from assist.authority.canonical import b64url_decode, b64url_encode
from assist.errors import PekaError

KEYRING_SERVICE = "peka-policy-signing"
PUBLIC_KEY_MAGIC = "peka-ed25519-v1"
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")

KEYRING_HELP = (
    "Peka keeps supervisors' signing keys only in the operating system's keyring and found "
    "none it can use. On Windows and macOS the built-in one works; on Linux install and "
    "unlock a Secret Service keyring (for example `apt install gnome-keyring` and log in to "
    "a desktop session, or KWallet on KDE). Peka never stores a private key in a file."
)


@dataclass(frozen=True, slots=True)
class PublicKeyInfo:
    key_id: str
    name: str
    key: Ed25519PublicKey
    path: Path | None = None

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            self.key.verify(signature, data)
        except InvalidSignature:
            return False
        return True

    def file_text(self) -> str:
        return f"{PUBLIC_KEY_MAGIC} {b64url_encode(raw_public(self.key))} {self.name}\n"


@dataclass(frozen=True, slots=True)
class SigningKey:
    name: str
    key: Ed25519PrivateKey

    @property
    def public(self) -> PublicKeyInfo:
        pub = self.key.public_key()
        return PublicKeyInfo(key_id(pub), self.name, pub)

    def sign(self, data: bytes) -> bytes:
        return self.key.sign(data)


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short, stable fingerprint of a public key (16 hex digits of its SHA-256)."""
    return hashlib.sha256(raw_public(key)).hexdigest()[:16]


def check_name(name: str) -> str:
    if not _SAFE_NAME.fullmatch(name):
        raise PekaError(
            E.E529,
            f"Key name {name!r} may use letters, digits, '.', '_', '@' and '-' only "
            "(it becomes a file name).",
        )
    return name


# The OS keyrings that keep a secret after Peka exits, by module and class. Anything else
# (keyring's `null` and `fail` backends, keyrings.alt's files, in-memory stores, third-party
# plug-ins) is refused: a supervisor must never be told a key is stored when it is not.
PERSISTENT_BACKENDS: frozenset[tuple[str, str]] = frozenset(
    {
        ("keyring.backends.SecretService", "Keyring"),
        ("keyring.backends.libsecret", "Keyring"),
        ("keyring.backends.kwallet", "DBusKeyring"),
        ("keyring.backends.kwallet", "DBusKeyringKWallet4"),
        ("keyring.backends.Windows", "WinVaultKeyring"),
        ("keyring.backends.macOS", "Keyring"),
    }
)
_trusted_for_tests: set[type] = set()


@contextmanager
def trust_keyring_for_tests(backend: type) -> Iterator[None]:
    """Accept ``backend`` (an in-memory test keyring) while the test suite runs."""
    _trusted_for_tests.add(backend)
    try:
        yield
    finally:
        _trusted_for_tests.discard(backend)


def _persists(backend: object) -> bool:
    kind = type(backend)
    if kind in _trusted_for_tests:
        return True
    return (kind.__module__, kind.__name__) in PERSISTENT_BACKENDS


def usable_keyring() -> None:
    """Raise E517 unless the active backend is an OS keyring that keeps what it is given."""
    from keyring.backends import chainer

    backend = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        chained = list(backend.backends)
        if chained and all(_persists(b) for b in chained):
            return
    elif _persists(backend):
        return
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    raise PekaError(
        E.E517,
        f"The keyring backend {name} does not keep secrets safely after Peka exits, so "
        f"Peka will not use it. {KEYRING_HELP}",
    )


def _keyring_get(name: str) -> str | None:
    usable_keyring()
    try:
        value = keyring.get_password(KEYRING_SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise PekaError(E.E517, f"The keyring refused to answer ({exc}). {KEYRING_HELP}") from exc
    return value if isinstance(value, str) else None


def generate_signing_key(name: str) -> SigningKey:
    """Create a key for ``name`` in the OS keyring; refuses to replace an existing one."""
    check_name(name)
    if _keyring_get(name) is not None:
        raise PekaError(
            E.E506,
            f"The keyring already holds a signing key for {name!r}. Keep using it, or choose "
            "another --name (replacing a key would orphan policies signed with it).",
        )
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    try:
        keyring.set_password(KEYRING_SERVICE, name, b64url_encode(raw))
    except keyring.errors.KeyringError as exc:
        raise PekaError(E.E517, f"The keyring refused the key ({exc}). {KEYRING_HELP}") from exc
    return SigningKey(name, private)


def load_signing_key(name: str) -> SigningKey:
    check_name(name)
    stored = _keyring_get(name)
    if stored is None:
        raise PekaError(
            E.E518,
            f"No signing key for {name!r} in this computer's keyring. Run "
            f"`peka policy keygen --name {name}` first (once per supervisor), or pass the "
            "--name you used then.",
        )
    try:
        raw = b64url_decode(stored)
        return SigningKey(name, Ed25519PrivateKey.from_private_bytes(raw))
    except ValueError as exc:
        raise PekaError(
            E.E518, f"The keyring entry for {name!r} is not a Peka signing key."
        ) from exc


def parse_public_key(text: str, path: Path | None = None) -> PublicKeyInfo:
    where = str(path) if path else "public key"
    parts = text.strip().split()
    if len(parts) < 2 or parts[0] != PUBLIC_KEY_MAGIC:
        raise PekaError(
            E.E519,
            f"{where}: not a Peka public key (it should start with {PUBLIC_KEY_MAGIC!r}). "
            "Ask the supervisor for the .pub file `peka policy keygen` wrote.",
        )
    try:
        key = Ed25519PublicKey.from_public_bytes(b64url_decode(parts[1]))
    except ValueError as exc:
        raise PekaError(E.E519, f"{where}: the key is damaged; copy the file again.") from exc
    name = parts[2] if len(parts) > 2 else (path.stem if path else "")
    if name and not _SAFE_NAME.fullmatch(name):
        # The name becomes a file name in the keys folder (IT installs as administrator).
        raise PekaError(
            E.E519,
            f"{where}: the key's name {name!r} may use letters, digits, '.', '_', '@' and "
            "'-' only. Ask the supervisor for the .pub file `peka policy keygen` wrote.",
        )
    return PublicKeyInfo(key_id(key), name, key, path)


def read_public_key(path: Path) -> PublicKeyInfo:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PekaError(E.E519, f"{path}: cannot read the public key ({exc}).") from exc
    return parse_public_key(text, path)


def load_public_keys(folder: Path) -> tuple[dict[str, PublicKeyInfo], list[str]]:
    """Every valid ``*.pub`` in ``folder`` by key id, and a note for each bad file."""
    keys: dict[str, PublicKeyInfo] = {}
    notes: list[str] = []
    if not folder.is_dir():
        return keys, [f"{folder}: no such folder"]
    for path in sorted(folder.glob("*.pub")):
        try:
            info = read_public_key(path)
        except PekaError as exc:
            notes.append(str(exc))
            continue
        keys[info.key_id] = info
    return keys, notes
