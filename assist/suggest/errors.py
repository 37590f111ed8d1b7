"""Error codes of the suggestion engine and the phrase library (E4xx)."""

from __future__ import annotations

from assist.errors import error_code

E401 = error_code("E401", "A phrase file line is not valid JSON")
E402 = error_code("E402", "A phrase has a missing, unknown or mistyped field")
E403 = error_code("E403", "A phrase has an unknown tag")
E404 = error_code("E404", "A phrase uses an unknown or malformed placeholder")
E405 = error_code("E405", "Two phrases share one id")
E406 = error_code("E406", "Two phrases have the same text")
E407 = error_code("E407", "A phrase has a bad intensity range")
E408 = error_code("E408", "An apology or admission of fault is tagged for the customer's fault")
E409 = error_code("E409", "No phrase has this id")
E410 = error_code("E410", "The supervisors' phrase database cannot be used")
E411 = error_code("E411", "The customer is not in the cache")
E412 = error_code("E412", "A suggestion id is not one the session offered")
