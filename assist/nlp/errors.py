"""Coded errors of the language engine (E3xx)."""

from __future__ import annotations

from assist.errors import error_code

E301 = error_code("E301", "A language pipeline is missing or cannot be loaded")
E302 = error_code("E302", "A batch input line is not a JSON object with a text field")
E303 = error_code("E303", "The training corpus is missing or not valid JSON lines")
E304 = error_code("E304", "An order-number pattern is not a valid regular expression")
E305 = error_code("E305", "The shared training data folder was not found")
E306 = error_code("E306", "A language data file in resources/nlp is missing or invalid")
E307 = error_code("E307", "Training needs the train extra (scikit-learn)")
E308 = error_code("E308", "A hand-written training message has a missing or unknown label")
E309 = error_code("E309", "A hand-written training draft has a missing or unknown sentence kind")
E310 = error_code("E310", "A hand-written test set row has a missing or unknown label")
E311 = error_code("E311", "The message encoder is damaged or cannot be loaded")
E312 = error_code("E312", "A blind set cannot be assembled or spent")

__all__ = ["E301", "E302", "E303", "E304", "E305", "E306", "E307", "E308", "E309", "E310"]
