"""The engine's process holds spaCy without spaCy's command line (``assist.nlp.spacy_import``).

``import spacy`` would import typer, requests, httpx, weasel and jinja2 for ``spacy.info``:
about 18 MB of the engine's 150 MB budget (`peka bench nlp`'s `rss_mb`,
docs/performance.md). Run in a fresh interpreter: the test process imported spaCy already.
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from assist.nlp import load_engine
engine = load_engine()
result = {"emotion": engine.analyze("Pesanan saya belum sampai juga, kecewa!").emotion}
result["loaded"] = sorted(
    m for m in ("spacy.cli", "typer", "click", "requests", "httpx", "weasel", "jinja2", "rich")
    if m in sys.modules
)
import spacy
result["info"] = spacy.info()["spacy_version"] == spacy.__version__
import spacy.cli
result["real_cli"] = callable(getattr(spacy.cli, "setup_cli", None))
print(json.dumps(result))
"""


def test_loading_the_engine_leaves_spacys_command_line_out_until_asked_for() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=180
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["emotion"] in ("angry", "disappointed")
    assert result["loaded"] == []
    # spacy.info and an explicit import still reach the real command line.
    assert result["info"] is True
    assert result["real_cli"] is True


def test_a_spacy_imported_before_is_used_as_it_is() -> None:
    import spacy

    from assist.nlp.spacy_import import import_spacy

    assert import_spacy() is spacy
    assert "spacy.cli" not in sys.modules or hasattr(sys.modules["spacy.cli"], "setup_cli")
