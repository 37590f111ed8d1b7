"""``peka grant``, ``peka ledger …``, ``peka approval …`` and ``peka audit …``."""

from __future__ import annotations

import importlib
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from assist.cli.authority_policy_commands import (
    default_name,
    ledger_option,
    now,
    resolve_ledger,
)
from assist.cli.common import PekaGroup, db_option, echo_json, get_config, say, ui_language
from assist.errors import PekaError

# The same as assist.authority.audit.KINDS (a test checks); spelled out here so that
# `peka --help` does not import the authority service.
AUDIT_KINDS: tuple[str, ...] = (
    "grant",
    "refusal",
    "policy_signed",
    "policy_installed",
    "policy_accepted",
    "approval_requested",
    "approval_issued",
    "approval_accepted",
    "approval_declined",
    "approval_refused",
)


# The rows of `peka approval review` that have words in resources/i18n/cli.*.json.
_ROWS = (
    "request",
    "agent",
    "customer",
    "compensation",
    "transaction",
    "paid",
    "reason",
    "created",
    "expires",
    "tier",
    "issue",
    "fault",
    "stated_by_agent",
)


def _service(ledger_path: Path | None, agent: str | None = None) -> Any:
    from assist.authority.service import AuthorityService
    from assist.identity import acting_agent

    cfg = get_config()
    return AuthorityService.open(
        ledger_path=resolve_ledger(ledger_path),
        policy_path=Path(cfg["policy.path"]),
        keys_dir=Path(cfg["policy.keys_dir"]),
        agent_id=acting_agent(cfg, agent),
        role=str(cfg["agent.role"]) or None,
    )


def _parse_amount(text: str, unit: str, currency: str) -> int:
    """Days as a whole number; money as people write it ("50000", "Rp 50.000", "50rb")."""
    from assist.authority import errors as E
    from assist.errors import E110
    from assist.money import AmountTooLarge, parse_money

    if unit == "days":
        if not text.strip().isdigit():
            raise PekaError(
                E.E529, f"--amount for a day-based type is a whole number, not {text!r}."
            )
        if len(text.strip()) > 6:
            raise PekaError(E110, f"--amount of {len(text.strip())} digits is too many days.")
        return int(text)
    try:
        money = parse_money(text, currency)
    except AmountTooLarge as exc:
        raise PekaError(E110, f"{exc}; nothing was granted or recorded.") from None
    except ValueError as exc:
        raise PekaError(
            E.E529, f'--amount: {exc}; write e.g. 50000, "Rp 50.000" or 50rb.'
        ) from None
    if money.currency != currency:
        raise PekaError(
            E.E529, f"--amount is in {money.currency}; the policy counts in {currency}."
        )
    return money.amount_minor


def _unit_and_currency(service: Any, type_name: str) -> tuple[str, str]:
    from assist.authority.policy import BUILTIN_TYPES

    signed = service._policy_or_none()
    types = signed.policy.types if signed else BUILTIN_TYPES
    currency = signed.policy.currency if signed else "IDR"
    ctype = types.get(type_name)
    return (ctype.unit if ctype else "money"), currency


def _cache_facts(db: Path, customer_id: str, transaction: str | None) -> tuple[Any, Any]:
    """The customer's record and the named transaction (id or reference) from the cache."""
    from assist.authority import errors as E

    try:
        cache_mod: Any = importlib.import_module("assist.cache")
        opener = cache_mod.Cache.open
    except (ImportError, AttributeError) as exc:
        raise PekaError(
            E.E538,
            f"The customer cache cannot be read ({exc}). Give the facts instead: "
            "--transaction-amount, --transaction-status, --tier.",
        ) from None
    with opener(db, readonly=True) as cache:
        record = cache.open_customer(customer_id, transactions=500)
        if record is None:
            raise PekaError(
                E.E538,
                f"Customer {customer_id!r} is not in the cache {db}. Check the id, or give "
                "the facts with --tier and --transaction-* instead of --db.",
            )
        tx = None
        if transaction:
            tx = next((t for t in record.transactions if transaction in (t.id, t.reference)), None)
            if tx is None:
                found = cache.transactions_by_reference([transaction], customer_id=customer_id)
                tx = found[0] if found else None
            if tx is None:
                raise PekaError(
                    E.E538,
                    f"Transaction {transaction!r} of customer {customer_id} is not in the "
                    f"cache {db}.",
                )
    return record, tx


