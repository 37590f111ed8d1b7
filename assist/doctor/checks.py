"""The core's checks: configuration, policy and keys, keyring, cache, log file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from assist import logs, paths
from assist.doctor import DoctorContext, Result, check
from assist.errors import PekaError

POLICY_EXPIRY_WARNING = timedelta(days=14)

# Keyring backends that keep secrets across sessions in the operating system's own store.
PERSISTENT_KEYRINGS: frozenset[str] = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
    }
)
_NONE = {"keyring.backends.fail.Keyring"}


def _class_name(backend: object) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


@check("config", "Configuration files")
def config_files(ctx: DoctorContext) -> Result:
    files = [paths.machine_config_file(), paths.user_config_file()]
    if ctx.config_problems:
        return Result.failed(
            f"{len(ctx.config_problems)} problem(s) in the configuration; Peka will not start",
            *(str(problem) for problem in ctx.config_problems),
            code=ctx.config_problems[0].code if len(ctx.config_problems) == 1 else "E130",
        )
    read = [str(f) for f in files if f.is_file()]
    assert ctx.config is not None
    changed = sum(1 for s in ctx.config.settings.values() if s.source != "default")
    where = ", ".join(read) if read else "no config files (built-in defaults)"
    return Result.ok(f"{changed} key(s) set; read {where}")


def keyring_verdict(backend: object) -> tuple[str, str]:
    """("ok" | "none" | "refused", the backend's name) for a keyring backend."""
    from keyring.backends import chainer

    name = _class_name(backend)
    if isinstance(backend, chainer.ChainerBackend):
        inner = [_class_name(b) for b in backend.backends]
        if not inner:
            return "none", name
        if inner[0] in PERSISTENT_KEYRINGS:
            return "ok", inner[0]
        return ("none" if inner[0] in _NONE else "refused"), inner[0]
    if name in PERSISTENT_KEYRINGS:
        return "ok", name
    if name in _NONE:
        return "none", name
    return "refused", name


@check("keyring", "OS keyring (supervisors' signing keys)")
def keyring_backend(ctx: DoctorContext) -> Result:
    import keyring

    verdict, name = keyring_verdict(keyring.get_keyring())
    if verdict == "ok":
        return Result.ok(f"{name}: supervisors' signing keys are kept by the OS")
    if verdict == "none":
        return Result.warning(
            "no OS keyring: agents can grant without one, but a supervisor cannot sign "
            "policies or approval codes here, and no team login or API token can be kept",
            "On Linux install and unlock a Secret Service keyring (gnome-keyring, KWallet).",
            code="E517",
        )
    return Result.failed(
        f"{name} is not an OS keyring that keeps secrets safely (it forgets them, or keeps "
        "them in a plain file); Peka refuses it",
        "Remove keyrings.alt or PYTHON_KEYRING_BACKEND, and use the system's keyring.",
        code="E517",
    )


def _policy_service(ctx: DoctorContext) -> Any:
    from assist.authority.service import AuthorityService

    return AuthorityService.from_config(ctx.config)


@check("policy", "Authority policy and supervisors' keys")
def policy(ctx: DoctorContext) -> Result:
    from assist.authority.keys import load_public_keys

    if ctx.config is None:
        return Result.skipped("the configuration must be fixed first")
    keys_dir = Path(ctx.config["policy.keys_dir"])
    keys, notes = load_public_keys(keys_dir)
    key_line = f"{len(keys)} public key(s) in {keys_dir}"
    status = _policy_service(ctx).status()
    if not status.valid:
        return Result.failed(
            f"no valid policy in force: {status.reason}",
            key_line,
            *notes,
            code=status.code,
        )
    left = status.expires_at - ctx.now if status.expires_at else None
    summary = f"version {status.version} signed by {status.signed_by}"
    if left is not None:
        summary += f", expires in {max(left.days, 0)} day(s)"
    if notes:
        return Result.warning(summary, key_line, *notes)
    if left is not None and left < POLICY_EXPIRY_WARNING:
        return Result.warning(summary, key_line, "Ask a supervisor to sign a renewed policy.")
    return Result.ok(summary, key_line)


def _stale_after(ctx: DoctorContext) -> timedelta:
    """How old the cache may be: IT's `sync.stale_after_hours` (the customer card's own
    warning uses it too)."""
    assert ctx.config is not None
    return timedelta(hours=int(ctx.config["sync.stale_after_hours"]))


def _sync_report(ctx: DoctorContext) -> Any:
    from assist.sync.service import status_report

    assert ctx.config is not None
    return status_report(Path(ctx.config["cache.path"]), Path(ctx.config["sync.sources_file"]))


@check("cache", "Customer cache")
def cache(ctx: DoctorContext) -> Result:
    from assist.cache.store import Cache

    if ctx.config is None:
        return Result.skipped("the configuration must be fixed first")
    path = Path(ctx.config["cache.path"])
    if not path.exists():
        return Result.warning(
            f"no customer cache at {path}",
            "Import the helpdesk's exports with `peka import`, or configure `peka sync`.",
            code="E202",
        )
    with Cache.open(path, readonly=True) as opened:
        stats = opened.stats()
    counts = f"{stats.customers} customers, {stats.transactions} transactions"
    stamps = [stats.last_import_at] if stats.last_import_at else []
    stamps += [s.last_success_at for s in _sync_report(ctx).sources if s.last_success_at]
    if not stamps:
        return Result.warning(f"{counts}; never imported into or synced", str(path))
    age = ctx.now - max(stamps)
    summary = f"{counts}; newest data {age.total_seconds() / 3600:.0f} hour(s) old"
    if stats.customers == 0:
        return Result.warning(f"the cache is empty; {summary}", str(path))
    limit = _stale_after(ctx)
    if age > limit:
        return Result.warning(
            f"stale: {summary}",
            f"Older than `sync.stale_after_hours` ({limit.total_seconds() / 3600:.0f}): "
            "recent orders are missing. Import the latest exports or run `peka sync run`.",
            str(path),
        )
    return Result.ok(summary, str(path))


@check("sync", "Cache sync sources")
def sync_sources(ctx: DoctorContext) -> Result:
    if ctx.config is None:
        return Result.skipped("the configuration must be fixed first")
    from assist.cache.errors import E201, E203, E290, E292
    from assist.sync.sources import load_sources

    configured = load_sources(Path(ctx.config["sync.sources_file"])).sources
    if not configured:
        return Result.skipped(f"no sources configured ({ctx.config['sync.sources_file']})")
    try:
        report = _sync_report(ctx)
    except PekaError as exc:
        if exc.code not in (E201, E203, E290, E292):
            raise
        # Each source's status lives in the cache: the cache check says why and what to do.
        return Result.failed(
            f"{len(configured)} source(s); their status cannot be read: the customer cache "
            "cannot be opened (see the cache check)",
            code=exc.code,
        )
    known = {s.name: s for s in report.sources}
    limit = _stale_after(ctx)
    lines: list[str] = []
    failed: list[str] = []
    late: list[str] = []
    code: str | None = None
    for name in report.configured:
        status = known.get(name)
        if status is None or status.last_attempt_at is None:
            lines.append(f"{name}: never run (`peka sync run`)")
            late.append(name)
            continue
        when = status.last_success_at
        age = f"{(ctx.now - when).total_seconds() / 3600:.0f} hour(s) ago" if when else "never"
        if not status.ok:
            failed.append(name)
            code = code or status.last_error_code
            lines.append(f"{name}: last run failed: {status.last_error}")
        elif when is None or ctx.now - when > limit:
            late.append(name)
            lines.append(f"{name}: last success {age}")
        else:
            lines.append(f"{name}: ok, last success {age}, {status.quarantined} quarantined")
    summary = f"{len(report.configured)} source(s)"
    if failed:
        return Result.failed(f"{summary}; failing: {', '.join(failed)}", *lines, code=code)
    if late:
        return Result.warning(f"{summary}; behind: {', '.join(late)}", *lines)
    return Result.ok(summary, *lines)


SAMPLES = {
    "id": "Paket saya belum sampai juga, sudah seminggu. Kecewa sekali.",
    "en": "My parcel still hasn't arrived after a week. Really disappointed.",
}


@check("language", "Language engine")
def language_engine(ctx: DoctorContext) -> Result:
    """Load both pipelines and read a sample in each language: a frozen bundle that lacks
    a pipeline or a spaCy component fails here, not in front of a customer."""
    import time

    from assist.nlp import load_engine

    patterns = list(ctx.config["nlp.order_patterns"]) if ctx.config is not None else []
    started = time.perf_counter()
    engine = load_engine(patterns or None)
    loaded = time.perf_counter() - started
    read = []
    for language, text in SAMPLES.items():
        result = engine.analyze(text, language=language)
        read.append(f"{language}: {result.emotion}, issue {result.issue}")
    return Result.ok(f"both pipelines loaded in {loaded:.1f} s", *read)


@check("log", "Log file")
def log_file(ctx: DoctorContext) -> Result:
    target = logs.log_file()
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with target.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        return Result.warning(f"cannot write {target}: {exc.strerror}")
    return Result.ok(str(target))
