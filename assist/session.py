"""The Qt-free heart of the sidebar: one agent's current conversation.

``AssistSession`` holds the customer, their messages and the agent's draft. The slow
work (message analysis, compensation options, filtering and filling phrases) runs when
a customer message arrives or the customer changes; :meth:`AssistSession.update`, run
on every keystroke, only coaches the draft and re-ranks the prepared candidates and
does no I/O. Listeners hear about changes through :mod:`assist.events`.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, tzinfo

from assist.authority.models import CompensationAdvisor, CompensationCase, CompensationOption
from assist.cache.models import CustomerRecord
from assist.errors import PekaError, require_message
from assist.events import Event
from assist.nlp.models import MessageAnalysis
from assist.suggest.coach import Coach
from assist.suggest.context import affected_transaction, build_context
from assist.suggest.deadline import WorkingHours
from assist.suggest.engine import LanguageEngine
from assist.suggest.errors import E412
from assist.suggest.library import PhraseLibrary
from assist.suggest.models import (
    SUGGESTION_EVENT_KINDS,
    CoachAdvice,
    ConversationMessage,
    ConversationRecord,
    SessionUpdate,
    Suggestion,
    SuggestionEvent,
)
from assist.suggest.phrases import normalised_text
from assist.suggest.ranking import Candidates, prepare
from assist.suggest.usage import UsageLog

CHANNELS = ("chat", "email", "phone")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AssistSession:
    """One agent's conversation with one customer. Call it from one thread at a time."""

    def __init__(
        self,
        engine: LanguageEngine,
        library: PhraseLibrary,
        *,
        advisor: CompensationAdvisor | None = None,
        agent_id: str,
        agent_name: str = "",
        channel: str = "chat",
        ui_language: str = "id",
        usage: UsageLog | None = None,
        clock: Callable[[], datetime] = _utc_now,
        limit: int = 6,
        auto_shown: bool = True,
        hours: WorkingHours | None = None,
        timezone: tzinfo | None = None,
    ) -> None:
        if channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS}, not {channel!r}")
        self.engine = engine
        self.library = library
        self.advisor = advisor
        self.agent_id = agent_id
        self.agent_name = agent_name
        self.channel = channel
        self.ui_language = ui_language if ui_language in ("id", "en") else "en"
        self.usage = usage if usage is not None else UsageLog()
        self.clock = clock
        self.limit = limit
        self.auto_shown = auto_shown
        self.hours = hours or WorkingHours()
        # The agent's time zone (None: this computer's), for times promised in a reply.
        self.timezone = timezone
        self.customer_changed: Event[CustomerRecord | None] = Event("session.customer_changed")
        self.message_analysed: Event[MessageAnalysis] = Event("session.message_analysed")
        self.updated: Event[SessionUpdate] = Event("session.updated")
        self.ended: Event[ConversationRecord] = Event("session.ended")
        self.suggestion_event: Event[SuggestionEvent] = Event("session.suggestion_event")
        self._lock = threading.RLock()
        self.record: CustomerRecord | None = None
        self.usage_flush_error: str | None = None
        self._start_conversation()
        self._prepare()

    # -- state ------------------------------------------------------------------------------

    def _start_conversation(self) -> None:
        self.conversation_id = uuid.uuid4().hex
        self.started_at = self.clock()
        self.messages: list[ConversationMessage] = []
        self.analyses: list[MessageAnalysis] = []
        self.compensation: list[CompensationOption] = []
        self.compensation_error: str | None = None
        self.draft = ""
        self.last_update: SessionUpdate | None = None
        self.sent_checklist: dict[str, bool] | None = None
        self._events: list[SuggestionEvent] = []
        self._used_ids: set[str] = set()
        self._used_keys: set[str] = set()
        self._shown_round: dict[str, Suggestion] = {}
        self._inserted_round: set[str] = set()
        self._awaiting_edit: dict[str, tuple[str, str]] = {}  # id -> (function, text)
        self._offered: dict[str, Suggestion] = {}
        # Compensation granted (or approved and accepted) in this conversation, with the
        # sentence that offers it; the coach and the options know about them.
        self.granted: list[CompensationOption] = []
        self.offer_sentences: list[str] = []

    @property
    def analysis(self) -> MessageAnalysis | None:
        return self.analyses[-1] if self.analyses else None

    @property
    def candidates(self) -> Candidates:
        return self._candidates

    @property
    def coach(self) -> Coach:
        return self._coach

    def _prepare(self) -> None:
        """Everything update() needs that does not depend on the draft."""
        now = self.clock()
        ctx = build_context(
            self.record,
            self.analysis,
            channel=self.channel,
            now=now.astimezone(self.timezone),
            agent_name=self.agent_name,
            ui_language=self.ui_language,
            hours=self.hours,
        )
        customer_id = self.record.customer.id if self.record is not None else ""
        self._candidates = prepare(
            self.library,
            self.analysis,
            ctx,
            ui_language=self.ui_language,
            penalties=self.usage.penalties(self.agent_id, now),
            seed=f"{self.agent_id}|{customer_id}",
        )
        self._coach = Coach(
            self._candidates,
            ui_language=self.ui_language,
            compensation=self.compensation if self.advisor is not None else None,
            granted=self.granted,
            offer_sentences=self.offer_sentences,
        )

    def _compute_compensation(self) -> None:
        self.compensation, self.compensation_error = [], None
        if self.advisor is None or self.record is None:
            return
        case = CompensationCase(
            agent_id=self.agent_id,
            record=self.record,
            analysis=self.analysis,
            transactions=[t for t in [affected_transaction(self.record, self.analysis)] if t],
        )
        try:
            options = list(self.advisor.options(case))
        except PekaError as exc:
            self.compensation_error = str(exc)
            return
        # What was already granted in this conversation is not offered a second time.
        given = {option.type for option in self.granted}
        self.compensation = [o for o in options if o.type not in given]

    def _event(self, kind: str, suggestion_id: str, function: str) -> None:
        assert kind in SUGGESTION_EVENT_KINDS
        event = SuggestionEvent(kind, suggestion_id, function, self.clock(), len(self.analyses))
        self._events.append(event)
        self.suggestion_event.emit(event)

    def _close_round(self) -> None:
        """Suggestions shown since the last customer message and never inserted: ignored."""
        for suggestion_id, suggestion in self._shown_round.items():
            if suggestion_id not in self._inserted_round:
                self._event("ignored", suggestion_id, suggestion.function)
        self._shown_round = {}
        self._inserted_round = set()

    # -- the conversation -------------------------------------------------------------------

    def set_customer(self, record: CustomerRecord | None) -> None:
        """Show this customer. Another customer than the current one starts a new conversation."""
        with self._lock:
            previous = self.record.customer.id if self.record is not None else None
            current = record.customer.id if record is not None else None
            if previous is not None and previous != current:
                self._close_round()
                self._start_conversation()
            self.record = record
            if self.analyses:
                self._compute_compensation()
            self._prepare()
        self.customer_changed.emit(record)

    def set_channel(self, channel: str) -> None:
        if channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS}, not {channel!r}")
        with self._lock:
            self.channel = channel
            self._prepare()

    def add_customer_message(self, text: str) -> MessageAnalysis:
        """Analyse the customer's message; compensation and candidates are computed here.

        Raises [E670] for an empty message: there is nothing to analyse.
        """
        analysis = self.engine.analyze(require_message(text))
        with self._lock:
            self._close_round()
            self.analyses.append(analysis)
            self.messages.append(
                ConversationMessage(
                    "customer", text, self.clock(), analysis.emotion, analysis.intensity
                )
            )
            self._compute_compensation()
            self._prepare()
        self.message_analysed.emit(analysis)
        return analysis

    def add_agent_message(self, text: str) -> None:
        """The reply the agent sent: its phrases count as used, its empathy checklist is
        the conversation's ``sent_checklist``, and the draft starts over."""
        with self._lock:
            self.sent_checklist = self._checklist_of(text)
            self.messages.append(ConversationMessage("agent", text, self.clock()))
            sent = normalised_text(text)
            for items in self._candidates.by_function.values():
                for candidate in items:
                    if candidate.key and candidate.key in sent:
                        self._used_keys.add(candidate.key)
            self._check_edits(text)
            self._awaiting_edit = {}
            self.draft = ""

    def _checklist_of(self, text: str) -> dict[str, bool]:
        """The empathy checklist of ``text``: the last update's when it was about this
        very text (no second coaching pass), else the engine's for it."""
        last = self.last_update
        if last is not None and self.draft.strip() == text.strip():
            return dict(last.coach.checklist)
        if not text.strip():
            return {}
        ctx = self._candidates.context
        analysis = self.engine.coach(
            text,
            name=ctx.values.get("name") or None,
            salutation=ctx.values.get("salutation") or None,
            language=ctx.language,
        )
        return dict(self._coach.review(text, analysis).checklist)

    def set_ui_language(self, lang: str) -> None:
        """Reasons, coaching and option labels in ``lang`` from now on; the conversation
        goes on (the advisor is asked again so option labels follow)."""
        with self._lock:
            self.ui_language = lang if lang in ("id", "en") else "en"
            if self.analyses:
                self._compute_compensation()
            self._prepare()

    def refresh_compensation(self) -> None:
        """Ask the advisor again for the current message, e.g. after a grant changed the
        daily budget; the conversation goes on. The next :meth:`update` carries them."""
        with self._lock:
            if self.analyses:
                self._compute_compensation()
            self._prepare()

    def note_compensation(self, option: CompensationOption, sentence: str = "") -> None:
        """Compensation was granted (or a supervisor's approval accepted) in this
        conversation and ``sentence`` offers it in the reply: the coach counts that amount
        as within authority and the offer as a concrete action, and the options leave
        that type out from now on."""
        with self._lock:
            self.granted.append(option)
            if sentence.strip():
                self.offer_sentences.append(sentence.strip())
            if self.analyses:
                self._compute_compensation()
            self._prepare()

    def _check_edits(self, draft: str) -> None:
        for suggestion_id, (function, text) in list(self._awaiting_edit.items()):
            # Joined mid-sentence, a suggestion starts lower-case: that is not an edit.
            if text not in draft and text[:1].lower() + text[1:] not in draft:
                del self._awaiting_edit[suggestion_id]
                self._event("edited", suggestion_id, function)

    def update(self, draft: str) -> SessionUpdate:
        """Suggestions, coaching and compensation for the current draft (no I/O)."""
        with self._lock:
            ctx = self._candidates.context
            draft_analysis = None
            if draft.strip():
                draft_analysis = self.engine.coach(
                    draft,
                    name=ctx.values.get("name") or None,
                    salutation=ctx.values.get("salutation") or None,
                    language=ctx.language,
                )
            advice: CoachAdvice = self._coach.review(draft, draft_analysis)
            suggestions = self._candidates.rank(
                advice.functions_present,
                used_ids=self._used_ids,
                used_keys=self._used_keys,
                draft_key=normalised_text(draft) if draft.strip() else "",
                limit=self.limit,
            )
            self.draft = draft
            for suggestion in suggestions:
                self._offered[suggestion.id] = suggestion
            if self.auto_shown:
                self._record_shown(suggestions)
            self._check_edits(draft)
            result = SessionUpdate(
                analysis=self.analysis,
                suggestions=suggestions,
                coach=advice,
                compensation=list(self.compensation),
                compensation_error=self.compensation_error,
                compensated=list(self.granted),
            )
            self.last_update = result
        self.updated.emit(result)
        return result

    def _record_shown(self, suggestions: Iterable[Suggestion]) -> None:
        for suggestion in suggestions:
            if suggestion.id not in self._shown_round:
                self._shown_round[suggestion.id] = suggestion
                self._event("shown", suggestion.id, suggestion.function)

    def mark_shown(self, suggestion_ids: Iterable[str]) -> None:
        """Record that the sidebar showed these suggestions (with ``auto_shown=False``)."""
        with self._lock:
            self._record_shown([self._offered_or_raise(i) for i in suggestion_ids])

    def _offered_or_raise(self, suggestion_id: str) -> Suggestion:
        suggestion = self._offered.get(suggestion_id)
        if suggestion is None:
            raise PekaError(
                E412,
                f"Suggestion {suggestion_id!r} was not offered in this conversation; "
                "insert one of the suggestions from the latest update.",
            )
        return suggestion

    def mark_inserted(self, suggestion_id: str) -> Suggestion:
        """The agent put this suggestion into the draft: never offer it again in this
        conversation, and remember it for the agent's day (usage penalty)."""
        with self._lock:
            suggestion = self._offered_or_raise(suggestion_id)
            self._record_shown([suggestion])
            self._inserted_round.add(suggestion_id)
            self._used_ids.add(suggestion_id)
            self._awaiting_edit[suggestion_id] = (suggestion.function, suggestion.text)
            self._event("inserted", suggestion_id, suggestion.function)
            self.usage.record(self.agent_id, suggestion_id, self.clock())
            return suggestion

    def mark_ignored(self, suggestion_id: str) -> None:
        """The agent dismissed a suggestion explicitly."""
        with self._lock:
            suggestion = self._offered_or_raise(suggestion_id)
            self._shown_round.pop(suggestion_id, None)
            self._used_ids.add(suggestion_id)
            self._event("ignored", suggestion_id, suggestion.function)

    @property
    def events(self) -> list[SuggestionEvent]:
        """Every suggestion event of this conversation, oldest first."""
        with self._lock:
            return list(self._events)

    @property
    def counters(self) -> dict[str, int]:
        with self._lock:
            counts = dict.fromkeys(SUGGESTION_EVENT_KINDS, 0)
            for event in self._events:
                counts[event.kind] += 1
            return counts

    def end(
        self, outcome: str, *, csat: int | None = None, store_messages: bool = False
    ) -> ConversationRecord:
        """Close the conversation; the session is then ready for the next customer.

        Writes the agent's phrase usage to the phrase database when the usage log has
        one (the only I/O the session does); a failure is kept in ``usage_flush_error``
        and retried at the next end.
        """
        if not outcome.strip():
            raise ValueError("outcome must say how the conversation ended")
        with self._lock:
            self._close_round()
            customer_analyses = self.analyses
            record = ConversationRecord(
                conversation_id=self.conversation_id,
                agent_id=self.agent_id,
                customer_id=self.record.customer.id if self.record is not None else None,
                channel=self.channel,
                language=self._candidates.context.language,
                started_at=self.started_at,
                ended_at=self.clock(),
                outcome=outcome,
                csat=csat,
                customer_messages=sum(1 for m in self.messages if m.role == "customer"),
                agent_messages=sum(1 for m in self.messages if m.role == "agent"),
                first_emotion=customer_analyses[0].emotion if customer_analyses else None,
                last_emotion=customer_analyses[-1].emotion if customer_analyses else None,
                max_intensity=max((a.intensity for a in customer_analyses), default=None),
                issue=customer_analyses[-1].issue if customer_analyses else None,
                fault=customer_analyses[-1].fault if customer_analyses else None,
                suggestion_events=list(self._events),
                counters=self.counters,
                compensation=list(self.compensation),
                messages=list(self.messages) if store_messages else None,
                sent_checklist=self.sent_checklist,
            )
            try:
                self.usage.flush()
                self.usage_flush_error = None
            except PekaError as exc:
                self.usage_flush_error = str(exc)
            self.record = None
            self._start_conversation()
            self._prepare()
        self.ended.emit(record)
        self.customer_changed.emit(None)
        return record
