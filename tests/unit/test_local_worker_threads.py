"""How many worker threads the local run gives each queue: several per core unless the
environment says otherwise, and a wrong value is refused by name."""

from __future__ import annotations

import os

import pytest

from local.queue_poller import THREADS_PER_CORE, worker_threads

VARIABLE = "ZAAKSTATUS_LOCAL_ZGW_WORKERS"


def test_without_a_setting_each_queue_gets_several_threads_per_core(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)
    assert worker_threads(VARIABLE) == THREADS_PER_CORE * (os.cpu_count() or 1) > 1


def test_the_environment_sets_a_queues_threads(monkeypatch):
    monkeypatch.setenv(VARIABLE, " 3 ")
    assert worker_threads(VARIABLE) == 3


@pytest.mark.parametrize("value", ["0", "-2", "many", "2.5", "257", "³"])
def test_a_wrong_number_of_threads_is_refused_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv(VARIABLE, value)
    with pytest.raises(ValueError, match=VARIABLE):
        worker_threads(VARIABLE)
