"""Every invocation (an HTTP request, a queue batch, a schedule) reads each organisation's
configuration version once; see `chalicelib/adapters/config_cache.py`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Chalice

from chalicelib.services.deps import Deps


def add_config_scope(app: Chalice, deps: Callable[[], Deps]) -> None:
    @app.middleware("all")
    def config_scope(event: Any, get_response: Callable[[Any], Any]) -> Any:
        scope = deps().config_scope
        if scope is None:
            return get_response(event)
        with scope.request():
            return get_response(event)
