"""What the staff routes answer (the operator's registration of a staff member)."""

from __future__ import annotations

from typing import Literal

from chalicelib.domain.answers import Answer


class StaffOut(Answer):
    organisation: str
    email: str  # masked: the operator typed it, the answer need not repeat it
    role: Literal["admin", "agent", "viewer"]
