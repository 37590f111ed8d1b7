"""Read and check a supervisor's policy file, reporting every problem at once.

The same checker reads the normalised dictionary inside a signed policy
(``normalised=True``: amounts already in minor units, percentages in basis points), so a
signed policy is held to exactly the rules ``peka policy validate`` applies.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from assist import i18n
from assist.authority import errors as E
from assist.authority.policy import (
    BUILTIN_TYPES,
    DAYS,
    DEFAULT_TIERS,
    FORMAT,
    MONEY,
    RULE_FIELDS,
    UNITS,
    AgentOverride,
    CompensationType,
    Policy,
    Role,
    Rule,
)
from assist.authority.toml_lines import key_lines, line_of
from assist.errors import PekaError
from assist.money import EXPONENT, MAX_AMOUNT_MINOR, parse_money
from assist.nlp.models import FAULTS, ISSUES
from assist.safe_parse import json_loads, toml_loads

Path_ = tuple[str, ...]
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_STATUS = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")

TOP_FIELDS = (
    "format",
    "version",
    "name",
    "currency",
    "utc_offset",
    "valid_from",
    "expires",
    "default_role",
    "tiers",
    "types",
    "roles",
    "agents",
)
TYPE_FIELDS = ("label_id", "label_en", "unit", "refund", "full", "fits_issues")
ROLE_FIELDS = ("label", "rules")
AGENT_FIELDS = ("role", "name", "rules")


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    key: str  # dotted key path, e.g. roles.agent.rules.voucher.max_amount
    message: str
    line: int | None = None
    file: str | None = None
    # The catalogue id (``policy.*`` in resources/i18n) and its fields, so an interface
    # can show the message in its own language; ``message`` is the English text.
    message_id: str = ""
    fields: tuple[tuple[str, str], ...] = ()

    def text(self, language: str) -> str:
        """The message in ``language`` (the English ``message`` when it has no id)."""
        if not self.message_id:
            return self.message
        return i18n.text(language, self.message_id, **dict(self.fields))

    def format(self, language: str | None = None) -> str:
        """``file:line: key: [E5xx] message``, the message in ``language`` when given."""
        where = self.file or "<policy>"
        if self.line is not None:
            where += f":{self.line}"
        key = f" {self.key}:" if self.key else ""
        message = self.message if language is None else self.text(language)
        return f"{where}:{key} [{self.code}] {message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "message": self.message,
        }


class PolicyProblems(PekaError):
    """A policy with problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(
            first.code,
            f"{first.format()}{more}. Run `peka policy validate` for the full list.",
        )
        self.problems = problems


def _problem(
    code: str, key: str, name: str, line: int | None, file: str | None, /, **fields: object
) -> Problem:
    shown = tuple((k, str(v)) for k, v in fields.items())
    message_id = f"policy.{name}"
    english = i18n.text("en", message_id, **dict(shown))
    return Problem(code, key, english, line, file, message_id, shown)


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        if part.startswith("[") and part.endswith("]"):
            out += part
            continue
        word = part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else json.dumps(part)
        out += f".{word}" if out else word
    return out


