"""`peka doctor`: a self-test for IT and support, as a registry of checks.

Each feature adds its own check: a module listed in :data:`CHECK_MODULES` decorates a
function with :func:`check`; the function gets a :class:`DoctorContext` and returns a
:class:`Result`. A check that raises is reported as failed (with the reason), never as
a crash of the whole self-test.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from assist import __version__
from assist import config as config_mod
from assist.errors import PekaError

log = logging.getLogger(__name__)

# Modules whose import registers checks, in report order. A feature appends its own
# module here.
CHECK_MODULES: tuple[str, ...] = (
    "assist.doctor.checks",
    "assist.team.doctor",
    "assist.api.doctor",
)

EXIT_OK = 0  # every check passed (or was skipped because it does not apply)
EXIT_FAILED = 1  # at least one check failed: Peka cannot work as configured
EXIT_WARNINGS = 3  # nothing failed, but something needs attention soon


class Status(StrEnum):
    OK = "ok"
    WARNING = "warning"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Result:
    status: Status
    summary: str
    details: tuple[str, ...] = ()
    code: str | None = None

    @classmethod
    def ok(cls, summary: str, *details: str) -> Result:
        return cls(Status.OK, summary, details)

    @classmethod
    def warning(cls, summary: str, *details: str, code: str | None = None) -> Result:
        return cls(Status.WARNING, summary, details, code)

    @classmethod
    def failed(cls, summary: str, *details: str, code: str | None = None) -> Result:
        return cls(Status.FAILED, summary, details, code)

    @classmethod
    def skipped(cls, summary: str, *details: str) -> Result:
        return cls(Status.SKIPPED, summary, details)


@dataclass
class DoctorContext:
    """What every check may use: the effective config (None when it is broken), its
    problems, and the time of the run."""

    config: config_mod.Config | None
    config_problems: list[config_mod.ConfigProblem]
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def load(cls) -> DoctorContext:
        problems = config_mod.problems()
        cfg: config_mod.Config | None = None
        if not problems:
            try:
                cfg = config_mod.load()
            except PekaError as exc:  # a file changed between the two reads
                problems = getattr(exc, "problems", problems)
        return cls(cfg, problems)


CheckFunction = Callable[[DoctorContext], Result]


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    run: CheckFunction


_REGISTRY: dict[str, Check] = {}


def check(name: str, title: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register ``function`` as the check ``name`` (shown as ``title``)."""

    def register(function: CheckFunction) -> CheckFunction:
        known = _REGISTRY.get(name)
        if known is not None and known.run is not function:
            raise ValueError(f"doctor check {name!r} is registered twice")
        _REGISTRY[name] = Check(name, title, function)
        return function

    return register


def registered_checks() -> list[Check]:
    for module in CHECK_MODULES:
        importlib.import_module(module)
    return list(_REGISTRY.values())


@dataclass(frozen=True)
class Outcome:
    check: Check
    result: Result

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.check.name,
            "title": self.check.title,
            "status": self.result.status.value,
            "summary": self.result.summary,
            "details": list(self.result.details),
            "code": self.result.code,
        }


def run_check(one: Check, ctx: DoctorContext) -> Outcome:
    try:
        result = one.run(ctx)
    except PekaError as exc:
        result = Result.failed(exc.message, code=exc.code)
    except Exception as exc:  # a broken check must not hide the others' answers
        log.exception("doctor check %s crashed", one.name)
        result = Result.failed(f"the check itself stopped: {type(exc).__name__}: {exc}")
    return Outcome(one, result)


def run_checks(ctx: DoctorContext | None = None, only: Iterable[str] = ()) -> list[Outcome]:
    ctx = ctx or DoctorContext.load()
    wanted = set(only)
    return [run_check(c, ctx) for c in registered_checks() if not wanted or c.name in wanted]


def exit_code(outcomes: Iterable[Outcome]) -> int:
    statuses = {o.result.status for o in outcomes}
    if Status.FAILED in statuses:
        return EXIT_FAILED
    if Status.WARNING in statuses:
        return EXIT_WARNINGS
    return EXIT_OK


def report(outcomes: list[Outcome]) -> dict[str, Any]:
    code = exit_code(outcomes)
    overall = {EXIT_OK: "ok", EXIT_WARNINGS: "warning", EXIT_FAILED: "failed"}[code]
    return {
        "peka": __version__,
        "status": overall,
        "exit_code": code,
        "checks": [o.to_dict() for o in outcomes],
    }
