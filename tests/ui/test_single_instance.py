"""One sidebar per user session: `peka open` and a second `peka-sidebar` hand their
request to the running sidebar (real processes, real local socket, real local API)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist import paths
from tests.live import api_get, child_folders, free_port, peka, peka_env, stop, token_of, wait_for


@pytest.fixture
def customers(tmp_path: Path) -> tuple[Path, list]:
    from assist.cache import Cache
    from assist.cache.demo import generate_demo_cache

    cache = tmp_path / "cache.sqlite"
    generate_demo_cache(cache, customers=40, seed=3)
    with Cache.open(cache, readonly=True) as db:
        hits = [h for h in db.search("a", limit=40) if h.phone and h.email]
    return cache, hits


def test_second_start_hands_its_request_to_the_running_sidebar(
    tmp_path: Path,
    customers: tuple[Path, list],
    qapp: object,
) -> None:
    from ui.instance import hand_over, server_name

    cache, hits = customers
    home = tmp_path / "home"
    port = free_port()
    env = peka_env(home, port=port)
    first = peka(["gui", "--db", str(cache)], env)
    try:
        # The socket's name depends on the configuration folder: the child's.
        with paths.folders_used(child_folders(env)):
            name = server_name()
        wait_for(
            lambda: first.poll() is None and hand_over({"action": "show"}, name),
            60,
            "the sidebar to listen on its local socket",
        )
        token = wait_for(
            lambda: (home / "keyring.json").exists() and token_of(home), 30, "the API token"
        )
        wait_for(
            lambda: (api_get(port, "/v1/status", token) or {}).get("ready"),
            90,
            "the sidebar's language engine",
        )

        # peka open --phone: handed over, the second process exits at once.
        target = hits[0]
        second = peka(
            ["open", "--phone", target.phone, "--message", "Paket saya belum sampai!"], env
        )
        assert second.wait(timeout=60) == 0, second.stderr.read() if second.stderr else ""
        state = wait_for(
            lambda: (
                (s := api_get(port, "/v1/suggestions", token))
                and s["customer"]
                and s["customer"]["id"] == target.customer_id
                and s["analysis"]
                and s
            ),
            60,
            "the running sidebar to open the customer",
        )
        assert state["context"]["source"] == "peka-open"
        assert state["context"]["matched_by"] == "phone"

        # A peka:// link (what the desktop file passes), another customer by e-mail.
        other = hits[1]
        third = peka(["open", f"peka://open?email={other.email}&channel=email"], env)
        assert third.wait(timeout=60) == 0
        wait_for(
            lambda: (
                (s := api_get(port, "/v1/suggestions", token))
                and s["customer"]
                and s["customer"]["id"] == other.customer_id
            ),
            60,
            "the second customer",
        )
        # A second peka-sidebar does not start another window either.
        fourth = peka(["gui", "--db", str(cache)], env)
        assert fourth.wait(timeout=60) == 0
        assert first.poll() is None  # the first one is still the sidebar
    finally:
        stop(first)


def test_bad_open_requests_are_refused_before_anything_starts(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ui.entry import full_cli

    runner = CliRunner()
    none = runner.invoke(full_cli(), ["open"])
    assert none.exit_code == 1 and "[E920]" in none.output
    two = runner.invoke(full_cli(), ["open", "--phone", "0812", "--email", "a@b.c"])
    assert two.exit_code == 1 and "[E920]" in two.output
    bad_url = runner.invoke(full_cli(), ["open", "https://evil.example/open?phone=1"])
    assert bad_url.exit_code == 1 and "[E921]" in bad_url.output
    unknown = runner.invoke(full_cli(), ["open", "peka://open?phone=0812&token=x"])
    assert unknown.exit_code == 1 and "token" in unknown.output
