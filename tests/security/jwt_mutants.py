"""Organisation tokens, taken apart and put together wrongly: every way a token may be mutated
that must be refused (tests/security/test_jwt_generated.py).

A mutant is refused when it is not a token the client could have made with its secret: its bytes
differ from a genuine token's and the signature was not remade with the secret, or it was remade
with the secret but a claim or the header is one the service must not take (NaN, a float, a date
outside the hour, another client's id, an algorithm other than HS256, an unknown `crit`, ...).
Changes the client itself may make (a `kid`, another `typ`, an extra claim, signed with its own
secret) are genuine tokens, not mutants, and are not generated.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any

Mutant = tuple[str, str]  # (what was done, the token)


def b64(raw: bytes | str) -> str:
    data = raw.encode() if isinstance(raw, str) else raw
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def signed(
    header: dict[str, Any] | str, claims: dict[str, Any] | str, secret: str, digest: Any = hashlib.sha256
) -> str:
    """A JWS in compact form; header and claims as given when text (odd JSON stays odd)."""
    h = header if isinstance(header, str) else json.dumps(header, separators=(",", ":"))
    c = claims if isinstance(claims, str) else json.dumps(claims, separators=(",", ":"))
    signing_input = f"{b64(h)}.{b64(c)}"
    signature = hmac.new(secret.encode(), signing_input.encode(), digest or hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


class Mutants:
    """The genuine token of `creds` and its systematic mutants. `other` is another organisation's
    credentials (a valid client, with its own secret)."""

    HS256 = {"alg": "HS256", "typ": "JWT"}

    def __init__(self, creds: dict[str, Any], other: dict[str, Any]) -> None:
        self.client_id, self.secret = creds["client_id"], creds["client_secret"]
        self.other_id, self.other_secret = other["client_id"], other["client_secret"]
        self.now = int(time.time())

    def claims(self, **changes: Any) -> dict[str, Any]:
        claims = {"client_id": self.client_id, "iat": self.now}
        claims.update(changes)
        return {k: v for k, v in claims.items() if v is not ...}  # ... removes a claim

    def genuine(self) -> str:
        return signed(self.HS256, self.claims(), self.secret)

    def all(self) -> Iterator[Mutant]:
        yield from self.header()
        yield from self.bad_claims()
        yield from self.tampered_claims()
        yield from self.signature()
        yield from self.encoding()

    def header(self) -> Iterator[Mutant]:
        good = self.claims()
        header, payload, signature = self.genuine().split(".")
        for alg in ("none", "None", "NONE", "nOnE", ""):
            yield f"alg {alg!r}, unsigned", signed({"alg": alg, "typ": "JWT"}, good, "").rsplit(".", 1)[0] + "."
            yield f"alg {alg!r}, HS256 signature", f"{b64(json.dumps({'alg': alg}))}.{payload}.{signature}"
        for alg, digest in (("HS384", hashlib.sha384), ("HS512", hashlib.sha512)):
            yield f"{alg} with the secret", signed({"alg": alg, "typ": "JWT"}, good, self.secret, digest)
        for alg in ("RS256", "ES256", "PS256", "EdDSA", "hs256", "HS256 ", None, 256, ["HS256"]):
            yield f"alg {alg!r} signed HS256", signed({"alg": alg, "typ": "JWT"}, good, self.secret)
        yield "no alg", signed({"typ": "JWT"}, good, self.secret)
        for text in ("[]", "null", '"HS256"', "{}", "", "{", '{"alg":"HS256"', '{"alg":"HS256","alg":"none"}'):
            yield f"header {text!r}", signed(text, good, self.secret)
        for crit in (["exp"], ["x-unknown"], ["b64"], "b64", [], [1]):
            yield f"crit {crit!r}", signed({**self.HS256, "crit": crit}, good, self.secret)
        yield "b64 false", signed({**self.HS256, "b64": False, "crit": ["b64"]}, good, self.secret)
        for extra in ({"kid": "../../etc/passwd"}, {"kid": "' OR 1=1 --"}, {"kid": "k" * 5000}, {"typ": "at+jwt"}):
            yield (
                f"header {list(extra)} changed, old signature",
                f"{b64(json.dumps({**self.HS256, **extra}))}.{payload}.{signature}",
            )
        for key in ("jwk", "jku", "x5u", "x5c"):
            yield (
                f"header {key} names the attacker's key",
                signed({**self.HS256, key: "https://evil.example/k"}, good, "evil"),
            )

    def bad_claims(self) -> Iterator[Mutant]:
        """Signed with the right secret, with claims the service must refuse."""
        now = self.now
        iats: list[Any] = [float("nan"), float("inf"), float("-inf"), now + 0.5, float(now), now - 0.5, 1e30]
        iats += [2**63, 2**64 + now, -1, -now, 0, True, False, str(now), f"{now}.0", None, [], {}, [now], {"$n": now}]
        iats += [now - 3601, now - 86_400, now - 10**8, now + 300, now + 3600, now + 10**8, ...]
        for iat in iats:
            yield f"iat {iat!r}", signed(self.HS256, self.claims(iat=iat), self.secret)
        for name in ("exp", "nbf"):
            for value in (float("nan"), float("inf"), now + 0.5, str(now + 600), True, 10**20, -(10**20)):
                yield f"{name} {value!r}", signed(self.HS256, self.claims(**{name: value}), self.secret)
        yield "exp passed", signed(self.HS256, self.claims(exp=now - 10), self.secret)
        yield "nbf ahead", signed(self.HS256, self.claims(nbf=now + 3600), self.secret)
        ids: list[Any] = [..., None, 1, [], {}, [self.client_id], self.other_id, "hvc.0000000000000000"]
        ids += [self.client_id + "\n", self.client_id + " ", " " + self.client_id, self.client_id.upper()]
        ids += [
            self.client_id + "\x00",
            "../" + self.client_id,
            self.client_id.replace(".", "%2e"),
            "hvc." + "a" * 5000,
        ]
        ids += [self.client_id.replace("h", "\u04bb"), self.client_id[:-1], self.client_id + "0"]
        for client_id in ids:
            yield f"client_id {client_id!r:.40}", signed(self.HS256, self.claims(client_id=client_id), self.secret)
        swapped = self.claims(client_id=..., iss=self.client_id, sub=self.client_id)
        yield "client_id moved to iss/sub", signed(self.HS256, swapped, self.secret)
        yield "other's client_id, other's iss", signed(self.HS256, self.claims(iss=self.other_id), self.other_secret)
        yield "other's client_id with our secret", signed(self.HS256, self.claims(client_id=self.other_id), self.secret)
        yield "our client_id with other's secret", signed(self.HS256, self.claims(), self.other_secret)
        good_id = json.dumps(self.client_id)
        last_wins = [
            f'{{"client_id":{good_id},"client_id":{json.dumps(self.other_id)},"iat":{now}}}',
            f'{{"client_id":{good_id},"iat":{now},"iat":NaN}}',
            f'{{"client_id":{good_id},"iat":{now},"iat":"{now}"}}',
            f'{{"client_id":{good_id},"iat":{now},"iat":{now - 7200}}}',
            f'{{"client_id":{good_id},"iat":NaN}}',
            f'{{"client_id":{good_id},"iat":Infinity}}',
            f'{{"client_id":{good_id},"iat":-Infinity}}',
            f'{{"client_id":{good_id},"iat":{now}e0}}',
            f'{{"client_id":{good_id},"iat":{now}.000}}',
            f'{{"client_id":{good_id},"iat":1e400}}',
            f"[{good_id},{now}]",
            "null",
            f'"{self.client_id}"',
            "",
            "{" * 5000,
        ]
        for text in last_wins:
            yield f"claims text {text:.50}", signed(self.HS256, text, self.secret)

    def tampered_claims(self) -> Iterator[Mutant]:
        """Claims changed after signing; the genuine token's signature kept."""
        header, _, signature = self.genuine().split(".")
        cid, now = json.dumps(self.client_id), self.now
        escaped = "".join(f"\\u{ord(ch):04x}" for ch in self.client_id)
        texts = [
            json.dumps(self.claims(iat=now + 1)),
            json.dumps(self.claims(iat=now - 1)),
            json.dumps(self.claims(admin=True)),
            json.dumps(self.claims(scope="operator")),
            json.dumps(self.claims(client_id=self.other_id)),
            json.dumps({"iat": now, "client_id": self.client_id}),
            json.dumps(self.claims(), indent=1),
            f'{{"client_id":"{escaped}","iat":{now}}}',
            f'{{"client_id":{cid},"client_id":{cid},"iat":{now}}}',
            f'{{"client_id":{cid},"iat":{now}}} ',
            f' {{"client_id":{cid},"iat":{now}}}',
            f'{{"client_id":{cid},"iat":{now}.0}}',
            f'{{"client_id":{cid},"iat":NaN}}',
        ]
        for text in texts:
            yield f"payload {text:.50} under the old signature", f"{header}.{b64(text)}.{signature}"
        other_header, other_payload, _ = signed(self.HS256, self.claims(client_id=self.other_id), "x").split(".")
        yield "other's payload, our signature", f"{other_header}.{other_payload}.{signature}"

    def signature(self) -> Iterator[Mutant]:
        head, payload, signature = self.genuine().split(".")
        raw = unb64(signature)
        for bit in range(len(raw) * 8):
            flipped = bytearray(raw)
            flipped[bit // 8] ^= 1 << (bit % 8)
            yield f"signature bit {bit} flipped", f"{head}.{payload}.{b64(bytes(flipped))}"
        for keep in (0, 1, 16, 31):
            yield f"signature cut to {keep} bytes", f"{head}.{payload}.{b64(raw[:keep])}"
        yield "signature extended", f"{head}.{payload}.{b64(raw + bytes(1))}"
        yield "signature doubled", f"{head}.{payload}.{b64(raw + raw)}"
        yield "signature zeros", f"{head}.{payload}.{b64(bytes(len(raw)))}"
        yield "signature as hex", f"{head}.{payload}.{raw.hex()}"
        yield "no signature segment", f"{head}.{payload}"
        for secret in ("", self.secret + "x", self.secret.upper(), self.secret[:-1], self.other_secret, "secret"):
            yield f"secret {secret[:6]!r}... instead", signed(self.HS256, self.claims(), secret)

    def encoding(self) -> Iterator[Mutant]:
        token = self.genuine()
        segments = token.split(".")
        for i, segment in enumerate(segments):
            for name, changed in self._encodings(segment):
                yield f"segment {i}: {name}", ".".join(segments[:i] + [changed] + segments[i + 1 :])
        yield "extra segment", token + ".e30"
        yield "empty extra segment", token + "."
        yield "leading dot", "." + token
        yield "five segments", token + ".e30.e30"
        yield "two tokens", token + " " + token
        yield "JWE-like", ".".join([segments[0], "", segments[1], segments[2], ""])
        yield "nested", f"{segments[0]}.{b64(token)}.{segments[2]}"
        huge = signed(self.HS256, self.claims(pad="x" * 60_000), self.secret)
        yield "60 kB of claims under the old signature", f"{segments[0]}.{huge.split('.')[1]}.{segments[2]}"
        yield "token percent-encoded", token.replace(".", "%2E")
        yield "token upper-cased", token.upper()

    @staticmethod
    def _encodings(segment: str) -> Iterator[tuple[str, str]]:
        middle = len(segment) // 2
        yield "padding =", segment + "="
        yield "padding ==", segment + "=="
        yield "standard alphabet", segment.replace("-", "+").replace("_", "/") + "+/"
        for ch in ("+", "/", "!", "*", "~", "%", "\\", "\u00e9"):
            yield f"{ch!r} inside", segment[:middle] + ch + segment[middle:]
        for ws in (" ", "\t", "\n", "\r\n", "\u00a0", "\u200b"):
            yield f"{ws!r} inside", segment[:middle] + ws + segment[middle:]
        yield "last character changed", segment[:-1] + ("A" if segment[-1] != "A" else "B")
        yield "one character dropped", segment[:middle] + segment[middle + 1 :]
        yield "emptied", ""
