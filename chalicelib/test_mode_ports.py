"""Ports of test_mode_ports (filled in by issue 13's work)."""

from __future__ import annotations
