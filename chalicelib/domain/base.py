"""The base of the domain's models: frozen values, built on first use (cold starts)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Domain(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)
