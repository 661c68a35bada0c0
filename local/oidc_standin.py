"""A loopback OpenID Connect provider standing in for a DigiD/eHerkenning broker (local run, tests).

It speaks the part of OIDC a relying party uses: the discovery document, a JWKS with an RSA key
made at start, `/authorize` (authorization code flow; PKCE with S256 is required) and `/token`
(client secret by Basic auth or in the form; code, redirect_uri and code_verifier checked; the
code is single-use and lives 60 s). The ID token is RS256-signed and carries iss, aud, sub,
nonce, exp, iat and the citizen's `bsn` (or a business's `kvk`).

`/authorize` shows a small form to choose a test citizen; `login_hint=<key>` (a key of
`citizens`) skips the form and approves at once, which is what the tests do. To test a relying
party's checks, `tamper_next(...)` makes the next ID token wrong in one way (claims changed, or
signed with a key not in the JWKS).

Run alone: `python -m local.oidc_standin --port 8030` (client `zaakstatus-local`, secret below).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import os
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

LOCAL_CLIENT_ID = "zaakstatus-local"
LOCAL_CLIENT_SECRET = "local-oidc-client-secret"
# Test BSNs that pass the eleven-test (the 99999xxxx range is never issued to a real person).
TEST_CITIZENS: dict[str, dict[str, str]] = {
    "999993653": {"bsn": "999993653", "name": "Test burger (999993653)"},
    "999990019": {"bsn": "999990019", "name": "Test burger (999990019)"},
    "kvk-69599084": {"kvk": "69599084", "name": "Testbedrijf B.V. (KvK 69599084)"},
}
CODE_TTL_S = 60
MAX_BODY = 64 * 1024


class OidcStandIn:
    def __init__(
        self,
        client_id: str = LOCAL_CLIENT_ID,
        client_secret: str = LOCAL_CLIENT_SECRET,
        host: str = "127.0.0.1",
        port: int = 0,
        citizens: dict[str, dict[str, str]] | None = None,
    ) -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.citizens = dict(citizens or TEST_CITIZENS)
        self._host, self._port = host, port
        self.key = RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(8), "use": "sig"})
        self._lock = threading.Lock()
        self._codes: dict[str, dict[str, Any]] = {}
        self._tamper: dict[str, Any] | None = None
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> OidcStandIn:
        self._server = ThreadingHTTPServer((self._host, self._port), _handler(self))
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="oidc-standin", daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> OidcStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def tamper_next(self, claims: dict[str, Any] | None = None, foreign_key: bool = False) -> None:
        """Make the next ID token wrong: `claims` replace its claims, `foreign_key` signs it with a
        key the JWKS does not hold."""
        with self._lock:
            self._tamper = {"claims": claims or {}, "foreign_key": foreign_key}

    # -- the protocol ------------------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid"],
            "claims_supported": ["sub", "bsn", "kvk"],
        }

    def jwks(self) -> dict[str, Any]:
        return KeySet([self.key]).as_dict(private=False)

    def authorize_error(self, q: dict[str, str]) -> str | None:
        """Why an authorization request is refused before any redirect, or None."""
        if q.get("client_id") != self.client_id:
            return "unknown client_id"
        if q.get("response_type") != "code" or "openid" not in q.get("scope", "").split():
            return "response_type=code and scope openid are required"
        if not q.get("redirect_uri", "").startswith(("http://", "https://")):
            return "redirect_uri is required"
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return "PKCE with code_challenge_method=S256 is required"
        return None

    def approve(self, q: dict[str, str], citizen: str) -> str:
        """The redirect back to the client with a fresh code for the chosen citizen."""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = {**q, "citizen": citizen, "expires": time.time() + CODE_TTL_S}
        back = {"code": code, "state": q.get("state", "")}
        sep = "&" if "?" in q["redirect_uri"] else "?"
        return q["redirect_uri"] + sep + urlencode(back)

    def token(self, form: dict[str, str], basic: tuple[str, str] | None) -> tuple[int, dict[str, Any]]:
        client = basic or (form.get("client_id", ""), form.get("client_secret", ""))
        if client != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client"}
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)  # single-use, even when refused
            tamper, self._tamper = self._tamper, None
        if grant is None or grant["expires"] < time.time() or form.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if not verifier or not secrets.compare_digest(challenge, grant["code_challenge"]):
            return 400, {"error": "invalid_grant", "error_description": "code_verifier does not match"}
        return 200, {
            "access_token": secrets.token_urlsafe(24),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self._id_token(grant, tamper),
        }

    def _id_token(self, grant: dict[str, Any], tamper: dict[str, Any] | None) -> str:
        now = int(time.time())
        person = {k: v for k, v in self.citizens[grant["citizen"]].items() if k in ("bsn", "kvk")}
        # A pairwise subject: stable per client, telling nothing of the BSN.
        sub = hashlib.sha256(f"{self.client_id}\0{grant['citizen']}".encode()).hexdigest()
        claims: dict[str, Any] = {"iss": self.url, "aud": self.client_id, "sub": sub, "iat": now, "exp": now + 300}
        claims |= person
        if grant.get("nonce"):
            claims["nonce"] = grant["nonce"]
        key = self.key
        if tamper:
            claims |= tamper["claims"]
            if tamper["foreign_key"]:
                key = RSAKey.generate_key(2048, parameters={"kid": self.key.kid})
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, key)

    def page(self, q: dict[str, str]) -> str:
        options = "".join(
            f'<option value="{html.escape(k)}">{html.escape(c.get("name", k))}</option>'
            for k, c in self.citizens.items()
        )
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in q.items()
        )
        return (
            '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>DigiD (test)</title></head>'
            "<body><main><h1>Inloggen bij de test-DigiD</h1><p>Dit is een nagebootste DigiD voor de lokale"
            ' omgeving.</p><form method="post" action="/authorize">'
            f'{hidden}<label for="login_hint">Test burger</label> <select id="login_hint" name="login_hint">'
            f'{options}</select> <button type="submit">Inloggen</button></form></main></body></html>'
        )


def _handler(standin: OidcStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - no BSN in any log
            return

        def do_GET(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            if url.path == "/.well-known/openid-configuration":
                return self._json(200, standin.discovery())
            if url.path == "/jwks":
                return self._json(200, standin.jwks())
            if url.path == "/authorize":
                return self._authorize({k: v[0] for k, v in parse_qs(url.query).items()})
            self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:  # noqa: N802
            length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            path = urlsplit(self.path).path
            if path == "/authorize":
                return self._authorize(form)
            if path == "/token":
                return self._json(*standin.token(form, self._basic()))
            self._json(404, {"error": "not_found"})

        def _authorize(self, q: dict[str, str]) -> None:
            if error := standin.authorize_error(q):
                return self._text(400, error)
            hint = q.pop("login_hint", "")
            if hint not in standin.citizens:
                return self._text(200, standin.page(q), "text/html; charset=utf-8")
            self.send_response(302)
            self.send_header("Location", standin.approve(q, hint))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _basic(self) -> tuple[str, str] | None:
            auth = self.headers.get("Authorization", "")
            if not auth.startswith("Basic "):
                return None
            user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
            return unquote_plus(user), unquote_plus(password)  # RFC 6749 2.3.1: form-encoded

        def _json(self, status: int, body: dict[str, Any]) -> None:
            self._text(status, json.dumps(body), "application/json")

        def _text(self, status: int, body: str, content_type: str = "text/plain; charset=utf-8") -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def configure(host: str) -> OidcStandIn:
    """The local run: start the stand-in and point the app at it, unless a provider is configured
    already (ZAAKSTATUS_OIDC_ISSUER); ZAAKSTATUS_OIDC_PORT fixes its port."""
    standin = OidcStandIn(host=host, port=int(os.environ.get("ZAAKSTATUS_OIDC_PORT") or 0)).start()
    if not os.environ.get("ZAAKSTATUS_OIDC_ISSUER"):
        os.environ.update(
            ZAAKSTATUS_OIDC_ISSUER=standin.url,
            ZAAKSTATUS_OIDC_CLIENT_ID=standin.client_id,
            ZAAKSTATUS_OIDC_CLIENT_SECRET=standin.client_secret,
        )
    return standin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8030)
    args = parser.parse_args()
    with OidcStandIn(host=args.host, port=args.port) as standin:
        print(f"OIDC stand-in at {standin.url}  client {standin.client_id} / {standin.client_secret}", flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
