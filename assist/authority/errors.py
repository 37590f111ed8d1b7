"""Error codes of the authority engine, the ledger, approvals and the audit log (E5xx)."""

from __future__ import annotations

from assist.errors import error_code

# Policy files (``peka policy validate`` reports every problem with one of these).
E501 = error_code("E501", "Policy file is not valid TOML or JSON")
E502 = error_code("E502", "Policy file has an unknown field")
E503 = error_code("E503", "Policy field has the wrong type or value")
E504 = error_code("E504", "Policy file lacks a required field")
E505 = error_code("E505", "Policy refers to an unknown role, type, issue, fault or tier")

# The signed, installed policy (fail closed: no valid policy, nothing within authority).
E510 = error_code("E510", "No signed policy is installed")
E511 = error_code("E511", "Signed policy file is damaged or not a Peka signed policy")
E512 = error_code("E512", "Signature does not match: the file was changed after signing")
E513 = error_code("E513", "Signed by a key that is not installed")
E514 = error_code("E514", "Policy has expired or is not valid yet")
E515 = error_code("E515", "Policy is older than one already seen")
E516 = error_code("E516", "Policy version was already seen with different content")
E517 = error_code("E517", "No usable OS keyring for the signing key")
E518 = error_code("E518", "No signing key in the keyring under that name")
E519 = error_code("E519", "Public key file is not valid")

# Grants.
E520 = error_code("E520", "Compensation type is not within this agent's authority")
E521 = error_code("E521", "Amount is above the maximum per grant")
E522 = error_code("E522", "Customer's 30-day limit would be exceeded")
E523 = error_code("E523", "Agent's daily budget would be exceeded")
E524 = error_code("E524", "A refund may not exceed what the customer paid")
E525 = error_code("E525", "Case is not eligible for this compensation")
E526 = error_code("E526", "A written reason is required")
E527 = error_code("E527", "A fact the policy needs is missing")
E528 = error_code("E528", "Idempotency key was already used for a different grant")
E529 = error_code("E529", "Amount or compensation type is not valid")

# The ledger file.
E535 = error_code("E535", "Ledger cannot be opened")
E536 = error_code("E536", "Ledger was written by a newer Peka")
E537 = error_code("E537", "Ledger is busy")
E538 = error_code("E538", "Customer cache is not available for the grant's facts")

# Approvals above authority.
E540 = error_code("E540", "Approval request text is not valid")
E541 = error_code("E541", "Approval code is not valid")
E542 = error_code("E542", "Approval code signature does not match")
E543 = error_code("E543", "Approval code is signed by a key that is not installed")
E544 = error_code("E544", "Approval request or code has expired")
E545 = error_code("E545", "Approval code does not match this agent's request")
E546 = error_code("E546", "Approval code was already used")
E547 = error_code("E547", "Supervisor declined the request")

# Audit log.
E550 = error_code("E550", "Audit log chain is broken")
E551 = error_code("E551", "Ledger row does not match its audit entry")
E506 = error_code("E506", "A signing key already exists under that name")
E507 = error_code("E507", "Output file already exists")

# Authority hardening (issue 10: E552-E599).
E552 = error_code("E552", "The computer's clock is behind the latest time the ledger recorded")
E553 = error_code("E553", "The ledger's append-only guards were removed")
E554 = error_code("E554", "A ledger row and the audit log disagree (a row deleted or moved)")
E555 = error_code("E555", "The ledger's policy-version or clock record was lowered")
