"""The extension's manifest, managed-storage schema and built-in adapters agree with each
other and with docs/integration.md (no browser needed)."""

from __future__ import annotations

import json
import re

from tests.live import ROOT

EXTENSION = ROOT / "extension"


def _adapters_source() -> str:
    return (EXTENSION / "adapters.js").read_text(encoding="utf-8")


def test_manifest_is_mv3_for_chromium_and_firefox() -> None:
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 3
    assert manifest["host_permissions"] == ["http://127.0.0.1/*"]  # Peka only, nothing else
    assert manifest["storage"]["managed_schema"] == "managed_schema.json"
    assert manifest["browser_specific_settings"]["gecko"]["id"] == "helpdesk@peka-assist.org"
    for script in manifest["content_scripts"][0]["js"] + [manifest["background"]["service_worker"]]:
        assert (EXTENSION / script).is_file()


def test_managed_schema_follows_chromes_rules_and_covers_every_adapter_field() -> None:
    schema = json.loads((EXTENSION / "managed_schema.json").read_text(encoding="utf-8"))
    assert schema["type"] == "object" and "additionalProperties" not in schema
    fields = set(schema["properties"]["adapters"]["additionalProperties"]["properties"])
    built_in = set(re.findall(r"^\s{4}(\w+):", _adapters_source(), flags=re.M))
    assert built_in == fields, built_in ^ fields
    docs = (ROOT / "docs" / "integration.md").read_text(encoding="utf-8")
    missing = [f for f in sorted(fields | set(schema["properties"])) if f"`{f}`" not in docs]
    assert not missing, f"document these managed-storage fields: {missing}"


def test_built_in_adapters_are_whatsapp_web_and_chatwoot() -> None:
    names = re.findall(r'^  "([\w-]+)": \{', _adapters_source(), flags=re.M)
    assert names == ["whatsapp-web", "chatwoot"]
