"""A real, throwaway PostgreSQL cluster from the system's binaries, for tests and benchmarks.

    with PgCluster.start() as cluster:
        conn = psycopg.connect(cluster.dsn())          # the superuser, for setup
        cluster.create_database("peka")
        ...

The cluster lives in a private folder under the system's temporary directory, listens on a
free port on 127.0.0.1 and on its own unix socket, requires SCRAM passwords, and is
removed with everything in it by :meth:`PgCluster.stop` (also at interpreter exit).

PostgreSQL refuses to run as root. When this process is root (CI is), the server runs as
the unprivileged ``postgres`` system user that Debian's package creates, in a folder that
user owns (pytest's ``tmp_path`` is root-only, so the folder is made here and handed over).
Binaries are found through ``PEKA_PG_BIN``, then ``initdb``/``pg_ctl`` on ``PATH``, then the
newest ``/usr/lib/postgresql/*/bin``.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assist.errors import PekaError
from assist.team import errors as E

SUPERUSER = "postgres"
RUN_AS = "postgres"  # the system account Debian's package creates
_LIVE: set[PgCluster] = set()
_LIVE_LOCK = threading.Lock()

# Small and durable by default. ``fast=True`` (the tests) trades crash safety of the
# *server* for speed: fsync off. Clients may still be killed at any moment.
_SETTINGS = {
    "max_connections": "200",
    "shared_buffers": "64MB",
    "max_wal_size": "256MB",
    "log_min_messages": "warning",
    "log_line_prefix": "%m [%p] %u@%d ",
    "timezone": "UTC",
}
_FAST = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def find_bin_dir() -> Path:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or a coded error."""
    override = os.environ.get("PEKA_PG_BIN")
    candidates: list[Path] = []
    if override:
        candidates.append(Path(override))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)

    def version(path: str) -> tuple[int, ...]:
        match = re.search(r"postgresql/([\d.]+)/bin", path)
        return tuple(int(p) for p in match.group(1).split(".")) if match else (0,)

    for found in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        candidates.append(Path(found))
    exe = ".exe" if sys.platform == "win32" else ""
    for cand in candidates:
        if all((cand / f"{name}{exe}").is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return cand
    raise PekaError(
        E.E801,
        "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found on PATH or "
        "in /usr/lib/postgresql/*/bin. Install Debian's `postgresql` package, or set "
        "PEKA_PG_BIN to the folder that holds them.",
    )


def available() -> bool:
    try:
        find_bin_dir()
    except PekaError:
        return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as() -> tuple[int, int] | None:
    """The (uid, gid) to run the server as, or None to run as this process's user."""
    if sys.platform == "win32" or os.geteuid() != 0:
        return None
    import pwd

    try:
        entry = pwd.getpwnam(RUN_AS)
    except KeyError:
        raise PekaError(
            E.E802,
            f"This process runs as root and PostgreSQL refuses to; the `{RUN_AS}` system "
            "user it would run as does not exist. Install Debian's `postgresql` package "
            "(it creates the user) or run as an ordinary user.",
        ) from None
    return entry.pw_uid, entry.pw_gid


@dataclass(eq=False)
class PgCluster:
    """One running throwaway cluster. Build it with :meth:`start`."""

    root: Path
    port: int
    password: str
    bin_dir: Path
    owner: tuple[int, int] | None
    host: str = "127.0.0.1"
    _stopped: bool = field(default=False, repr=False)

    # -- life ----------------------------------------------------------------------------

    @classmethod
    def start(cls, *, fast: bool = False, settings: dict[str, str] | None = None) -> PgCluster:
        """initdb a fresh cluster in a new private folder and start it; wait until ready."""
        bin_dir = find_bin_dir()
        owner = _run_as()
        root = Path(tempfile.mkdtemp(prefix="peka-pg-"))
        cluster = cls(root, 0, secrets.token_urlsafe(24), bin_dir, owner)
        try:
            if owner is not None:
                os.chown(root, *owner)
            cluster._initdb()
            config = {**_SETTINGS, **(_FAST if fast else {}), **(settings or {})}
            last: PekaError | None = None
            for _attempt in range(5):  # another process may take the port we picked
                cluster.port = free_port()
                try:
                    cluster._pg_ctl_start(config)
                    break
                except PekaError as exc:
                    last = exc
            else:
                assert last is not None
                raise last
        except BaseException:
            cluster._remove()
            raise
        with _LIVE_LOCK:
            _LIVE.add(cluster)
        return cluster

    def stop(self) -> None:
        """Stop the server at once and remove its folder. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        with _LIVE_LOCK:
            _LIVE.discard(self)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self._run([self._tool("pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate"])
        self._remove()

    def pause(self) -> None:
        """Stop the server (a clean shutdown) but keep its data: the server went away."""
        self._run([self._tool("pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w"])

    def resume(self) -> None:
        """Start a paused server again on the same port, with the same data."""
        result = self._run(
            [self._tool("pg_ctl"), "start", "-D", str(self.data), "-l", str(self.log_file), "-w"]
        )
        if result.returncode != 0:
            raise PekaError(
                E.E803,
                f"PostgreSQL did not start again on port {self.port}: {result.stderr.strip()} "
                + self.server_log().strip()[-800:],
            )

    def __enter__(self) -> PgCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses -----------------------------------------------------------------------

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def dsn(self, dbname: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        """A libpq connection string over TCP; the superuser's password unless given."""
        if user == SUPERUSER and not password:
            password = self.password
        parts = {
            "host": self.host,
            "port": str(self.port),
            "dbname": dbname,
            "user": user,
            "password": password,
            "connect_timeout": "10",
        }
        return " ".join(f"{key}={_quote(value)}" for key, value in parts.items())

    def create_database(self, name: str, owner: str = SUPERUSER) -> str:
        """Create database ``name`` (superuser DSN returned for it)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(name), sql.Identifier(owner)
                )
            )
        return self.dsn(name)

    def drop_database(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def server_log(self) -> str:
        try:
            return self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    # -- internals -----------------------------------------------------------------------

    def _tool(self, name: str) -> str:
        return str(self.bin_dir / (name + (".exe" if sys.platform == "win32" else "")))

    def _run(self, cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("PG") and key not in ("HOME", "USER", "LOGNAME")
        }
        env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", TZ="UTC")
        extra: dict[str, Any] = {}
        if self.owner is not None:
            extra = {"user": self.owner[0], "group": self.owner[1], "extra_groups": []}
            env["HOME"] = str(self.root)
        return subprocess.run(
            cmd,
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            **extra,
            **kwargs,
        )

    def _make_private_dir(self, path: Path) -> None:
        path.mkdir(mode=0o700, exist_ok=True)
        if self.owner is not None:
            os.chown(path, *self.owner)

    def _initdb(self) -> None:
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        pwfile.chmod(0o600)
        if self.owner is not None:
            os.chown(pwfile, *self.owner)
        self._make_private_dir(self.socket_dir)
        try:
            result = self._run(
                [
                    self._tool("initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    SUPERUSER,
                    f"--pwfile={pwfile}",
                    "--auth=scram-sha-256",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-instructions",
                    "--no-sync",  # a throwaway cluster; the server fsyncs unless fast
                ]
            )
        finally:
            pwfile.unlink(missing_ok=True)
        if result.returncode != 0:
            raise PekaError(E.E803, f"initdb failed in {self.data}: {result.stderr.strip()[-800:]}")

    def _pg_ctl_start(self, config: dict[str, str]) -> None:
        options = {
            **config,
            "port": str(self.port),
            "listen_addresses": self.host,
            "unix_socket_directories": str(self.socket_dir),
        }
        conf = "\n".join(f"{key} = '{value}'" for key, value in options.items())
        auto = self.data / "postgresql.auto.conf"
        auto.write_text(conf + "\n", encoding="utf-8")
        if self.owner is not None:
            os.chown(auto, *self.owner)
        result = self._run(
            [
                self._tool("pg_ctl"),
                "start",
                "-D",
                str(self.data),
                "-l",
                str(self.log_file),
                "-w",
                "-t",
                "60",
            ]
        )
        if result.returncode != 0:
            log = self.server_log().strip()[-800:]
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                self._run([self._tool("pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate"])
            raise PekaError(
                E.E803,
                f"PostgreSQL did not start on port {self.port}: {result.stderr.strip()} {log}",
            )

    def _remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _quote(value: str) -> str:
    if value and not re.search(r"[\s'\\]", value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


@contextlib.contextmanager
def throwaway_cluster(*, fast: bool = False) -> Iterator[PgCluster]:
    cluster = PgCluster.start(fast=fast)
    try:
        yield cluster
    finally:
        cluster.stop()


@atexit.register
def _stop_leftovers() -> None:
    with _LIVE_LOCK:
        live = list(_LIVE)
    for cluster in live:
        cluster.stop()
