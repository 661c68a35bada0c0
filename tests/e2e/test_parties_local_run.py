"""Parties, shared cases and sub-cases through `python -m local`, as the demo organisations' case
systems, the province and the citizens use them: HTTP on loopback, JWTs, the outbox."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from standardwebhooks import Webhook

from local import driver
from local.webhook_receiver import WebhookReceiver

DELIVERY_TIMEOUT_S = 10
OCCURRED = ("2026-11-20T09:00:00+01:00", "2026-11-21T09:00:00+01:00", "2026-11-22T09:00:00+01:00")
KVK = "90001234"


class LocalRun(driver.LocalRun):
    """The local run as the case systems of several demo organisations see it."""

    def as_org(self, org: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        client = self.state["clients"][org]
        return driver.request(
            method, self.api + path, driver.client_token(client["client_id"], client["client_secret"]), body
        )

    def post(self, org: str, event: dict[str, Any]) -> dict[str, Any]:
        status, answer = self.as_org(org, "POST", "/v1/events", event)
        assert status == 202, answer
        return answer

    def parties(self, org: str, case_id: str) -> dict[str, dict[str, Any]]:
        status, case = self.as_org(org, "GET", f"/v1/cases/{case_id}")
        assert status == 200, case
        return {p["party_id"]: p for p in case["parties"]}

    def track(self, url: str, page: bool = False) -> tuple[int, Any]:
        token = url.rsplit("/", 1)[1]
        return driver.request("GET", f"{self.api}{'' if page else '/v1'}/track/{token}")

    def wait_for(self, predicate, timeout: float = DELIVERY_TIMEOUT_S) -> list[dict[str, Any]]:
        return super().wait_for(predicate, timeout)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory) -> LocalRun:
    run = LocalRun(tmp_path_factory.mktemp("local-run-parties"), ZAAKSTATUS_QUIET_HOURS="off")
    try:
        run.start()
    except RuntimeError as exc:
        run.stop()
        pytest.fail(str(exc))
    missing = {"odmh", "gouda", "dcmr", "zuid-holland", "hvc", "delfland"} - set(run.state["clients"])
    assert not missing, f"not seeded: {missing}\n{run.log_tail()}"
    try:
        yield run
    finally:
        code = run.stop()
    assert code == 0, f"SIGTERM did not stop python -m local cleanly ({code}):\n" + run.log_tail()


def _id(prefix: str) -> str:
    return f"{prefix}-E2E-{uuid.uuid4().hex[:8]}"


def _phone() -> tuple[str, str]:
    """A Dutch mobile number of its own (per-recipient limits must not tie tests together), and its E.164."""
    digits = str(uuid.uuid4().int % 10**7).zfill(7)
    return f"06 1{digits}", f"+3161{digits}"


def _midden_holland(run: LocalRun) -> tuple[str, str, str]:
    """ODMH's permit with a citizen following it by SMS, and Gouda's tree felling as its sub-case:
    (ODMH's case id, Gouda's case id, the citizen's tracking link)."""
    case_id, sub_id = _id("ODMH"), _id("GOUDA")
    case = {"id": case_id, "case_type": "omgevingsvergunning", "description": "Dakkapel Turfmarkt"}
    citizen = {"channel": "sms", "phone": _phone()[0], "language": "nl"}
    answer = run.post(
        "odmh", {"case": case, "status": "intake_afgerond", "occurred_at": OCCURRED[0], "subscriber": citizen}
    )
    sub = {"id": sub_id, "case_type": "kapvergunning", "parent": {"organisation": "odmh", "case_id": case_id}}
    run.post("gouda", {"case": sub, "status": "ontvangen", "occurred_at": OCCURRED[1]})
    return case_id, sub_id, answer["tracking_url"]


def _dcmr_shared(run: LocalRun, business_email: str, province_email: str) -> str:
    """DCMR's permit application of an undertaking (by e-mail), the province as chain partner."""
    case_id = _id("DCMR")
    case = {"id": case_id, "case_type": "vergunning", "description": "Opslag oplosmiddelen"}
    undertaking = {
        "party_id": "initiator",
        "role": "initiator",
        "kind": "business",
        "name": "Lakfabriek Gouwe B.V.",
        "identifier": {"kvk": KVK},
        "channel": "email",
        "email": business_email,
    }
    province = {
        "party_id": "provincie",
        "role": "chain_partner",
        "kind": "organisation",
        "name": "Provincie Zuid-Holland",
        "identifier": {"organisation": "zuid-holland"},
        "channel": "email",
        "email": province_email,
    }
    first = {"case": case, "status": "intake_afgerond", "occurred_at": OCCURRED[0], "parties": [undertaking, province]}
    run.post("dcmr", first)
    run.post("dcmr", {"case": case, "status": "inhoudelijk", "occurred_at": OCCURRED[1]})  # internal
    run.post("dcmr", {"case": case, "status": "ontwerpbesluit", "occurred_at": OCCURRED[2]})
    return case_id


def test_goudas_sub_case_shows_on_the_tracking_json_and_page_of_odmhs_case(local_run):
    case_id, sub_id, url = _midden_holland(local_run)

    status, view = local_run.track(url)
    assert status == 200, view
    assert view["subcases"] == [
        {
            "organisation_name": "Gemeente Gouda",
            "case_type_name": "Kappen van bomen",
            "current_status": {
                "text": "De gemeente beoordeelt het kappen van de bomen.",
                "since": view["subcases"][0]["current_status"]["since"],
            },
            "closed": False,
        }
    ]
    status, page = local_run.track(url, page=True)
    assert status == 200
    assert "Gemeente Gouda" in page and "De gemeente beoordeelt het kappen van de bomen." in page

    status, case = local_run.as_org("odmh", "GET", f"/v1/cases/{case_id}")
    assert status == 200, case
    assert case["subcases"] == [{"organisation": "gouda", "case_id": sub_id}]
    status, sub = local_run.as_org("gouda", "GET", f"/v1/cases/{sub_id}")
    assert sub["parent"] == {"organisation": "odmh", "case_id": case_id}


def test_a_business_requester_gets_the_business_text_by_email_and_the_province_none_of_its_contact_data(local_run):
    tag = uuid.uuid4().hex[:8]
    business, province = f"vergunningen-{tag}@lakfabriek.example", f"bevoegd-gezag-{tag}@zuid-holland.example"
    case_id = _dcmr_shared(local_run, business, province)

    def to_business() -> list[dict[str, Any]]:
        return [m for m in local_run.outbox() if m["to"] == business]

    mails = driver.wait_until(lambda: len(to_business()) >= 2 and to_business(), DELIVERY_TIMEOUT_S) or to_business()
    assert len(mails) == 2, mails  # nothing for the internal status
    assert {m["channel"] for m in mails} == {"email"}
    first, draft = (m["body"].splitlines()[0] for m in sorted(mails, key=lambda m: "ontwerpbesluit" in m["body"]))
    assert first == "We hebben de aanvraag van uw onderneming ontvangen en de intake afgerond."
    assert draft == "Er is een ontwerpbesluit op de aanvraag van uw onderneming. Het ligt zes weken ter inzage."
    parties = local_run.parties("dcmr", case_id)
    link = parties["initiator"]["tracking_url"]
    assert all(link in m["body"] for m in mails)
    status, view = local_run.track(link)
    assert [h["text"] for h in view["history"]][-1].startswith(
        "Er is een ontwerpbesluit op de aanvraag van uw onderneming"
    )
    assert len(view["history"]) == 2  # the internal status is not the undertaking's to read
    told = local_run.wait_for(lambda m: m["to"] == province)
    assert [m["body"].splitlines()[0] for m in told] == [
        "Er is een ontwerpbesluit op uw aanvraag. Het ligt zes weken ter inzage."
    ]
    assert parties["provincie"]["tracking_url"] in told[0]["body"]  # its own link

    status, listed = local_run.as_org("zuid-holland", "GET", "/v1/shared-cases")
    assert status == 200, listed
    mine = [c for c in listed["cases"] if c["case_id"] == case_id]
    assert mine == [
        {
            "organisation": "dcmr",
            "case_id": case_id,
            "case_type": "vergunning",
            "role": "chain_partner",
            "current_status": {"code": "ontwerpbesluit", "name": "Ontwerpbesluit genomen"},
            "updated_at": mine[0]["updated_at"],
        }
    ]
    status, shared = local_run.as_org("zuid-holland", "GET", f"/v1/shared-cases/dcmr/{case_id}")
    assert status == 200, shared
    assert [h["status"] for h in shared["history"]] == ["intake_afgerond", "inhoudelijk", "ontwerpbesluit"]
    text = json.dumps(shared)
    for secret in (business, province, KVK, "/track/"):
        assert secret not in text
    assert shared["subscriber"] is None and shared["preference_changes"] == [] and shared["tracking_url"] is None
    assert [(p["phone"], p["email"], p["tracking_url"]) for p in shared["parties"]] == [(None, None, None)] * 2
    assert {p["party_id"]: p["kind"] for p in shared["parties"]} == {
        "initiator": "business",
        "provincie": "organisation",
    }


def test_a_representative_and_a_co_initiator_each_get_their_own_sms_with_their_own_link(local_run):
    case_id = _id("HVC")
    (initiator, initiator_e164), (partner, partner_e164), (lawyer, lawyer_e164) = _phone(), _phone(), _phone()
    sms = {"kind": "person", "channel": "sms", "language": "nl"}
    parties = [
        {"party_id": "partner", "role": "co_initiator", "phone": partner, **sms},
        {"party_id": "advocaat", "role": "representative", "name": "Mr. Jansen", "phone": lawyer, **sms},
    ]
    case = {"id": case_id, "case_type": "klacht", "description": f"container {case_id}"}
    subscriber = {"channel": "sms", "phone": initiator, "language": "nl"}
    event = {
        "case": case,
        "status": "in_behandeling",
        "occurred_at": OCCURRED[0],
        "subscriber": subscriber,
        "parties": parties,
    }
    answer = local_run.post("hvc", event)
    assert {n["party_id"] for n in answer["notifications"]} == {"initiator", "partner", "advocaat"}

    numbers = {initiator_e164: "initiator", partner_e164: "partner", lawyer_e164: "advocaat"}

    def received() -> dict[str, str]:
        return {numbers[m["to"]]: m["body"] for m in local_run.outbox() if m["to"] in numbers}

    sent = driver.wait_until(lambda: len(received()) == 3 and received(), DELIVERY_TIMEOUT_S) or received()
    assert set(sent) == {"initiator", "partner", "advocaat"}, f"outbox: {local_run.outbox()}"
    listed = local_run.parties("hvc", case_id)
    roles = {"initiator": "initiator", "partner": "co_initiator", "advocaat": "representative"}
    for party_id, body in sent.items():
        link = listed[party_id]["tracking_url"]
        assert link in body
        assert [listed[o]["tracking_url"] for o in listed if o != party_id and listed[o]["tracking_url"] in body] == []
        status, view = local_run.track(link)
        assert status == 200 and view["reader"]["role"] == roles[party_id]
    assert len({listed[p]["tracking_url"] for p in roles}) == 3


def test_a_third_organisation_sees_none_of_it(local_run):
    case_id, _, _ = _midden_holland(local_run)
    tag = uuid.uuid4().hex[:8]
    dcmr_id = _dcmr_shared(local_run, f"b-{tag}@lakfabriek.example", f"p-{tag}@zuid-holland.example")

    assert local_run.as_org("delfland", "GET", "/v1/shared-cases") == (200, {"cases": []})
    for owner, other in (("dcmr", dcmr_id), ("odmh", case_id)):
        assert local_run.as_org("delfland", "GET", f"/v1/shared-cases/{owner}/{other}")[0] == 404
        assert local_run.as_org("delfland", "GET", f"/v1/cases/{other}")[0] == 404
    # Not shared with the province either: sub-cases share nothing with a chain partner elsewhere.
    assert local_run.as_org("zuid-holland", "GET", f"/v1/shared-cases/odmh/{case_id}")[0] == 404
    sub = {"id": _id("DELFLAND"), "case_type": "melding", "parent": {"organisation": "odmh", "case_id": case_id}}
    status, problem = local_run.as_org(
        "delfland", "POST", "/v1/events", {"case": sub, "status": "ontvangen", "occurred_at": OCCURRED[1]}
    )
    assert status == 403, problem


def test_the_province_receives_signed_cloudevents_for_the_case_dcmr_shares_with_it(local_run):
    name = f"e2e-{uuid.uuid4().hex[:8]}"
    with WebhookReceiver() as receiver:
        hook = {"url": receiver.url + "/zuid-holland", "events": ["case.status_changed"], "cases": "shared"}
        status, registered = local_run.as_org("zuid-holland", "PUT", f"/v1/webhooks/{name}", hook)
        assert status == 201, registered
        tag = uuid.uuid4().hex[:8]
        business = f"b-{tag}@lakfabriek.example"
        case_id = _dcmr_shared(local_run, business, f"p-{tag}@zuid-holland.example")

        def delivered() -> list[dict[str, Any]]:
            return [r for r in receiver.requests if json.loads(r["body"]).get("subject") == case_id]

        requests = driver.wait_until(lambda: len(delivered()) >= 3 and delivered(), DELIVERY_TIMEOUT_S) or delivered()
        assert local_run.as_org("zuid-holland", "DELETE", f"/v1/webhooks/{name}")[0] == 204
    assert len(requests) == 3, f"{receiver.requests}\n{local_run.log_tail()}"
    verifier = Webhook(registered["secret"])
    statuses = []
    for r in requests:
        assert r["headers"]["content-type"].startswith("application/cloudevents+json")
        event = verifier.verify(r["body"], r["headers"])  # raises on a wrong signature
        assert event["type"] == "nl.zaakstatus.case.status_changed"
        assert event["source"].endswith("/v1/organisations/dcmr") and event["specversion"] == "1.0"
        assert event["data"]["case_id"] == case_id and event["data"]["organisation"] == "dcmr"
        assert business not in r["body"] and KVK not in r["body"]
        assert not {"subscriber", "parties", "phone", "email"} & set(event["data"])
        statuses.append(event["data"]["status"]["code"])
    assert sorted(statuses) == sorted(["intake_afgerond", "inhoudelijk", "ontwerpbesluit"])


def test_make_run_posts_the_parties_demo_and_prints_how_to_see_it(local_run):
    demo = local_run.state["demo"]
    links = [demo["midden_holland"]["initiator"], demo["dcmr"]["undertaking"], *demo["hvc"].values()]
    assert len(links) == 5
    for url in links:
        status, view = local_run.track(url)
        assert status == 200, view
    assert local_run.track(demo["midden_holland"]["initiator"])[1]["subcases"], "Gouda's sub-case is missing"
    status, listed = local_run.as_org("zuid-holland", "GET", "/v1/shared-cases")
    assert ("dcmr", "DCMR-DEMO-1") in {(c["organisation"], c["case_id"]) for c in listed["cases"]}
    log = local_run.log_tail(20000)
    assert "Parties demo" in log and "/v1/shared-cases/dcmr/DCMR-DEMO-1" in log
