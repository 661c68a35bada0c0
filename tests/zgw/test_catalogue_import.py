"""Catalogue import: ZaakTypen and StatusTypen from a Catalogi API become case types."""

from __future__ import annotations

import json

import cli
from tests.zgw.conftest import STATUSES


def import_(zgw, body=None):
    response = zgw.harness.request("POST", "/v1/zgw/catalogue/import", zgw.creds, body)
    assert response.status_code == 200, response.body
    return response.json_body


def case_type(zgw, code):
    response = zgw.harness.request("GET", f"/v1/case-types/{code}", zgw.creds)
    assert response.status_code == 200, response.body
    return response.json_body


def test_import_creates_case_types_with_order_final_status_notify_flags_and_texts(connected):
    connected.fake.add_zaaktype("ZT-KLACHT", "Klacht afvalinzameling", STATUSES)
    connected.fake.add_zaaktype(
        "ZT 2026/Bezwaar",
        "Bezwaar WOZ",
        [
            ("Bezwaar ontvangen", True, "Wij hebben uw bezwaar ontvangen."),
            ("Hoorzitting gepland", False, ""),
            ("Besluit genomen", True, "Er is een besluit over uw bezwaar."),
            ("Gearchiveerd", False, ""),
        ],
        servicenorm="P6W",
    )

    summary = import_(connected)

    assert sorted(summary["created"]) == ["zt-2026-bezwaar", "zt-klacht"]
    assert summary["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "failed": 0}
    bezwaar = case_type(connected, "zt-2026-bezwaar")
    assert bezwaar["name"] == "Bezwaar WOZ"
    assert bezwaar["service_norm_days"] == 42
    assert [(s["code"], s["final"], s["notify"]) for s in bezwaar["statuses"]] == [
        ("bezwaar-ontvangen", False, True),
        ("hoorzitting-gepland", False, False),
        ("besluit-genomen", False, True),
        ("gearchiveerd", True, False),
    ]
    assert bezwaar["statuses"][0]["text"] == {"nl": "Wij hebben uw bezwaar ontvangen."}
    assert bezwaar["statuses"][1]["text"] == {"nl": "Hoorzitting gepland"}  # no statustekst: omschrijving
    klacht = case_type(connected, "zt-klacht")
    assert [s["notify"] for s in klacht["statuses"]] == [False, True, True]
    assert klacht["statuses"][-1]["final"] is True


def test_import_again_reports_unchanged_then_what_changed_and_keeps_zaakstatus_only_texts(connected):
    zaaktype = connected.fake.add_zaaktype("ZT-KLACHT", "Klacht afvalinzameling", STATUSES)
    import_(connected)
    assert import_(connected)["unchanged"] == ["zt-klacht"]
    klacht = case_type(connected, "zt-klacht")
    klacht["statuses"][1]["text"]["en"] = "Your complaint is being handled."
    del klacht["code"]
    assert connected.harness.request("PUT", "/v1/case-types/zt-klacht", connected.creds, klacht).status_code == 200

    connected.fake.statustype(zaaktype, "Ontvangen")["informeren"] = True
    summary = import_(connected)

    assert summary["updated"] == [{"code": "zt-klacht", "changes": ["status 'ontvangen': notify changed"]}]
    after = case_type(connected, "zt-klacht")
    assert after["statuses"][1]["text"] == {
        "nl": "Uw klacht wordt behandeld.",
        "en": "Your complaint is being handled.",
    }


def test_import_takes_the_zaaktype_version_valid_today(connected):
    connected.fake.add_zaaktype("ZT-KLACHT", "Klacht (oud)", STATUSES[:2], begin="2020-01-01", einde="2023-12-31")
    connected.fake.add_zaaktype("ZT-KLACHT", "Klacht", STATUSES, begin="2024-01-01")

    assert import_(connected)["created"] == ["zt-klacht"]
    assert case_type(connected, "zt-klacht")["name"] == "Klacht"
    assert len(case_type(connected, "zt-klacht")["statuses"]) == 3


def test_a_zaaktype_that_cannot_become_a_case_type_is_reported_and_the_rest_imported(connected):
    connected.fake.add_zaaktype("ZT-KLACHT", "Klacht", STATUSES)
    connected.fake.add_zaaktype("ZT-DUBBEL", "Dubbel", [("Open", True, "a"), ("Open", True, "b")])

    summary = import_(connected)

    assert summary["created"] == ["zt-klacht"]
    [failed] = summary["failed"]
    assert failed["zaaktype"] == "ZT-DUBBEL" and "statuses.1.code" in failed["reason"]


def test_import_without_a_connection_is_404(zgw):
    assert zgw.harness.request("POST", "/v1/zgw/catalogue/import", zgw.creds).status_code == 404


def test_the_command_imports_with_a_progress_bar_and_prints_a_summary(connected, capsys):
    for n in range(3):
        connected.fake.add_zaaktype(f"ZT-{n}", f"Zaaktype {n}", STATUSES)

    assert cli.main(["catalogue", "import", "hvc", "--json"]) == 0

    out = capsys.readouterr()
    assert json.loads(out.out)["counts"] == {"created": 3, "updated": 0, "unchanged": 0, "failed": 0}
    assert "3/3" in out.err  # the progress bar's last state
    assert cli.main(["catalogue", "import", "hvc"]) == 0
    table = capsys.readouterr().out
    assert "zt-2" in table and "unchanged" in table
    assert cli.main(["catalogue", "import", "nobody"]) == 2


def test_the_zaakstatus_command_at_the_repository_root_runs_the_cli():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [str(root / "zaakstatus"), "catalogue", "import", "--help"], capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 0, done.stderr
    assert "usage: zaakstatus catalogue import" in done.stdout
