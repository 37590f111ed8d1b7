"""Error codes of the conversation outcome store (E70x)."""

from __future__ import annotations

from assist.errors import error_code

E701 = error_code("E701", "The outcome store is not a Peka outcome store or is too new")
E702 = error_code("E702", "No conversation outcome with that id")
E703 = error_code("E703", "A conversation outcome value is not allowed")
E704 = error_code("E704", "The outcome store could not be read or written")
