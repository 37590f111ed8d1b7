"""The rule component's phrase lists, loaded from ``resources/nlp/rules.json``.

The data lives in the JSON file (validated on load, ``[E306]`` names the file, key and
entry at fault); this module only gives each list its name and Python type, so the
components read ``R.THREATS`` as before.
"""

from __future__ import annotations

from assist.nlp.datafiles import load

_F = load("rules.json")

NEGATORS: frozenset[str] = _F.word_set("negators")
NEGATION_GAP: frozenset[str] = _F.word_set("negation_gap")
NEGATED_EMOTION: dict[str, str] = _F.mapping("negated_emotion")
EMOTION_WORDS: dict[str, list[tuple[str, float]]] = _F.weighted("emotion_words")
INTENSIFIERS: tuple[str, ...] = _F.words("intensifiers")
THREATS: tuple[str, ...] = _F.words("threats")
TIME_UNITS: tuple[str, ...] = _F.words("time_units")
TIME_WORDS: tuple[str, ...] = _F.words("time_words")
WAIT_OPENERS: tuple[str, ...] = _F.words("wait_openers")
WAIT_PHRASES: tuple[str, ...] = _F.words("wait_phrases")
REPETITION_PHRASES: tuple[str, ...] = _F.words("repetition_phrases")
COUNT_WORDS: tuple[str, ...] = _F.words("count_words")
REPEAT_UNITS: tuple[str, ...] = _F.words("repeat_units")
ISSUE_PHRASES: dict[str, list[tuple[str, float]]] = _F.weighted("issue_phrases")
CUSTOMER_FAULT: tuple[str, ...] = _F.words("customer_fault")
COMPANY_FAULT: tuple[str, ...] = _F.words("company_fault")
REQUEST_PHRASES: tuple[str, ...] = _F.words("request_phrases")
RESOLVED_PHRASES: tuple[str, ...] = _F.words("resolved_phrases")
PROFANITY: tuple[str, ...] = _F.words("profanity")
CUSTOMER_FAULT_WEAK: tuple[str, ...] = _F.words("customer_fault_weak")
FAULT_AGENTS: frozenset[str] = _F.word_set("fault_agents")
FIRST_PERSON: frozenset[str] = _F.word_set("first_person")
FAULT_NEGATION_GAP: frozenset[str] = _F.word_set("fault_negation_gap")
CUSTOMER_ACTIONS_ID: tuple[str, ...] = _F.words("customer_actions_id")
CUSTOMER_ACTIONS_EN: tuple[str, ...] = _F.words("customer_actions_en")
WRONG_WORDS: tuple[str, ...] = _F.words("wrong_words")
TARGETS: tuple[str, ...] = _F.words("targets")
UNATTRIBUTED_ISSUE: frozenset[str] = _F.word_set("unattributed_issue")
SERVICE_REQUESTS: tuple[str, ...] = _F.words("service_requests")
DELAY_HINTS: frozenset[str] = _F.word_set("delay_hints")
# Words that make a time a speed, not a wait ("fixed it in 20 minutes", "cuma 2 hari").
SPEED_BEFORE_TIME: tuple[str, ...] = _F.words("speed_before_time")
# Forms of address for the agent or the shop ("kak", "min", "gan"): a service chat.
AGENT_ADDRESS: frozenset[str] = _F.word_set("agent_address")
STAKES: tuple[str, ...] = _F.words("stakes")
SARCASM: tuple[str, ...] = _F.words("sarcasm")
COMPANY_AGENTS: frozenset[str] = _F.word_set("company_agents")
COMPANY_ACTIONS: tuple[str, ...] = _F.words("company_actions")
COMPANY_PASSIVE: tuple[str, ...] = _F.words("company_passive")
ACCUSATION: tuple[str, ...] = _F.words("accusation")
LOSS: tuple[str, ...] = _F.words("loss")
BLAME_TARGETS: tuple[str, ...] = _F.words("blame_targets")
IDIOMS: tuple[str, ...] = _F.words("idioms")
