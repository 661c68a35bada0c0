"""`python cli.py` (the `./zaakstatus` operator command for ZGW):

    zaakstatus catalogue import <organisation> [--catalogus URL]
    zaakstatus reconcile [<organisation>]

It runs the same service code as the endpoints, against the store and secrets of the
environment it is started in (the ZAAKSTATUS_* and AWS_* variables of the stage), using the
organisation's stored ZGW connection. `rich` draws the progress bar and the summary; it is a
development/operator dependency and never imported by Lambda.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from chalicelib import bootstrap
from chalicelib.domain.zgw.answers import CatalogueImported
from chalicelib.services.deps import Deps
from chalicelib.services.zgw import catalogue, reconcile


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zaakstatus", description="zaakstatus operator commands for ZGW")
    commands = parser.add_subparsers(dest="command", required=True)
    catalogue = commands.add_parser("catalogue", help="the organisation's ZGW catalogue")
    actions = catalogue.add_subparsers(dest="action", required=True)
    importing = actions.add_parser("import", help="create or update case types from the Catalogi API")
    importing.add_argument("organisation")
    importing.add_argument("--catalogus", help="the URL of one catalogus (default: every zaaktype the client may read)")
    importing.add_argument("--json", action="store_true", help="print the summary as JSON")
    reconcile = commands.add_parser("reconcile", help="read open zaken's current status and fill in what the hub lost")
    reconcile.add_argument("organisation", nargs="?")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    deps = bootstrap.deps()
    if args.command == "reconcile":
        org = args.organisation
        result: Any = reconcile.reconcile(deps, org) if org else reconcile.reconcile_all(deps)
        print(json.dumps(result, indent=2))
        return 0
    return import_catalogue(deps, args.organisation, args.catalogus, as_json=args.json)


def import_catalogue(deps: Deps, org_id: str, catalogus: str | None, *, as_json: bool = False) -> int:
    console = Console(stderr=True)
    conn = deps.zgw.get_zgw_connection(org_id)
    if conn is None:
        console.print(f"[red]{org_id} has no ZGW connection: PUT /v1/zgw/connection first[/red]")
        return 2
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console) as bar:
        task = bar.add_task("zaaktypen", total=None)

        def progress(done: int, total: int, identificatie: str) -> None:
            bar.update(task, completed=done, total=total, description=f"zaaktype {identificatie}")

        summary = catalogue.import_for(deps, org_id, catalogus, progress=progress)
    if as_json:
        print(json.dumps(summary.json_body(), indent=2, ensure_ascii=False))
    else:
        _print(org_id, summary)
    return 1 if summary.failed else 0


def _print(org_id: str, summary: CatalogueImported) -> None:
    table = Table(title=f"Catalogue import for {org_id}")
    table.add_column("case type")
    table.add_column("result")
    table.add_column("details")
    for code in summary.created:
        table.add_row(code, "created", "")
    for updated in summary.updated:
        table.add_row(updated.code, "updated", "; ".join(updated.changes))
    for code in summary.unchanged:
        table.add_row(code, "unchanged", "")
    for failed in summary.failed:
        table.add_row(failed.zaaktype, "[red]failed[/red]", failed.reason)
    Console().print(table)
    Console().print(", ".join(f"{n} {what}" for what, n in summary.counts.model_dump().items()))


if __name__ == "__main__":
    sys.exit(main())
