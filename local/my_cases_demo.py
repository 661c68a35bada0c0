"""What the local run prints to try "Mijn zaken" by sign-in link: the demo cases' citizen
(`local/digid_demo.py` posts them in two organisations with this e-mail address)."""

from __future__ import annotations

from local.digid_demo import CASES

ADDRESS = "burger@example.org"


def banner(api: str) -> str:
    cases = ", ".join(case_id for case_id, _, _ in CASES.values())
    return (
        f"Mijn zaken: open {api}/mijn-zaken, type {ADDRESS} and press 'Stuur mij een link'; the link is in\n"
        f"  {api}/dev/outbox (valid 15 minutes, once). The overview lists {cases}, and changes the messages\n"
        f'  of all of them at once. JSON: POST {api}/v1/me/sign-in {{"email": "{ADDRESS}"}}, then\n'
        f"  GET {api}/v1/me/cases with the zs_mijn cookie.\n"
    )
