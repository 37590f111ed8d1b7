"""The local API's request and response bodies (they make its OpenAPI document)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assist.app.follow import ContextView
from assist.app.views import UpdateView
from assist.cache.models import CustomerRecord
from assist.nlp.models import MessageAnalysis

Short = Field(default="", max_length=200)
Channel = Literal["chat", "email", "phone"]


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=200)
    external_id: str = Field(default="", max_length=200, description="the cache's customer id")
    order: str = Field(default="", max_length=100, description="an order reference")


class ContextIn(BaseModel):
    """The conversation the agent has open in the helpdesk."""

    model_config = ConfigDict(extra="forbid")
    helpdesk: str = Field(default="", max_length=40, description="e.g. whatsapp-web, chatwoot")
    conversation_id: str = Short
    contact: Contact = Field(default_factory=Contact)
    message: str = Field(default="", max_length=20000, description="latest customer message")
    channel: Channel | None = None


class DraftIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=20000, description="the whole draft in the reply box")
    helpdesk: str = Field(default="", max_length=40)
    conversation_id: str = Short


class InsertedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    suggestion_id: str = Field(min_length=1, max_length=200)
    helpdesk: str = Field(default="", max_length=40)
    conversation_id: str = Short


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorDetail


class ContextOut(BaseModel):
    source: str
    helpdesk: str
    conversation_id: str
    channel: str
    customer_id: str | None
    matched_by: str
    hint: bool
    parked: int
    not_found: str


class CustomerOut(BaseModel):
    id: str
    name: str
    salutation: str
    tier: str
    language: str


class AnalysisOut(BaseModel):
    emotion: str
    intensity: float
    issue: str
    fault: str
    order_refs: list[str]


class SuggestionOut(BaseModel):
    id: str
    function: str
    text: str
    reason: str


class FindingOut(BaseModel):
    kind: str
    message: str
    rewrite: str


class OptionOut(BaseModel):
    type: str
    label: str
    amount_minor: int
    currency: str
    unit: str
    status: str
    reason: str


class StateOut(BaseModel):
    """Everything the extension shows: context, customer, analysis, suggestions, coach."""

    version: int
    ready: bool
    conversation: str = Field(description="helpdesk:conversation_id, '' for Peka's own")
    context: ContextOut | None
    customer: CustomerOut | None
    analysis: AnalysisOut | None
    draft: str
    suggestions: list[SuggestionOut]
    findings: list[FindingOut]
    checklist: dict[str, bool]
    tone: str
    compensation: list[OptionOut]
    compensation_error: str


class StatusOut(BaseModel):
    version: str
    ready: bool
    agent: str
    conversation: str


def context_out(view: ContextView | None) -> ContextOut | None:
    if view is None:
        return None
    return ContextOut(
        source=view.source,
        helpdesk=view.helpdesk,
        conversation_id=view.conversation_id,
        channel=view.channel,
        customer_id=view.customer_id,
        matched_by=view.matched_by,
        hint=view.hint,
        parked=len(view.parked),
        not_found=view.not_found,
    )


def customer_out(record: CustomerRecord | None) -> CustomerOut | None:
    if record is None:
        return None
    c = record.customer
    return CustomerOut(
        id=c.id, name=c.full_name, salutation=c.salutation, tier=c.tier, language=c.language
    )


def analysis_out(analysis: MessageAnalysis | None) -> AnalysisOut | None:
    if analysis is None:
        return None
    return AnalysisOut(
        emotion=analysis.emotion,
        intensity=analysis.intensity,
        issue=analysis.issue,
        fault=analysis.fault,
        order_refs=analysis.order_refs(),
    )


def update_parts(view: UpdateView | None) -> dict[str, object]:
    if view is None:
        return {
            "draft": "",
            "suggestions": [],
            "findings": [],
            "checklist": {},
            "tone": "",
            "compensation": [],
            "compensation_error": "",
        }
    return {
        "draft": view.draft,
        "suggestions": [
            SuggestionOut(id=s.id, function=s.function, text=s.text, reason=s.reason)
            for s in view.numbered()
        ],
        "findings": [
            FindingOut(kind=f.kind, message=f.message, rewrite=f.rewrite) for f in view.findings
        ],
        "checklist": dict(view.checklist),
        "tone": view.tone,
        "compensation": [
            OptionOut(
                type=o.type,
                label=o.label,
                amount_minor=o.amount_minor,
                currency=o.currency,
                unit=o.unit,
                status=o.status,
                reason=o.reason,
            )
            for o in view.compensation
        ],
        "compensation_error": view.compensation_error,
    }
