"""Four weeks of HVC complaints for the console's reports in the local run: posted through the API
right after seeding, as HVC's case system would have posted them over the past 27 days.

Some are closed within the service norm of 14 days, some after it; some are open and suspended,
a few open past their expected end date (the overdue list). Their messages go by SMS and e-mail
and land in the outbox like any other. Left out with ZAAKSTATUS_LOCAL_DEMO=off, like the parties
demo. The numbers and addresses are made up.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from local import demo
from local.driver import client_token, request

log = logging.getLogger("local.report_demo")
CASES = 18
LEAD_DAYS = (3, 16, 8, 13, 4, 2)  # from in progress to closed, for every third case: one over the norm
DESCRIPTIONS = ("container niet geleegd", "klep van de container kapot", "bijplaatsing naast de container")


def _at(now: dt.datetime, days_ago: float) -> str:
    return (now - dt.timedelta(days=days_ago)).isoformat(timespec="seconds")


def complaints(now: dt.datetime) -> list[dict[str, Any]]:
    """The events of every demo complaint, oldest case first; each case: received, then in
    progress a day later, then (for some) suspended or closed."""
    events: list[dict[str, Any]] = []
    for i in range(CASES):
        opened = 27 - i * 1.4  # spread over the four weeks
        start = now - dt.timedelta(days=opened)
        case = {
            "id": f"HVC-RAP-{i + 1:03d}",
            "case_type": "klacht",
            "description": DESCRIPTIONS[i % len(DESCRIPTIONS)],
            "expected_end_date": (start + dt.timedelta(days=14)).date().isoformat(),
        }
        subscriber = (
            {"channel": "email", "email": f"melder{i + 1}@example.org", "language": "nl"}
            if i % 3 == 1
            else {"channel": "sms", "phone": f"06 3{i + 1:07d}", "language": "nl"}
        )
        steps: list[tuple[str, float]] = [("ontvangen", opened), ("in_behandeling", opened - 1)]
        if i % 3 == 0:
            steps.append(("afgehandeld", opened - 1 - LEAD_DAYS[i // 3 % len(LEAD_DAYS)]))
        elif i % 5 == 2:
            steps.append(("opgeschort", opened - 2))
        first = True
        for status, days_ago in steps:
            if days_ago < 0:
                break  # not yet: the case is still in its previous status
            body: dict[str, Any] = {"case": case, "status": status, "occurred_at": _at(now, days_ago)}
            if status == "opgeschort":
                body["explanation"] = "We wachten op een foto van de container."
            if first:
                body["subscriber"], first = subscriber, False
            events.append(body)
    return events


def post(api: str, clients: dict[str, dict[str, str]]) -> int:
    """Post the complaints as HVC; how many events were accepted (0 when off or HVC is unknown)."""
    if not demo.enabled() or "hvc" not in clients:
        return 0
    token = client_token(clients["hvc"]["client_id"], clients["hvc"]["client_secret"])
    accepted = 0
    for body in complaints(dt.datetime.now(dt.UTC)):
        try:
            code, answer = request("POST", api + "/v1/events", token, body)
        except OSError as exc:
            log.warning("the report demo stopped: %s", exc)
            return accepted
        if code != 202:
            log.warning("the report demo's %s (%s) answered %s: %s", body["case"]["id"], body["status"], code, answer)
            return accepted
        accepted += 1
    return accepted


def banner(api: str, posted: int) -> str:
    if not posted:
        return ""
    return (
        f"Reports: {CASES} HVC complaints of the past four weeks were posted ({posted} events). Sign in to the\n"
        f"  console as beheer@hvc.example and open {api}/console/reports (charts, tables, CSV) and\n"
        f"  {api}/console/overdue; as JSON: GET {api}/v1/reports and {api}/v1/reports/overdue.\n"
    )
