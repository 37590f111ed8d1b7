"""The commented example policy that ``peka policy init`` writes (and the demo signs)."""

from __future__ import annotations

from datetime import date, timedelta

EXAMPLE_POLICY = """\
# Peka authority policy: what each agent may grant without asking a supervisor.
#
# Every field is described in docs/policy-format.md. Check this file with
#     peka policy validate policy.toml
# then sign it with your supervisor key and give the signed file to IT:
#     peka policy sign policy.toml --out policy.signed.json
#
# Amounts may be written "Rp 50.000", "50rb", "1,5jt" or as a whole number of rupiah
# (50000). Day-based types (service_credit_days, plan_upgrade) count whole days.

format = 1                  # the file format this document follows (always 1 for now)
version = 1                 # raise by one on every change: Peka never goes back to an older one
name = "Layanan pelanggan - kebijakan kompensasi"
currency = "IDR"
utc_offset = "+07:00"       # the time zone in which "today" starts for daily budgets (WIB)
expires = {expires}        # after this day nothing is within authority until a new policy
default_role = "agent"      # the role of agents who are not listed under [agents]
tiers = ["regular", "silver", "gold", "platinum"]   # customer tiers used below

# A compensation type a supervisor defines in addition to the built-in ones
# (voucher, shipping_fee_waiver, partial_refund, full_refund, cashback,
# service_credit_days, plan_upgrade).
[types.pulsa_bonus]
label_id = "Bonus pulsa"
label_en = "Phone credit bonus"
unit = "money"              # "money" or "days"
refund = false              # true: never more than the customer paid
fits_issues = ["service_outage", "poor_service"]

# ---------------------------------------------------------------- agent
[roles.agent]
label = "Agent"

[roles.agent.rules.voucher]
max_amount = "Rp 50.000"            # per grant
max_per_customer_30d = "Rp 100.000" # all vouchers to one customer over 30 days
max_grants_per_customer_30d = 2
daily_budget = "Rp 500.000"         # all vouchers this agent grants in one day
faults = ["company", "unknown"]     # not when the customer caused the problem

[roles.agent.rules.shipping_fee_waiver]
max_amount = "Rp 30.000"
daily_budget = "Rp 300.000"
issues = ["delivery_delay", "item_problem"]
requires_transaction = true

[roles.agent.rules.partial_refund]
max_amount = "Rp 100.000"
max_percent = 20                    # of the affected transaction; the smaller limit applies
daily_budget = "Rp 1.000.000"
needs_reason = true                 # the agent must write why
issues = ["item_problem", "billing_error", "delivery_delay"]
faults = ["company"]
transaction_statuses = ["completed", "delivered", "delayed", "disputed", "returned"]
max_transaction_age_days = 30

[roles.agent.rules.cashback]
max_amount = "25rb"
daily_budget = "250rb"
needs_reason_above = "Rp 10.000"

[roles.agent.rules.service_credit_days]
max_amount = 3                      # days
max_per_customer_30d = 7
daily_budget = 30
issues = ["service_outage", "account_access"]

[roles.agent.rules.pulsa_bonus]
max_amount = "Rp 20.000"
daily_budget = "Rp 200.000"

# ---------------------------------------------------------------- senior agent
[roles.senior_agent]
label = "Senior agent"

[roles.senior_agent.rules.voucher]
max_amount = "Rp 100.000"
max_per_customer_30d = "Rp 200.000"
daily_budget = "Rp 1.500.000"

[roles.senior_agent.rules.shipping_fee_waiver]
max_amount = "Rp 50.000"
daily_budget = "Rp 750.000"
requires_transaction = true

[roles.senior_agent.rules.partial_refund]
max_amount = "Rp 250.000"
max_percent = 50
daily_budget = "Rp 3.000.000"
needs_reason = true
faults = ["company", "unknown"]
max_transaction_age_days = 60

[roles.senior_agent.rules.full_refund]
max_amount = "Rp 300.000"           # a full refund is always the whole transaction
daily_budget = "Rp 2.000.000"
needs_reason = true
faults = ["company"]
max_transaction_age_days = 30

[roles.senior_agent.rules.cashback]
max_amount = "Rp 50.000"
daily_budget = "Rp 500.000"

[roles.senior_agent.rules.service_credit_days]
max_amount = 7
max_per_customer_30d = 14
daily_budget = 60

[roles.senior_agent.rules.plan_upgrade]
max_amount = 7
daily_budget = 30
tiers = ["gold", "platinum"]

# ---------------------------------------------------------------- team lead
[roles.team_lead]
label = "Team lead"

[roles.team_lead.rules.voucher]
max_amount = "Rp 250.000"
daily_budget = "Rp 5.000.000"

[roles.team_lead.rules.partial_refund]
max_amount = "Rp 1.000.000"
max_percent = 100
daily_budget = "Rp 10.000.000"
needs_reason = true

[roles.team_lead.rules.full_refund]
max_amount = "Rp 2.000.000"
daily_budget = "Rp 10.000.000"
needs_reason = true

[roles.team_lead.rules.service_credit_days]
max_amount = 30
daily_budget = 300

[roles.team_lead.rules.plan_upgrade]
max_amount = 30
daily_budget = 300

# ---------------------------------------------------------------- per-agent overrides
# The role named here wins over the agent's own configuration. Rules listed here
# change only the fields they name.
[agents."siti.rahma"]
name = "Siti Rahma"          # how reports name this agent (the id where missing)
role = "senior_agent"

[agents."siti.rahma".rules.voucher]
daily_budget = "Rp 2.000.000"
"""


def example_policy_text(today: date) -> str:
    """The example, expiring one year after ``today``."""
    return EXAMPLE_POLICY.replace("{expires}", (today + timedelta(days=365)).isoformat())
