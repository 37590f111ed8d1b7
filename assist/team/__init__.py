"""Team mode: PostgreSQL as the system of record for authority, approvals and audit.

See docs/team.md. :mod:`assist.team.pgcluster` starts throwaway clusters for tests and
benchmarks.
"""
