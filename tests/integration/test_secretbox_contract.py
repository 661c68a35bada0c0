"""The SecretBox port's contract: FernetBox (configured key) and KmsBox (on moto) behave alike."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from cryptography.fernet import InvalidToken
from moto import mock_aws

from chalicelib.adapters.secretbox import CachingBox, FernetBox, KmsBox

SECRETS = [
    "0QmO3yV1mZ6o5xGkR5m3bq2pYQ0mYp1o7v9pWcQk2aE",  # what organisations.issue_client makes
    "s",
    "ünïcödé secret with spaces and 🔑",
    "x" * 2000,
]


class SecretBoxContract:
    @pytest.fixture
    def make_box(self):  # pragma: no cover - overridden
        raise NotImplementedError

    @pytest.mark.parametrize("plaintext", SECRETS)
    def test_round_trip_gives_the_plaintext_back(self, make_box, plaintext):
        box = make_box()
        assert box.decrypt(box.encrypt(plaintext)) == plaintext

    @pytest.mark.parametrize("plaintext", [p for p in SECRETS if len(p) >= 8])  # 's' may occur by chance
    def test_ciphertext_differs_from_and_does_not_contain_the_plaintext(self, make_box, plaintext):
        ciphertext = make_box().encrypt(plaintext)
        assert isinstance(ciphertext, str)
        assert ciphertext != plaintext
        assert plaintext not in ciphertext

    def test_ciphertext_is_plain_ascii_text_for_storage(self, make_box):
        assert make_box().encrypt(SECRETS[0]).isascii()

    def test_another_box_of_the_same_configuration_decrypts(self, make_box):
        assert make_box().decrypt(make_box().encrypt(SECRETS[0])) == SECRETS[0]

    def test_tampered_ciphertext_is_refused(self, make_box):
        box = make_box()
        ciphertext = box.encrypt(SECRETS[0])
        middle = len(ciphertext) // 2
        tampered = ciphertext[:middle] + ("A" if ciphertext[middle] != "A" else "B") + ciphertext[middle + 1 :]
        with pytest.raises(Exception):  # noqa: B017 - each adapter raises its library's own error
            box.decrypt(tampered)


class TestFernetBox(SecretBoxContract):
    @pytest.fixture
    def make_box(self):
        return lambda: FernetBox("contract-test-key")

    def test_another_key_cannot_decrypt(self):
        ciphertext = FernetBox("key-one").encrypt(SECRETS[0])
        with pytest.raises(InvalidToken):
            FernetBox("key-two").decrypt(ciphertext)


class TestKmsBox(SecretBoxContract):
    @pytest.fixture
    def make_box(self) -> Iterator:
        with mock_aws():
            key_id = boto3.client("kms").create_key(Description="zaakstatus client secrets")["KeyMetadata"]["KeyId"]
            yield lambda: KmsBox(lambda: boto3.client("kms"), key_id)


class TestCachingKmsBox(SecretBoxContract):
    """The cache wraps an adapter without changing what it promises."""

    @pytest.fixture
    def make_box(self) -> Iterator:
        with mock_aws():
            key_id = boto3.client("kms").create_key(Description="zaakstatus client secrets")["KeyMetadata"]["KeyId"]
            yield lambda: CachingBox(KmsBox(lambda: boto3.client("kms"), key_id))

    def test_a_repeated_decryption_calls_kms_once(self, make_box):
        box = make_box()
        calls = []
        kms = boto3.client("kms")
        kms.meta.events.register("before-call.kms.Decrypt", lambda **_: calls.append(1))
        cached = CachingBox(KmsBox(lambda: kms, box._box._key_id))
        ciphertext = cached.encrypt(SECRETS[0])

        assert [cached.decrypt(ciphertext) for _ in range(3)] == [SECRETS[0]] * 3
        assert len(calls) == 1
