"""The console writes the supervisor's policy through tomlkit: valid TOML for any key and
value, and the supervisor's comments kept.

Before, a hand-made writer produced invalid TOML for an emoji key or U+007F in a value
and dropped every comment from the file it saved over.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from assist.authority.policy_file import read_policy_file
from assist.authority.policy_template import example_policy_text
from ui.console.policy_model import form_to_toml, policy_to_form

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=10)
SCALAR = st.one_of(
    TEXT,
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.dates(),
    st.lists(TEXT, max_size=3),
)
TABLE = st.recursive(
    st.dictionaries(TEXT, SCALAR, max_size=4),
    lambda inner: st.dictionaries(TEXT, st.one_of(SCALAR, inner), max_size=4),
    max_leaves=12,
)


@settings(max_examples=250, deadline=None)
@given(TABLE)
@example({"🎉": "x\x7fy", "roles": {"agent 😀": {"label": "a\x7f\"'\\\n"}}})
@example({"name": "", "types": {}, "agents": {"lead.budi": {"role": "team_lead"}}})
def test_any_form_round_trips(form: dict[str, object]) -> None:
    assert tomllib.loads(form_to_toml(form)) == form


@settings(max_examples=100, deadline=None)
@given(TABLE, TABLE)
def test_updating_a_file_gives_exactly_the_new_form(
    old: dict[str, object], new: dict[str, object]
) -> None:
    assert tomllib.loads(form_to_toml(new, form_to_toml(old))) == new


def test_supervisors_comments_survive_a_save(tmp_path: Path) -> None:
    source = tmp_path / "policy.toml"
    text = example_policy_text(date(2026, 12, 1))
    text = "# Kebijakan tim Jakarta — ditinjau tiap bulan\n" + text.replace(
        "[roles.agent.rules.voucher]",
        "# Voucher: dinaikkan Juni setelah rapat 😀\n[roles.agent.rules.voucher]",
        1,
    )
    source.write_text(text, encoding="utf-8")
    policy, problems = read_policy_file(source)
    assert policy is not None, problems
    form = policy_to_form(policy)
    form["version"] = int(form["version"]) + 1
    form["name"] = "Tim Jakarta \x7f 🎉"
    saved = form_to_toml(form, text)
    assert "# Kebijakan tim Jakarta — ditinjau tiap bulan" in saved
    assert "# Voucher: dinaikkan Juni setelah rapat 😀" in saved
    assert tomllib.loads(saved)["name"] == "Tim Jakarta \x7f 🎉"
    again = tmp_path / "again.toml"
    again.write_text(saved, encoding="utf-8")
    reread, problems = read_policy_file(again)
    assert reread is not None, problems
    assert reread.version == policy.version + 1
    assert reread.roles == policy.roles
