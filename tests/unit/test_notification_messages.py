"""A notification's queue message: keys, and the configuration version its event was accepted under."""

from __future__ import annotations

import pytest

from chalicelib.domain.messages import NotificationRef, parse_job


def test_a_message_carries_its_configuration_version_and_keys_only() -> None:
    ref = NotificationRef("hvc", "Z-1", "abc", "initiator", config_version=7)
    assert ref.body() == {"org": "hvc", "case": "Z-1", "event": "abc", "party": "initiator", "v": 7}
    parsed = parse_job(ref.body())
    assert isinstance(parsed, NotificationRef) and parsed.config_version == 7


def test_the_version_is_not_part_of_which_notification_a_message_names() -> None:
    assert NotificationRef("hvc", "Z-1", "abc", config_version=7) == NotificationRef("hvc", "Z-1", "abc")
    assert "v" not in NotificationRef("hvc", "Z-1", "abc").body()


@pytest.mark.parametrize("version", [-1, "7", 1.5, True, None, [7]])
def test_a_message_with_an_odd_version_is_read_without_one(version: object) -> None:
    parsed = parse_job({"org": "hvc", "case": "Z-1", "event": "abc", "v": version})
    assert isinstance(parsed, NotificationRef) and parsed.config_version is None
