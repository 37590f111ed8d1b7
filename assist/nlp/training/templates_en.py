"""Hand-written English fragments for the generated training corpus (see templates_id)."""

from __future__ import annotations

CORES: dict[str, list[list[str]]] = {
    "delivery_delay": [
        [
            "my order {ref} still hasn't arrived",
            "my package never arrived",
            "the parcel I ordered on {date} is still not here",
            "I haven't received my order yet",
        ],
        [
            "the estimated delivery date passed {dur} ago and nothing has come",
            "you said 2-3 days and it's been {dur}",
            "it's way past the delivery estimate",
        ],
        [
            "tracking for {ref} hasn't moved in {dur}",
            "my parcel is stuck at the {city} hub",
            "the tracking just says in transit for {dur}",
        ],
        [
            "the app says delivered but there is no package at my door",
            "the courier marked it as delivered but I never got it",
        ],
        [
            "I paid {dur} ago and the order still hasn't shipped",
            "the seller hasn't sent my order yet",
            "my order is still processing, when will it ship",
        ],
        [
            "when will my package {ref} arrive",
            "where is my order right now",
            "can you tell me when my delivery is coming",
        ],
        [
            "the gift for my daughter's birthday hasn't arrived and the party is tomorrow",
            "I needed this for an event this weekend and it's still not delivered",
        ],
    ],
    "item_problem": [
        [
            "the item I received is broken",
            "my {item} arrived cracked",
            "the box was crushed and the product inside is damaged",
        ],
        [
            "you sent the wrong item, I ordered a {item} and got something else",
            "the colour is different from what I ordered",
            "I ordered a large and got a small",
        ],
        [
            "one item is missing from my order",
            "I ordered three and only two came",
            "the charger wasn't in the box",
        ],
        [
            "my {item} stopped working after one day",
            "the {item} won't turn on at all",
            "it's defective out of the box",
        ],
        [
            "the product is fake",
            "the food was already expired when it arrived",
            "the bottle leaked all over the package",
        ],
        [
            "the item looks nothing like the photos",
            "it's not as described",
            "the quality is much worse than advertised",
        ],
    ],
    "billing_error": [
        [
            "I was charged twice for order {ref}",
            "my card was double charged {amount}",
            "I paid once but the money was taken twice",
        ],
        [
            "my bill this month is {amount}, it's usually {amount2}",
            "the amount charged is wrong",
            "there's an extra fee of {amount} nobody explained",
        ],
        [
            "there's a charge of {amount} I don't recognise",
            "I never made this {amount} transaction",
            "an automatic debit I never authorised went through",
        ],
        [
            "I paid {amount} but the order still says awaiting payment",
            "my payment isn't showing even though the money left my account",
            "I sent the transfer receipt but the invoice is still unpaid",
        ],
        [
            "you're still billing me after I closed the service last month",
            "my subscription renewed automatically and charged me {amount}",
        ],
    ],
    "refund_pending": [
        [
            "my refund still hasn't come through",
            "the refund of {amount} is not in my account yet",
            "you said the refund takes 3-5 business days and it's been {dur}",
        ],
        [
            "my order was cancelled but I haven't got my money back",
            "I cancelled {ref} and the money was never returned",
        ],
        [
            "I returned the item {dur} ago and the refund hasn't been processed",
            "the warehouse received my return but there's no refund",
        ],
        [
            "my refund status has said processing for {dur}",
            "when will my refund be paid out",
            "what's happening with my refund for {ref}",
        ],
        [
            "I got an email saying the refund was approved but no money",
            "I was promised my money back within 7 days and that passed",
        ],
    ],
    "service_outage": [
        [
            "my home internet has been down for {dur}",
            "the wifi won't connect at all",
            "the modem light is red and nothing works",
        ],
        [
            "there's no signal in {city}",
            "I lost all mobile signal since yesterday",
            "I can't make calls or send texts",
        ],
        [
            "the app keeps crashing when I open it",
            "the app is stuck on the loading screen",
            "I get an error 500 every time I try",
        ],
        [
            "QR payments aren't working",
            "bank transfers keep failing",
            "the virtual account payment channel seems to be down",
        ],
        [
            "your website is down",
            "checkout doesn't load, is the server down",
            "I can't access the service at all",
        ],
        [
            "my internet is extremely slow even though I pay for 50 Mbps",
            "the connection keeps dropping every few minutes",
        ],
    ],
    "account_access": [
        [
            "I can't log in to my account",
            "it keeps saying my password is wrong",
            "I'm locked out of my account",
        ],
        [
            "I never receive the OTP code",
            "the verification code doesn't arrive by SMS",
            "the OTP expires before it reaches me",
        ],
        [
            "my account was blocked for no reason",
            "my account got suspended",
            "my account is frozen after a wrong PIN",
        ],
        [
            "my account was hacked, someone logged in from another city",
            "someone took over my account and changed the email",
            "my account was compromised and my balance is gone",
        ],
        [
            "I forgot my password and my old email is closed",
            "I changed my phone number so I can't verify my account",
        ],
    ],
    "poor_service": [
        [
            "nobody has replied to my chat for {dur}",
            "I've called several times and no one answers",
            "my complaint was ignored",
            "you never answer my emails",
        ],
        [
            "the staff at your store were rude to me",
            "your agent was rude and hung up on me",
            "the courier shouted at me",
        ],
        [
            "the technician was supposed to come today and never showed up",
            "my appointment was cancelled without notice",
            "I took a day off to wait for the technician and nobody came",
        ],
        [
            "I keep getting transferred from one agent to another",
            "every time I call I have to explain everything again",
            "you closed my ticket even though nothing was fixed",
        ],
        [
            "you promised to call me back and never did",
            "the agent said someone would follow up but nobody did",
        ],
        [
            "I only get automated replies from a bot",
            "your replies are copy-paste and useless",
            "I was on hold for {dur}",
        ],
    ],
    "other": [
        [
            "how do I change my delivery address",
            "how can I upgrade my plan",
            "is the {promo} promo still on",
            "what are your customer service hours",
        ],
        [
            "I'd like to update the phone number on my account",
            "please cancel order {ref}, I changed my mind",
            "can I change my payment method",
        ],
        [
            "is this product in stock",
            "I have a question about the warranty",
            "where is your nearest store in {city}",
        ],
        [
            "I'd like to become a partner",
            "do you have any job openings",
            "can I get a tax invoice for my purchase",
        ],
    ],
}

