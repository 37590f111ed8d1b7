"""Fourth-pass English families: more sectors and more ways of writing.

Ride-hailing, travel and hotels, streaming and software subscriptions, health and
pharmacy apps, loan apps, electronics repair and grocery delivery; worry with something
at stake, sarcastic praise, polite-but-angry letters, repeated follow-ups and problems
asked as questions ("why hasn't …", "how come I can't …"). Appended after the earlier
families, so those keep their train/test split.
"""

from __future__ import annotations

EXTRA_CORES: dict[str, list[list[str]]] = {
    "delivery_delay": [
        [
            "my grocery order still hasn't arrived after {mins}",
            "the app says my groceries were delivered but nothing came",
            "my grocery delivery slot came and went and nobody showed",
        ],
        [
            "my prescription order still hasn't been shipped",
            "the pharmacy app says my medication is still processing",
            "my repeat prescription hasn't arrived yet",
        ],
        [
            "my e-ticket still hasn't arrived in my inbox",
            "the hotel confirmation was never sent to me",
            "my booking voucher hasn't come through",
        ],
    ],
    "item_problem": [
        [
            "half the eggs in my grocery order were smashed",
            "the vegetables arrived wilted and the fruit was mouldy",
            "the milk you delivered was already past its date",
        ],
        [
            "my phone came back from repair in worse shape than before",
            "you replaced the screen but the {item} still won't turn on",
            "the repaired {item} broke again after two days",
        ],
        [
            "the pharmacy sent the wrong medication",
            "the medicine box arrived with the seal broken",
        ],
    ],
    "billing_error": [
        [
            "my streaming subscription was charged twice this month",
            "I cancelled my subscription but you still billed me",
            "I paid for premium but my account is still on the free plan",
            "the annual plan renewed without any reminder",
        ],
        [
            "my loan is fully repaid but the app still shows a balance",
            "I paid my instalment on time and still got a late fee",
            "the interest you charged doesn't match my loan agreement",
        ],
        [
            "the ride cost far more than the fare estimate",
            "the driver took a longer route and charged me double",
            "I was charged for a ride the driver cancelled",
        ],
        [
            "the hotel charged a deposit I had already paid in the app",
            "the room rate on my bill is higher than the one I booked",
        ],
    ],
    "refund_pending": [
        [
            "the airline cancelled my flight and the refund still hasn't come",
            "my hotel cancellation refund hasn't reached my card",
            "I was promised a refund for the rebooking fee weeks ago",
        ],
        [
            "items missing from my grocery order were never refunded",
            "I cancelled my subscription and the refund hasn't arrived",
        ],
    ],
    "service_outage": [
        [
            "nothing will play on your streaming app, it just buffers",
            "the streaming app crashes every time I open it",
            "your cloud storage has been unreachable all morning",
        ],
        [
            "the ride app keeps failing when I try to book",
            "I can't book a ride, the app is stuck loading",
        ],
        [
            "the loan app won't open when I try to pay my instalment",
            "the telehealth call keeps dropping before the doctor joins",
        ],
    ],
    "account_access": [
        [
            "my streaming account logged me out and my password no longer works",
            "someone changed the password on my subscription account",
            "the verification code from the loan app never arrives",
        ],
        [
            "my rider account was blocked with no explanation",
            "I can't get into my hotel rewards account and my points are gone",
        ],
    ],
    "poor_service": [
        [
            "I've asked three times in chat and no one replies",
            "my messages are read but nobody answers",
            "nobody has answered my emails in a week",
        ],
        [
            "you keep transferring me between departments",
            "every call I'm passed to someone else and have to explain again",
            "I was told to wait for a callback that never came",
        ],
        [
            "the technician never showed up for the appointment",
            "the engineer was booked for 10am and didn't turn up",
            "my repair appointment was cancelled without telling me",
        ],
        [
            "the driver was rude and shouted at me",
            "the courier threw my parcel over the fence",
            "the hotel receptionist was rude to my parents",
        ],
        [
            "the driver cancelled on me three times in a row",
            "the driver asked me to cancel so he wouldn't get penalised",
        ],
    ],
    "other": [
        [
            "do you deliver to {city}",
            "what time does your {city} branch open",
            "how do I sign up as a driver partner",
        ],
        [
            "can I switch my subscription to the family plan",
            "do you have an annual plan",
            "can I pay for my subscription with PayPal",
        ],
        [
            "does the hotel include breakfast",
            "could I request a room on a higher floor",
            "what's the earliest check-in time",
        ],
    ],
}

EXTRA_HAPPY_CORES: list[list[str]] = [
    [
        "the driver was friendly and drove carefully",
        "my groceries came early and everything was fresh",
        "the technician arrived on time and did a tidy job",
    ],
    [
        "my flight refund finally came through",
        "my phone is back from repair and works perfectly",
    ],
]

EXTRA_EMOTIONS: dict[str, list[list[str]]] = {
    "angry": [
        [
            "great job guys, really impressive 👏",
            "wow, thanks a lot for nothing",
            "brilliant service as always",
            "well done, truly outstanding",
        ],
        [
            "this is the third time I'm asking",
            "I've followed up four times already",
            "how many more times do I have to chase this",
        ],
    ],
    "disappointed": [
        [
            "with all due respect, this is not acceptable service",
            "I appreciate your team's efforts, but I'm very disappointed",
            "I hate to say it, but you've let me down",
        ],
    ],
    "anxious": [
        [
            "my flight is tomorrow morning and I'm scared I won't be able to board",
            "I check in tonight and I'm really worried",
            "I'm travelling tomorrow, please help",
        ],
        [
            "my mum needs this medication tonight, I'm so worried",
            "my son is sick and needs this medicine",
        ],
        [
            "is my money safe?",
            "I'm scared I've lost the money for good",
            "will I lose my savings over this?",
        ],
        [
            "the rent is due tomorrow and I need that money",
            "I'm worried this will hurt my credit score",
            "I'm afraid I'll get a late fee",
        ],
        [
            "I'm really nervous, {core}",
            "{core} and my flight is tomorrow",
        ],
    ],
    "confused": [
        [
            "why {core}?",
            "how come {core}?",
            "{core}, why is that?",
        ],
    ],
    "neutral": [
        [
            "could you please check, {core}",
            "please help, {core}",
            "{core}. what should I do next?",
        ],
    ],
    "happy": [
        ["brilliant, thank you so much", "you guys are great, cheers"],
    ],
}
