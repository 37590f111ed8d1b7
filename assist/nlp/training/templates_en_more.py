"""More English families (see templates_id_more): industries, requests, confusion.

Merged into :mod:`templates_en` after the original families.
"""

from __future__ import annotations

MORE_CORES: dict[str, list[list[str]]] = {
    "delivery_delay": [
        [
            "my food order has been on the way for {mins}",
            "the driver hasn't moved on the map for {mins}",
            "my food still isn't here after {mins}",
        ],
        [
            "my checked bag didn't arrive in {city}",
            "the airline lost my luggage and it still hasn't been delivered",
            "my suitcase wasn't on the belt when we landed",
        ],
        [
            "my replacement card still hasn't been mailed",
            "the new SIM card I ordered never came",
            "my credit card was supposed to arrive {dur} ago",
        ],
        [
            "the courier keeps rescheduling my delivery",
            "the parcel was sent back to the sender without asking me",
            "delivery failed again, they say they can't find my address",
        ],
        [
            "my order is still waiting for pickup after {dur}",
            "the seller hasn't handed my parcel to the courier",
            "the pre-order was supposed to ship {dur} ago",
        ],
    ],
    "item_problem": [
        [
            "the food was cold and soggy",
            "my drink spilled all over the bag",
            "one dish was missing from my food order",
            "they gave me the wrong meal",
        ],
        [
            "the battery on my {item} drains in an hour",
            "my {item} keeps shutting down by itself",
            "there are lines across the screen of my {item}",
        ],
        [
            "the seal was broken and it looks used",
            "I received a used item with scratches",
            "the item looks second hand, not new",
        ],
        [
            "the furniture arrived without the screws",
            "the table is wobbly and one leg is cracked",
            "parts are missing from the kit",
        ],
        [
            "the shirt shrank after one wash",
            "the colour ran the first time I washed it",
            "the shoes are a size smaller than the chart says",
        ],
    ],
    "billing_error": [
        [
            "my prepaid balance keeps getting eaten up",
            "my data ran out way too fast, something is wrong",
            "credit is being deducted even though I didn't use anything",
        ],
        [
            "my electricity bill doubled this month",
            "this month's water bill is {amount}, that can't be right",
            "my postpaid bill went up even though my usage didn't",
        ],
        [
            "my insurance premium was debited twice",
            "my installment was taken twice this month",
            "the premium went up without any notice",
        ],
        [
            "I topped up {amount} but my wallet balance didn't change",
            "I paid the bill but the app still says unpaid",
            "my card was charged but the ticket was never issued",
        ],
        [
            "the shipping fee I was charged is higher than what the app showed",
            "the voucher wasn't applied so I paid full price",
            "the promised cashback never showed up",
            "the price at checkout was different from what I was charged",
        ],
        [
            "there's a transfer fee of {amount} that was supposed to be free",
            "I was charged a late fee although I paid on time",
            "there's a subscription charge I never signed up for",
        ],
    ],
    "refund_pending": [
        [
            "the airline cancelled my flight and I still haven't got my refund",
            "my ticket refund has been pending for {dur}",
            "still no refund for the flight you cancelled",
        ],
        [
            "the driver cancelled my order and I never got the money back",
            "the payment failed but the money hasn't come back to my wallet",
            "my failed top up was never reversed",
        ],
        [
            "my deposit hasn't been returned",
            "I closed my account and the remaining balance wasn't sent back",
            "you still owe me my security deposit",
        ],
        [
            "my insurance claim was approved but I haven't been paid",
            "the claim payout keeps getting delayed",
            "the hospital reimbursement hasn't been transferred",
        ],
    ],
    "service_outage": [
        [
            "mobile banking won't open since this morning",
            "transfers in the banking app keep failing",
            "online banking is down again",
        ],
        [
            "I have data left but no internet",
            "I only get 3G, 4G is gone",
            "there is no mobile signal at my house",
        ],
        [
            "there's been no water from the tap for {dur}",
            "the power has been out since last night",
            "we have had a blackout in {city} all day",
        ],
        [
            "the chat feature in the app doesn't work",
            "the pay button doesn't do anything",
            "the app won't update",
        ],
        [
            "the airline website won't let me check in",
            "the booking site crashes at payment",
            "your booking system seems to be down",
        ],
        [
            "my wifi has been dead for {dur}",
            "the internet has been super slow since yesterday",
            "I restarted the router and still no connection",
        ],
    ],
    "account_access": [
        [
            "I got logged out and can't get back in",
            "it says my password is wrong but it isn't",
            "the app keeps saying my session expired",
        ],
        [
            "the face verification keeps failing",
            "I can't verify my ID in the app",
            "my account upgrade keeps getting rejected",
        ],
        [
            "the verification email never arrives",
            "the activation link never came",
            "I'm not getting the sign-in code",
        ],
        [
            "someone else is using my account",
            "there are transactions on my account that weren't me",
            "somebody changed my password",
        ],
    ],
    "poor_service": [
        [
            "the agent's answers had nothing to do with my question",
            "your support just says sorry and never fixes anything",
            "the call centre agent didn't understand my problem",
        ],
        [
            "the driver yelled at me for asking him to wait",
            "the courier threw my parcel over the fence",
            "the bank teller was really dismissive",
            "the airport staff refused to help",
        ],
        [
            "I've been told to visit the branch again and again",
            "my case keeps getting passed to another department",
            "every call ends with please wait and no answer",
        ],
        [
            "I've reported this over and over and get the same reply",
            "my complaint was never followed up",
            "my support ticket has had no response",
        ],
        [
            "the technician came late and didn't fix anything",
            "the technician asked me for extra cash on top of the official fee",
        ],
    ],
    "other": [
        [
            "how do I file an insurance claim",
            "how do I sign up for pay later",
            "what do I need to apply for a credit card",
            "how can I close my account",
        ],
        [
            "I'd like to change my delivery address to {city}",
            "I want to update the email on my account",
            "can I change the name on my account",
        ],
        [
            "can I reschedule my flight",
            "I want to switch to a cheaper internet plan",
            "can I add extra baggage to my booking",
        ],
        [
            "do you have any offers for existing customers",
            "can you send my bills by email",
            "can I pay by credit card",
            "how much is a new installation in {city}",
        ],
        [
            "I'd like to check the status of my application",
            "can I get my bank statement for the last three months",
        ],
    ],
}

