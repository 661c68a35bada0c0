"""The routes of "Inloggen met DigiD" (or eHerkenning) for "Mijn zaken", through an OpenID Connect
provider (services/digid.py). Where no provider is configured both answer 404.

The round trip's cookie (`zs_digid`) is HttpOnly and SameSite=Lax: the provider sends the browser
back with a top-level GET from its own site, which a Strict cookie would not come with. It is
limited to the callback's path and to ten minutes, and cleared once used.

The callback answers a short page that moves on to /mijn-zaken by itself (a meta refresh, no
script) rather than a redirect: the session cookie is SameSite=Strict, and a browser does not send
it on a redirect that continues a navigation another site started, so the overview would look
signed out until the next click.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape as e
from typing import Any

from chalice import Response

from chalicelib.domain.errors import NotFound, Unauthorized
from chalicelib.services import digid
from chalicelib.services.deps import Deps
from chalicelib.web import cookies
from chalicelib.web.my_cases_session import session_cookie
from chalicelib.web.pages.layout import html_response, layout, unknown_page

FLOW_COOKIE = "zs_digid"
FLOW_PATH = "/mijn-zaken/digid"
TEXT = {
    "refused_title": "Inloggen met DigiD is niet gelukt",
    "refused": "Het inloggen is afgebroken of kon niet worden gecontroleerd. Probeer het opnieuw.",
    "refused_en": "Signing in with DigiD did not succeed. Please try again.",
    "away_title": "DigiD is nu niet bereikbaar",
    "away": "Probeer het later opnieuw, of vraag een inloglink aan met uw e-mailadres of mobiele nummer.",
    "away_en": "DigiD cannot be reached now. Please try again later, or ask for a sign-in link.",
    "done_title": "U bent ingelogd",
    "done": "U gaat door naar uw zaken.",
    "done_en": "You are signed in.",
    "next": "Naar Mijn zaken",
}


def _flow_cookie(value: str, max_age: int, secure: bool) -> str:
    # Lax: the provider sends the browser back with a top-level GET from its own site.
    return cookies.set_cookie(FLOW_COOKIE, value, path=FLOW_PATH, max_age=max_age, secure=secure, same_site="Lax")


BUTTON = {
    "nl": (
        "Inloggen met DigiD",
        "Log in met DigiD (of eHerkenning voor een bedrijf) om ook de zaken te zien die u zelf aanvroeg.",
    ),
    "en": (
        "Sign in with DigiD",
        "Sign in with DigiD (or eHerkenning for a business) to see the cases you applied for, too.",
    ),
}


def with_digid(page: str, deps: Deps, language: str) -> str:
    """The sign-in page with "Inloggen met DigiD" added, where a provider is configured."""
    if not digid.enabled(deps):
        return page
    label, text = BUTTON.get(language, BUTTON["nl"])
    section = f'<h2>{e(label)}</h2><p>{e(text)}</p><p><a class="digid" href="{FLOW_PATH}">{e(label)}</a></p>'
    return page.replace("</div></main>", section + "</div></main>", 1)


def add_digid_routes(app: Any, deps: Callable[[], Deps], **json: Any) -> None:
    def secure() -> bool:
        return not deps().settings.is_local

    @app.route(FLOW_PATH, methods=["GET"], **json)
    def digid_start() -> Response:
        if not digid.enabled(deps()):
            return html_response(unknown_page(), 404)
        try:
            started = digid.start(deps())
        except Unauthorized:  # the provider's discovery document could not be read
            return _refused("away", secure())
        cookie = _flow_cookie(started.flow, digid.FLOW_TTL_S, secure())
        return Response(
            body="",
            status_code=302,
            headers={"Location": started.url, "Set-Cookie": cookie, "Cache-Control": "no-store"},
        )

    @app.route(FLOW_PATH + "/callback", methods=["GET"], **json)
    def digid_callback() -> Response:
        if not digid.enabled(deps()):
            return html_response(unknown_page(), 404)
        request = app.current_request
        query = request.query_params or {}
        try:
            signed = digid.finish(deps(), cookies.read(request, FLOW_COOKIE), query.get("code"), query.get("state"))
        except (Unauthorized, NotFound):
            return _refused("refused", secure())
        head = '<meta http-equiv="refresh" content="0;url=/mijn-zaken">'
        main = (
            f'<h1>{e(TEXT["done_title"])}</h1><p>{e(TEXT["done"])}</p><p lang="en">{e(TEXT["done_en"])}</p>'
            f'<p><a href="/mijn-zaken">{e(TEXT["next"])}</a></p>'
        )
        body = layout("nl", TEXT["done_title"], main).replace("</head>", head + "</head>", 1)
        page = html_response(body, 200, **{"Cache-Control": "no-store"})
        page.headers["Set-Cookie"] = [session_cookie(signed.token, secure()), _flow_cookie("", 0, secure())]
        return page


def _refused(kind: str, secure: bool) -> Response:
    title, text, english = (kind + "_title", kind, kind + "_en")
    main = (
        f"<h1>{e(TEXT[title])}</h1><p>{e(TEXT[text])}</p>"
        f'<p lang="en">{e(TEXT[english])}</p><p><a href="/mijn-zaken">{e(TEXT["next"])}</a></p>'
    )
    page = html_response(layout("nl", TEXT[title], main), 403 if kind == "refused" else 503)
    page.headers["Cache-Control"] = "no-store"
    page.headers["Set-Cookie"] = _flow_cookie("", 0, secure)
    return page
