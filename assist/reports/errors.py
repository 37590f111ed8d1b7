"""Error codes of reports, team exports and team imports (E71x–E72x)."""

from __future__ import annotations

from assist.errors import error_code

E710 = error_code("E710", "The file is not a Peka export")
E711 = error_code("E711", "The export file is incomplete or was changed after export")
E712 = error_code("E712", "An export record clashes with one already imported")
E713 = error_code("E713", "The team database is not a Peka team database or is too new")
E714 = error_code("E714", "A report date is not valid")
E715 = error_code("E715", "The report or export could not be written")
E716 = error_code("E716", "The compensation ledger could not be read for the report")
