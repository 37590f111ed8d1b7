"""A workstation granting as fast as it can: ``python -m tests.team.grant_worker JSON``.

JSON: {"dsn", "login", "password", "prefix", "count", "customers", "amounts", "types"}.
Prints one line per acknowledged grant ("ok KEY GRANT_ID") or refusal ("no KEY CODE"),
flushed at once, so a parent that kills this process knows exactly what was acknowledged.
"""

from __future__ import annotations

import json
import random
import sys


def raw(args: dict[str, object]) -> None:
    """The same server call as TeamClient.grant, without importing Peka (starts in 0.1 s)."""
    import psycopg

    rng = random.Random(args.get("seed"))  # type: ignore[arg-type]
    conn = psycopg.connect(
        str(args["dsn"]), user=args["login"], password=args["password"], autocommit=True
    )
    print("ready", flush=True)
    for i in range(int(args["count"])):  # type: ignore[call-overload]
        key = f"{args['prefix']}-{i}"
        row = conn.execute(
            "SELECT peka.grant(%s, %s, 'voucher', %s)",
            (key, rng.choice(args["customers"]), rng.choice(args["amounts"])),  # type: ignore[arg-type]
        ).fetchone()
        result = row[0] if row else {}
        if result.get("ok"):
            print(f"ok {key} {result['grant']['grant_id']}", flush=True)
        else:
            print(f"no {key} {result.get('code')}", flush=True)


def main() -> None:
    args = json.loads(sys.argv[1])
    if args.get("raw"):
        raw(args)
        return
    from assist.errors import PekaError
    from assist.team.client import TeamClient
    from assist.team.credentials import Credential

    client = TeamClient(args["dsn"], Credential(args["login"], args["password"]))
    rng = random.Random(args.get("seed"))
    print("ready", flush=True)
    for i in range(int(args["count"])):
        key = f"{args['prefix']}-{i}"
        try:
            grant, _ = client.grant(
                key=key,
                customer_id=rng.choice(args["customers"]),
                type=rng.choice(args.get("types", ["voucher"])),
                amount_minor=rng.choice(args["amounts"]),
            )
        except PekaError as exc:
            print(f"no {key} {exc.code}", flush=True)
        else:
            print(f"ok {key} {grant.grant_id}", flush=True)


if __name__ == "__main__":
    main()