class _Checker:
    def __init__(self, normalised: bool, file: str | None, text: str | None) -> None:
        self.normalised = normalised
        self.file = file
        self.lines = key_lines(text) if text is not None else {}
        self.problems: list[Problem] = []
        self.currency = "IDR"

    def add(self, code: str, path: Path_, name: str, /, **fields: object) -> None:
        """Record problem ``policy.<name>`` of the catalogue, its fields shown as text."""
        self.problems.append(
            _problem(code, _dotted(path), name, line_of(self.lines, path), self.file, **fields)
        )

    def known_fields(self, data: dict[str, Any], allowed: tuple[str, ...], path: Path_) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                self.add(
                    E.E502,
                    (*path, key),
                    "unknown_field_hint" if close else "unknown_field",
                    field=repr(key),
                    close=repr(close[0]) if close else "",
                    allowed=", ".join(allowed),
                )

    def table(self, value: Any, path: Path_) -> dict[str, Any] | None:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(E.E503, path, "table")
            return None
        return value

    def string(self, value: Any, path: Path_, *, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.add(E.E504, path, "required")
            return None
        if not isinstance(value, str):
            self.add(E.E503, path, "text", value=repr(value))
            return None
        return value

    def boolean(self, value: Any, path: Path_) -> bool | None:
        if value is None:
            return None
        if not isinstance(value, bool):
            self.add(E.E503, path, "boolean", value=repr(value))
            return None
        return value

    def whole(self, value: Any, path: Path_, minimum: int = 0) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.add(E.E503, path, "whole", minimum=minimum, value=repr(value))
            return None
        return value

    def names(
        self, value: Any, path: Path_, allowed: tuple[str, ...] | None, what: str
    ) -> tuple[str, ...] | None:
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(E.E503, path, f"list_{what}")
            return None
        good = []
        for index, item in enumerate(value):
            if allowed is not None and item not in allowed:
                close = difflib.get_close_matches(item, allowed, n=1)
                self.add(
                    E.E505,
                    (*path, f"[{index}]"),
                    f"unknown_{what}_hint" if close else f"unknown_{what}",
                    item=repr(item),
                    close=repr(close[0]) if close else "",
                    known=", ".join(allowed),
                )
            elif allowed is None and not _STATUS.match(item):
                self.add(
                    E.E503,
                    (*path, f"[{index}]"),
                    "status_word",
                    item=repr(item),
                )
            else:
                good.append(item)
        return tuple(good)

    def amount(self, value: Any, path: Path_, unit: str) -> int | None:
        """Money (minor units) or days, from what the supervisor wrote."""
        if value is None:
            return None
        if unit == DAYS or self.normalised:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.add(E.E503, path, "whole_days" if unit == DAYS else "whole_minor")
                return None
            if value > MAX_AMOUNT_MINOR:
                self.add(E.E503, path, "too_large")
                return None
            return value
        if isinstance(value, bool | float):
            self.add(
                E.E503,
                path,
                "amount_type",
                value=repr(value),
            )
            return None
        if isinstance(value, int):
            if value < 0:
                self.add(E.E503, path, "negative")
                return None
            if value > MAX_AMOUNT_MINOR:
                self.add(E.E503, path, "too_large_money")
                return None
            text = str(value)
        elif isinstance(value, str):
            text = value
        else:
            self.add(E.E503, path, "amount", value=repr(value))
            return None
        try:
            money = parse_money(text, self.currency)
        except ValueError as exc:
            self.add(E.E503, path, "amount_unreadable", value=repr(text), detail=str(exc))
            return None
        if money.currency != self.currency:
            self.add(
                E.E503,
                path,
                "currency_mismatch",
                given=money.currency,
                currency=self.currency,
            )
            return None
        return money.amount_minor

    def percent(self, value: Any, path: Path_) -> int | None:
        """A percentage as basis points (12.5 % -> 1250)."""
        if value is None:
            return None
        if self.normalised:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10000:
                self.add(E.E503, path, "basis_points")
                return None
            return value
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.add(E.E503, path, "percent", value=repr(value))
            return None
        try:
            number = Decimal(str(value).strip().rstrip("%").strip())
        except InvalidOperation:
            self.add(E.E503, path, "percent", value=repr(value))
            return None
        if not Decimal(0) <= number <= Decimal(100):
            self.add(E.E503, path, "percent_range", value=repr(value))
            return None
        basis = number * 100
        if basis != basis.to_integral_value():
            self.add(E.E503, path, "percent_decimals")
            return None
        return int(basis)

    def offset(self, value: Any, path: Path_) -> int:
        if value is None:
            return 7 * 60
        match = _OFFSET.match(value) if isinstance(value, str) else None
        if not match or int(match.group(3)) >= 60 or int(match.group(2)) > 14:
            self.add(E.E503, path, "offset", value=repr(value))
            return 7 * 60
        minutes = int(match.group(2)) * 60 + int(match.group(3))
        return -minutes if match.group(1) == "-" else minutes

    def moment(self, value: Any, path: Path_, tz: timezone, end_of_day: bool) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = (
                    date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
                )
            except ValueError:
                self.add(E.E503, path, "date", value=repr(value))
                return None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=tz)
        if isinstance(value, date):
            clock = time(23, 59, 59) if end_of_day else time(0, 0)
            return datetime.combine(value, clock, tzinfo=tz)
        self.add(E.E503, path, "date", value=repr(value))
        return None