HAPPY_CORES: list[list[str]] = [
    ["my problem is solved", "the package arrived safely", "I got my order in perfect condition"],
    [
        "your service was really fast",
        "the agent was friendly and so helpful",
        "support sorted it out in minutes",
    ],
    ["my refund came through", "I got my money back", "the bill has been corrected"],
    ["the internet is working again", "I can log in again", "the app works fine now"],
]

EMOTIONS: dict[str, list[list[str]]] = {
    "angry": [
        ["I am so angry", "I'm furious", "this makes me so mad"],
        ["this is unacceptable", "this is ridiculous", "what a joke of a service"],
        ["fix this today or else", "I want this resolved right now", "stop making excuses"],
        ["you are useless", "worst company ever", "you people are scammers"],
        ["I'm fed up with your excuses", "I'm sick of chasing you", "I've had enough"],
    ],
    "disappointed": [
        ["I'm really disappointed", "very disappointing", "so disappointed"],
        ["I've been a loyal customer for years", "you used to be so good", "what a shame"],
        ["not what I expected", "I'm not happy with this", "I expected better"],
        ["this is sad", "I regret ordering from you", "honestly a let down"],
    ],
    "anxious": [
        ["I'm worried I've lost my money", "I'm scared it won't arrive", "I'm really anxious"],
        ["please hurry, this is urgent", "I need it by tomorrow", "this is an emergency"],
        ["I can't stop worrying about it", "I'm so stressed about this", "I'm nervous"],
        ["that money is for my rent", "I need the internet for work", "that's all my savings"],
        ["is my money safe", "will I get it back", "what happens to my money now"],
    ],
    "confused": [
        ["I'm confused", "I'm so confused", "I don't get it"],
        ["what does this mean", "how is that possible", "why would that happen"],
        [
            "I don't understand the process",
            "the instructions are unclear",
            "I'm not sure what to do",
        ],
        [
            "the app says one thing and the email says another, which is right",
            "one agent told me one thing and another told me something else",
        ],
        ["what am I supposed to do now", "who should I contact", "what are the next steps"],
    ],
    "neutral": [
        ["please check", "could you look into it", "can you check this for me"],
        ["please advise", "could you let me know", "any information would help"],
        ["thanks in advance", "thank you"],
        ["looking forward to your reply", "please keep me updated"],
    ],
    "happy": [
        ["thank you so much", "thanks a lot", "many thanks for your help"],
        ["awesome", "great job", "excellent service"],
        ["I'm really happy", "so glad", "what a relief", "I'm very satisfied"],
        ["keep up the good work", "you guys are the best"],
    ],
}

