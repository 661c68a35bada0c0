"""ZGW case systems (Open Zaak + Open Notificaties): the hub's messages, the organisation's
connection, and how ZaakTypen, StatusTypen, Statussen and Rollen map onto case types, events and
parties."""
