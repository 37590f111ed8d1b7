"""The rule component's phrase lists, loaded from ``resources/nlp/rules.json``.

The data lives in the JSON file (validated on load, ``[E306]`` names the file, key and
entry at fault); this module only gives each list its name and Python type, so the
components read ``R.THREATS`` as before.
"""

from __future__ import annotations

from assist.nlp.datafiles import fail, load
from assist.nlp.models import EMOTIONS

_F = load("rules.json")
PATH = _F.path

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
# A parcel taken or sent back to the warehouse, the hub or the seller: a failed delivery.
SENT_BACK: tuple[str, ...] = _F.words("sent_back")
# ... unless the customer sends it ("saya kirim balik ke gudang"): their own return.
SENT_BACK_CUSTOMER_VERBS: frozenset[str] = _F.word_set("sent_back_customer_verbs")
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

# Capitals that are not shouting: acronyms ("OTP", "BCA"), and one word of at most this
# many capitals alone. Such a word is a document, office or code far more often than a
# shout: of 377 hand-written messages whose only caps were one four-letter word, ~360
# were STNK, NPWP, PDAM, BPKB, CCTV, a ticker… and the rest a shout or a plain word
# ("LAGI", "YOUR"); issue 14, eighth pass.
CAPS_OK: frozenset[str] = _F.word_set("caps_ok")
CAPS_SHORT_WORD_MAX: int = _F.integer("caps_short_word_max", positive=True)
# A promise of the company in scare quotes beside praise is mocked, not praised ("terima
# kasih atas 'pengiriman ekspres'-nya. Pesan Senin, sampai Kamis."); issue 14, twentieth
# pass: it finds 8 of the 38,226 hand-written training messages, all labelled angry.
QUOTED_PROMISES: tuple[str, ...] = _F.words("quoted_promises")
QUOTED_PROMISE_MAX_WORDS: int = _F.integer("quoted_promise_max_words", positive=True)
# ... only where the message turns against the promise (a negation, a time, or one of
# these): "thanks, I'd like the 'express' delivery" is a choice, not sarcasm.
MOCKED_PROMISE_TURNS: tuple[str, ...] = _F.words("mocked_promise_turns")
# Emoji that carry feeling (single characters: a cue's first character is compared);
# anything else in the emoji blocks is a neutral emoji.
NEGATIVE_EMOJI: frozenset[str] = _F.characters("negative_emoji")
POSITIVE_EMOJI: frozenset[str] = _F.characters("positive_emoji")
NEGATIVE_EMOTICONS: frozenset[str] = _F.word_set("negative_emoticons")
POSITIVE_EMOTICONS: frozenset[str] = _F.word_set("positive_emoticons")
# The emotion an emoji or emoticon is evidence of (scoring). 🙏 is not there: it is
# "please"/"thanks" in Indonesian chat, not fear, and carries no emotion.
EMOJI_EMOTION: dict[str, str] = _F.mapping("emoji_emotion", values=EMOTIONS)
EMOTICON_EMOTION: dict[str, str] = _F.mapping("emoticon_emotion", values=EMOTIONS)


def _check_emoji_keys() -> None:
    _F.check_single_characters("emoji_emotion", EMOJI_EMOTION)
    for emoticon in EMOTICON_EMOTION:
        if emoticon not in NEGATIVE_EMOTICONS | POSITIVE_EMOTICONS:
            fail(_F.path, f"'emoticon_emotion', entry '{emoticon}' is in neither "
                  "negative_emoticons nor positive_emoticons: the rules never find it")  # fmt: skip


_check_emoji_keys()
