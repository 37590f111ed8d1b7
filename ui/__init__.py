"""Peka's PySide6 widgets. Everything here listens to ``assist`` and never queries
SQLite or spaCy itself."""