MORE_HAPPY_CORES: list[list[str]] = [
    [
        "it was a bit late but it finally arrived",
        "the app had an issue yesterday but it's working now",
        "there was a problem at first but your agent fixed it fast",
    ],
    [
        "the driver was friendly and the food was still hot",
        "the courier was polite and brought it right to my door",
        "the technician came on time and fixed it straight away",
    ],
    [
        "my claim was processed so quickly",
        "the refund came back faster than I expected",
        "my application was approved right away",
    ],
]

MORE_EMOTIONS: dict[str, list[list[str]]] = {
    "angry": [
        ["this is infuriating", "I'm livid", "absolutely fuming right now"],
        ["how hard is it to answer a message", "do your job", "get your act together"],
        ["don't play games with my money", "I won't accept being treated like this"],
    ],
    "disappointed": [
        ["a bit disappointed", "kind of disappointed to be honest", "not great"],
        ["such a shame because I liked the product", "I even recommended you to friends"],
        ["oh well", "I guess that's how it is", "I'm tired of hoping"],
    ],
    "anxious": [
        ["I'm really nervous about this", "my heart is racing"],
        ["the payment is due tomorrow", "the deadline is today", "I fly out tomorrow morning"],
        ["is my data safe", "I'm afraid someone will misuse my details"],
    ],
    "confused": [
        [
            "I don't understand this bill",
            "the breakdown of charges is confusing",
            "I can't figure out why the amount is so high",
        ],
        [
            "I can't work out how this feature works",
            "I don't get how this is supposed to work",
            "the instructions in the app make no sense to me",
        ],
        [
            "the app says it's done but the email says pending, which is it",
            "I keep getting different answers",
            "I'm not sure who to believe",
        ],
        ["wait, what", "huh, how did that happen", "hold on, what does that even mean"],
        ["which form am I supposed to fill in", "I don't know where to start"],
    ],
    "neutral": [
        ["quick question, {core}", "just wanted to ask, {core}", "I have a question, {core}"],
        ["{core}, could you check please", "{core}. can you confirm the status", "{core}, fyi"],
        ["any update on this", "is there any progress", "what's the status now"],
        ["I've attached a screenshot", "the order number and receipt are attached"],
        ["please confirm", "kindly confirm once it's done", "let me know when it's sorted"],
        ["following up on my previous message", "just following up on my ticket"],
        ["how long does this usually take", "roughly when can I expect it"],
        ["what documents do you need from me", "do you need any other details from me"],
    ],
    "happy": [
        ["thanks so much, that really helped", "cheers, all sorted", "thx, you're a star"],
        ["so happy with this", "really pleased", "brilliant, thank you"],
        ["I'll definitely order again", "I'll recommend you to my friends"],
    ],
}

MORE_SLOTS: dict[str, list[str]] = {
    "mins": ["an hour", "45 minutes", "2 hours", "over an hour", "90 minutes"],
}

# Worry, puzzlement and resignation with varied syntax (appended last so the families
# above keep their train/test split).
MORE_EMOTIONS["anxious"] += [
    [
        "I'm honestly worried, {core}",
        "{core}, and I'm starting to panic",
        "{core}. I'm scared I've lost it",
    ],
    ["is my money safe?", "will I get my money back?", "what happens to my balance now?"],
    [
        "what if someone else has access to my account",
        "someone logged in from another city",
        "there's a payment I didn't make",
    ],
    [
        "I need this sorted before tomorrow",
        "the rent is due on Friday",
        "my visa appointment is in two days",
    ],
    ["please, this is urgent", "I really need help right now", "I can't afford to lose this money"],
]
MORE_EMOTIONS["confused"] += [
    [
        "what does this mean exactly?",
        "I'm not sure what this message means",
        "can someone explain this to me?",
    ],
    ["how is that even possible?", "I don't get how this happened", "this doesn't add up"],
    [
        "which one am I supposed to choose?",
        "what's the difference between the two plans?",
        "I can't tell which option applies to me",
    ],
    [
        "I'm lost with these steps",
        "I've read the FAQ and I'm still confused",
        "the instructions contradict each other",
    ],
]
MORE_EMOTIONS["disappointed"] += [
    ["oh well, never mind", "I guess I'll just give up", "forget it, it's not worth the hassle"],
    ["I expected better from you", "honestly a let down", "I had high hopes for this"],
    ["I regret ordering from you", "should have gone elsewhere", "what a waste of money"],
]
