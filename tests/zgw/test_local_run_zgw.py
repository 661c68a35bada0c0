"""`python -m local` connected to the fake ZGW APIs, over real HTTP: the hub's handshake and its
deliveries reach the webhook through the local API server, the local ZGW queue worker resolves
them, and the citizen's message shows up in the outbox once."""

from __future__ import annotations

import time
import uuid

import requests

from local.fake_hub import FakeHub
from local.fake_zgw import FakeZgw
from tests.e2e.test_local_run import DELIVERY_TIMEOUT_S, STRAGGLER_WAIT_S, local_run  # noqa: F401 - the fixture
from tests.zgw.conftest import CLIENT_ID, CLIENT_SECRET, HUB_AUTH, RSIN, STATUSES
from tests.zgw.openapi import check_answer


def test_a_zgw_status_reaches_the_citizen_through_the_local_run(local_run):  # noqa: F811
    api, token = local_run.api, local_run.token()
    auth = {"Authorization": f"Bearer {token}"}
    with FakeZgw({CLIENT_ID: CLIENT_SECRET}) as fake:
        connection = {
            "zaken_api": fake.zaken_api,
            "catalogi_api": fake.catalogi_api,
            "client_id": CLIENT_ID,
            "secret": CLIENT_SECRET,
            "rsins": [RSIN],
            "notifications_authorization": HUB_AUTH,
        }
        answer = requests.put(api + "/v1/zgw/connection", json=connection, headers=auth, timeout=10)
        assert answer.status_code == 200, answer.text
        callback = answer.json()["callback_url"]
        assert callback.startswith(api)

        identificatie = f"ZAAK-E2E-{uuid.uuid4().hex[:8]}"
        address = f"{identificatie.lower()}@example.org"
        zaaktype = fake.add_zaaktype("ZT-E2E", "Klacht", STATUSES)
        zaak = fake.add_zaak(identificatie, zaaktype)
        subscriber = {"channel": "email", "email": address, "language": "nl"}
        assert requests.put(f"{api}/v1/cases/{identificatie}/subscriber", json=subscriber, headers=auth, timeout=10).ok

        def post(url: str, headers: dict[str, str], body: str) -> int:
            return requests.post(url, data=body, headers=headers, timeout=10).status_code

        hub = FakeHub(post)
        hub.subscribe(callback, HUB_AUTH)
        status = fake.set_status(zaak, fake.statustype(zaaktype, "In behandeling"), "2026-11-28T10:00:00Z")
        assert hub.deliver(fake.notification("status", "create", status["url"], zaak), times=3) == [204] * 3

        found = local_run.wait_for(lambda m: m["to"] == address, timeout=DELIVERY_TIMEOUT_S + 10)
        assert [m["body"].splitlines()[0] for m in found] == ["Uw klacht wordt behandeld."]
        time.sleep(STRAGGLER_WAIT_S)  # stragglers: the other two deliveries must not add a message
        assert len(local_run.wait_for(lambda m: m["to"] == address)) == 1
        problems = [p for s in fake.served for p in check_answer(s["template"], s["status"], s["body"], s["headers"])]
        assert problems == []
