"""Entry points that only some invocations reach, each importing its modules on its first call.

Chalice deploys one `app.py` for every Lambda function, so whatever `app.py` imports, every cold
start pays for: the API's for the queue workers' modules, the workers' for the OpenAPI
description's. These three are imported where they are first needed instead; `bench/imports.py`
measures `import app` and `tests/functional/test_cold_start.py` keeps them out of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chalicelib.services.deps import Deps


def openapi_document() -> dict[str, Any]:
    """`GET /openapi.json`: built from every model, so only when someone asks for it."""
    from chalicelib.web import openapi

    return openapi.document()


def notifications(deps: Deps, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    """The notifications queue's batch (`chalicelib/web/sqs_batches.py`)."""
    from chalicelib.web import sqs_batches

    return sqs_batches.notifications(deps, event, context)


def zgw_messages(deps: Deps, event: dict[str, Any], context: Any, redelivery_s: int) -> dict[str, Any]:
    """The ZGW hub's queue batch (`chalicelib/web/sqs_batches.py`)."""
    from chalicelib.web import sqs_batches

    return sqs_batches.zgw_messages(deps, event, context, redelivery_s)


def reconcile_all(deps: Deps) -> dict[str, dict[str, int]]:
    """The hourly ZGW reconciliation (`chalicelib/services/zgw/reconcile.py`)."""
    from chalicelib.services.zgw import reconcile

    return reconcile.reconcile_all(deps)
