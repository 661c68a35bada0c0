"""Metrics as CloudWatch Embedded Metric Format log lines (port: `Metrics`): one JSON line per
data point. CloudWatch Logs turns these into metrics without an API call from the Lambda (and so
without the latency or IAM permission of PutMetricData); an alarm watches them like any other."""

from __future__ import annotations

import json
import sys
import time
from typing import TextIO

NAMESPACE = "zaakstatus"


class EmfMetrics:
    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    def count(self, name: str, value: int = 1, **dimensions: str) -> None:
        line = {
            "_aws": {
                "Timestamp": int(time.time() * 1000),
                "CloudWatchMetrics": [
                    {
                        "Namespace": NAMESPACE,
                        "Dimensions": [sorted(dimensions)],
                        "Metrics": [{"Name": name, "Unit": "Count"}],
                    }
                ],
            },
            name: value,
            **dimensions,
        }
        # print, not logging: EMF must be the whole line, without a logger's prefix.
        print(json.dumps(line, separators=(",", ":")), file=self._stream or sys.stdout, flush=True)
