"""The extension in Chromium on WhatsApp-Web-like and Chatwoot-like pages, talking to a
real `peka api serve`: the customer's message reaches Peka without a paste, suggestions
follow the typing in the helpdesk's reply box, a picked suggestion lands at the cursor."""

from __future__ import annotations

from tests.extension.conftest import Live
from tests.live import wait_for

PANEL_BUTTONS = "peka-panel button.s"


def test_whatsapp_web_message_typing_and_pick_at_the_cursor(live: Live) -> None:
    customer = live.customers[0]
    page = live.context.new_page()
    page.goto(f"{live.pages}/whatsapp")
    page.evaluate("phone => window.pekaTest.openChat(phone)", customer.phone)
    message = "Pesanan saya sudah 6 hari belum sampai juga!!! Kecewa banget."
    page.evaluate("text => window.pekaTest.receive(text)", message)

    state = wait_for(
        lambda: (
            (s := live.state()).get("customer")
            and s["customer"]["id"] == customer.customer_id
            and s.get("analysis")
            and s
        ),
        30,
        "the customer's message to reach Peka",
    )
    assert state["context"]["source"] == "extension"
    assert state["context"]["matched_by"] == "phone"
    assert state["conversation"] == f"whatsapp-web:{customer.phone}"
    page.locator(PANEL_BUTTONS).first.wait_for(timeout=15_000)

    composer = page.locator("footer [contenteditable='true']")
    composer.click()
    page.keyboard.type("Halo Kak. Terima kasih sudah menunggu.")
    wait_for(
        lambda: live.state().get("draft") == "Halo Kak. Terima kasih sudah menunggu.",
        15,
        "the draft typed in WhatsApp to reach Peka",
    )
    # The caret after "Halo Kak." – the draft around it must stay as typed.
    page.keyboard.press("End")
    for _ in range(len(" Terima kasih sudah menunggu.")):
        page.keyboard.press("ArrowLeft")
    button = page.locator(PANEL_BUTTONS).first
    suggestion_id = button.get_attribute("data-suggestion-id")
    picked = button.locator("span").nth(1).inner_text()
    button.click()

    expected = f"Halo Kak. {picked} Terima kasih sudah menunggu."
    wait_for(lambda: composer.inner_text().strip() == expected, 10, "the pick at the cursor")
    after = wait_for(
        lambda: (s := live.state()).get("draft") == expected and s,
        15,
        "Peka to see the draft with the pick",
    )
    assert suggestion_id not in [s["id"] for s in after["suggestions"]]
    page.close()


def test_chatwoot_editor_and_a_new_conversation_parks_the_first(live: Live) -> None:
    first, second = live.customers[1], live.customers[2]
    page = live.context.new_page()
    page.goto(f"{live.pages}/app/accounts/1/conversations/7")
    page.evaluate(
        "c => window.pekaTest.openConversation(7, c)",
        {"name": first.full_name, "email": first.email, "phone": ""},
    )
    page.evaluate("t => window.pekaTest.receive(t)", "Barang yang datang rusak, dus penyok.")
    wait_for(
        lambda: (
            (s := live.state()).get("conversation") == "chatwoot:7"
            and s.get("customer")
            and s["customer"]["id"] == first.customer_id
            and s.get("analysis")
        ),
        30,
        "the Chatwoot conversation to reach Peka",
    )
    editor = page.locator(".reply-box .ProseMirror")
    editor.click()
    page.keyboard.type("Mohon maaf ya")
    wait_for(lambda: live.state().get("draft") == "Mohon maaf ya", 15, "the Chatwoot draft")
    button = page.locator(PANEL_BUTTONS).first
    picked = button.locator("span").nth(1).inner_text()
    button.click()  # the caret is at the end of the draft
    wait_for(
        lambda: editor.inner_text().strip() == f"Mohon maaf ya {picked}",
        10,
        "the pick at the end of the draft",
    )

    # The agent opens another conversation: the first one is parked, nothing mixes.
    page.evaluate(
        "c => window.pekaTest.openConversation(8, c)",
        {"name": second.full_name, "email": second.email, "phone": ""},
    )
    page.evaluate("t => window.pekaTest.receive(t)", "Halo, refund saya kapan masuk ya?")
    state = wait_for(
        lambda: (
            (s := live.state()).get("conversation") == "chatwoot:8"
            and s.get("customer")
            and s["customer"]["id"] == second.customer_id
            and s
        ),
        30,
        "the second conversation",
    )
    assert state["context"]["parked"] >= 1
    assert "Mohon maaf" not in state["draft"]
    page.close()


MENU = "peka-send-selection"


def test_send_to_peka_on_a_page_no_adapter_knows(live: Live) -> None:
    """The agent selects the customer's e-mail on a ticket page and picks "Send to Peka".

    Headless Chromium draws no context menu to click, so the test makes the selection
    with the mouse as the agent does, then calls the very function Chromium calls for a
    click on the item (``sendSelection``, the ``contextMenus.onClicked`` listener) with
    the ``OnClickData`` Chromium would pass: the menu item's id and the page's selection.
    """
    worker = live.context.service_workers[0]
    # The item exists (update fails for an id that was never created).
    exists = """id => new Promise(done => chrome.contextMenus.update(id, {}, () =>
        done(chrome.runtime.lastError ? chrome.runtime.lastError.message : "ok")))"""
    assert worker.evaluate(exists, MENU) == "ok"
    assert worker.evaluate(exists, "no-such-item") != "ok"

    page = live.context.new_page()
    page.goto(f"{live.pages}/tickets/4711")
    assert page.locator("peka-panel").count() == 0  # no adapter runs here
    page.locator("#message").click(click_count=3)  # the agent selects the paragraph
    selected = page.evaluate("() => getSelection().toString()").strip()
    assert selected.startswith("Sudah 9 hari refund") and selected.endswith("kecewa sekali.")

    click = {
        "menuItemId": MENU,
        "selectionText": selected,
        "pageUrl": page.url,
        "frameId": 0,
        "editable": False,
    }
    answer = worker.evaluate("info => sendSelection(info)", click)
    assert "error" not in answer, answer
    # What the real local API now holds for the conversation the sidebar follows.
    state = wait_for(
        lambda: (
            (s := live.state()).get("analysis")
            and "INV/2026/11/0042" in s["analysis"]["order_refs"]
            and s
        ),
        30,
        "the selected message to reach Peka",
    )
    assert state["analysis"]["emotion"] and state["suggestions"]
    # Another menu item's click, or one with nothing selected, sends nothing.
    assert worker.evaluate("info => sendSelection(info)", {**click, "menuItemId": "x"}) is None
    assert worker.evaluate("info => sendSelection(info)", {**click, "selectionText": ""}) is None
    page.close()
