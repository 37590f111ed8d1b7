"""The application core's error codes (E602–E605, kept from the sidebar that first had
them; documented in docs/sidebar.md)."""

from __future__ import annotations

from assist.errors import error_code

E602 = error_code("E602", "The customer cache could not be opened by the sidebar")
E603 = error_code("E603", "The language engine could not be loaded")
E604 = error_code("E604", "An interface translation file is missing or broken")
E605 = error_code("E605", "There is no conversation to act on yet")

# Issue 12's range (E900–E999): following the helpdesk's conversation (docs/integration.md).
E900 = error_code("E900", "A draft or pick names another conversation than the one Peka follows")
E901 = error_code("E901", "A conversation context is not valid")
E920 = error_code("E920", "`peka open` needs exactly one customer and valid options")
E921 = error_code("E921", "A peka:// link is not valid")
