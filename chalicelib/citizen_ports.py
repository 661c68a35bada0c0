"""Ports of a citizen's own cases across organisations: the address and identity index, sign-in links
and sessions."""

from __future__ import annotations
