"""The simulator in memory: every message of a test tenant (a status's and a document's) goes to
the test outbox and none to a provider, whatever the channel; a fallback stays simulated."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.documents import DocumentIn
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.inbound import CaseTypeIn, EventIn, OrganisationIn
from chalicelib.services import case_types, documents, ingest, organisations, test_mode
from chalicelib.services.deps import Deps
from tests.builders import drain_all, event_in
from tests.document_builders import PDF, RAALTE, RAALTE_CASE, document, permit, raalte_event

TEST = f"{RAALTE}~test"


def _outbox(deps: Deps, tenant: str = TEST) -> list[dict[str, Any]]:
    return test_mode.outbox(deps, tenant).json_body()["messages"]


def test_a_test_tenants_status_and_document_messages_reach_only_the_simulator(deps, email, sms):
    organisations.create(deps, OrganisationIn(id=RAALTE, name="Gemeente Raalte", email_from="noreply@raalte.example"))
    case_types.put(deps, RAALTE, "omgevingsvergunning", CaseTypeIn.model_validate(permit()))
    ingest.accept(deps, TEST, EventIn.model_validate(raalte_event(at="2026-11-30T10:00:00+01:00")))
    drain_all(deps)

    documents.put(deps, TEST, RAALTE_CASE, "besluit", DocumentIn.model_validate(document()))
    documents.put_content(deps, TEST, RAALTE_CASE, "besluit", "application/pdf", PDF)
    drain_all(deps)

    assert (email.sent, sms.sent) == ([], [])
    messages = _outbox(deps)
    assert [(m["channel"], m["to"], m["status"], m["outcome"]) for m in messages] == [
        ("email", "aanvrager@example.nl", None, "delivered"),  # the document's, newest first
        ("email", "aanvrager@example.nl", "ontvangen", "delivered"),
    ]
    assert _outbox(deps, "raalte~test") == messages and deps.cases.load_case(RAALTE, RAALTE_CASE).exists is False


def test_a_permanent_failure_falls_back_to_the_other_channel_still_simulated(deps, org, email, sms):
    subscriber = {"channel": "sms", "phone": "+31600000002", "email": "delivered@simulator.zaakstatus.nl"}
    ingest.accept(deps, "hvc~test", event_in(subscriber=subscriber))

    drain_all(deps)

    assert (email.sent, sms.sent) == ([], [])
    assert [(m["channel"], m["outcome"]) for m in _outbox(deps, "hvc~test")] == [
        ("email", "delivered"),
        ("sms", "permanent-failure"),
    ]
    [event] = deps.cases.load_case("hvc~test", "HVC-2026-000123").events
    assert event.notifications["initiator"].state == "delivered"


def test_a_live_organisation_has_no_test_outbox_and_a_test_tenant_changes_no_case_type(deps, org):
    with pytest.raises(NotFound):
        test_mode.outbox(deps, "hvc")
    with pytest.raises(Forbidden):
        case_types.put(deps, "hvc~test", "klacht", CaseTypeIn.model_validate(permit()))