def _rule_fields(
    c: _Checker,
    data: dict[str, Any],
    path: Path_,
    ctype: CompensationType | None,
    tiers: tuple[str, ...],
) -> dict[str, Any]:
    """Check one rule table; return the fields that were given, in internal form."""
    c.known_fields(data, RULE_FIELDS, path)
    unit = ctype.unit if ctype else MONEY
    out: dict[str, Any] = {}
    for key in ("max_amount", "max_per_customer_30d", "daily_budget", "needs_reason_above"):
        if key in data:
            out[key] = c.amount(data[key], (*path, key), unit)
    if "max_percent" in data:
        if unit == DAYS:
            c.add(E.E503, (*path, "max_percent"), "days_no_percent")
        else:
            out["max_percent"] = c.percent(data["max_percent"], (*path, "max_percent"))
    for key in ("max_grants_per_customer_30d", "max_transaction_age_days"):
        if key in data:
            out[key] = c.whole(data[key], (*path, key))
    for key in ("needs_reason", "requires_transaction"):
        if key in data:
            out[key] = c.boolean(data[key], (*path, key))
    if "issues" in data:
        out["issues"] = c.names(data["issues"], (*path, "issues"), ISSUES, "issue")
    if "faults" in data:
        out["faults"] = c.names(data["faults"], (*path, "faults"), FAULTS, "fault")
    if "tiers" in data:
        out["tiers"] = c.names(data["tiers"], (*path, "tiers"), tiers, "tier")
    if "transaction_statuses" in data:
        out["transaction_statuses"] = c.names(
            data["transaction_statuses"], (*path, "transaction_statuses"), None, "status"
        )
    return {k: v for k, v in out.items() if v is not None}


def _types(c: _Checker, raw: Any) -> dict[str, CompensationType]:
    types = dict(BUILTIN_TYPES)
    table = c.table(raw, ("types",))
    for name, value in (table or {}).items():
        path = ("types", name)
        data = c.table(value, path)
        if data is None:
            continue
        if not _NAME.match(name):
            c.add(E.E503, path, "type_name")
            continue
        c.known_fields(data, TYPE_FIELDS, path)
        base = BUILTIN_TYPES.get(name)
        label_id = c.string(data.get("label_id"), (*path, "label_id"), required=base is None)
        label_en = c.string(data.get("label_en"), (*path, "label_en"), required=base is None)
        unit = c.string(data.get("unit"), (*path, "unit"))
        if unit is not None and unit not in UNITS:
            c.add(E.E503, (*path, "unit"), "unit", value=repr(unit))
            unit = None
        refund = c.boolean(data.get("refund"), (*path, "refund"))
        full = c.boolean(data.get("full"), (*path, "full"))
        fits = c.names(data.get("fits_issues"), (*path, "fits_issues"), ISSUES, "issue")
        if base is not None:
            for key, given, fixed in (
                ("unit", unit, base.unit),
                ("refund", refund, base.refund),
                ("full", full, base.full),
            ):
                if given is not None and given != fixed:
                    c.add(
                        E.E503,
                        (*path, key),
                        "builtin",
                        type=repr(name),
                        field=key,
                        value=repr(fixed),
                    )
        unit = unit or (base.unit if base else MONEY)
        refund = refund if refund is not None else (base.refund if base else False)
        full = full if full is not None else (base.full if base else False)
        if unit == DAYS and (refund or full):
            c.add(E.E503, path, "days_refund")
        if full and not refund:
            c.add(E.E503, (*path, "full"), "full_refund")
        types[name] = CompensationType(
            name,
            label_id or (base.label_id if base else name),
            label_en or (base.label_en if base else name),
            unit,
            refund,
            full,
            fits if fits is not None else (base.fits_issues if base else ()),
        )
    return types


