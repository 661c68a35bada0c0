"""Registering webhooks: the secret shown once and kept encrypted, the URL through the guard,
names, replacing, listing, deleting, the deliveries list."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import InvalidFields, NotFound
from chalicelib.domain.webhooks import MAX_WEBHOOKS, WebhookIn
from chalicelib.services import webhooks
from tests.webhook_builders import HOOK_URL, register


def hook_in(**changes) -> WebhookIn:
    return WebhookIn.model_validate({"url": HOOK_URL, "events": ["case.status_changed"], "cases": "own", **changes})


def test_a_new_webhook_answers_its_secret_once_and_stores_it_encrypted_only(deps, org, table):
    registered, created = webhooks.put(deps, "hvc", "crm", hook_in())

    assert created is True
    assert registered.secret.startswith("whsec_")
    stored = deps.webhooks.get_webhook("hvc", "crm")
    assert deps.secrets.decrypt(stored.secret_encrypted) == registered.secret
    assert registered.secret not in repr(table.items)
    listed = webhooks.list_all(deps, "hvc").json_body()
    assert listed == {"webhooks": [{"name": "crm", "url": HOOK_URL, "events": ["case.status_changed"], "cases": "own"}]}


def test_replacing_a_webhook_keeps_its_secret_and_does_not_show_it_again(deps, org):
    secret = register(deps)
    before = deps.webhooks.get_webhook("hvc", "crm")

    registered, created = webhooks.put(deps, "hvc", "crm", hook_in(url=HOOK_URL + "/v2", cases="all"))

    assert (created, registered.secret, registered.url, registered.cases) == (False, None, HOOK_URL + "/v2", "all")
    after = deps.webhooks.get_webhook("hvc", "crm")
    assert deps.secrets.decrypt(after.secret_encrypted) == secret
    assert (after.generation, after.created_at) == (before.generation, before.created_at)


@pytest.mark.parametrize(
    "url",
    ["http://hooks.hvc.example/", "https://10.0.0.1/", "https://169.254.169.254/", "https://u:p@hooks.hvc.example/"],
)
def test_a_url_the_guard_refuses_is_a_400_naming_url(deps, org, url):
    with pytest.raises(InvalidFields) as refused:
        webhooks.put(deps, "hvc", "crm", hook_in(url=url))
    assert [f.name for f in refused.value.fields] == ["url"]
    assert deps.webhooks.list_webhooks("hvc") == []


@pytest.mark.parametrize("name", ["Crm", "-crm", "c" * 65, "crm.v2", "twilio"])
def test_a_name_outside_the_pattern_or_reserved_is_refused(deps, org, name):
    with pytest.raises(InvalidFields) as refused:
        webhooks.put(deps, "hvc", name, hook_in())
    assert refused.value.fields[0].name == "name"


@pytest.mark.parametrize(
    "body",
    [
        {"url": HOOK_URL, "events": [], "cases": "own"},
        {"url": HOOK_URL, "events": ["case.status_changed", "case.status_changed"], "cases": "own"},
        {"url": HOOK_URL, "events": ["case.deleted"], "cases": "own"},
        {"url": HOOK_URL, "events": ["case.closed"], "cases": "mine"},
        {"url": HOOK_URL, "events": ["case.closed"], "cases": "own", "secret": "whsec_mine"},
    ],
)
def test_the_body_is_validated_strictly(body):
    with pytest.raises(ValueError):
        WebhookIn.model_validate(body)


def test_an_organisation_has_a_limited_number_of_webhooks(deps, org):
    for n in range(MAX_WEBHOOKS):
        register(deps, f"hook-{n}")
    with pytest.raises(InvalidFields):
        webhooks.put(deps, "hvc", "one-more", hook_in())
    webhooks.put(deps, "hvc", "hook-0", hook_in(cases="all"))  # replacing is not adding


def test_deleting_removes_the_webhook_and_a_second_delete_is_404(deps, org):
    register(deps)
    webhooks.delete(deps, "hvc", "crm")
    assert webhooks.list_all(deps, "hvc").webhooks == []
    with pytest.raises(NotFound):
        webhooks.delete(deps, "hvc", "crm")
    with pytest.raises(NotFound):
        webhooks.deliveries(deps, "hvc", "crm")


def test_webhooks_are_the_organisations_own(deps, org):
    register(deps, org_id="hvc")
    assert webhooks.list_all(deps, "svb").webhooks == []
    with pytest.raises(NotFound):
        webhooks.deliveries(deps, "svb", "crm")
    with pytest.raises(NotFound):
        webhooks.delete(deps, "svb", "crm")
    assert deps.webhooks.get_webhook("hvc", "crm") is not None
