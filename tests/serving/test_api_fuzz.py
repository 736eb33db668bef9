"""Schemathesis fuzzes every operation of the API's own OpenAPI document over real HTTP: whatever
it sends, the answer is never a 5xx, and every error has the ``{"error": {code, message}}`` body."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.serving.conftest import Served

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 12
"""Generated requests per operation (bounded so the suite stays quick)."""


def test_no_operation_answers_5xx(keyed_api: Served) -> None:
    spec = httpx.get(f"{keyed_api.url}/openapi.json").json()
    schema = schemathesis.openapi.from_dict(spec)
    headers = {"Authorization": "Bearer key-alice"}
    checked = []
    calls = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=MAX_EXAMPLES, deadline=None, database=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        @given(case=operation.as_strategy())
        def fuzz(case: schemathesis.Case) -> None:
            response = case.call(base_url=keyed_api.url, headers=headers, timeout=120)
            calls.append(response.status_code)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            if response.status_code >= 400:
                body = response.json()
                assert body["error"]["message"] and body["error"]["code"], body

        fuzz()
        checked.append(f"{operation.method.upper()} {operation.path}")
    assert "POST /v1/sessions/{session_id}/messages" in checked and len(checked) >= 12
    assert len(calls) >= 5 * len(checked)  # the fuzzer really sent requests
    assert any(c < 300 for c in calls) and any(400 <= c < 500 for c in calls)
