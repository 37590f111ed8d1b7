"""Error codes of team mode: the PostgreSQL server of record (E800–E899)."""

from __future__ import annotations

from assist.errors import error_code

# The throwaway cluster (tests, benchmarks) and reaching a server.
E801 = error_code("E801", "PostgreSQL's server programs were not found")
E802 = error_code("E802", "Running as root and there is no unprivileged user to run PostgreSQL")
E803 = error_code("E803", "A throwaway PostgreSQL cluster could not be created or started")

# Reaching the server, setting it up and enrolling agents.
E804 = error_code("E804", "The team server cannot be reached (Peka is offline)")
E805 = error_code("E805", "Setting up the team server needs a PostgreSQL superuser")
E806 = error_code("E806", "The team server's schema is newer than this Peka")
E807 = error_code("E807", "Agent id or login is not valid or already taken")
E808 = error_code("E808", "The team server has no Peka schema yet")
E809 = error_code("E809", "Join code is not valid")
E810 = error_code("E810", "This login is not an enrolled, active agent")
E811 = error_code("E811", "Only a supervisor may do this on the team server")
E812 = error_code("E812", "No policy has been published to the team server")
E813 = error_code("E813", "No such approval request on the team server")
E814 = error_code("E814", "A supervisor cannot decide their own request")
E815 = error_code("E815", "Approval request was already decided")
E816 = error_code("E816", "The OS keyring cannot keep the team login")
E817 = error_code("E817", "No team-server login for this account")
E818 = error_code("E818", "Team limits file is not valid")
E819 = error_code("E819", "The team server reported an unexpected error")

# Money the server refuses.
E820 = error_code("E820", "The team's daily budget would be exceeded")
E821 = error_code("E821", "A standalone ledger cannot be imported")

# Offline.
E830 = error_code("E830", "Offline grant is above the policy's offline allowance")
E831 = error_code("E831", "Offline and the policy allows no grant without the server")
E832 = error_code("E832", "The team outbox file cannot be opened")

# Audit on the server.
E840 = error_code("E840", "The team server's audit chain or grants do not verify")
