"""Whom the page speaks to: the party its link is for (`TrackingView.reader`).

The case's own applicant, a person, reads "uw zaak" and no extra sentence. Everyone else reads one
sentence saying as what they follow the case ("U volgt deze zaak als gemachtigde namens …"), and
the headings name the case as theirs only when it is: a business reads "de zaak van uw
onderneming"; a representative, an interested party and an organisation read "de zaak".
"""

from __future__ import annotations

from html import escape as e
from typing import Any

from chalicelib.domain.parties import ORGANISATION_ROLES

NOT_THEIR_OWN = ("representative", "interested")


def is_organisation(reader: dict[str, Any]) -> bool:
    return bool(reader["kind"] == "organisation" or reader["role"] in ORGANISATION_ROLES)


def audience(reader: dict[str, Any]) -> str:
    """The suffix of the words for title and history: '' (your case), '_business' or '_other'."""
    if reader["role"] in NOT_THEIR_OWN or is_organisation(reader):
        return "_other"
    return "_business" if reader["kind"] == "business" else ""


def heading(key: str, reader: dict[str, Any], w: dict[str, str]) -> str:
    """`title` or `history` in the reader's wording."""
    return w[key + audience(reader)]


def introduction(view: dict[str, Any], w: dict[str, str]) -> str:
    """The sentences under the page's heading; '' for the applicant reading their own case."""
    reader = view["reader"]
    role = w.get("role_" + reader["role"], "")
    follow = w["follow"].format(role=role, behalf=_behalf(reader, w))
    sentences = [follow] if follow != w["follow"].format(role="", behalf="") else []
    if is_organisation(reader):
        sentences.append(w["internal"].format(organisation=view["organisation"]["name"]))
    return "".join(f'<p class="reader">{e(one_stop(s))}</p>' for s in sentences)


def one_stop(sentence: str) -> str:
    """A name that ends in a full stop ("B.V.") ends the sentence too: no second one."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def _behalf(reader: dict[str, Any], w: dict[str, str]) -> str:
    name = reader["name"]
    if reader["role"] == "representative":
        return w["behalf_principal"].format(name=reader["on_behalf_of"] or w["principal_unnamed"])
    if is_organisation(reader):
        return w["behalf_organisation"].format(name=name) if name else ""
    if reader["kind"] == "business":
        return w["behalf_business"].format(name=name) if name else w["behalf_business_unnamed"]
    return ""
