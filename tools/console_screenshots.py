"""Screenshots of the staff console for the README: `python tools/console_screenshots.py`.

Starts the local run (`python -m local`, demo data included) in a temporary folder, gives HVC a
second case type with a few weeks of cases so the report compares case types, signs in as
`beheer@hvc.example` with the link from `/dev/outbox`, and photographs each console page at
1280 px (and the report's first chart at 320 px) with Debian's Chromium into docs/images/console-*.png.
A page that does not answer 200 is reported and left out; the exit code is 1 then.

    python tools/console_screenshots.py [--out docs/images] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from local import driver  # noqa: E402  (the repository root is put on the path first)

STAFF = "beheer@hvc.example"
LINK = re.compile(r"https?://[^\s/]+(/console/login/[A-Za-z0-9_-]+)")
# (file name, path, what it shows); the widths: 1280 for all, 320 for those named in NARROW. The
# pages in TOP_ONLY are long forms: their first screen says what they are.
PAGES = (
    ("console-home", "/console", "the start page after signing in"),
    ("console-case", "/console/cases?case_id=HVC-DEMO-2", "the case look-up"),
    ("console-case-types", "/console/case-types", "the case types"),
    ("console-case-type", "/console/case-types/klacht", "editing a case type with its texts"),
    ("console-reports", "/console/reports", "the report: charts with a table beside each"),
    ("console-overdue", "/console/overdue", "the overdue cases"),
)
TOP_ONLY = ("console-case-type",)
NARROW = ("console-reports",)
GROFVUIL = {
    "name": "Ophaalverzoek grofvuil",
    "service_norm_days": 10,
    "statuses": [
        {"code": "ontvangen", "name": "Verzoek ontvangen", "notify": False, "text": {"nl": "We hebben uw verzoek."}},
        {
            "code": "ingepland",
            "name": "Ophaaldag ingepland",
            "notify": True,
            "text": {"nl": "Uw grofvuil is ingepland."},
        },
        {
            "code": "opgehaald",
            "name": "Grofvuil opgehaald",
            "notify": True,
            "final": True,
            "text": {"nl": "Opgehaald."},
        },
    ],
}


def seed_second_case_type(run: driver.LocalRun) -> None:
    """HVC's bulky-waste pick-ups: most picked up within the norm of 10 days, two late."""
    hvc = run.state["clients"]["hvc"]
    token = driver.client_token(hvc["client_id"], hvc["client_secret"])
    status, answer = driver.request("PUT", run.api + "/v1/case-types/grofvuil", token, GROFVUIL)
    assert status in (200, 201), answer
    now = dt.datetime.now(dt.UTC)
    for i in range(12):
        start = now - dt.timedelta(days=26 - 2 * i)
        case = {"id": f"HVC-GV-{i + 1:03d}", "case_type": "grofvuil"}
        case["expected_end_date"] = (start + dt.timedelta(days=10)).date().isoformat()
        steps = [("ontvangen", start), ("ingepland", start + dt.timedelta(days=1))]
        if i % 4 != 1:
            steps.append(("opgehaald", start + dt.timedelta(days=4 + i % 5)))
        subscriber = {"channel": "sms", "phone": f"06 4{i + 1:07d}", "language": "nl"}
        for n, (code, at) in enumerate(s for s in steps if s[1] < now):
            body: dict[str, Any] = {"case": case, "status": code, "occurred_at": at.isoformat(timespec="seconds")}
            if n == 0:
                body["subscriber"] = subscriber
            status, answer = driver.request("POST", run.api + "/v1/events", token, body)
            assert status == 202, answer


def sign_in(page: Any, run: driver.LocalRun) -> None:
    page.goto("/console")
    page.get_by_label("E-mailadres").fill(STAFF)
    page.get_by_role("button", name="Stuur mij een aanmeldlink").click()
    [mail] = run.wait_for(lambda m: m["to"] == STAFF and "/console/login/" in (m["body"] or ""))
    for path in LINK.findall(mail["body"]):
        page.goto(path)
        if "Aanmelden bij HVC" in page.locator("h1").inner_text():
            page.get_by_role("button", name="Aanmelden").click()
            page.wait_for_url("**/console")
            return
    raise RuntimeError("no sign-in link to HVC arrived")


def photograph(run: driver.LocalRun, out: Path, chromium: str) -> list[str]:
    """Every page's screenshot; the pages that could not be photographed, with their status."""
    from playwright.sync_api import sync_playwright

    missing: list[str] = []
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
        context = browser.new_context(base_url=run.api, viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        page.goto("/console")
        page.screenshot(path=str(out / "console-sign-in.png"))
        sign_in(page, run)
        for name, path, _ in PAGES:
            response = page.goto(path)
            if response is None or response.status != 200:
                missing.append(f"{path} ({response.status if response else 'no answer'})")
                continue
            page.screenshot(path=str(out / f"{name}.png"), full_page=name not in TOP_ONLY)
            if name in NARROW:  # on a phone: the first chart and its table, stacked
                page.set_viewport_size({"width": 320, "height": 900})
                page.locator("main section").first.screenshot(path=str(out / f"{name}-320.png"))
                page.set_viewport_size({"width": 1280, "height": 900})
        missing += preview(page, out)
        browser.close()
    return missing


def preview(page: Any, out: Path) -> list[str]:
    """The case type form after *Voorbeeld*: a status's SMS and e-mail as a citizen gets them."""
    from playwright.sync_api import Error

    try:
        page.goto("/console/case-types/klacht")
        page.get_by_label("Status", exact=True).select_option("in_behandeling")
        page.get_by_label("Voorbeeld: omschrijving van de zaak").fill("container niet geleegd")
        page.get_by_role("button", name="Voorbeeld", exact=True).click()
        page.wait_for_load_state()
        page.screenshot(path=str(out / "console-case-type-preview.png"))
    except Error as exc:
        return [f"the preview ({str(exc).splitlines()[0]})"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        # Quiet hours off: the pictures must not depend on the hour they are taken at.
        run = driver.LocalRun(Path(workdir), ZAAKSTATUS_QUIET_HOURS="off").start()
        try:
            seed_second_case_type(run)
            missing = photograph(run, args.out, args.chromium)
        finally:
            run.stop()
    for name, path, what in PAGES:
        if not any(m.startswith(path + " ") for m in missing):
            print(f"{args.out / (name + '.png')}: {what}")
    if not any(m.startswith("the preview") for m in missing):
        print(f"{args.out / 'console-case-type-preview.png'}: a status's SMS and e-mail previewed on the form")
    for m in missing:
        print(f"not photographed: {m}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
