"""Rows of the bench's table that take more than one line to build."""

from __future__ import annotations

from typing import Any


def request_rows(ip: dict[str, Any], target: int) -> list[tuple[str, str, str, str]]:
    """AWS requests of a warm notified event (absent from results of runs before it was counted)."""
    req = ip.get("requests_per_warm_notified_event")
    if req is None:
        return [("AWS requests per notified event, end to end, warm", "not measured", f"≤ {target}", "")]
    ops = req["by_operation"]
    return [
        (
            "AWS requests per notified event, end to end, warm",
            f"{req['total']}",
            f"≤ {target}",
            "met" if req["total"] <= target else "MISSED",
        ),
        ("  ingest / delivery (Lambda's own queue polling apart)", f"{req['ingest']} / {req['delivery']}", "", ""),
        *[
            (f"  {phase}", ", ".join(f"{k.split('.')[1]} {v}" for k, v in sorted(ops[phase].items())), "", "")
            for phase in ops
        ],
    ]


def local_run_rows(e2e: dict[str, Any], resets: int, stop_s: float) -> list[tuple[str, str, str, str]]:
    """Resets under 40 clients and the time to stop (absent from runs before they were measured)."""
    burst, stopped = e2e.get("clients_40"), e2e.get("stop_s", "absent")
    rows = []
    if burst is not None:
        rows.append(
            (
                f"Local run: connections reset, 40 clients, {burst['requests']:,} POSTs",
                f"{burst['resets']}",
                f"{resets}",
                "met" if burst["resets"] <= resets else "MISSED",
            )
        )
    if stopped != "absent":
        value = "did not stop in 30 s" if stopped is None else f"{stopped:.2f} s"
        rows.append(
            (
                "Local run: SIGTERM → exit, while busy",
                value,
                f"≤ {stop_s:.0f} s",
                "met" if stopped and stopped <= stop_s else "MISSED",
            )
        )
    return rows
