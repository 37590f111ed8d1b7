"""The window paints before the language engine loads: building it must not import spaCy.

spaCy takes about a second to import; it belongs on the engine's background load, after
the first paint (`peka bench ui`'s `first_paint_ms`, docs/performance.md).
"""

from __future__ import annotations

import subprocess
import sys


def test_the_window_modules_do_not_import_spacy() -> None:
    probe = (
        "import sys; import ui.app, ui.window; "
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout.strip()
    assert out == "[]"
