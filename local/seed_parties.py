"""Demo data for parties, shared cases and sub-cases (seeded by `make run` with the rest of `seed.py`).

An environmental service (Omgevingsdienst Midden-Holland) handles a permit whose tree felling is a
sub-case of the municipality (Gemeente Gouda); DCMR handles an extended permit application of an
undertaking for the competent authority (Provincie Zuid-Holland), which follows it as chain
partner. The status series are those of Omgevingsdienst Haaglanden and DCMR in docs/domain.md.
"""

from __future__ import annotations

from typing import Any

EVERY_PERSON = True  # `notify: true`: every person or business party of the case


def status(
    code: str,
    name: str,
    notify: bool | list[str],
    text: tuple[str, str],
    business: tuple[str, str] | None = None,
    final: bool = False,
    public: bool = True,
) -> dict[str, Any]:
    """A status as `PUT /v1/case-types/{code}` takes it; `business`: the text for an undertaking."""
    out: dict[str, Any] = {"code": code, "name": name, "notify": notify, "public": public}
    out["text"] = {"nl": text[0], "en": text[1]}
    if business is not None:
        out["text_business"] = {"nl": business[0], "en": business[1]}
    if final:
        out["final"] = True
    return out


CHAIN = ["initiator", "co_initiator", "representative", "chain_partner"]

# DCMR, "Afhandelen uitgebreide vergunningaanvraag": the competent authority (chain partner) is
# told of the draft decision and the decision; it reads the internal statuses as well.
DCMR_VERGUNNING: dict[str, Any] = {
    "name": "Afhandelen uitgebreide vergunningaanvraag",
    "public_name": {"nl": "Aanvraag omgevingsvergunning", "en": "Environmental permit application"},
    "service_norm_days": 182,
    "retention_days": 3650,
    "statuses": [
        status(
            "intake_afgerond",
            "Intake afgerond",
            EVERY_PERSON,
            ("We hebben uw aanvraag ontvangen en de intake afgerond.", "We have received your application."),
            business=(
                "We hebben de aanvraag van uw onderneming ontvangen en de intake afgerond.",
                "We have received your undertaking's application and completed the intake.",
            ),
        ),
        status(
            "ontvankelijk",
            "Getoetst aan indieningsvereisten",
            False,
            ("Uw aanvraag is compleet.", "Your application is complete."),
        ),
        status(
            "inhoudelijk",
            "Inhoudelijk behandeld",
            False,
            ("Advies bevoegd gezag opgesteld.", "Advice to the competent authority drafted."),
            public=False,
        ),
        status(
            "ontwerpbesluit",
            "Ontwerpbesluit genomen",
            CHAIN,
            (
                "Er is een ontwerpbesluit op uw aanvraag. Het ligt zes weken ter inzage.",
                "A draft decision on your application has been taken. It is open for views for six weeks.",
            ),
            business=(
                "Er is een ontwerpbesluit op de aanvraag van uw onderneming. Het ligt zes weken ter inzage.",
                "A draft decision on your undertaking's application has been taken. It is open for six weeks.",
            ),
        ),
        status(
            "zienswijzen",
            "Zienswijzen behandeld",
            False,
            ("De zienswijzen zijn behandeld.", "The views have been dealt with."),
        ),
        status(
            "besluit",
            "Besluit genomen",
            CHAIN,
            ("Er is een besluit op uw aanvraag genomen.", "A decision on your application has been taken."),
            business=(
                "Er is een besluit op de aanvraag van uw onderneming genomen.",
                "A decision on your undertaking's application has been taken.",
            ),
        ),
        status(
            "afgesloten",
            "Zaak afgesloten",
            EVERY_PERSON,
            ("Uw aanvraag is afgehandeld.", "Your application has been dealt with."),
            business=(
                "De aanvraag van uw onderneming is afgehandeld.",
                "Your undertaking's application has been dealt with.",
            ),
            final=True,
        ),
    ],
}

