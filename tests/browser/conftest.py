"""The whole service (`python -m local`) over HTTP, and Debian's Chromium driven by Playwright.

Chromium is installed by `make test` (the Makefile's browser prerequisite), never downloaded by
Playwright. When it is missing these tests fail: a silent skip would let CI pass untested.
axe-core comes from the `axe-playwright-python` wheel, which ships `axe.min.js`.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from local import driver

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("ZAAKSTATUS_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DELIVERY_TIMEOUT_S = 10
WIDTHS = (320, 1280)


class Service(driver.LocalRun):
    """The running service as a case system and a developer see it."""

    def post_event(self, event: dict[str, Any]) -> dict[str, Any]:
        status, body = self.call("POST", "/v1/events", event)
        assert status == 202, body
        return body

    def case(self, case_id: str) -> dict[str, Any]:
        status, body = self.call("GET", f"/v1/cases/{case_id}")
        assert status == 200, body
        return body

    def wait_for(self, predicate, timeout: float = DELIVERY_TIMEOUT_S) -> list[dict[str, Any]]:
        return super().wait_for(predicate, timeout)

    def settle(self, case_id: str, timeout: float = DELIVERY_TIMEOUT_S) -> list[dict[str, Any]]:
        """Wait until no notification of the case is still waiting or being sent."""
        deadline = time.monotonic() + timeout
        while True:
            notifications = self.case(case_id)["notifications"]
            if all(n["state"] not in ("created", "sending") for n in notifications) or time.monotonic() > deadline:
                return notifications
            time.sleep(0.2)

    def new_case(self, subscriber: dict[str, Any] | None = None, **case: Any) -> tuple[str, str]:
        """A case with three public statuses (one with an explanation); (case_id, page path)."""
        case_id = "HVC-WEB-" + uuid.uuid4().hex[:8]
        ref = {"id": case_id, "case_type": "klacht", "description": "container niet geleegd", **case}
        # A number of its own per case: per-recipient limits must not tie the tests together.
        phone = "06 1" + str(uuid.uuid4().int % 10**7).zfill(7)
        subscriber = subscriber or {"channel": "sms", "phone": phone, "language": "nl"}
        answer = self.post_event(
            {"case": ref, "status": "ontvangen", "occurred_at": "2026-11-27T09:15:00+01:00", "subscriber": subscriber}
        )
        self.post_event({"case": ref, "status": "in_behandeling", "occurred_at": "2026-11-28T10:00:00+01:00"})
        self.post_event(
            {
                "case": ref,
                "status": "opgeschort",
                "occurred_at": "2026-11-30T14:45:00+01:00",
                "explanation": "We wachten op een foto van de container.",
            }
        )
        return case_id, "/track/" + answer["tracking_url"].rsplit("/track/", 1)[1]


@pytest.fixture(scope="session")
def service(tmp_path_factory) -> Iterator[Service]:
    run = Service(
        tmp_path_factory.mktemp("browser-run"),
        ZAAKSTATUS_QUIET_HOURS="off",  # the SMS checks must not depend on the hour the suite runs
        # every page load of the suite comes from 127.0.0.1: the per-address lookup limit
        # (60 a minute) is for enumeration, not for one test browser
        ZAAKSTATUS_TRACKING_PER_MINUTE="100000",
    )
    try:
        yield run.start()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    finally:
        run.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (make test does) to install Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, service) -> Iterator[Any]:
    """A fresh page at 1280 px, with the service as base URL; fails the test on any console error
    (a CSP violation, a missing stylesheet)."""
    context = browser.new_context(base_url=service.api, viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and not _own_status(m) else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"the browser console reported errors: {errors}"


def _own_status(message: Any) -> bool:
    """Chromium logs a 400/403/404 document as 'Failed to load resource'; that status is the test's
    subject, not an error. So is the favicon it asks for on its own (the service has none). Any
    other resource failing to load still counts."""
    url = (message.location or {}).get("url", "")
    pages = ("/track/", "/console", "/mijn-zaken")  # the citizen's and the staff's pages: their statuses are tested
    return message.text.startswith("Failed to load resource") and (
        any(p in url for p in pages) and "/static/" not in url or url.endswith("/favicon.ico")
    )