THREATS: list[list[str]] = [
    ["I'll report you to consumer protection", "I will file a complaint with the regulator"],
    ["I'm going to post this on twitter", "I'll leave a one star review everywhere"],
    [
        "I'm cancelling my subscription",
        "I'm switching to another provider",
        "I will never use your service again",
    ],
    ["I'm talking to a lawyer", "I will take legal action"],
]
WAITING: list[str] = [
    "I've been waiting for {dur}",
    "I've been waiting since yesterday",
    "still waiting since last week",
    "no update for {dur}",
    "still nothing so far",
]
REPETITION: list[str] = [
    "this is the {n} time I'm contacting you",
    "again",
    "this keeps happening",
    "I've complained multiple times",
    "here we go again",
]
GREETINGS: list[str] = ["hi", "hello", "hey", "good morning", "dear support", "hi there", ""]
CLOSINGS: list[str] = ["thanks", "please help", "regards", "thank you", "asap please", ""]
SLOTS: dict[str, list[str]] = {
    "ref": ["INV-2024-00123", "#88120344", "ORD778812", "order 240512XKQ2", "TRX-99812"],
    "date": ["May 5", "the 12th", "June 1", "last Monday"],
    "dur": ["3 days", "a week", "2 weeks", "5 days", "a month", "10 days", "two weeks"],
    "city": ["Jakarta", "Surabaya", "Bandung", "Medan", "Bali"],
    "item": ["phone", "blender", "laptop", "headset", "jacket", "kettle"],
    "amount": ["$25", "Rp 150.000", "IDR 300k", "$5.99", "Rp 1.200.000"],
    "amount2": ["$15", "Rp 100.000", "IDR 200k"],
    "promo": ["payday", "11.11", "free shipping"],
    "n": ["third", "fourth", "fifth"],
}

# Families added later (other industries, calm requests, confusion): appended, so the
# original families keep their train/test assignment.
from assist.nlp.training.families import append_families  # noqa: E402
from assist.nlp.training.templates_en_more import (  # noqa: E402
    MORE_CORES,
    MORE_EMOTIONS,
    MORE_HAPPY_CORES,
    MORE_SLOTS,
)

append_families(
    CORES,
    EMOTIONS,
    HAPPY_CORES,
    more_cores=MORE_CORES,
    more_emotions=MORE_EMOTIONS,
    more_happy=MORE_HAPPY_CORES,
)
SLOTS.update(MORE_SLOTS)

# Fourth-pass families (more sectors, worry with stakes, sarcasm, follow-ups, regional
# words): appended last, so every earlier family keeps its train/test assignment.
from assist.nlp.training.templates_en_extra import (  # noqa: E402
    EXTRA_CORES,
    EXTRA_EMOTIONS,
    EXTRA_HAPPY_CORES,
)

append_families(
    CORES,
    EMOTIONS,
    HAPPY_CORES,
    more_cores=EXTRA_CORES,
    more_emotions=EXTRA_EMOTIONS,
    more_happy=EXTRA_HAPPY_CORES,
)

# Fifth-pass families (accusing questions, repeated failures, blame for a cost, sarcasm,
# contradiction confusion): appended last, so every earlier family keeps its split.
from assist.nlp.training.templates_en_fifth import FIFTH_EMOTIONS  # noqa: E402

append_families(CORES, EMOTIONS, HAPPY_CORES, more_emotions=FIFTH_EMOTIONS)
