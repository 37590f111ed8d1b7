"""Schemathesis fuzzes the running API against its own /openapi.json: no server errors,
every status and body as documented, and the token guard holds on every route.

The operations are driven with Hypothesis directly (``operation.as_strategy()``) rather
than through Schemathesis's pytest plugin, which does not load on the pinned pytest."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import TOKEN, Served


@pytest.fixture(scope="session")
def api_schema(served: Served) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"http://127.0.0.1:{served.port}/openapi.json")


def _each_operation(
    api_schema: schemathesis.BaseSchema, examples: int, check: Callable[[schemathesis.Case], None]
) -> list[str]:
    seen = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        seen.append(f"{operation.method.upper()} {operation.path}")

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            check(case)

        run()
    return seen


def test_api_keeps_its_openapi_promises(api_schema: schemathesis.BaseSchema) -> None:
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})

    seen = _each_operation(api_schema, 30, check)
    assert "POST /v1/context" in seen and "GET /v1/suggestions" in seen


def test_no_route_answers_without_the_token(api_schema: schemathesis.BaseSchema) -> None:
    def check(case: schemathesis.Case) -> None:
        response = case.call()
        if case.path == "/v1/hint":  # checks its page's origin instead of a token
            assert response.status_code in (403, 422), response.text
        else:
            assert response.status_code == 401, (case.path, response.text)

    _each_operation(api_schema, 5, check)
