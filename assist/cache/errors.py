"""Error codes of the customer cache and the importer (E2xx)."""

from __future__ import annotations

from assist.errors import error_code

E201 = error_code("E201", "The cache file cannot be opened or is not a Peka cache")
E202 = error_code("E202", "The cache file does not exist")
E203 = error_code("E203", "The cache was written by a newer Peka")
E210 = error_code("E210", "An import file cannot be read")
E211 = error_code("E211", "The kind of records in an import file cannot be recognised")
E212 = error_code("E212", "An import file has an unknown or missing column")
E220 = error_code("E220", "A required field is empty")
E221 = error_code("E221", "A date or time cannot be read")
E222 = error_code("E222", "An amount cannot be read")
E223 = error_code("E223", "A value is not one of the allowed values")
E224 = error_code("E224", "A phone number or e-mail address is not valid")
E225 = error_code("E225", "A record names a customer that is not in the cache")
E226 = error_code("E226", "The same record appears twice in one file")
E227 = error_code("E227", "A field has the wrong form")
E229 = error_code("E229", "One or more import files were rejected")
E230 = error_code("E230", "A cache command was given an impossible argument")

# Opening the cache (E290–E299).
E290 = error_code("E290", "The cache file is locked by another program")
E291 = error_code("E291", "A cache cannot be set aside (it opens, is a folder, cannot be moved)")
E292 = error_code("E292", "The cache path names an SQLite file holding other data")
