"""ZGW case systems (Open Zaak + Open Notificaties): the hub's messages, the organisation's
connection, and how ZaakTypen, StatusTypen and Statussen map onto case types and events."""
