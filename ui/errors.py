"""The sidebar's error codes (E6xx); each is documented in docs/sidebar.md."""

from __future__ import annotations

from assist.errors import error_code

E601 = error_code("E601", "A background task in the sidebar failed unexpectedly")
E602 = error_code("E602", "The customer cache could not be opened by the sidebar")
E603 = error_code("E603", "The language engine could not be loaded")
E604 = error_code("E604", "An interface translation file is missing or broken")
E605 = error_code("E605", "There is no conversation to act on yet")
E606 = error_code("E606", "The demo data could not be created")
E607 = error_code("E607", "The sidebar needs a display (Qt platform) it could not open")
