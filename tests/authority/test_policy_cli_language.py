"""``peka policy init``/``validate`` speak the interface language (``ui.language``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assist import paths
from assist.cli.common import get_config
from ui.entry import full_cli


def use_language(language: str) -> None:
    target = paths.user_config_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f'[ui]\nlanguage = "{language}"\n', encoding="utf-8")
    get_config.cache_clear()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(full_cli(), list(args))
    return result.exit_code, result.stdout, result.stderr


def broken(tmp_path: Path) -> Path:
    target = tmp_path / "broken.toml"
    assert run("policy", "init", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace("max_grants_per_customer_30d", "max_grant").replace(
            'currency = "IDR"', 'currency = "XYZ"'
        ),
        encoding="utf-8",
    )
    return target


def test_indonesian_interface(tmp_path: Path) -> None:
    use_language("id")
    target = tmp_path / "policy.toml"
    code, out, _ = run("policy", "init", str(target))
    assert code == 0 and "sudah ditulis" in out and "peka policy validate" in out
    code, out, _ = run("policy", "validate", str(target))
    assert code == 0
    assert ": valid, versi 1, berlaku sampai " in out
    assert "  peran agent: " in out and "aturan khusus agen: siti.rahma" in out
    assert "expires" not in out and "role " not in out
    code, out, err = run("policy", "validate", str(broken(tmp_path)))
    assert code == 1 and out == ""
    assert "[E503] mata uang 'XYZ' tidak dikenal" in err
    assert "[E502] kolom 'max_grant' tidak dikenal. Maksudnya 'max_amount'?" in err
    assert err.rstrip().endswith("2 masalah ditemukan.")
    assert "unknown" not in err and "problem" not in err


def test_english_interface(tmp_path: Path) -> None:
    use_language("en")
    target = tmp_path / "policy.toml"
    code, out, _ = run("policy", "init", str(target))
    assert code == 0 and out.startswith(f"Wrote {target}. Edit it, then run:")
    code, out, _ = run("policy", "validate", str(target))
    assert code == 0 and ": valid, version 1, expires " in out
    assert "  role agent: " in out and "agent overrides: siti.rahma" in out
    code, out, err = run("policy", "validate", str(broken(tmp_path)))
    assert code == 1
    assert "[E503] unknown currency 'XYZ'" in err
    assert "[E502] unknown field 'max_grant'. Did you mean 'max_amount'?" in err
    assert err.rstrip().endswith("2 problems found.")
    assert "tidak" not in err


@pytest.mark.parametrize("language", ["id", "en"])
def test_json_stays_machine_readable_in_either_language(tmp_path: Path, language: str) -> None:
    use_language(language)
    code, out, _ = run("policy", "validate", str(broken(tmp_path)), "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert {p["code"] for p in report["problems"]} == {"E502", "E503"}
    assert any(p["message"].startswith("unknown currency") for p in report["problems"])


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "id",
            (
                "disimpan di keyring sistem operasi",
                "serahkan ke IT",
                "Versi 1 ditandatangani sebagai sup.ani",
                "Tidak ada kebijakan yang berlaku: [E510]",
                "Tidak ada yang termasuk wewenang Anda",
                "dipasang di",
                "Kunci publik",
                "Kebijakan versi 1 ditandatangani sup.ani, berlaku sampai ",
                "; peran Anda: agent.",
            ),
        ),
        (
            "en",
            (
                "stored in the OS keyring",
                "give it to IT",
                "Signed version 1 as sup.ani",
                "No valid policy: [E510]",
                "Nothing is within your authority",
                "Installed policy version 1 signed by sup.ani",
                "Installed public key",
                "Policy version 1 signed by sup.ani, valid until ",
                "; your role: agent.",
            ),
        ),
    ],
)
def test_the_whole_policy_round_trip_speaks_the_interface_language(
    tmp_path: Path, language: str, words: tuple[str, ...]
) -> None:
    use_language(language)
    policy, signed = tmp_path / "policy.toml", tmp_path / "policy.signed.json"
    said = [run("policy", "init", str(policy))]
    said.append(run("policy", "keygen", "--name", "sup.ani", "--out", str(tmp_path)))
    said.append(run("policy", "sign", str(policy), "--name", "sup.ani", "--out", str(signed)))
    said.append(run("policy", "status"))
    said.append(run("policy", "install", str(signed), "--key", str(tmp_path / "sup.ani.pub")))
    said.append(run("policy", "status"))
    assert [code for code, _, _ in said] == [0, 0, 0, 1, 0, 0]
    text = "\n".join(out + err for _, out, err in said)
    for expected in words:
        assert expected in text, expected


def test_the_approval_round_trip_speaks_the_interface_language(tmp_path: Path) -> None:
    """Agent asks, supervisor reviews and decides, agent accepts: each reads their own
    language; type ids become labels, amounts and dates are written the language's way."""
    use_language("en")
    policy, signed = tmp_path / "policy.toml", tmp_path / "policy.signed.json"
    assert run("policy", "init", str(policy))[0] == 0
    assert run("policy", "keygen", "--name", "sup.ani", "--out", str(tmp_path))[0] == 0
    assert run("policy", "sign", str(policy), "--name", "sup.ani", "--out", str(signed))[0] == 0
    pub = str(tmp_path / "sup.ani.pub")
    assert run("policy", "install", str(signed), "--key", pub)[0] == 0
    ask = [
        "approval", "request", "--customer", "C1", "--type", "full_refund",
        "--amount", "Rp 150.000", "--reason", "rusak", "--transaction", "INV-9",
        "--transaction-amount", "Rp 150.000", "--transaction-date", "2026-12-01",
    ]  # fmt: skip
    for language, words in (
        ("en", ("Full refund Rp 150,000 for C1.", "Send this line to a supervisor:")),
        ("id", ("Pengembalian dana penuh Rp 150.000 untuk C1.", "Kirim baris ini ke supervisor:")),
    ):
        use_language(language)
        code, out, err = run(*ask)
        assert code == 0, out + err
        assert all(w in out for w in words), out
        line = out.strip().splitlines()[-1]
        code, review, _ = run("approval", "review", line)
        assert code == 0
        if language == "id":
            assert "kompensasi" in review and "Pengembalian dana penuh Rp 150.000" in review
            assert "berlaku sampai" in review and "full_refund" not in review
        else:
            assert "compensation" in review and "Full refund Rp 150,000" in review
        code, out, _ = run("approval", "approve", line, "--name", "sup.ani")
        verdict = "disetujui" if language == "id" else "Approved"
        assert code == 0 and verdict in out
