"""A token is three unpadded base64url segments, each in its one canonical spelling."""

from __future__ import annotations

import jwt
import pytest

from chalicelib.domain.token_shape import is_compact_jws

TOKEN = jwt.encode({"client_id": "hvc.0123456789abcdef", "iat": 1}, "s" * 32, algorithm="HS256")
HEAD, BODY, SIG = TOKEN.split(".")


def test_a_token_as_issued_has_the_compact_shape():
    assert is_compact_jws(TOKEN)


@pytest.mark.parametrize(
    "token",
    [
        f"{HEAD}.{BODY}.{SIG}=",  # padded: PyJWT decodes it to the same signature
        f"{HEAD}=.{BODY}.{SIG}",
        f"{HEAD}.{BODY}.{SIG[:-1]}{chr(ord(SIG[-1]) ^ 1)}",  # the last character's unused bits
        f"{HEAD}.{BODY}.{SIG.replace('-', '+').replace('_', '/')}+",
        f"{HEAD}.{BODY}.{SIG[:10]} {SIG[10:]}",
        f"{HEAD}.{BODY}.{SIG[:10]}\n{SIG[10:]}",
        f"{HEAD}.{BODY}",
        f"{HEAD}.{BODY}.",
        f"{TOKEN}.e30",
        f".{TOKEN}",
        f"{HEAD}.{BODY}.{SIG}\u00e9",
        "",
    ],
)
def test_any_other_spelling_is_not_a_token(token):
    assert not is_compact_jws(token)