def _facts_options(func: Any) -> Any:
    options = [
        click.option(
            "--transaction", default=None, help="The affected transaction (id or reference)."
        ),
        click.option(
            "--transaction-amount", default=None, help="What the customer paid, if not from --db."
        ),
        click.option(
            "--transaction-status", default=None, help="The transaction's status, if not from --db."
        ),
        click.option(
            "--transaction-date",
            type=click.DateTime(["%Y-%m-%d"]),
            default=None,
            help="When the transaction was made (YYYY-MM-DD), if not from --db.",
        ),
        click.option("--tier", default=None, help="The customer's tier, if not from --db."),
        click.option(
            "--issue", default=None, help="The issue (assist.nlp ISSUES), for eligibility."
        ),
        click.option(
            "--fault", type=click.Choice(["company", "customer", "unknown"]), default=None
        ),
        db_option(),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _build_facts(
    *,
    customer: str,
    currency: str,
    transaction: str | None,
    transaction_amount: str | None,
    transaction_status: str | None,
    transaction_date: datetime | None,
    tier: str | None,
    db: Path | None,
) -> tuple[Any, str | None, tuple[str, ...]]:
    """The case's facts: the customer cache's where it has them, else what the agent stated.

    Without ``--db`` the configured cache is consulted too, so an agent cannot inflate a
    percentage cap or a refund ceiling by stating a bigger amount than the customer paid.
    Returns (transaction facts, tier, names of the facts the agent stated).
    """
    from assist.authority.rules import TransactionFacts

    record, tx = None, None
    if db is not None:
        record, tx = _cache_facts(db, customer, transaction)
    else:
        configured = Path(get_config()["cache.path"])
        if configured.is_file():
            try:
                record, tx = _cache_facts(configured, customer, transaction)
            except PekaError:
                record, tx = None, None  # not in the cache: the stated facts are all there is
    stated: list[str] = []
    if record is not None and record.customer.tier:
        tier = record.customer.tier
    elif tier is not None:
        stated.append("tier")
    if tx is not None:
        return TransactionFacts.from_transaction(tx), tier, tuple(stated)
    if not transaction:
        return None, tier, tuple(stated)
    given = {
        "transaction_amount": transaction_amount,
        "transaction_status": transaction_status,
        "transaction_date": transaction_date,
    }
    stated += [name for name, value in given.items() if value is not None]
    tx_facts = TransactionFacts(
        transaction,
        _parse_amount(transaction_amount, "money", currency) if transaction_amount else None,
        currency,
        transaction_status,
        transaction_date.replace(tzinfo=UTC) if transaction_date else None,
    )
    return tx_facts, tier, tuple(stated)


def _grant_dict(grant: Any) -> dict[str, Any]:
    return dict(grant.to_dict())


def _amount(amount_minor: int, unit: str, currency: str) -> str:
    """``Rp 50.000`` or ``3 hari`` / ``3 days``, as the interface language writes it."""
    from assist.formatting import format_money

    if unit == "days":
        return say("cli.days.one" if amount_minor == 1 else "cli.days.other", count=amount_minor)
    return format_money(amount_minor, currency, ui_language())


def _type_label(name: str) -> str:
    """A compensation type's label in the interface language (a custom type: its id)."""
    from assist.authority.policy import BUILTIN_TYPES

    known = BUILTIN_TYPES.get(name)
    return known.label(ui_language()) if known is not None else name


def _what(type_name: str, amount_minor: int, unit: str, currency: str) -> str:
    return f"{_type_label(type_name)} {_amount(amount_minor, unit, currency)}"


def _show_grant(grant: Any) -> str:
    return say(
        "cli.grant.granted",
        grant_id=grant.grant_id,
        what=_what(grant.type, grant.amount_minor, grant.unit, grant.currency),
        customer=grant.customer_id,
        transaction=say("cli.grant.transaction", id=grant.transaction_id)
        if grant.transaction_id
        else "",
        approved=say("cli.grant.approved_by", name=grant.approved_by) if grant.approved_by else "",
    )


def _read_text(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


def register(cli: click.Group) -> None:
    @cli.command("grant")
    @click.option(
        "--agent",
        default=None,
        help="Grant as this agent: supervisors with an installed key only (default: you).",
    )
    @click.option("--customer", required=True, help="The customer's id.")
    @click.option("--type", "type_name", required=True, help="The compensation type, e.g. voucher.")
    @click.option("--amount", required=True, help='Money ("50000", "Rp 50.000", "50rb") or days.')
    @click.option("--reason", default="", help="Why (some types require it).")
    @click.option("--key", required=True, help="Idempotency key: the same key grants once.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (also for refusals).")
    @ledger_option()
    @_facts_options
    def grant_command(
        agent: str | None,
        customer: str,
        type_name: str,
        amount: str,
        reason: str,
        key: str,
        as_json: bool,
        ledger_path: Path | None,
        transaction: str | None,
        transaction_amount: str | None,
        transaction_status: str | None,
        transaction_date: datetime | None,
        tier: str | None,
        issue: str | None,
        fault: str | None,
        db: Path | None,
    ) -> None:
        """Grant compensation within your authority; exits 1 with a coded reason if refused."""
        try:
            service = _service(ledger_path, agent)
            unit, currency = _unit_and_currency(service, type_name)
            tx_facts, tier, stated = _build_facts(
                customer=customer,
                currency=currency,
                transaction=transaction,
                transaction_amount=transaction_amount,
                transaction_status=transaction_status,
                transaction_date=transaction_date,
                tier=tier,
                db=db,
            )
            grant = service.grant(
                customer_id=customer,
                type=type_name,
                amount_minor=_parse_amount(amount, unit, currency),
                idempotency_key=key,
                reason=reason,
                transaction=tx_facts,
                tier=tier,
                issue=issue,
                fault=fault,
                stated_facts=stated,
            )
        except PekaError as exc:
            if as_json:
                echo_json({"ok": False, "code": exc.code, "message": exc.message})
                sys.exit(1)
            raise
        if as_json:
            echo_json({"ok": True, "grant": _grant_dict(grant)})
        else:
            click.echo(_show_grant(grant))

    @cli.group("ledger", cls=PekaGroup)
    def ledger() -> None:
        """The compensation ledger: list and export grants."""

    @ledger.command("list")
    @click.option("--customer", default=None, help="Only this customer's grants.")
    @click.option("--days", type=click.IntRange(1, 36500), default=30, show_default=True)
    @click.option("--json", "as_json", is_flag=True, help="Print JSON lines' list.")
    @ledger_option()
    def ledger_list(
        customer: str | None, days: int, as_json: bool, ledger_path: Path | None
    ) -> None:
        """List the grants of the last DAYS days, oldest first."""
        from datetime import timedelta

        from assist.authority.ledger import Ledger

        grants = Ledger(resolve_ledger(ledger_path, read_only=True)).grants(
            customer_id=customer, since=now() - timedelta(days=days)
        )
        if as_json:
            echo_json([g.to_dict() for g in grants])
            return
        for g in grants:
            click.echo(f"{g.granted_at:%Y-%m-%d %H:%M}  {g.agent_id}  " + _show_grant(g))
        if not grants:
            click.echo(say("cli.ledger.none"))

    @ledger.command("export")
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
    @click.option(
        "--what",
        type=click.Choice(["grants", "approvals"]),
        default="grants",
        show_default=True,
        help="Export grants, or approval requests with their decisions.",
    )
    @ledger_option()
    def ledger_export(out: Path, what: str, ledger_path: Path | None) -> None:
        """Write the ledger's grants (or approvals) as CSV to --out."""
        from assist.authority.export import export_approvals, export_grants
        from assist.authority.ledger import Ledger

        ledger_obj = Ledger(resolve_ledger(ledger_path, read_only=True))
        count = (
            export_grants(ledger_obj, out)
            if what == "grants"
            else export_approvals(ledger_obj, out)
        )
        click.echo(say(f"cli.ledger.wrote.{what}", count=count, out=out))

    @cli.group("approval", cls=PekaGroup)
    def approval() -> None:
        """Ask a supervisor for, and give, approval above an agent's authority."""

    @approval.command("request")
    @click.option(
        "--agent",
        default=None,
        help="Ask as this agent: supervisors with an installed key only (default: you).",
    )
    @click.option("--customer", required=True)
    @click.option("--type", "type_name", required=True)
    @click.option("--amount", required=True, help='Money ("Rp 150.000") or days.')
    @click.option("--reason", default="", help="Why the customer should get it.")
    @click.option("--expires-in", type=float, default=24.0, show_default=True, help="Hours.")
    @ledger_option()
    @_facts_options
    def approval_request(
        agent: str | None,
        customer: str,
        type_name: str,
        amount: str,
        reason: str,
        expires_in: float,
        ledger_path: Path | None,
        transaction: str | None,
        transaction_amount: str | None,
        transaction_status: str | None,
        transaction_date: datetime | None,
        tier: str | None,
        issue: str | None,
        fault: str | None,
        db: Path | None,
    ) -> None:
        """Print a request block to paste to a supervisor (PEKA-REQ1:…)."""
        service = _service(ledger_path, agent)
        unit, currency = _unit_and_currency(service, type_name)
        tx_facts, tier, stated = _build_facts(
            customer=customer,
            currency=currency,
            transaction=transaction,
            transaction_amount=transaction_amount,
            transaction_status=transaction_status,
            transaction_date=transaction_date,
            tier=tier,
            db=db,
        )
        context = {k: v for k, v in (("tier", tier), ("issue", issue), ("fault", fault)) if v}
        if stated:  # the supervisor sees which facts only the agent vouches for
            context["stated_by_agent"] = ", ".join(stated)
        request = service.request_approval(
            customer_id=customer,
            type=type_name,
            amount_minor=_parse_amount(amount, unit, currency),
            reason=reason,
            transaction=tx_facts,
            context=context,
            expires_in_hours=expires_in,
        )
        what = _what(request.type, request.amount_minor, request.unit, request.currency)
        click.echo(
            say("cli.approval.requested", id=request.request_id, what=what, customer=customer)
        )
        click.echo(say("cli.approval.send_line"))
        click.echo(request.text)

    @approval.command("review")
    @click.argument("text")
    def approval_review(text: str) -> None:
        """Show what an agent's request (PEKA-REQ1:…, or - for stdin) asks for."""
        from assist.authority.approvals import parse_request
        from assist.formatting import format_moment
        from assist.i18n import has
        from assist.i18n import text as words

        request = parse_request(_read_text(text))
        language = ui_language()
        expired = say("cli.approval.expired") if now() > request.expires_at else ""
        rows = [
            ("request", request.request_id),
            ("agent", request.agent_id),
            ("customer", request.customer_id),
            (
                "compensation",
                _what(request.type, request.amount_minor, request.unit, request.currency),
            ),
            ("transaction", request.transaction_id or "-"),
            (
                "paid",
                _amount(request.transaction_amount_minor, "money", request.currency or "IDR")
                if request.transaction_amount_minor is not None
                else "-",
            ),
            ("reason", request.reason or "-"),
            ("created", format_moment(request.created_at, language)),
            ("expires", format_moment(request.expires_at, language) + expired),
        ]
        for key, value in sorted(request.context.items()):
            # Issue, fault and tier ids read as words; what the agent wrote stays as written.
            shown = f"{key}.{value}" if key in ("fault", "tier") else f"comp.issue.{value}"
            if key in ("issue", "fault", "tier") and has(language, shown):
                value = words(language, shown)
            elif key == "stated_by_agent":  # which facts: "tier, transaction"
                facts = [f.strip() for f in value.split(",")]
                value = ", ".join(say(f"cli.approval.row.{f}") if f in _ROWS else f for f in facts)
            rows.append((key, value))
        labelled = [(say(f"cli.approval.row.{k}") if k in _ROWS else k, v) for k, v in rows]
        width = max(len(label) for label, _ in labelled)
        for label, value in labelled:
            click.echo(f"{label:<{width}}  {value}")

    def _decide(
        text: str,
        decision: str,
        note: str,
        expires_in: float,
        name: str | None,
        ledger_path: Path | None,
    ) -> None:
        from assist.authority import audit
        from assist.authority.approvals import issue_decision, parse_request
        from assist.authority.canonical import sha256_hex
        from assist.authority.keys import load_signing_key
        from assist.authority.ledger import Ledger, record_event

        request = parse_request(_read_text(text))
        key = load_signing_key(name or default_name())
        code = issue_decision(
            request, key, decision=decision, note=note, expires_in_hours=expires_in, now=now()
        )
        record_event(
            Ledger(resolve_ledger(ledger_path)),
            audit.APPROVAL_ISSUED,
            {
                "decision": decision,
                "request": request.payload(),
                "signer": key.name,
                "key_id": key.public.key_id,
                "note": note,
                "code_hash": sha256_hex(code.encode("utf-8")),
            },
            now(),
        )
        what = _what(request.type, request.amount_minor, request.unit, request.currency)
        verdict = "approved" if decision == "approve" else "declined"
        click.echo(say(f"cli.approval.{verdict}", id=request.request_id, what=what))
        click.echo(code)

    @approval.command("approve")
    @click.argument("text")
    @click.option("--note", default="", help="A short note for the agent.")
    @click.option("--expires-in", type=float, default=24.0, show_default=True, help="Hours.")
    @click.option("--name", default=None, help="Your signing key's name (default: `agent.id`).")
    @ledger_option()
    def approval_approve(
        text: str, note: str, expires_in: float, name: str | None, ledger_path: Path | None
    ) -> None:
        """Sign an approval code (PEKA-OK1:…) for the request TEXT with your keyring key."""
        _decide(text, "approve", note, expires_in, name, ledger_path)

    @approval.command("decline")
    @click.argument("text")
    @click.option("--note", default="", help="Why, for the agent.")
    @click.option("--name", default=None, help="Your signing key's name (default: `agent.id`).")
    @ledger_option()
    def approval_decline(text: str, note: str, name: str | None, ledger_path: Path | None) -> None:
        """Sign a decline code (PEKA-NO1:…) for the request TEXT."""
        _decide(text, "decline", note, 24.0 * 7, name, ledger_path)

    @approval.command("accept")
    @click.argument("code")
    @click.option("--customer", default=None, help="Refuse unless the code is for this customer.")
    @click.option(
        "--agent",
        default=None,
        help="The agent who asked: supervisors with an installed key only (default: you).",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the grant as JSON.")
    @ledger_option()
    def approval_accept(
        code: str, customer: str | None, agent: str | None, as_json: bool, ledger_path: Path | None
    ) -> None:
        """Verify a supervisor's code (or - for stdin) and record the grant, once."""
        grant = _service(ledger_path, agent).accept_approval(_read_text(code), customer_id=customer)
        if as_json:
            echo_json({"ok": True, "grant": _grant_dict(grant)})
        else:
            click.echo(_show_grant(grant))

    @click.command("authority")
    @click.option("--grants", type=click.IntRange(1), default=2000, show_default=True)
    @click.option("--rounds", type=click.IntRange(20), default=200, show_default=True)
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (the only format).")
    def bench_authority(grants: int, rounds: int, as_json: bool) -> None:
        """Time grants, options and status on a demo ledger with GRANTS grants (JSON)."""
        from assist.authority.bench import run_bench

        echo_json(run_bench(grants, rounds))

    bench_group = cli.commands.get("bench")
    if isinstance(bench_group, click.Group):
        bench_group.add_command(bench_authority)

    @cli.group("audit", cls=PekaGroup)
    def audit_group() -> None:
        """The hash-chained audit log of grants, refusals, approvals and policy changes."""

    @audit_group.command("verify")
    @click.option("--head", default=None, help="Also require this head hash (noted earlier).")
    @click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
    @click.option("--server", is_flag=True, help="Check the team server's chain (docs/team.md).")
    @ledger_option()
    def audit_verify(
        head: str | None, as_json: bool, server: bool, ledger_path: Path | None
    ) -> None:
        """Check the whole chain; exit 1 and name the first bad entry if anything changed."""
        if server:
            from assist.cli.team_server_commands import verify_server_command

            return verify_server_command(head, as_json)
        from assist.authority import audit
        from assist.authority import errors as E
        from assist.authority.ledger import Ledger
        from assist.authority.verify import verify_ledger

        ledger_obj = Ledger(resolve_ledger(ledger_path, read_only=True))
        report = verify_ledger(ledger_obj)
        ok, problem, code = report.ok, report.problem, report.code
        noted_at: int | None = None
        if ok and head is not None and head.strip() != report.head_hash:
            with ledger_obj.connect() as conn:
                noted_at = audit.extends(conn, head)
            if noted_at is None:
                ok, code = False, E.E550
                problem = (
                    "the log does not contain the head hash noted earlier (it was rewritten, "
                    "or the hash was copied wrongly)"
                )
        if as_json:
            echo_json(
                {
                    "ok": ok,
                    "entries": report.entries,
                    "head_hash": report.head_hash,
                    "first_bad_seq": report.first_bad_seq,
                    "problem": problem,
                    "code": None if ok else (code or E.E550),
                    "extends_noted_head_at": noted_at,
                }
            )
        elif ok:
            click.echo(f"Audit log intact: {report.entries} entries, head {report.head_hash}.")
            if noted_at is not None:
                click.echo(
                    f"It extends the noted head (entry {noted_at}) with "
                    f"{report.entries - noted_at} later entries."
                )
        else:
            click.echo(f"Error: [{code or E.E550}] Audit log damaged: {problem}.", err=True)
            if report.first_bad_seq is not None:
                click.echo(f"First bad entry: {report.first_bad_seq}", err=True)
        if not ok:
            sys.exit(1)

    @audit_group.command("show")
    @click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
    @click.option(
        "--kind",
        type=click.Choice(AUDIT_KINDS),
        default=None,
        help="Only entries of this kind.",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @ledger_option()
    def audit_show(limit: int, kind: str | None, as_json: bool, ledger_path: Path | None) -> None:
        """List the latest audit entries, oldest first."""
        from assist.authority import audit
        from assist.authority.ledger import Ledger

        ledger_obj = Ledger(resolve_ledger(ledger_path, read_only=True))
        with ledger_obj.connect() as conn:
            found = audit.entries(conn, kind=kind, limit=limit)
        if as_json:
            echo_json([e.to_dict() for e in found])
            return
        import json

        for e in found:
            payload = json.dumps(e.payload, ensure_ascii=False, sort_keys=True)
            click.echo(f"{e.seq:>6}  {e.at}  {e.kind:<18} {payload}")
