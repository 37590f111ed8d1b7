"""Error codes of team mode: the PostgreSQL server of record (E800–E899)."""

from __future__ import annotations

from assist.errors import error_code

# The throwaway cluster (tests, benchmarks) and reaching a server.
E801 = error_code("E801", "PostgreSQL's server programs were not found")
E802 = error_code("E802", "Running as root and there is no unprivileged user to run PostgreSQL")
E803 = error_code("E803", "A throwaway PostgreSQL cluster could not be created or started")
