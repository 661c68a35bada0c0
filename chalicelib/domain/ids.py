"""Ids and codes are taken exactly as sent.

The inbound models strip whitespace around strings (a name or a phone number may come with a
stray space), but an id is a key: stripped, `"ZAAK-1\n"` would be stored as `ZAAK-1` while the
raw value is what another path (a ZGW link, a URL) compares with, and the two part ways. So a
field typed `Exact` keeps what was sent and its pattern refuses the whitespace.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

Exact = Annotated[str, StringConstraints(strip_whitespace=False)]
