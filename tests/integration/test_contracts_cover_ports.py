"""Every port with more than one adapter has one contract class, run against every adapter, that
calls every method of the port: a method whose adapters could differ unseen fails here."""

from __future__ import annotations

import ast
import inspect
from typing import Any

import pytest

from chalicelib import (
    attempt_ports,
    citizen_ports,
    document_ports,
    ports,
    report_ports,
    sender_ports,
    staff_ports,
    test_mode_ports,
)
from tests.integration.test_attempt_store_contract import AttemptsContract
from tests.integration.test_case_store_contract import CasesContract
from tests.integration.test_case_type_store_contract import CaseTypesContract
from tests.integration.test_citizen_index_contract import CitizenIndexContract
from tests.integration.test_document_store_contract import BlobsContract, DocumentsContract
from tests.integration.test_ledger_store_contract import LedgerContract
from tests.integration.test_metrics_contract import MetricsContract
from tests.integration.test_organisation_settings_contract import OrganisationSettingsContract
from tests.integration.test_organisation_store_contract import OrganisationsContract
from tests.integration.test_outbound_http import WebhookPosterContract
from tests.integration.test_queue_contract import QueueContract
from tests.integration.test_report_store_contract import ReportsContract
from tests.integration.test_secretbox_contract import SecretBoxContract
from tests.integration.test_sender_identities_contract import SenderIdentitiesContract
from tests.integration.test_simulated_outbox_contract import SimulatedOutboxContract
from tests.integration.test_staff_store_contract import StaffContract
from tests.integration.test_webhook_store_contract import WebhooksContract
from tests.integration.test_zgw_store_contract import ZgwStoreContract

CONTRACTS: list[tuple[Any, type]] = [
    (ports.Organisations, OrganisationsContract),
    (ports.CaseTypes, CaseTypesContract),
    (ports.Cases, CasesContract),
    (ports.NotificationLedger, LedgerContract),
    (ports.ZgwStore, ZgwStoreContract),
    (ports.Queue, QueueContract),
    (ports.SecretBox, SecretBoxContract),
    (ports.Metrics, MetricsContract),
    (ports.Webhooks, WebhooksContract),
    (ports.WebhookPoster, WebhookPosterContract),
    (document_ports.Documents, DocumentsContract),
    (document_ports.Blobs, BlobsContract),
    (sender_ports.SenderIdentities, SenderIdentitiesContract),
    (sender_ports.OrganisationSettings, OrganisationSettingsContract),
    (report_ports.Reports, ReportsContract),
    (test_mode_ports.SimulatedOutbox, SimulatedOutboxContract),
    (staff_ports.Staff, StaffContract),
    (citizen_ports.CitizenIndex, CitizenIndexContract),
    (attempt_ports.Attempts, AttemptsContract),
]


def methods_of(port: Any) -> set[str]:
    return {name for name, value in vars(port).items() if inspect.isfunction(value) and not name.startswith("_")}


def called_in(contract: type) -> set[str]:
    """The methods called in the contract class and in the contract classes it builds on."""
    trees = [ast.parse(inspect.getsource(cls)) for cls in contract.__mro__ if cls.__module__.startswith("tests.")]
    return {
        node.func.attr
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }


@pytest.mark.parametrize(("port", "contract"), CONTRACTS, ids=[p.__name__ for p, _ in CONTRACTS])
def test_the_contract_calls_every_method_of_its_port(port, contract):
    assert methods_of(port), f"{port.__name__} declares no methods"
    assert methods_of(port) - called_in(contract) == set()


@pytest.mark.parametrize(("port", "contract"), CONTRACTS, ids=[p.__name__ for p, _ in CONTRACTS])
def test_the_contract_runs_against_at_least_two_adapters(port, contract):
    module = inspect.getmodule(contract)
    runs = [
        cls
        for name, cls in vars(module).items()
        if name.startswith("Test") and isinstance(cls, type) and issubclass(cls, contract)
    ]
    assert len(runs) >= 2, f"{contract.__name__} runs against {[c.__name__ for c in runs]}"
