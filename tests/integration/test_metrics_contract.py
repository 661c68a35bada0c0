"""The Metrics port's contract: EMF log lines (deployed) and the recorded list (unit tests)
count alike."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest

from chalicelib.adapters.emf_metrics import NAMESPACE, EmfMetrics
from chalicelib.adapters.memory_metrics import RecordedMetrics

Counted = list[tuple[str, int, dict[str, str]]]


class MetricsContract:
    @pytest.fixture
    def under_test(self) -> tuple[Any, Callable[[], Counted]]:  # pragma: no cover - overridden
        raise NotImplementedError

    def test_each_count_is_one_data_point_with_its_value_and_dimensions(self, under_test):
        metrics, counted = under_test
        metrics.count("NotificationsDeadLettered", reason="retry-horizon")
        metrics.count("NotificationsUnconfirmed", 3)
        assert counted() == [
            ("NotificationsDeadLettered", 1, {"reason": "retry-horizon"}),
            ("NotificationsUnconfirmed", 3, {}),
        ]


class TestEmfMetrics(MetricsContract):
    @pytest.fixture
    def under_test(self) -> tuple[Any, Callable[[], Counted]]:
        stream = io.StringIO()

        def counted() -> Counted:
            points = []
            for line in stream.getvalue().splitlines():
                data = json.loads(line)  # each line whole JSON: CloudWatch reads it as EMF
                [directive] = data["_aws"]["CloudWatchMetrics"]
                assert directive["Namespace"] == NAMESPACE
                [metric] = directive["Metrics"]
                [dimensions] = directive["Dimensions"]
                points.append((metric["Name"], data[metric["Name"]], {d: data[d] for d in dimensions}))
            return points

        return EmfMetrics(stream), counted


class TestRecordedMetrics(MetricsContract):
    @pytest.fixture
    def under_test(self) -> tuple[Any, Callable[[], Counted]]:
        metrics = RecordedMetrics()
        return metrics, lambda: list(metrics.counted)
