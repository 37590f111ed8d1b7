"""The sidebar's error codes (E6xx); each is documented in docs/sidebar.md.

E602–E605 belong to the application core now (:mod:`assist.app.errors`)."""

from __future__ import annotations

from assist.app.errors import E602, E603, E604, E605
from assist.errors import error_code

__all__ = ["E601", "E602", "E603", "E604", "E605", "E606", "E607", "E922"]

E601 = error_code("E601", "A background task in the sidebar failed unexpectedly")
E606 = error_code("E606", "The demo data could not be created")
E607 = error_code("E607", "The sidebar needs a display (Qt platform) it could not open")
# Issue 12 (E900–E999): single instance.
E922 = error_code("E922", "The sidebar could not listen for later starts (single instance)")
