"""ZGW case systems (Open Zaak + Open Notificaties): zaakstatus as a standard hub subscriber.

- `connection`: the organisation's ZGW connection (API URLs, JWT credentials, hub secret).
- `notifications`: the hub's callback: authenticate, validate, keep, enqueue keys.
- `inbox`: the ZGW queue's messages: resolve a status, or forget a destroyed zaak.
- `resolve`: a status URL becomes an event for `services.ingest.accept`.
- `catalogue`: ZaakTypen and StatusTypen become case types.
- `reconcile`: the scheduled backup poll for statuses the hub lost.
"""
