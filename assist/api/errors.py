"""The local API's error codes (E910–E929; documented in docs/integration.md)."""

from __future__ import annotations

from assist.errors import error_code

E910 = error_code("E910", "The local API needs the agent's token (Authorization: Bearer …)")
E911 = error_code("E911", "The local API refuses requests from this web origin")
E912 = error_code("E912", "The request body is larger than the local API accepts")
E913 = error_code("E913", "The request does not match the local API's OpenAPI document")
E914 = error_code("E914", "The local API answers only requests addressed to 127.0.0.1")
E915 = error_code("E915", "The local API's token needs the OS keyring, which is not usable")
E916 = error_code("E916", "The local API could not listen on its port")
E917 = error_code("E917", "The language engine is still loading; the request can be repeated")
