"""Encryption of stored secrets (API client secrets): Fernet with a configured key, or KMS."""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Callable
from typing import Any

from cryptography.fernet import Fernet


class FernetBox:
    def __init__(self, key_material: str) -> None:
        # Any configured string becomes a valid 32-byte Fernet key.
        digest = hashlib.sha256(key_material.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        return self._fernet.decrypt(ciphertext.encode()).decode()


class KmsBox:
    def __init__(self, client_factory: Callable[[], Any], key_id: str) -> None:
        self._client_factory = client_factory
        self._key_id = key_id

    def encrypt(self, plaintext: str) -> str:
        blob = self._client_factory().encrypt(KeyId=self._key_id, Plaintext=plaintext.encode())
        return base64.b64encode(blob["CiphertextBlob"]).decode()

    def decrypt(self, ciphertext: str) -> str:
        blob = self._client_factory().decrypt(KeyId=self._key_id, CiphertextBlob=base64.b64decode(ciphertext))
        return blob["Plaintext"].decode()


class CachingBox:
    """Remembers decryptions per warm container, keyed by the ciphertext.

    Every authenticated request decrypts its client's secret; with KMS that is a paid call and
    a round trip each time. The client item is still read on every request, so a revoked or
    rotated client is refused at once: only the decryption of an unchanged ciphertext is reused.
    """

    def __init__(self, box: Any, size: int = 256) -> None:
        self._box = box
        self.decrypt = functools.lru_cache(maxsize=size)(box.decrypt)

    def encrypt(self, plaintext: str) -> str:
        return self._box.encrypt(plaintext)
