"""Error codes of the supervisor console (E74x); documented in docs/console.md."""

from __future__ import annotations

from assist.errors import error_code

E740 = error_code(
    "E740", "The supervisor console needs a supervisor's signing key on this computer"
)
E741 = error_code("E741", "The edited policy has problems and cannot be signed")
E742 = error_code("E742", "A phrase file could not be imported or exported")
