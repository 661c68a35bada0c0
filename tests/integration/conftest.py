"""Shared fixtures for integration tests."""

from __future__ import annotations