def _check_rule_consistency(c: _Checker, path: Path_, ctype: CompensationType, rule: Rule) -> None:
    if ctype.full and rule.max_percent is not None and rule.max_percent < 10000:
        c.add(E.E503, (*path, "max_percent"), "full_percent")


def check_policy(
    data: dict[str, Any],
    *,
    normalised: bool = False,
    file: str | None = None,
    text: str | None = None,
) -> tuple[Policy | None, list[Problem]]:
    """Check a policy dictionary; return the policy (None if any problem) and all problems."""
    c = _Checker(normalised, file, text)
    c.known_fields(data, TOP_FIELDS, ())
    fmt = data.get("format")
    if fmt is None:
        c.add(E.E504, ("format",), "format_required", format=FORMAT)
    elif fmt != FORMAT:
        c.add(E.E503, ("format",), "format", format=FORMAT, value=repr(fmt))
    version = c.whole(data.get("version"), ("version",), minimum=1)
    if "version" not in data:
        c.add(E.E504, ("version",), "version_required")
    name = c.string(data.get("name"), ("name",)) or ""
    currency = c.string(data.get("currency"), ("currency",)) or "IDR"
    if currency not in EXPONENT:
        c.add(
            E.E503,
            ("currency",),
            "currency",
            value=repr(currency),
            known=", ".join(sorted(EXPONENT)),
        )
        currency = "IDR"
    c.currency = currency
    offset = c.offset(data.get("utc_offset"), ("utc_offset",))
    tz = timezone(timedelta(minutes=offset))
    expires = c.moment(data.get("expires"), ("expires",), tz, end_of_day=True)
    if "expires" not in data:
        c.add(E.E504, ("expires",), "expires_required")
    valid_from = c.moment(data.get("valid_from"), ("valid_from",), tz, end_of_day=False)
    if expires and valid_from and valid_from >= expires:
        c.add(E.E503, ("valid_from",), "valid_from")
    tiers = c.names(data.get("tiers"), ("tiers",), None, "tier")
    tiers = tiers if tiers else DEFAULT_TIERS
    types = _types(c, data.get("types"))

    roles: dict[str, Role] = {}
    roles_raw = c.table(data.get("roles"), ("roles",)) or {}
    if "roles" not in data or not roles_raw:
        c.add(E.E504, ("roles",), "roles_required")
    for role_name, value in roles_raw.items():
        path = ("roles", role_name)
        role_data = c.table(value, path)
        if role_data is None:
            continue
        if not _NAME.match(role_name):
            c.add(E.E503, path, "role_name")
        c.known_fields(role_data, ROLE_FIELDS, path)
        label = c.string(role_data.get("label"), (*path, "label")) or role_name
        rules: dict[str, Rule] = {}
        rules_raw = c.table(role_data.get("rules"), (*path, "rules")) or {}
        for type_name, rule_value in rules_raw.items():
            rpath = (*path, "rules", type_name)
            ctype = types.get(type_name)
            if ctype is None:
                close = difflib.get_close_matches(type_name, list(types), n=1)
                c.add(
                    E.E505,
                    rpath,
                    "unknown_type_hint" if close else "unknown_type",
                    type=repr(type_name),
                    close=repr(close[0]) if close else "",
                )
                continue
            rule_data = c.table(rule_value, rpath)
            if rule_data is None:
                continue
            rule = Rule(**_rule_fields(c, rule_data, rpath, ctype, tiers))
            _check_rule_consistency(c, rpath, ctype, rule)
            rules[type_name] = rule
        roles[role_name] = Role(role_name, label, rules)

    default_role = c.string(data.get("default_role"), ("default_role",)) or "agent"
    if roles and default_role not in roles:
        c.add(
            E.E505,
            ("default_role",),
            "default_role",
            role=repr(default_role),
            name=default_role,
            known=", ".join(roles),
        )

    agents: dict[str, AgentOverride] = {}
    for agent_id, value in (c.table(data.get("agents"), ("agents",)) or {}).items():
        path = ("agents", agent_id)
        agent_data = c.table(value, path)
        if agent_data is None:
            continue
        c.known_fields(agent_data, AGENT_FIELDS, path)
        role = c.string(agent_data.get("role"), (*path, "role"))
        agent_name = c.string(agent_data.get("name"), (*path, "name")) or ""
        if role is not None and role not in roles:
            c.add(E.E505, (*path, "role"), "unknown_role", role=repr(role), known=", ".join(roles))
        changes: dict[str, dict[str, Any]] = {}
        for type_name, rule_value in (
            c.table(agent_data.get("rules"), (*path, "rules")) or {}
        ).items():
            rpath = (*path, "rules", type_name)
            ctype = types.get(type_name)
            if ctype is None:
                c.add(E.E505, rpath, "unknown_type", type=repr(type_name), close="")
                continue
            rule_data = c.table(rule_value, rpath)
            if rule_data is not None:
                changes[type_name] = _rule_fields(c, rule_data, rpath, ctype, tiers)
        agents[agent_id] = AgentOverride(agent_id, role, changes, agent_name.strip())

    if c.problems or version is None or expires is None:
        return None, c.problems
    return (
        Policy(
            version=version,
            name=name,
            currency=currency,
            utc_offset_minutes=offset,
            expires_at=expires,
            valid_from=valid_from,
            tiers=tuple(tiers),
            types=types,
            roles=roles,
            agents=agents,
            default_role=default_role,
        ),
        [],
    )


