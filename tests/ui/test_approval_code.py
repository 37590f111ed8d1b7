"""Acceptance: above-authority compensation through a real, signed approval code."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from assist.authority.approvals import APPROVE, issue_decision, parse_request
from assist.authority.keys import generate_signing_key
from assist.authority.models import REQUIRES_APPROVAL
from assist.authority.policy_file import load_policy_text
from assist.authority.policy_template import example_policy_text
from assist.authority.service import AuthorityService
from assist.authority.signing import sign_policy
from tests.ui.conftest import make_window
from tests.ui.test_conversation import start_conversation


@pytest.fixture
def supervised(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Settings whose policy a supervisor signed with a key in this computer's keyring."""
    key = generate_signing_key("sup.ani")
    keys_dir = tmp_path / "sup-keys"
    keys_dir.mkdir()
    (keys_dir / "sup.ani.pub").write_text(key.public.file_text(), "utf-8")
    now = datetime.now(UTC)
    policy = load_policy_text(example_policy_text(now.date()), "policy.toml")
    policy = replace(policy, version=3, name="Kebijakan tim CS")
    policy_path = tmp_path / "policy.signed.json"
    policy_path.write_text(sign_policy(policy, key, now - timedelta(minutes=1)), "utf-8")
    return replace(settings, policy_path=policy_path, keys_dir=keys_dir), key


def test_a_pasted_approval_code_grants_once(qtbot, supervised) -> None:  # type: ignore[no-untyped-def]
    settings, key = supervised
    win = make_window(qtbot, settings)
    qtbot.waitUntil(lambda: win.status.policy is not None, timeout=10_000)
    assert win.status.policy.valid, win.status.policy.reason
    assert win.status.policy_label.text().startswith("Kebijakan tim CS v3 · sup.ani · ")
    start_conversation(qtbot, win)
    qtbot.waitUntil(lambda: win.compensation.option_count() > 0, timeout=10_000)
    above = [o for o in win.compensation.options if o.status == REQUIRES_APPROVAL]
    if not above:  # ask for more than the agent may give of a money option
        first = next(o for o in win.compensation.options if o.unit != "days")
        above = [replace(first, status=REQUIRES_APPROVAL, amount_minor=first.amount_minor * 3)]
    option = above[0]
    win.compensation.reason.setText("Pelanggan menunggu 6 hari")
    win.compensation.choose(option)
    qtbot.waitUntil(lambda: win.compensation.request_box.isVisibleTo(win), timeout=10_000)
    request = parse_request(win.compensation.request_text.toPlainText())
    assert (request.type, request.amount_minor) == (option.type, option.amount_minor)

    # The supervisor approves it with their key (the console's approvals code path).
    code = issue_decision(request, key, decision=APPROVE, note="ok")
    customer_id = win.controller.customer.record.customer.id
    before = win.reply.text()
    win.compensation.code.setText(code)
    qtbot.keyClick(win.compensation.code, Qt.Key_Return)
    qtbot.waitUntil(lambda: win.reply.text() != before, timeout=10_000)
    assert win.compensation.code.text() == ""
    assert not win.compensation.request_box.isVisibleTo(win)

    # Pasting the same code again grants nothing and says why.
    win.compensation.code.setText(code)
    qtbot.keyClick(win.compensation.code, Qt.Key_Return)
    qtbot.waitUntil(lambda: win.status.message.text().startswith("[E546]"), timeout=10_000)

    service = AuthorityService.open(
        ledger_path=settings.ledger_path,
        policy_path=settings.policy_path,
        keys_dir=settings.keys_dir,
        agent_id=settings.agent_id,
    )
    grants = service.received_recently(customer_id)
    assert [(g.type, g.amount_minor) for g in grants] == [(option.type, option.amount_minor)]
    assert grants[0].approval_id == request.request_id
    win.close()
