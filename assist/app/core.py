"""One agent's working state: cache, language engine, session, authority.

The sidebar, ``peka api serve`` and the CLI drive the same :class:`AgentCore`. Every
method except :meth:`AgentCore.load_engine` runs on one thread at a time (the sidebar's
core lane, the API's worker) and returns the plain views of :mod:`assist.app.views`.
Qt-free; heavy packages (spaCy) are imported when first needed, not at import time.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from assist.app.errors import E602, E603, E605, E900, E901
from assist.app.follow import (
    HINT_SOURCES,
    MAX_PARKED,
    PARKED_OUTCOME,
    SOURCES,
    ContextView,
    ConversationContext,
    FollowView,
    exact_match,
    lookup_queries,
)
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
from assist.events import Event
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
    from assist.sync.child import SyncChild
    from assist.sync.runner import RunResult
    from assist.sync.sources import SyncConfig

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


def serialised(
    method: Callable[Concatenate[AgentCore, P], R],
) -> Callable[Concatenate[AgentCore, P], R]:
    """Run ``method`` under the core's lock: the sidebar's core lane and the local API's
    threads drive the same core, one call at a time."""

    def run(self: AgentCore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.lock:
            return method(self, *args, **kwargs)

    run.__name__, run.__doc__ = method.__name__, method.__doc__
    return run


@dataclass
class _Conversation:
    """A parked conversation: its session and what the sidebar showed for it."""

    session: AssistSession | None
    record: CustomerRecord | None
    analysis: MessageAnalysis | None
    message: MessageView | None
    draft: str
    last_sent: str
    last_message: str
    context: ContextView | None
    requested: dict[str, CompensationOption] = field(default_factory=dict)


class AgentCore:
    """One agent's working state. Public methods are serialised by :attr:`lock`;
    :meth:`load_engine` runs apart (it only loads, the session starts afterwards).

    Events (emitted on the thread that did the work, after the lock is released):
    ``followed`` – a front end other than the sidebar changed the conversation (the
    extension, ``peka open``, the dashboard app, the clipboard); ``draft_followed`` – the
    agent's draft in the helpdesk changed; ``session_replaced`` – another conversation's
    session is now current (a conversation was parked or restored).
    """

    def __init__(self, settings: AppSettings) -> None:
        self.settings = settings
        self.cache: Cache | None = None
        # Why the last open_cache failed (damaged, unreadable, newer, locked, missing):
        # what needs the cache says so instead of "wait a moment".
        self.cache_error: PekaError | None = None
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
        self.lock = threading.RLock()
        self.message: MessageView | None = None
        self.last_update: UpdateView | None = None
        self.update_version = 0  # counts updates, so pollers see a change
        self.context: ContextView | None = None
        self._context_key = ""
        self._last_message = ""
        # The sidebar's sync runs in a child process (assist.sync.child); the secrets it
        # asks for come from here (the OS keyring unless a benchmark or test says else).
        self.sync_secret: Callable[[str], str | None] | None = None
        self._sync_child: SyncChild | None = None
        self._parked: OrderedDict[str, _Conversation] = OrderedDict()
        self.followed: Event[FollowView] = Event("core.followed")
        self.draft_followed: Event[UpdateView] = Event("core.draft_followed")
        self.session_replaced: Event[AssistSession] = Event("core.session_replaced")
        # Team mode: the server went away or came back, the outbox changed, a replay
        # settled (payload: assist.team.session.TeamState).
        self.team_changed: Event[object] = Event("core.team_changed")

    def _words(self, key: str, **fields: object) -> str:
        """A message for the agent in the interface language (errors included)."""
        from assist.i18n import text

        return text(self.language, key, **fields)

    # -- cache --------------------------------------------------------------------------
    @serialised
    def open_cache(self) -> CacheView:
        from assist.cache import Cache
        from assist.cache.errors import E202

        if self.cache is None:
            path = self.settings.cache_path
            try:
                if not path.exists():
                    # The cache layer's own code, as `peka customer` says it.
                    raise PekaError(E202, self._words("error.no_cache", path=path))
                self.cache = Cache.open(path, readonly=True)
            except PekaError as exc:
                self.cache_error = exc
                raise
            self.cache_error = None
        return self.cache_view()

    def _open_cache_or_raise(self) -> Cache:
        """The open cache, or the coded reason it could not be opened."""
        if self.cache is not None:
            return self.cache
        if self.cache_error is not None:
            raise self.cache_error
        raise PekaError(E602, self._words("error.cache_not_open"))

    def cache_view(self) -> CacheView:
        stats = self._open_cache_or_raise().stats()
        return CacheView(
            path=stats.path,
            customers=stats.customers,
            transactions=stats.transactions,
            last_import_at=stats.last_import_at,
            size_bytes=stats.size_bytes,
        )

    @serialised
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        if self.cache is None or not query.strip():
            return []
        hits: list[SearchHit] = self.cache.search(query, limit=limit)
        return hits

    @serialised
    def open_customer(self, customer_id: str) -> CustomerView:
        cache = self._open_cache_or_raise()
        record: CustomerRecord | None = cache.open_customer(customer_id)
        if record is None:
            raise PekaError(E602, self._words("error.customer_gone", customer=customer_id))
        self.record = record
        self.analysis = None
        self.message = None
        self.draft = ""
        self._last_sent = ""
        self._last_message = ""
        if self.session is not None:
            self.session.set_customer(record)
        as_of = cache.customer_as_of(customer_id)
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

    def run_sync(self, progress: Callable[[RunResult], None] | None = None) -> SyncView:
        """Sync every configured source into the cache file (creating it if needed), in a
        child process so the sync never holds this process's interpreter lock (see
        :mod:`assist.sync.child`). Safe on its own lane: it touches no other state of this
        object. ``progress`` sees each source's running totals after every batch."""
        from assist.sync.child import SyncChild
        from assist.sync.sources import configured_team_login, keyring_secret

        config = self.sync_config()
        if config is None:
            return SyncView([], configured=False)
        child = SyncChild(
            self.settings.cache_path,
            config.file,
            secret=self.sync_secret or keyring_secret,
            team_login=lambda: configured_team_login(self.settings.team_server),
            progress=progress,
        )
        self._sync_child = child
        try:
            results = child.run()
        finally:
            self._sync_child = None
        view = self.sync_view(config)
        changed = sum(r.upserted + r.deleted + r.merged for r in results)
        return SyncView(view.sources, configured=True, ran=True, changed_rows=changed)

    def sync_startup(self, progress: Callable[[RunResult], None] | None = None) -> SyncView:
        """At start: without a cache file, sync at once (a fresh workstation); else read
        each source's stored status."""
        config = self.sync_config()
        if config is None:
            return SyncView([], configured=False)
        if not self.settings.cache_path.exists():
            return self.run_sync(progress)
        return self.sync_view(config)

    def stop_sync(self) -> None:
        """End a running sync's child process at once (the sidebar is closing); every
        batch it committed stays. Safe from any thread."""
        child = self._sync_child
        if child is not None:
            child.stop()

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

    def choose_customer(self, customer_id: str) -> CustomerView:
        """The agent opened a customer in the sidebar: the sidebar is the context now."""
        with self.lock:
            view = self.open_customer(customer_id)
            self._context_key = ""
            self.context = ContextView(
                source="sidebar",
                helpdesk="",
                conversation_id="",
                channel=self.session.channel if self.session is not None else "chat",
                customer_id=customer_id,
                matched_by="id",
                hint=False,
                parked=tuple(reversed(self._parked)),
            )
            return view

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

    def start_headless(self) -> None:
        """Everything the sidebar starts in the background, here in order (``peka api
        serve``, the benchmark): cache, policy, language engine, session."""
        self.open_cache()
        self.open_authority()
        self.load_engine()
        self.start_session()

    @property
    def engine_ready(self) -> bool:
        return self._engine_ready.is_set()

    @serialised
    def start_session(self) -> None:
        if self.engine is None or self.library is None:
            return
        self.session = self._new_session()
        if self.record is not None:
            self.session.set_customer(self.record)

    def _new_session(self, channel: str = "chat") -> AssistSession:
        from assist.session import AssistSession

        assert self.engine is not None and self.library is not None
        advisor = _LanguageAdvisor(self) if self.authority is not None else None
        session = AssistSession(
            self.engine,
            self.library,
            advisor=advisor,
            agent_id=self.settings.agent_id,
            agent_name=self.settings.agent_name,
            channel=channel,
            ui_language=self.language,
            hours=self._working_hours(),
        )
        self._attach_recorder(session)
        return session

    def _working_hours(self) -> WorkingHours:
        start, end = self.settings.hours_start, self.settings.hours_end
        try:
            return WorkingHours(start, end)
        except ValueError:
            log.warning("agent.hours_end %s is not after agent.hours_start %s", end, start)
            return WorkingHours()

    def _attach_recorder(self, session: AssistSession) -> None:
        """Record every conversation the session ends in the outcome store. The recorder
        writes on the thread that ends the session: a worker, never the GUI's thread."""
        from assist.outcomes.recorder import OutcomeRecorder, ledger_grant_lookup
        from assist.outcomes.store import OutcomeStore

        path = self.settings.outcomes_path
        if path is None:
            return
        if self.outcomes is None:
            try:
                self.outcomes = OutcomeStore(path, store_messages=self.settings.store_messages)
            except PekaError as exc:
                self.outcomes_error = str(exc)
                log.warning("outcomes are not recorded: %s", exc)
                return
        grants = ledger_grant_lookup(self.authority.ledger) if self.authority else None
        # One recorder per session: it keeps the checklist of that session's last draft.
        self.recorder = OutcomeRecorder(self.outcomes, grants)
        self.recorder.attach(session)

    @serialised
    def analyse(self, text: str) -> MessageView:
        if self.session is None:
            raise PekaError(E605, self._words("error.engine_loading"))
        analysis: MessageAnalysis = self.session.add_customer_message(text)
        self.analysis = analysis
        self._last_message = text.strip()
        mentioned: list[Transaction] = []
        refs = analysis.order_refs()
        if refs and self.record is not None:
            mentioned = [
                t
                for t in self.record.transactions
                if t.reference and "".join(t.reference.split()).upper() in refs
            ]
        self.message = MessageView(analysis, mentioned)
        return self.message

    @serialised
    def update(self, draft: str) -> UpdateView:
        if self.session is None:
            raise PekaError(E605, self._words("error.engine_loading"))
        self.draft = draft
        self.last_update = update_view(self.session.update(draft), draft)
        self.update_version += 1
        return self.last_update

    @serialised
    def mark_inserted(self, suggestion_id: str) -> None:
        if self.session is not None:
            self.session.mark_inserted(suggestion_id)

    @serialised
    def add_agent_message(self, text: str) -> bool:
        """The agent copied ``text`` to send it: the session's reply sent (once per text)."""
        if self.session is None or not text.strip() or text == self._last_sent:
            return False
        self.session.add_agent_message(text)
        self._last_sent = text
        return True

    @serialised
    def end(self, outcome: str) -> None:
        if self.session is not None:
            self.session.end(outcome, store_messages=self.settings.store_messages)
        self.record = None
        self.analysis = None
        self.message = None
        self.last_update = None
        self.draft = ""
        self._last_sent = ""
        self._last_message = ""
        self._requested.clear()
        self.context = None
        self._context_key = ""

    @serialised
    def set_language(self, language: str) -> None:
        """Interface language for reasons, findings and option labels, from now on."""
        self.language = language
        if self.session is not None:
            self.session.set_ui_language(language)

    # -- following the helpdesk ---------------------------------------------------------
    def follow(self, ctx: ConversationContext) -> FollowView:
        """Make ``ctx`` the sidebar's conversation: park the current one when ``ctx`` is
        another conversation, open the customer it names (exact matches only), analyse a
        new customer message, and return suggestions for the current draft."""
        if ctx.source not in SOURCES:
            raise PekaError(
                E901, self._words("error.context_source", source=ctx.source, allowed=SOURCES)
            )
        if ctx.channel and ctx.channel not in ("chat", "email", "phone"):
            raise PekaError(E901, self._words("error.context_channel", channel=ctx.channel))
        with self.lock:
            view = self._follow(ctx)
        self.followed.emit(view)
        return view

    def _follow(self, ctx: ConversationContext) -> FollowView:
        switched = False
        customer: CustomerView | None = None
        if ctx.key and ctx.key != self._context_key:
            switched = True
            restored = self._switch_to(ctx.key, ctx.channel)
            if restored and self.record is not None:
                customer = CustomerView(
                    self.record, self._recent_compensation(self.record.customer.id)
                )
        previous = self.context if not switched else None
        matched_by = previous.matched_by if previous is not None else ""
        not_found = ""
        # Without customer data (the cache could not be opened, the sidebar says why)
        # the helpdesk's message is still read and the draft coached.
        if ctx.names_customer and self.cache_error is None:
            found = self._resolve(ctx)
            if found is None:
                not_found = ", ".join(lookup_queries(ctx))
            else:
                customer_id, matched_by = found
                if self.record is None or self.record.customer.id != customer_id:
                    if not ctx.key and self.record is not None:
                        # No conversation id and another customer: another conversation.
                        switched = True
                        self._switch_to("", ctx.channel)
                    customer = self.open_customer(customer_id)
        if ctx.channel and self.session is not None and self.session.channel != ctx.channel:
            self.session.set_channel(ctx.channel)
        message: MessageView | None = None
        pending = ""
        text = ctx.message.strip()
        if text and text != self._last_message:
            if self.session is not None:
                message = self.analyse(text)
            else:
                pending = text  # the engine is loading: the sidebar queues it
        elif switched:
            message = self.message
        update = self.update(self.draft) if self.session is not None else None
        self.context = ContextView(
            source=ctx.source,
            helpdesk=ctx.helpdesk,
            conversation_id=ctx.conversation_id,
            channel=self.session.channel if self.session is not None else (ctx.channel or "chat"),
            customer_id=self.record.customer.id if self.record is not None else None,
            matched_by=matched_by if self.record is not None else "",
            hint=ctx.source in HINT_SOURCES,
            parked=tuple(reversed(self._parked)),
            not_found=not_found,
        )
        return FollowView(self.context, switched, customer, message, update, pending)

    def _resolve(self, ctx: ConversationContext) -> tuple[str, str] | None:
        cache = self._open_cache_or_raise()
        for query in lookup_queries(ctx):
            found = exact_match(ctx, cache.search(query, limit=5))
            if found is not None:
                return found
        return None

    def _switch_to(self, key: str, channel: str) -> bool:
        """Park the current conversation (when it has anything in it) and make ``key``'s
        current: a parked one comes back as it was, else a new one starts. Returns
        whether a parked conversation came back."""
        current = _Conversation(
            session=self.session,
            record=self.record,
            analysis=self.analysis,
            message=self.message,
            draft=self.draft,
            last_sent=self._last_sent,
            last_message=self._last_message,
            context=self.context,
            requested=dict(self._requested),
        )
        session = self.session
        busy = self.record is not None or (session is not None and bool(session.messages))
        if busy:
            park_key = self._context_key or (
                f"sidebar:{session.conversation_id}" if session is not None else "sidebar:-"
            )
            self._parked[park_key] = current
            self._parked.move_to_end(park_key)
            while len(self._parked) > MAX_PARKED:
                _key, oldest = self._parked.popitem(last=False)
                if oldest.session is not None:
                    # Parked longest: ended as a follow-up, so its outcome is recorded.
                    oldest.session.end(PARKED_OUTCOME, store_messages=self.settings.store_messages)
        restored = self._parked.pop(key, None) if key else None
        if restored is not None and restored.session is not None:
            self.session = restored.session
            self.record, self.analysis, self.message = (
                restored.record,
                restored.analysis,
                restored.message,
            )
            self.draft, self._last_sent = restored.draft, restored.last_sent
            self._last_message = restored.last_message
            self._requested = dict(restored.requested)
        else:
            if busy or self.session is None:
                self.session = (
                    self._new_session(channel or "chat") if self.engine is not None else None
                )
            self.record = self.analysis = self.message = None
            self.draft = self._last_sent = self._last_message = ""
            self._requested = {}
        self.last_update = None
        self._context_key = key
        if self.session is not None and self.session is not session:
            self.session_replaced.emit(self.session)
        return restored is not None

    def follow_draft(self, text: str, conversation: str = "") -> UpdateView:
        """The agent's draft in the helpdesk's reply box changed."""
        with self.lock:
            self._same_conversation(conversation)
            view = self.update(text)
        self.draft_followed.emit(view)
        return view

    def follow_inserted(self, suggestion_id: str, conversation: str = "") -> None:
        """The agent inserted a suggestion into the helpdesk's reply box."""
        with self.lock:
            self._same_conversation(conversation)
            if self.session is None:
                raise PekaError(E605, self._words("error.engine_loading"))
            self.session.mark_inserted(suggestion_id)

    def _same_conversation(self, key: str) -> None:
        if key and key != self._context_key:
            following = self._context_key or self._words("error.own_conversation")
            raise PekaError(
                E900, self._words("error.other_conversation", conversation=key, following=following)
            )

    @property
    def conversation_key(self) -> str:
        return self._context_key

    # -- authority -----------------------------------------------------------------------
    @serialised
    def open_authority(self) -> PolicyView:
        from assist.authority import AuthorityService

        if self.authority is None and self.settings.team_server:
            try:
                self.authority = self._team_authority()
            except PekaError as exc:
                return PolicyView(valid=False, reason=str(exc), code=exc.code)
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
                return PolicyView(valid=False, reason=str(exc), code=exc.code)
        return self.policy_status()

    def _team_authority(self) -> AuthorityService:
        from assist.authority.ledger import Ledger
        from assist.team import credentials
        from assist.team.authority import TeamAuthorityService
        from assist.team.session import TeamSession

        outbox = self.settings.team_outbox_path or self.settings.ledger_path.with_name(
            "team-outbox.sqlite"
        )
        session = TeamSession(self.settings.team_server, credentials.load(), outbox)
        session.changed.connect(self.team_changed.emit)
        return TeamAuthorityService(
            session,
            ledger=Ledger(self.settings.ledger_path),
            keys_dir=self.settings.keys_dir,
            agent_id=self.settings.agent_id,
        )

    def team_state(self) -> object:
        """Team mode: the server's reachability and the outbox (a TeamState), else None."""
        from assist.team.authority import TeamAuthorityService

        authority = self.authority
        if not isinstance(authority, TeamAuthorityService):
            return None
        return authority.team.current()

    def team_reconnect(self) -> object:
        """Team mode: try the server again and replay the outbox (run off the core lane);
        the results arrive as :attr:`team_changed`."""
        from assist.team.authority import TeamAuthorityService

        authority = self.authority
        if not isinstance(authority, TeamAuthorityService):
            return None
        return authority.team.reconnect()

    @property
    def team_mode(self) -> bool:
        from assist.team.authority import TeamAuthorityService

        return isinstance(self.authority, TeamAuthorityService)

    def wait_for_decision(self, request_id: str, timeout: float = 600.0) -> object:
        """Team mode: block until a supervisor decides (run off the core lane)."""
        from assist.team.authority import TeamAuthorityService

        authority = self.authority
        if not isinstance(authority, TeamAuthorityService):
            return None
        return authority.wait_for_decision(request_id, timeout)

    def team_decided(self, decision: object) -> GrantView:
        """Team mode: the supervisor's decision; approved means already granted."""
        from assist.authority import errors as authority_errors
        from assist.authority.ledger import Grant
        from assist.team.client import TeamRequest

        if not isinstance(decision, TeamRequest):
            raise PekaError(E605, self._words("error.policy_loading"))
        if decision.status != "approved" or not decision.grant_id:
            note = f": {decision.note}" if decision.note else ""
            why = decision.refusal or f"{decision.decided_by} declined{note}"
            raise PekaError(authority_errors.E547, f"{decision.request_id}: {why}.")
        option = self._requested.get(decision.request_id)
        grant = Grant(
            grant_id=decision.grant_id,
            idempotency_key=f"approval:{decision.request_id}",
            agent_id=decision.agent_id,
            customer_id=decision.customer_id,
            type=decision.type,
            unit=decision.unit,
            amount_minor=decision.amount_minor,
            currency=decision.currency,
            transaction_id=decision.transaction_id,
            reason=decision.reason,
            granted_at=decision.decided_at or decision.created_at or datetime.now(UTC),
            authority="approval",
            approval_id=decision.request_id,
            approved_by=decision.decided_by,
        )
        return self._approved_grant_view(option, grant)

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

    @serialised
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

    @serialised
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
        return ApprovalView(option, request.request_id, request.text, live=self.team_mode)

    @serialised
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
        return self._approved_grant_view(option, grant)

    def _approved_grant_view(self, option: CompensationOption | None, grant: Grant) -> GrantView:
        """Note an approved grant in the conversation; the option shown is the one requested."""
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

    @serialised
    def close(self) -> None:
        self.stop_sync()
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
