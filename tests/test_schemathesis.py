"""Schemathesis drives every operation of the OpenAPI document with generated input, as an
authenticated administrator; no input may cause a server error."""

from collections import Counter

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from sqlalchemy import Engine

from concordia.app import create_app
from tests.factories import bearer

EXAMPLES = 12


def test_no_input_causes_a_server_error(engine: Engine) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(engine))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30
    statuses: Counter[int] = Counter()

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            response = case.call_and_validate(headers=bearer("admin"), checks=[not_a_server_error])
            statuses[response.status_code // 100] += 1

        run()
    assert statuses[2] > 50 and statuses[4] > 50, statuses  # both paths really exercised
