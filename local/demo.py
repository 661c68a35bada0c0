"""The parties demo of the local run: three cases posted through the API right after seeding, as
the case systems of the demo organisations would, and what `make run` prints to look at them.

(a) Omgevingsdienst Midden-Holland's permit with Gemeente Gouda's tree felling as a sub-case;
(b) DCMR's permit application of an undertaking (KvK, by e-mail), shared with Provincie
    Zuid-Holland as chain partner, which reads it at `GET /v1/shared-cases`;
(c) an HVC complaint with a co-initiator and a representative, each with their own SMS and link.

Set ZAAKSTATUS_LOCAL_DEMO=off to leave them out. The numbers and addresses are made up.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shlex
from typing import Any

from local.driver import client_token, request

log = logging.getLogger("local.demo")
ORGANISATIONS = ("odmh", "gouda", "dcmr", "zuid-holland", "hvc")
Links = dict[str, dict[str, str]]  # scenario -> {who: tracking link}


class DemoError(RuntimeError):
    pass


def enabled() -> bool:
    return os.environ.get("ZAAKSTATUS_LOCAL_DEMO", "on").lower() not in ("off", "0", "false", "no")


def _at(minutes_ago: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)).isoformat(timespec="seconds")


class _Org:
    """One demo organisation's case system."""

    def __init__(self, api: str, client: dict[str, str]) -> None:
        self.api = api
        self.token = client_token(client["client_id"], client["client_secret"])

    def post(self, case: dict[str, Any], status: str, minutes_ago: int, **extra: Any) -> dict[str, Any]:
        body = {"case": case, "status": status, "occurred_at": _at(minutes_ago), **extra}
        code, answer = request("POST", self.api + "/v1/events", self.token, body)
        if code != 202:
            raise DemoError(f"POST /v1/events ({case['id']}, {status}) answered {code}: {answer}")
        return answer

    def links(self, case_id: str) -> dict[str, str]:
        code, answer = request("GET", f"{self.api}/v1/cases/{case_id}", self.token)
        if code != 200:
            raise DemoError(f"GET /v1/cases/{case_id} answered {code}: {answer}")
        return {p["party_id"]: p["tracking_url"] for p in answer["parties"] if p["tracking_url"]}


def midden_holland(odmh: _Org, gouda: _Org, case_id: str = "ODMH-DEMO-1") -> dict[str, str]:
    case = {"id": case_id, "case_type": "omgevingsvergunning", "description": "Verbouwing woning Lange Tiendeweg"}
    citizen = {"channel": "sms", "phone": "06 20000001", "language": "nl"}
    odmh.post(case, "intake_afgerond", 30, subscriber=citizen)
    sub = {
        "id": "GOUDA-" + case_id,
        "case_type": "kapvergunning",
        "description": "Kappen van twee bomen in de achtertuin",
        "parent": {"organisation": "odmh", "case_id": case_id},
    }
    gouda.post(sub, "ontvangen", 20)
    return {"initiator": odmh.links(case_id)["initiator"]}


def dcmr_business(dcmr: _Org, case_id: str = "DCMR-DEMO-1") -> dict[str, str]:
    case = {"id": case_id, "case_type": "vergunning", "description": "Uitbreiding opslag bakkerij"}
    undertaking = {
        "party_id": "initiator",
        "role": "initiator",
        "kind": "business",
        "name": "Bakkerij De Demo B.V.",
        "identifier": {"kvk": "90000001"},
        "channel": "email",
        "email": "info@bakkerij-demo.example",
    }
    province = {
        "party_id": "provincie",
        "role": "chain_partner",
        "kind": "organisation",
        "name": "Provincie Zuid-Holland",
        "identifier": {"organisation": "zuid-holland"},
        "channel": "email",
        "email": "vergunningen@zuid-holland.example",
    }
    dcmr.post(case, "intake_afgerond", 30, parties=[undertaking, province])
    dcmr.post(case, "inhoudelijk", 20)  # internal: the province reads it, the undertaking does not
    dcmr.post(case, "ontwerpbesluit", 10)
    return {"undertaking": dcmr.links(case_id)["initiator"]}


def hvc_parties(hvc: _Org, case_id: str = "HVC-DEMO-2") -> dict[str, str]:
    case = {"id": case_id, "case_type": "klacht", "description": "container al twee weken niet geleegd"}
    sms = {"kind": "person", "channel": "sms", "language": "nl"}
    parties = [
        {"party_id": "partner", "role": "co_initiator", "phone": "06 20000003", **sms},
        {"party_id": "advocaat", "role": "representative", "name": "Mr. De Vries", "phone": "06 20000004", **sms},
    ]
    initiator = {"channel": "sms", "phone": "06 20000002", "language": "nl"}
    hvc.post(case, "in_behandeling", 10, subscriber=initiator, parties=parties)
    return hvc.links(case_id)


def post_all(api: str, clients: dict[str, dict[str, str]]) -> Links:
    """Post the scenarios; {} when switched off, when an organisation was seeded earlier (its
    secret is not known now) or when a post fails (logged: the run goes on without the demo)."""
    if not enabled() or any(org not in clients for org in ORGANISATIONS):
        return {}
    orgs = {org: _Org(api, clients[org]) for org in ORGANISATIONS}
    try:
        return {
            "midden_holland": midden_holland(orgs["odmh"], orgs["gouda"]),
            "dcmr": dcmr_business(orgs["dcmr"]),
            "hvc": hvc_parties(orgs["hvc"]),
        }
    except (DemoError, OSError, KeyError) as exc:
        log.warning("the parties demo was not posted: %s", exc)
        return {}


def banner(api: str, python_cmd: str, clients: dict[str, dict[str, str]], links: Links) -> str:
    if not links:
        return ""
    province = clients["zuid-holland"]
    claims = f'{{"client_id": {json.dumps(province["client_id"])}, "iat": int(time.time())}}'
    make_jwt = f'import jwt, time; print(jwt.encode({claims}, {json.dumps(province["client_secret"])}, "HS256"))'
    auth = '-H "Authorization: Bearer $PZH"'
    hvc = links["hvc"]
    lines = [
        "Parties demo (posted just now; their messages are in the outbox):",
        "  (a) Midden-Holland's permit, with Gouda's tree felling as a sub-case on its page:",
        f"      {links['midden_holland']['initiator']}",
        "  (b) DCMR's permit for an undertaking (business texts by e-mail), shared with Zuid-Holland:",
        f"      the undertaking's page: {links['dcmr']['undertaking']}",
        "      as the province (every status, no contact data):",
        f"      PZH=$({shlex.quote(python_cmd)} -c {shlex.quote(make_jwt)})",
        f"      curl -sS {api}/v1/shared-cases {auth}; echo",
        f"      curl -sS {api}/v1/shared-cases/dcmr/DCMR-DEMO-1 {auth}; echo",
        "  (c) HVC's complaint with a co-initiator and a representative, a link each:",
        *(f"      {who:<10} {url}" for who, url in hvc.items()),
    ]
    return "\n".join(lines) + "\n"
