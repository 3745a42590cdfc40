"""The per-article cache (builder/cache.py): one SQLite file per folder; what cannot be
read back is a miss, never an error, and a damaged file is started anew."""
from __future__ import annotations

import sqlite3

from builder.cache import Cache


def test_values_come_back_across_instances_and_a_build_writes_one_file(tmp_path):
    cache = Cache(tmp_path / "c")
    for number in range(50):
        cache.put(Cache.key("eintrag", number), {"nummer": number, "text": "Lind sprach im Hafenamt."})
    cache.close()
    again = Cache(tmp_path / "c")
    assert again.get(Cache.key("eintrag", 7)) == {"nummer": 7, "text": "Lind sprach im Hafenamt."}
    assert again.get(Cache.key("eintrag", 99)) is None
    assert (again.hits, again.misses, again.damaged) == (1, 1, [])
    again.close()
    assert [p.name for p in (tmp_path / "c").iterdir()] == [Cache.FILE]  # the log was folded in on close


def test_an_entry_that_does_not_unpickle_is_a_miss_listed_as_damaged(tmp_path):
    cache = Cache(tmp_path / "c")
    key = Cache.key("kaputt")
    cache.put(key, "Berg")
    cache.close()
    with sqlite3.connect(tmp_path / "c" / Cache.FILE) as db:
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (b"\x80\x05kein pickle", key))
    db.close()
    cache = Cache(tmp_path / "c")
    assert cache.get(key) is None and cache.damaged == [key]
    cache.put(key, "Berg")
    assert cache.get(key) == "Berg"


def test_a_file_that_is_not_a_database_is_started_anew(tmp_path):
    cache = Cache(tmp_path / "c")
    cache.put("a", 1)
    cache.close()
    (tmp_path / "c" / Cache.FILE).write_bytes(b"kein SQLite \x00\xff" * 100)
    cache = Cache(tmp_path / "c")
    assert cache.get("a") is None and cache.damaged == ["a"]
    cache.put("a", 2)
    assert cache.get("a") == 2 and cache.damaged == ["a"]


def test_a_folder_that_cannot_be_made_only_costs_speed(tmp_path):
    (tmp_path / "datei").write_text("kein Ordner", encoding="utf-8")
    cache = Cache(tmp_path / "datei" / "c")
    cache.put("a", 1)
    cache.close()
    again = Cache(tmp_path / "datei" / "c")
    assert again.get("a") is None and again.damaged == [] and cache.damaged == []


def test_values_are_written_in_batches_and_the_rest_on_close(tmp_path):
    cache = Cache(tmp_path / "c")
    for number in range(Cache.BATCH + 3):
        cache.put(f"k{number}", number)
    assert cache.get("k2") == 2 and cache.get(f"k{Cache.BATCH + 2}") == Cache.BATCH + 2  # written or pending
    before_close = Cache(tmp_path / "c")
    assert before_close.get("k0") == 0 and before_close.get(f"k{Cache.BATCH + 2}") is None  # one batch written
    before_close.close()
    cache.close()
    assert Cache(tmp_path / "c").get(f"k{Cache.BATCH + 2}") == Cache.BATCH + 2


def test_a_cache_without_a_file_misses_without_opening_one_and_finds_what_it_put(tmp_path):
    # a cold build: each process's gets would open the new file only to find nothing
    cache = Cache(tmp_path / "c")
    assert cache.get(Cache.key("neu")) is None and cache.misses == 1
    assert not (tmp_path / "c").exists()
    for number in range(Cache.BATCH + 1):  # the first batch is written to the file, one value stays pending
        cache.put(f"k{number}", number)
    assert (tmp_path / "c" / Cache.FILE).exists()
    assert (cache.get("k0"), cache.get(f"k{Cache.BATCH}"), cache.get("k-fehlt")) == (0, Cache.BATCH, None)
    cache.close()
    assert cache.get("k1") == 1  # after close the file is asked again
