"""Deployed stages read secrets from SSM Parameter Store, once and lazily; a missing one fails closed."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from chalicelib import config
from chalicelib.adapters.parameters import MissingParameters

SECRET_VARS = list(config.SECRETS)


@pytest.fixture
def prod(monkeypatch: pytest.MonkeyPatch):
    for name in SECRET_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZAAKSTATUS_STAGE", "prod")
    with mock_aws():
        yield boto3.client("ssm", region_name="eu-west-1"), monkeypatch
    config.reset()


def test_secrets_named_by_param_variables_come_from_ssm_secure_strings(prod):
    ssm, env = prod
    ssm.put_parameter(Name="/zaakstatus/prod/admin-token", Value="operator-secret", Type="SecureString")
    ssm.put_parameter(Name="/zaakstatus/prod/token-key", Value="tracking-key", Type="SecureString")
    env.setenv("ZAAKSTATUS_ADMIN_TOKEN_PARAM", "/zaakstatus/prod/admin-token")
    env.setenv("ZAAKSTATUS_TOKEN_KEY_PARAM", "/zaakstatus/prod/token-key")
    config.reset()

    s = config.settings()

    assert s.admin_token == "operator-secret"
    assert s.token_key == "tracking-key"


def test_nothing_is_read_from_ssm_before_the_settings_are_first_used(prod):
    _, env = prod
    env.setenv("ZAAKSTATUS_ADMIN_TOKEN_PARAM", "/zaakstatus/prod/absent")
    config.reset()
    import app  # noqa: F401 - importing the entry point must not call SSM (it would raise here)

    with pytest.raises(MissingParameters, match="/zaakstatus/prod/absent"):
        config.settings()


def test_a_deployed_stage_without_a_secret_gets_a_random_value_not_the_local_default(prod):
    config.reset()
    s = config.settings()
    for value, default in [
        (s.admin_token, config.LOCAL_ADMIN_TOKEN),
        (s.token_key, config.LOCAL_TOKEN_KEY),
        (s.secret_key, config.LOCAL_SECRET_KEY),
    ]:
        assert value != default and len(value) >= 40


def test_the_local_run_keeps_its_defaults_without_any_aws_call(monkeypatch: pytest.MonkeyPatch):
    for name in SECRET_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZAAKSTATUS_STAGE", "local")
    config.reset()
    assert config.settings().admin_token == config.LOCAL_ADMIN_TOKEN
    assert config.settings().token_key == config.LOCAL_TOKEN_KEY
