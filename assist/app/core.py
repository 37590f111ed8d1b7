"""One agent's working state: cache, language engine, session, authority.

The sidebar, ``peka api serve`` and the CLI drive the same :class:`AgentCore`. Every
method except :meth:`AgentCore.load_engine` runs on one thread at a time (the sidebar's
core lane, the API's worker) and returns the plain views of :mod:`assist.app.views`.
Qt-free; heavy packages (spaCy) are imported when first needed, not at import time.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from assist.app.errors import E602, E603, E605
from assist.app.settings import AppSettings
from assist.app.views import (
    ApprovalView,
    CacheView,
    CustomerView,
    GrantView,
    MessageView,
    PolicyView,
    SyncSourceView,
    SyncView,
    UpdateView,
    policy_view,
    update_view,
)
from assist.authority.models import CompensationCase, CompensationOption
from assist.cache.models import CustomerRecord, SearchHit, Transaction
from assist.errors import PekaError
from assist.nlp.models import MessageAnalysis
from assist.suggest.deadline import WorkingHours

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from assist.authority.ledger import Grant
    from assist.authority.policy import CompensationType
    from assist.authority.service import AuthorityService
    from assist.cache import Cache
    from assist.nlp.engine import Engine
    from assist.outcomes.recorder import OutcomeRecorder
    from assist.outcomes.store import OutcomeStore
    from assist.session import AssistSession
    from assist.suggest.library import PhraseLibrary
    from assist.sync.sources import SyncConfig

log = logging.getLogger(__name__)


class AgentCore:
    """One agent's working state. Not thread-safe by itself: the controller calls every
    method except :meth:`load_engine` on the same worker lane."""

    def __init__(self, settings: AppSettings) -> None:
        self.settings = settings
        self.cache: Cache | None = None
        self.engine: Engine | None = None
        self.library: PhraseLibrary | None = None
        self.authority: AuthorityService | None = None
        self.session: AssistSession | None = None
        self.recorder: OutcomeRecorder | None = None  # when recording outcomes
        self.outcomes: OutcomeStore | None = None  # the recorder's store
        self.outcomes_error = ""  # why outcomes are not recorded (store could not open)
        self._last_sent = ""
        self.record: CustomerRecord | None = None
        self.analysis: MessageAnalysis | None = None
        self.draft = ""
        self._engine_ready = threading.Event()
        self._requested: dict[str, CompensationOption] = {}
        # The interface language for option labels (the session asks the advisor).
        self.language = settings.language

    def _words(self, key: str, **fields: object) -> str:
        """A message for the agent in the interface language (errors included)."""
        from assist.i18n import text

        return text(self.language, key, **fields)

    # -- cache --------------------------------------------------------------------------
    def open_cache(self) -> CacheView:
        from assist.cache import Cache

        if self.cache is None:
            path = self.settings.cache_path
            if not path.exists():
                raise PekaError(E602, self._words("error.no_cache", path=path))
            self.cache = Cache.open(path, readonly=True)
        return self.cache_view()

    def cache_view(self) -> CacheView:
        if self.cache is None:
            raise PekaError(E602, self._words("error.cache_not_open"))
        stats = self.cache.stats()
        return CacheView(
            path=stats.path,
            customers=stats.customers,
            transactions=stats.transactions,
            last_import_at=stats.last_import_at,
            size_bytes=stats.size_bytes,
        )

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        if self.cache is None or not query.strip():
            return []
        hits: list[SearchHit] = self.cache.search(query, limit=limit)
        return hits

    def open_customer(self, customer_id: str) -> CustomerView:
        if self.cache is None:
            raise PekaError(E602, self._words("error.cache_not_open"))
        record: CustomerRecord | None = self.cache.open_customer(customer_id)
        if record is None:
            raise PekaError(E602, self._words("error.customer_gone", customer=customer_id))
        self.record = record
        self.analysis = None
        self.draft = ""
        self._last_sent = ""
        if self.session is not None:
            self.session.set_customer(record)
        as_of = self.cache.customer_as_of(customer_id)
        stale = as_of is not None and datetime.now(UTC) - as_of > timedelta(
            hours=self.settings.stale_after_hours
        )
        return CustomerView(
            record, self._recent_compensation(record.customer.id), data_as_of=as_of, stale=stale
        )

    # -- cache synchronisation (a lane of its own: it opens its own cache connection) ----
    def sync_config(self) -> SyncConfig | None:
        from assist.sync.sources import load_sources

        path = self.settings.sync_sources_file
        if path is None:
            return None
        config = load_sources(path)
        return config if config.sources else None

    def run_sync(self) -> SyncView:
        """Sync every configured source into the cache file (creating it if needed). Safe on
        its own lane: it touches no other state of this object."""
        from assist.sync.service import run_sync

        config = self.sync_config()
        if config is None:
            return SyncView([], configured=False)
        results = run_sync(self.settings.cache_path, config)
        view = self.sync_view(config)
        changed = sum(r.upserted + r.deleted + r.merged for r in results)
        return SyncView(view.sources, configured=True, ran=True, changed_rows=changed)

    def sync_startup(self) -> SyncView:
        """At start: without a cache file, sync at once (a fresh workstation); else read
        each source's stored status."""
        config = self.sync_config()
        if config is None:
            return SyncView([], configured=False)
        if not self.settings.cache_path.exists():
            return self.run_sync()
        return self.sync_view(config)

    def sync_view(self, config: SyncConfig | None = None) -> SyncView:
        """Each configured source's last success and error, as the cache records them."""
        from assist.sync.service import status_report

        config = config or self.sync_config()
        if config is None:
            return SyncView([], configured=False)
        report = status_report(self.settings.cache_path, config.file)
        known = {s.name: s for s in report.sources}
        sources = []
        for name in config.sources:
            status = known.get(name)
            if status is None:
                sources.append(SyncSourceView(name, None, None, None))
            else:
                sources.append(
                    SyncSourceView(name, status.ok, status.last_success_at, status.last_error)
                )
        return SyncView(sources, configured=True)

    def _recent_compensation(self, customer_id: str) -> list[str]:
        if self.authority is None:
            return []
        try:
            recent = self.authority.received_recently(customer_id)
        except PekaError as exc:
            log.warning("cannot read recent compensation: %s", exc)
            return []
        return recent_lines(recent, self.language, self.type_label)

    # -- language engine and session ----------------------------------------------------
    def load_engine(self) -> None:
        """Load spaCy pipelines and the phrase library (about a second), then the session."""
        from assist.nlp import load_engine
        from assist.suggest import load_library

        try:
            engine = load_engine(list(self.settings.order_patterns))
            library = load_library()
        except PekaError:
            raise
        except Exception as exc:
            raise PekaError(
                E603, self._words("error.engine_failed", error=f"{type(exc).__name__}: {exc}")
            ) from exc
        self.engine, self.library = engine, library
        self._engine_ready.set()

    @property
    def engine_ready(self) -> bool:
        return self._engine_ready.is_set()

    def start_session(self) -> None:
        from assist.session import AssistSession

        if self.engine is None or self.library is None:
            return
        advisor = _LanguageAdvisor(self) if self.authority is not None else None
        self.session = AssistSession(
            self.engine,
            self.library,
            advisor=advisor,
            agent_id=self.settings.agent_id,
            agent_name=self.settings.agent_name,
            channel="chat",
            ui_language=self.language,
            hours=self._working_hours(),
        )
        if self.record is not None:
            self.session.set_customer(self.record)
        self._attach_recorder()

    def _working_hours(self) -> WorkingHours:
        start, end = self.settings.hours_start, self.settings.hours_end
        try:
            return WorkingHours(start, end)
        except ValueError:
            log.warning("agent.hours_end %s is not after agent.hours_start %s", end, start)
            return WorkingHours()

    def _attach_recorder(self) -> None:
        """Record every conversation the session ends in the outcome store. The recorder
        writes on the thread that ends the session: this worker lane, never the GUI's."""
        from assist.outcomes.recorder import OutcomeRecorder, ledger_grant_lookup
        from assist.outcomes.store import OutcomeStore

        path = self.settings.outcomes_path
        if path is None or self.session is None:
            return
        try:
            self.outcomes = OutcomeStore(path, store_messages=self.settings.store_messages)
        except PekaError as exc:
            self.outcomes_error = str(exc)
            log.warning("outcomes are not recorded: %s", exc)
            return
        grants = ledger_grant_lookup(self.authority.ledger) if self.authority else None
        self.recorder = OutcomeRecorder(self.outcomes, grants)
        self.recorder.attach(self.session)

    def analyse(self, text: str) -> MessageView:
        if self.session is None:
            raise PekaError(E605, self._words("error.engine_loading"))
        analysis: MessageAnalysis = self.session.add_customer_message(text)
        self.analysis = analysis
        mentioned: list[Transaction] = []
        refs = analysis.order_refs()
        if refs and self.record is not None:
            mentioned = [
                t
                for t in self.record.transactions
                if t.reference and "".join(t.reference.split()).upper() in refs
            ]
        return MessageView(analysis, mentioned)

    def update(self, draft: str) -> UpdateView:
        if self.session is None:
            raise PekaError(E605, self._words("error.engine_loading"))
        self.draft = draft
        return update_view(self.session.update(draft), draft)

    def mark_inserted(self, suggestion_id: str) -> None:
        if self.session is not None:
            self.session.mark_inserted(suggestion_id)

    def add_agent_message(self, text: str) -> bool:
        """The agent copied ``text`` to send it: the session's reply sent (once per text)."""
        if self.session is None or not text.strip() or text == self._last_sent:
            return False
        self.session.add_agent_message(text)
        self._last_sent = text
        return True

    def end(self, outcome: str) -> None:
        if self.session is not None:
            self.session.end(outcome, store_messages=self.settings.store_messages)
        self.record = None
        self.analysis = None
        self.draft = ""
        self._last_sent = ""
        self._requested.clear()

    def set_language(self, language: str) -> None:
        """Interface language for reasons, findings and option labels, from now on."""
        self.language = language
        if self.session is not None:
            self.session.set_ui_language(language)

    # -- authority -----------------------------------------------------------------------
    def open_authority(self) -> PolicyView:
        from assist.authority import AuthorityService

        if self.authority is None:
            try:
                self.authority = AuthorityService.open(
                    ledger_path=self.settings.ledger_path,
                    policy_path=self.settings.policy_path,
                    keys_dir=self.settings.keys_dir,
                    agent_id=self.settings.agent_id,
                    role=self.settings.agent_role or None,
                )
            except PekaError as exc:
                return PolicyView(valid=False, reason=str(exc))
        return self.policy_status()

    def policy_status(self) -> PolicyView:
        if self.authority is None:
            return PolicyView(valid=False, reason="")
        return policy_view(self.authority.status())

    def _case(self) -> CompensationCase:
        from assist.authority import CompensationCase
        from assist.suggest.context import affected_transaction

        if self.record is None:
            raise PekaError(E605, self._words("error.open_customer_first"))
        affected = affected_transaction(self.record, self.analysis)
        return CompensationCase(
            agent_id=self.settings.agent_id,
            record=self.record,
            analysis=self.analysis,
            transactions=[affected] if affected is not None else [],
        )

    def _require_authority(self) -> AuthorityService:
        if self.authority is None:
            raise PekaError(E605, self._words("error.policy_loading"))
        return self.authority

    def grant(self, option: CompensationOption, reason: str) -> GrantView:
        """Record ``option`` in the ledger (a repeated click grants once)."""
        authority = self._require_authority()
        case = self._case()
        conversation = getattr(self.session, "conversation_id", "") or self.record_key()
        key = f"{conversation}:{option.type}:{option.amount_minor}:{option.transaction_id or ''}"
        grant = authority.grant_option(case, option, idempotency_key=key, reason=reason)
        sentence = self.offer_sentence(option.type, grant)
        self._note_granted(option, grant, sentence)
        return GrantView(option, grant.grant_id, sentence)

    def _note_granted(self, option: CompensationOption, grant: Grant, sentence: str) -> None:
        """The conversation knows what it granted: the coach accepts that amount and the
        offer as an action, and the options do not offer the same type again."""
        if self.session is None:
            return
        given = replace(
            option, amount_minor=grant.amount_minor, currency=grant.currency, unit=grant.unit
        )
        self.session.note_compensation(given, sentence)

    def _refresh_options(self) -> None:
        """Budgets changed: the session recomputes its options (same conversation)."""
        if self.session is not None:
            self.session.refresh_compensation()

    def request_approval(self, option: CompensationOption, reason: str) -> ApprovalView:
        from assist.authority import TransactionFacts

        authority = self._require_authority()
        case = self._case()
        tx = next((t for t in case.transactions if t.id == option.transaction_id), None)
        if tx is None and case.transactions:
            tx = case.transactions[0]
        # The customer's name travels with the request so the supervisor knows who it is.
        context = {
            "tier": case.record.customer.tier,
            "customer_name": case.record.customer.full_name,
        }
        if self.analysis is not None:
            context.update(
                issue=self.analysis.issue, emotion=self.analysis.emotion, fault=self.analysis.fault
            )
        request = authority.request_approval(
            customer_id=case.record.customer.id,
            type=option.type,
            amount_minor=option.amount_minor,
            reason=reason,
            transaction=TransactionFacts.from_transaction(tx) if tx is not None else None,
            context=context,
        )
        self._requested[request.request_id] = option
        return ApprovalView(option, request.request_id, request.text)

    def accept_approval(self, code: str) -> GrantView:
        authority = self._require_authority()
        customer_id = self.record.customer.id if self.record is not None else None
        grant = authority.accept_approval(code.strip(), customer_id=customer_id)
        option = self._requested.get(grant.approval_id or "") or next(
            (
                o
                for o in self._requested.values()
                if o.type == grant.type and o.amount_minor == grant.amount_minor
            ),
            None,
        )
        if option is None:
            option = CompensationOption(
                type=grant.type,
                label=self.type_label(grant.type, self.settings.language),
                amount_minor=grant.amount_minor,
                currency=grant.currency,
                status="approved",
                budget_left_minor=None,
                reason="",
                transaction_id=grant.transaction_id,
                unit=grant.unit,
            )
        sentence = self.offer_sentence(grant.type, grant)
        self._note_granted(option, grant, sentence)
        return GrantView(option, grant.grant_id, sentence)

    def record_key(self) -> str:
        return self.record.customer.id if self.record is not None else "-"

    def _ctype(self, type_name: str) -> CompensationType | None:
        if self.authority is None:
            return None
        try:
            ctype: CompensationType | None = self.authority.current_policy().policy.type(type_name)
        except (PekaError, AttributeError):
            return None
        return ctype

    def type_label(self, type_name: str, language: str) -> str:
        ctype = self._ctype(type_name)
        if ctype is None:
            return type_name.replace("_", " ")
        return str(ctype.label(language))

    def offer_sentence(self, type_name: str, grant: Grant) -> str:
        """The sentence that offers the grant, in the conversation's language, addressing
        the customer as the reply does (``untuk Ibu``)."""
        from assist.suggest.offer import offer_sentence

        ctx = self.session.candidates.context if self.session is not None else None
        if ctx is not None:
            language = ctx.language
            salutation = ctx.values.get("salutation", "")
        else:
            language = self.record.customer.language if self.record is not None else "id"
            salutation = self.record.customer.salutation if self.record is not None else ""
        language = language if language in ("id", "en") else "id"
        ctype = self._ctype(type_name)
        return offer_sentence(
            label=self.type_label(type_name, language),
            amount_minor=grant.amount_minor,
            currency=grant.currency or "IDR",
            unit=grant.unit,
            refund=bool(ctype is not None and ctype.refund),
            language=language,
            salutation=salutation if language == "id" else "",
        )

    def close(self) -> None:
        for thing in (self.cache, self.authority, self.outcomes):
            close = getattr(thing, "close", None)
            if close is not None:
                try:
                    close()
                except Exception:  # closing on exit must not raise over other clean-ups
                    log.exception("closing %r failed", thing)


class _LanguageAdvisor:
    """The authority as the session's advisor, labelling options in the interface language."""

    def __init__(self, core: AgentCore) -> None:
        self._core = core

    def options(self, case: CompensationCase) -> list[CompensationOption]:
        authority = self._core._require_authority()
        return authority.options(case, language=self._core.language)


def recent_lines(
    grants: Iterable[Grant] | None,
    language: str = "id",
    label: Callable[[str, str], str] | None = None,
) -> list[str]:
    """One line per recent grant: date, what (its label), how much (newest first), in
    ``language`` (Babel dates and money)."""
    from assist.formatting import format_day, format_money
    from assist.i18n import text

    lines = []
    for grant in reversed(list(grants or [])):
        when = format_day(grant.granted_at.astimezone(), language)
        if grant.unit == "days":
            amount = text(language, "offer.days", days=grant.amount_minor)
        else:
            amount = format_money(grant.amount_minor, grant.currency or "IDR", language)
        what = label(grant.type, language) if label else grant.type.replace("_", " ")
        lines.append(f"{when} · {what} · {amount}")
    return lines
