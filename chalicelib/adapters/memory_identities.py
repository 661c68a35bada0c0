"""Sending domains kept in memory (port: `SenderIdentities`), for unit tests: an identity starts
`pending` with three DKIM records as SES gives them, unless the adapter verifies locally (as the
local run does); tests move it on with `verify` and `fail`."""

from __future__ import annotations

import hashlib
import threading

from chalicelib.domain.sender_identity import DnsRecord, SenderIdentity, Status

DKIM_TARGET = "dkim.amazonses.com"


class MemoryIdentities:
    def __init__(self, *, verify_locally: bool = False) -> None:
        self._verify_locally = verify_locally
        self._identities: dict[str, SenderIdentity] = {}
        self._lock = threading.Lock()

    def create(self, domain: str) -> SenderIdentity:
        with self._lock:
            if domain not in self._identities:
                status: Status = "verified" if self._verify_locally else "pending"
                self._identities[domain] = SenderIdentity(domain=domain, status=status, dns_records=_records(domain))
            return self._identities[domain]

    def get(self, domain: str) -> SenderIdentity | None:
        return self._identities.get(domain)

    def verify(self, domain: str) -> None:
        self._set(domain, "verified")

    def fail(self, domain: str) -> None:
        self._set(domain, "failed")

    def _set(self, domain: str, status: Status) -> None:
        with self._lock:
            self._identities[domain] = self._identities[domain].model_copy(update={"status": status})


def _records(domain: str) -> tuple[DnsRecord, ...]:
    tokens = [hashlib.sha256(f"{domain}/{n}".encode()).hexdigest()[:32] for n in range(3)]
    return tuple(DnsRecord(type="CNAME", name=f"{t}._domainkey.{domain}", value=f"{t}.{DKIM_TARGET}") for t in tokens)
