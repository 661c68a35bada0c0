"""Fixed windows of failed attempts: which window a moment is in, how long until it ends, and
when its counter may go."""

from __future__ import annotations

from chalicelib.domain.attempts import WINDOW_S, window_at


def test_a_moment_inside_a_window_waits_for_the_rest_of_it():
    window = window_at(10 * WINDOW_S + 100)
    assert (window.index, window.retry_after) == (10, WINDOW_S - 100)


def test_the_first_second_of_a_window_waits_the_whole_window_and_the_last_one_second():
    assert window_at(3 * WINDOW_S).retry_after == WINDOW_S
    assert window_at(4 * WINDOW_S - 1).retry_after == 1


def test_a_counter_outlives_its_window_by_one_more():
    assert window_at(10 * WINDOW_S + 5).expires_at == 12 * WINDOW_S
