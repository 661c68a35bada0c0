"""What the benchmark's parts share: the case type, the events, percentiles, the environment."""

from __future__ import annotations

import math
import os
import platform
import statistics
import time
from typing import Any

# Five statuses, two of them notifying: a case's typical life (the series in docs/domain.md have 3-4).
CASE_TYPE: dict[str, Any] = {
    "name": "Bench melding",
    "public_name": {"nl": "Melding", "en": "Report"},
    "service_norm_days": 14,
    "retention_days": 365,
    "statuses": [
        {"code": "ontvangen", "name": "Ontvangen", "notify": False, "text": {"nl": "Ontvangen."}},
        {"code": "intake", "name": "Intake", "notify": False, "text": {"nl": "Beoordeeld."}},
        {
            "code": "in_behandeling",
            "name": "In behandeling",
            "notify": True,
            "text": {"nl": "Uw melding over ((case.description)) is in behandeling genomen."},
        },
        {"code": "besluit", "name": "Besluit", "notify": False, "text": {"nl": "Er is een besluit."}},
        {
            "code": "afgehandeld",
            "name": "Afgehandeld",
            "notify": True,
            "final": True,
            "text": {"nl": "Uw melding is afgehandeld. ((status.explanation))"},
        },
    ],
}
STATUSES = [s["code"] for s in CASE_TYPE["statuses"]]
NOTIFYING = {s["code"] for s in CASE_TYPE["statuses"] if s["notify"]}

# Settings the benchmark needs from the service: no quiet hours (it may run at night) and no
# per-container ingest limit (it posts thousands of events a minute from one client).
SERVICE_ENV = {"ZAAKSTATUS_QUIET_HOURS": "off", "ZAAKSTATUS_INGEST_PER_MINUTE": "100000000"}


def phone(i: int) -> str:
    """A distinct Dutch mobile number per case, so no daily cap per recipient applies."""
    return f"06{12000000 + i:08d}"


def event(run: str, i: int, status: str, with_subscriber: bool) -> dict[str, Any]:
    minute = STATUSES.index(status)
    body: dict[str, Any] = {
        "event_id": f"{run}-{i}-{status}",
        "case": {
            "id": f"BENCH-{run}-{i:06d}",
            "case_type": "melding",
            "description": "lantaarnpaal defect",
            "expected_end_date": "2026-12-12",
        },
        "status": status,
        "occurred_at": f"2026-11-28T10:{minute:02d}:00+01:00",
        "explanation": "Een toelichting van redelijke lengte voor de burger." if status == "afgehandeld" else None,
    }
    if with_subscriber:
        body["subscriber"] = {"channel": "sms", "phone": phone(i), "email": None, "language": "nl"}
    return {k: v for k, v in body.items() if v is not None}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "mean_ms": round(statistics.fmean(ms), 3),
    }


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
