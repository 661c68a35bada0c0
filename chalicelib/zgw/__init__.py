"""ZGW case systems (Open Zaak + Open Notificaties): zaakstatus as a standard hub subscriber.

- `connection`: the organisation's ZGW connection (API URLs, JWT credentials, hub secret).
- `webhook`: the hub's callback: authenticate, validate, persist, enqueue keys, answer 204.
- `client`: HTTP towards the Zaken and Catalogi APIs, HS256 JWTs, retries with backoff.
- `resolve`: a status URL becomes an `EventIn` for `chalicelib.ingest.accept`.
- `catalogue`: ZaakTypen and StatusTypen become case types.
- `worker`: the ZGW queue's messages; `reconcile`: the scheduled backup poll.
"""
