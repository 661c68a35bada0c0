"""The local run's "what to try" for test mode: issue a test client of HVC and see its messages
land in its test outbox (README, Test mode)."""

from __future__ import annotations

import json
import shlex

# The case system's event, to the simulated recipient that fails once and is delivered on the retry.
EVENT = {
    "event_id": "HVC-TEST-1-in_behandeling",
    "case": {"id": "HVC-TEST-1", "case_type": "klacht", "description": "container niet geleegd"},
    "status": "in_behandeling",
    "occurred_at": "2026-11-28T10:00:00+01:00",
    "subscriber": {"channel": "sms", "phone": "+31600000003", "language": "nl"},
}
MAKE_JWT = (
    "import jwt, json, sys, time; c = json.loads(sys.argv[1]); "
    'print(jwt.encode({"client_id": c["client_id"], "iat": int(time.time())}, c["client_secret"], "HS256"))'
)


def banner(api: str, python_cmd: str, admin_token: str) -> str:
    operator = f'-H "Authorization: Bearer {admin_token}"'
    auth = '-H "Authorization: Bearer $TEST"'
    lines = [
        "Test mode (README, Test mode): a test client of HVC; its messages reach only its test outbox.",
        "+31600000001 is delivered, …02 fails for good, …03 fails once and is delivered on the retry",
        "(the retry comes after the usual backoff, up to a minute); any other number is delivered too:",
        f"CREDS=$(curl -sS -X POST {api}/v1/admin/organisations/hvc/clients {operator} "
        "-H 'Content-Type: application/json' -d '{\"mode\": \"test\"}')",
        f'TEST=$({shlex.quote(python_cmd)} -c {shlex.quote(MAKE_JWT)} "$CREDS")',
        f"curl -sS -X POST {api}/v1/events {auth} -H 'Content-Type: application/json' "
        f"-d {shlex.quote(json.dumps(EVENT))}; echo",
        f"sleep 2; curl -sS {api}/v1/test-outbox {auth}; echo",
        f"curl -sS {api}/v1/cases/HVC-TEST-1 {auth}; echo   # a live client's GET of this case is 404",
    ]
    return "\n".join(lines) + "\n"
