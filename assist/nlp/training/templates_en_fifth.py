"""Fifth-pass English feeling families.

Accusing and rhetorical questions ("are you kidding me?", "what exactly are you
doing?"), the same failure again ("third time this month", "again??"), blame for a cost
("so I get charged a late fee?", "I took a day off for this"), sarcastic praise beside a
complaint fact, confusion about contradictions ("it says delivered but…", "which one is
correct?") and worry stated as fear or uncertainty. Appended after every earlier family.
"""

from __future__ import annotations

FIFTH_EMOTIONS: dict[str, list[list[str]]] = {
    "angry": [
        [
            "Are you kidding me?",
            "What exactly are you people doing?",
            "How hard is it to get this right?",
            "Seriously? {core}",
        ],
        [
            "This is the third time this month!",
            "Again?? {core}",
            "Every single time it's the same story.",
            "I have now asked about this four times.",
        ],
        [
            "So I get charged a fee for your mistake??",
            "I took a day off work for this and nobody came.",
            "Why am I paying a penalty when your app was down?",
            "{core}, and I'm the one paying for your error?",
        ],
        [
            "Wow, amazing, only took you 5 days to reply 👏",
            "Great job, {core} 👍",
            "Fantastic service as always, {core}",
            "Love how I waited {dur} just to get cancelled.",
        ],
    ],
    "anxious": [
        [
            "What if I lose the money? Please tell me it's safe.",
            "I'm worried this will affect my credit score, what happens now?",
            "{core}, and I'm scared I won't make it in time.",
        ],
    ],
    "confused": [
        [
            "It says delivered but nothing is here, I don't get it.",
            "Which one is correct? The app and the email say different things.",
            "I don't get why {core}",
            "{core}, but it shows something else in the app. Confused.",
        ],
        [
            "Sorry, what does that mean? {core}",
            "I tried everything in the help page but it still doesn't work, "
            "not sure what I'm missing.",
            "Shouldn't it have gone through already? {core}",
        ],
    ],
}