def read_policy_text(text: str, file: str | None = None) -> tuple[Policy | None, list[Problem]]:
    """A supervisor's policy (TOML, or JSON if it starts with ``{``)."""
    try:
        if text.lstrip().startswith("{"):
            data = json_loads(text, file or "policy")
            if not isinstance(data, dict):
                raise ValueError("the top level must be an object")
            return check_policy(data, file=file)
        return check_policy(toml_loads(text, file or "policy"), file=file, text=text)
    except tomllib.TOMLDecodeError as exc:
        line = None
        match = re.search(r"line (\d+)", str(exc))
        if match:
            line = int(match.group(1))
        return None, [_problem(E.E501, "", "toml", line, file, detail=str(exc))]
    except ValueError as exc:
        return None, [_problem(E.E501, "", "json", None, file, detail=str(exc))]


def read_policy_file(path: Path) -> tuple[Policy | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [_problem(E.E501, "", "not_found", None, str(path))]
    except UnicodeDecodeError:
        return None, [_problem(E.E501, "", "not_utf8", None, str(path))]
    except OSError as exc:
        return None, [_problem(E.E501, "", "unreadable", None, str(path), detail=str(exc.strerror))]
    return read_policy_text(text, str(path))


def load_policy_file(path: Path) -> Policy:
    """The policy in ``path``; raises :class:`PolicyProblems` listing every problem."""
    policy, problems = read_policy_file(path)
    if policy is None:
        raise PolicyProblems(problems)
    return policy


def policy_from_normalised(data: dict[str, Any]) -> Policy:
    """The policy inside a signed envelope (already validated when it was signed)."""
    policy, problems = check_policy(data, normalised=True, file="<signed policy>")
    if policy is None:
        raise PolicyProblems(problems)
    return policy


def load_policy_text(text: str, file: str | None = None) -> Policy:
    policy, problems = read_policy_text(text, file)
    if policy is None:
        raise PolicyProblems(problems)
    return policy
