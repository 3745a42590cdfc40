"""The process pool: results in order, the items never pickled on their way to a process."""
import sys
import threading

import pytest

from builder.pool import mapped


class Holder:
    """An item that cannot be pickled (it holds a lock), as an article holding anything
    unpicklable would be."""

    def __init__(self, number: int):
        self.number = number
        self.lock = threading.Lock()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the pool forks on Linux only")
def test_items_reach_the_processes_without_being_pickled_and_results_keep_their_order(monkeypatch):
    monkeypatch.setenv("BUILDER_WORKERS", "2")
    items = [Holder(n) for n in range(64)]
    assert mapped(lambda item: (item.number, item.number * item.number), items) == [(n, n * n) for n in range(64)]


def test_few_items_are_worked_on_in_the_build_s_own_process(monkeypatch):
    monkeypatch.setenv("BUILDER_WORKERS", "2")
    seen = []
    assert mapped(lambda n: seen.append(n) or n + 1, [1, 2, 3]) == [2, 3, 4]
    assert seen == [1, 2, 3]  # a forked process's appends would not be seen here


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the pool forks on Linux only")
def test_a_stream_gives_results_in_order_and_one_left_early_frees_its_processes(monkeypatch):
    from builder import pool

    monkeypatch.setenv("BUILDER_WORKERS", "2")
    stream = pool.streamed(lambda n: n * 2, list(range(64)))
    assert [next(stream) for _ in range(3)] == [0, 2, 4]
    stream.close()  # as when the build stops on a result
    assert pool._WORK is None and pool._ITEMS == []
    assert mapped(lambda n: n + 1, list(range(64))) == list(range(1, 65))  # the next run starts afresh


def test_a_bad_number_of_workers_stops_a_stream_where_it_is_asked_for_not_when_it_is_read(monkeypatch):
    from builder.pool import streamed
    from builder.problems import ConfigError

    monkeypatch.setenv("BUILDER_WORKERS", "several")
    with pytest.raises(ConfigError):
        streamed(lambda n: n, [])  # nothing to do, and never iterated: the setting is still checked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the pool forks on Linux only")
def test_what_only_later_stages_need_is_loaded_by_the_build_s_process_while_the_processes_work(monkeypatch):
    from builder import pool

    monkeypatch.setenv("BUILDER_WORKERS", "2")
    loaded = []
    stream = pool.streamed(lambda n: (n, len(loaded)), list(range(64)), meanwhile=[lambda: loaded.append("list")])
    results = list(stream)
    assert loaded == ["list"]  # called once, here
    assert [n for n, _ in results] == list(range(64))
    assert all(seen == 0 for _, seen in results)  # the processes were forked before it was called