# The texts of DCMR's inspection for an undertaking, by status code (its notifying statuses).
DCMR_INSPECTIE_BUSINESS: dict[str, tuple[str, str]] = {
    "gepland": ("De inspectie bij uw onderneming is gepland.", "The inspection of your undertaking has been planned."),
    "bevindingen": (
        "De bevindingen van de inspectie bij uw onderneming zijn vastgesteld. ((status.explanation))",
        "The findings of the inspection of your undertaking have been established. ((status.explanation))",
    ),
    "afgesloten": ("De inspectie bij uw onderneming is afgesloten.", "The inspection of your undertaking is closed."),
}

ODMH_OMGEVINGSVERGUNNING: dict[str, Any] = {
    "name": "Omgevingsvergunning",
    "public_name": {"nl": "Aanvraag omgevingsvergunning", "en": "Environmental permit application"},
    "service_norm_days": 56,
    "retention_days": 3650,
    "statuses": [
        status(
            "intake_afgerond",
            "Intake afgerond",
            EVERY_PERSON,
            ("We hebben uw aanvraag ontvangen en de intake afgerond.", "We have received your application."),
        ),
        status("stukken_verzonden", "Stukken verzonden", False, ("De stukken zijn verzonden.", "Documents sent.")),
        status(
            "ontvankelijk",
            "Getoetst aan indieningsvereisten",
            False,
            ("Uw aanvraag is compleet.", "Your application is complete."),
        ),
        status(
            "inhoudelijk",
            "Inhoudelijk behandeld",
            EVERY_PERSON,
            ("We hebben uw aanvraag inhoudelijk beoordeeld.", "We have assessed your application on substance."),
        ),
        status(
            "besluit",
            "Besluit genomen",
            EVERY_PERSON,
            ("Er is een besluit op uw aanvraag genomen.", "A decision on your application has been taken."),
        ),
        status(
            "geleverd",
            "Product geleverd",
            EVERY_PERSON,
            ("Uw vergunning is verstuurd.", "Your permit has been sent."),
            final=True,
        ),
    ],
}

# No placeholders in these texts: the parent case's page shows them as they are.
GOUDA_KAPVERGUNNING: dict[str, Any] = {
    "name": "Kapvergunning",
    "public_name": {"nl": "Kappen van bomen", "en": "Tree felling"},
    "service_norm_days": 42,
    "retention_days": 3650,
    "statuses": [
        status(
            "ontvangen",
            "Aanvraag ontvangen",
            EVERY_PERSON,
            ("De gemeente beoordeelt het kappen van de bomen.", "The municipality is assessing the tree felling."),
        ),
        status(
            "beoordeeld",
            "Bomen beoordeeld",
            False,
            ("Een boomdeskundige heeft de bomen bekeken.", "A tree expert has inspected the trees."),
        ),
        status(
            "besluit",
            "Besluit kapvergunning",
            EVERY_PERSON,
            ("De gemeente heeft besloten over het kappen.", "The municipality has decided on the felling."),
            final=True,
        ),
    ],
}

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "org": {"id": "gouda", "name": "Gemeente Gouda", "email_from": "noreply@gouda.example", "sms_from": "Gouda"},
        "case_types": {"kapvergunning": GOUDA_KAPVERGUNNING},
    },
    {
        "org": {
            "id": "odmh",
            "name": "Omgevingsdienst Midden-Holland",
            "email_from": "noreply@odmh.example",
            "sms_from": "ODMH",
        },
        "case_types": {"omgevingsvergunning": ODMH_OMGEVINGSVERGUNNING},
        "partners": ["gouda"],  # Gouda may link its sub-cases to ODMH's cases
    },
    {
        "org": {
            "id": "zuid-holland",
            "name": "Provincie Zuid-Holland",
            "email_from": "noreply@zuid-holland.example",
            "sms_from": "ZuidHolland",
        },
        "case_types": {},  # the competent authority: it reads the cases shared with it
    },
]


def with_business_texts(statuses: list[dict[str, Any]], texts: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """The statuses with `text_business` added where `texts` has one for their code."""
    return [
        {**s, "text_business": {"nl": texts[s["code"]][0], "en": texts[s["code"]][1]}} if s["code"] in texts else s
        for s in statuses
    ]
