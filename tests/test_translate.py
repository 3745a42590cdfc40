"""Machine translation against a local LibreTranslate-compatible stub (real HTTP)."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
import requests
from deep_translator import LibreTranslator

from builder import translate
from builder.catalog import MACHINE, MISSING, REVIEWED, Catalog, Segment, Translation
from builder.translate import (EngineAuthError, EngineBadResponse, EngineConfigError,
                               EngineGaveUp, EngineOutOfTime, EngineRateLimited, EngineServerError,
                               EngineTimeout, EngineUnreachable, TranslationError,
                               fill_missing, make_engine)
from tests.conftest import free_port
from tests.libre_stub import LibreStub

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-21"


@pytest.fixture
def stub():
    """A running stub server, stopped after the test."""
    with LibreStub() as server:
        yield server


def libre(stub: LibreStub, **options) -> translate.Engine:
    """A libre engine for the stub: short timeout, fast backoff, no rate limit."""
    settings = {"timeout": 2.0, "retries": 2, "backoff": 0.01, "rate": 1000.0}
    return make_engine("libre", url=stub.url, **{**settings, **options})


def catalog_with(path: Path, sources: dict[str, str], reviewed: dict[str, str] = {}) -> Catalog:
    """A saved catalog holding `sources` by id, with `reviewed` translations."""
    catalog = Catalog.load(path, "en")
    catalog.sync(Segment(id, source, "de", ("de/a.md",)) for id, source in sources.items())
    catalog.save()
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgctxt in reviewed:
            entry.msgstr = reviewed[entry.msgctxt]
    po.save(str(path))
    return Catalog.load(path, "en")


# --- engines ---

def test_the_stub_speaks_libretranslate_as_deep_translator_expects(stub):
    translator = LibreTranslator(source="de", target="en", api_key="k", custom_url=stub.url)
    assert translator.translate("Guten Tag") == "[en] Guten Tag"


def test_libre_engine_translates_and_counts(stub):
    engine = libre(stub)
    assert engine.translate("Guten Tag", "de", "en") == "[en] Guten Tag"
    assert engine.translate_batch(["Eins", "Zwei"], "de", "en") == ["[en] Eins", "[en] Zwei"]
    assert (engine.requests, engine.characters) == (3, 17)
    assert (stub.requests, stub.characters) == (3, 17)


@pytest.mark.parametrize("name, path, key, requests_made", [
    ("mymemory", "get", None, 3), ("google", "m", None, 3), ("deepl", "", "secret", 2)])
def test_other_engines_go_through_the_same_adapter(stub, name, path, key, requests_made):
    engine = make_engine(name, url=stub.url + path, key=key, timeout=2.0, rate=1000.0)
    assert engine.translate("Hallo Welt", "de", "en") == "[en] Hallo Welt"
    assert engine.translate_batch(["Eins", "Zwei"], "de", "en") == ["[en] Eins", "[en] Zwei"]
    assert stub.requests == requests_made  # deepl sends a batch in one request


def test_a_silent_server_gives_our_timeout_error_fast(stub):
    stub.mode = "hang"
    engine = libre(stub, timeout=0.3, retries=1)
    started = time.monotonic()
    with pytest.raises(EngineTimeout) as info:
        engine.translate("Hallo", "de", "en", label="article.a.p1.s1")
    assert time.monotonic() - started < 3
    assert str(info.value) == ("segment article.a.p1.s1: no answer from libre at "
                               f"{stub.url} within 0.3 s (tried 2 times)")
    assert stub.requests == 2


def test_the_time_limit_ends_a_run_against_a_silent_server(stub, tmp_path):
    stub.mode = "hang"
    catalog = catalog_with(tmp_path / "en.po", {f"s{n}": f"Satz {n}" for n in range(20)})
    retries = []
    engine = libre(stub, timeout=0.4, retries=3, backoff=0.05, give_up_after=100,
                   time_limit=1.5, on_retry=lambda error, attempt, delay: retries.append(attempt))
    started = time.monotonic()
    summary = fill_missing(catalog, engine, "de", "en", batch_size=5, today=TODAY)
    assert time.monotonic() - started < 2.5  # 20 texts x 4 tries x 0.4 s without the limit
    assert isinstance(summary.stopped, EngineOutOfTime)
    assert "time limit of 1.5 s" in str(summary.stopped) and "--time-limit" in str(summary.stopped)
    assert retries[:3] == [2, 3, 4]  # each retry was reported as it began
    assert Catalog.load(tmp_path / "en.po", "en").missing()  # nothing invented


@pytest.mark.parametrize("mode", ["cut", "close"])
def test_a_dropped_answer_is_not_called_unreachable(stub, mode):
    stub.mode = mode
    with pytest.raises(EngineServerError) as info:
        libre(stub, retries=1).translate("Hallo", "de", "en")
    message = str(info.value)
    assert "cannot connect" not in message and "check that the service runs" not in message
    assert f"libre at {stub.url}" in message and "(tried 2 times)" in message
    if mode == "cut":
        assert "broke off in the middle of its answer (22 of 1000 bytes arrived)" in message
    assert stub.requests == 2


def test_the_command_line_refuses_bad_seconds(tmp_path, capsys):
    from builder.cli import main
    for option, value in (("--timeout", "0"), ("--time-limit", "-5"), ("--time-limit", "inf")):
        with pytest.raises(SystemExit) as info:
            main(["--project", str(tmp_path), "translate", "--engine", "libre", option, value])
        assert info.value.code == 2
        assert f"{option} must be a positive number of seconds" in capsys.readouterr().err


def test_429_then_success_is_retried(stub):
    stub.script = ["429", "429"]
    assert libre(stub).translate("Hallo", "de", "en") == "[en] Hallo"
    assert stub.requests == 3


def test_retry_after_is_honoured(stub):
    stub.script, stub.retry_after = ["429"], "1"
    started = time.monotonic()
    assert libre(stub, backoff=0.001).translate("Hallo", "de", "en") == "[en] Hallo"
    assert time.monotonic() - started >= 0.95


def test_a_retry_after_beyond_max_wait_stops_at_once(stub):
    stub.mode, stub.retry_after = "429", "3600"
    with pytest.raises(EngineRateLimited, match="asks to wait 3600 s, more than 60 s") as info:
        libre(stub).translate("Hallo", "de", "en")
    assert info.value.fatal and stub.requests == 1


def test_endless_429_gives_up_after_the_retries(stub):
    stub.mode = "429"
    with pytest.raises(EngineRateLimited, match=r"HTTP 429 \(too many requests\) \(tried 3"):
        libre(stub).translate("Hallo", "de", "en")
    assert stub.requests == 3


def test_server_errors_are_retried_a_bounded_number_of_times(stub):
    stub.mode = "500"
    with pytest.raises(EngineServerError, match=r"HTTP 500 \(server error\).*\(tried 3 times\)"):
        libre(stub).translate("Hallo", "de", "en")
    assert stub.requests == 3


def test_garbage_json_is_a_clear_error(stub):
    stub.mode = "garbage"
    with pytest.raises(EngineBadResponse, match="segment s.1: unreadable answer from libre"):
        libre(stub).translate("Hallo", "de", "en", label="s.1")
    assert stub.requests == 1  # not worth retrying


def test_a_refused_key_is_fatal(stub):
    stub.mode = "403"
    with pytest.raises(EngineAuthError, match="API key was refused") as info:
        libre(stub).translate("Hallo", "de", "en")
    assert info.value.fatal


def test_connection_refused_is_our_error_not_requests():
    engine = make_engine("libre", url=f"http://127.0.0.1:{free_port()}/", timeout=2.0)
    with pytest.raises(TranslationError) as info:
        engine.translate("Hallo", "de", "en", label="s.1")
    assert isinstance(info.value, EngineUnreachable)
    assert not isinstance(info.value, requests.RequestException)
    assert "(Connection refused); check that the service runs" in str(info.value)


def test_the_rate_limit_spaces_requests(stub):
    engine = libre(stub, rate=20.0)
    started = time.monotonic()
    engine.translate_batch(["a", "b", "c", "d", "e"], "de", "en")
    assert time.monotonic() - started >= 4 / 20 - 0.01


def test_outside_our_engines_deep_translator_still_gets_a_timeout(stub, monkeypatch):
    make_engine("libre", url=stub.url)  # installs the stand-in
    monkeypatch.setattr(translate, "DEFAULT_TIMEOUT", 0.2)
    stub.mode = "hang"
    translator = LibreTranslator(source="de", target="en", api_key="k", custom_url=stub.url)
    with pytest.raises(requests.Timeout):
        translator.translate("Hallo")


def test_engine_configuration_errors_say_what_to_do():
    with pytest.raises(EngineConfigError, match="choose one of libre, google, mymemory, deepl"):
        make_engine("babel")
    with pytest.raises(EngineConfigError, match="deepl needs an API key.*--key-env"):
        make_engine("deepl")
    with pytest.raises(EngineConfigError, match="not an http"):
        make_engine("libre", url="localhost:5000")


# --- filling a catalog ---

def test_fill_missing_sends_each_text_once_and_reuses_the_catalog(stub, tmp_path):
    path = tmp_path / "en.po"
    catalog = catalog_with(path, {"a.1": "Der Zoll steigt.", "a.2": "Der Zoll steigt.",
                                  "a.3": "Start", "ui.home": "Start", "a.4": "Neu."},
                           reviewed={"ui.home": "Home"})
    summary = fill_missing(catalog, libre(stub), "de", "en", batch_size=10, today=TODAY)
    assert sorted(stub.texts) == ["Der Zoll steigt.", "Neu."]
    assert (summary.filled, summary.reused, summary.failed) == (3, 1, ())
    assert (summary.characters, summary.requests) == (stub.characters, stub.requests) == (20, 2)
    saved = Catalog.load(path, "en")
    assert saved.state("a.2") == Translation("[en] Der Zoll steigt.", MACHINE, "libre")
    assert saved.state("a.3") == Translation("Home", MACHINE, "tm")
    assert saved.state("ui.home") == Translation("Home", REVIEWED)
    assert f"# machine: libre {TODAY}" in path.read_text("utf-8")


def test_a_rebuild_with_nothing_new_sends_nothing(stub, tmp_path):
    path = tmp_path / "en.po"
    catalog = catalog_with(path, {"a.1": "Eins.", "a.2": "Zwei."})
    fill_missing(catalog, libre(stub), "de", "en", batch_size=10, today=TODAY)
    before, sent = path.read_bytes(), stub.requests
    again = fill_missing(Catalog.load(path, "en"), libre(stub), "de", "en", batch_size=10)
    assert (again.characters, again.requests, again.filled) == (0, 0, 0)
    assert stub.requests == sent and path.read_bytes() == before


def test_a_failing_segment_is_reported_and_the_others_are_filled(stub, tmp_path):
    path = tmp_path / "en.po"
    catalog = catalog_with(path, {"a.1": "Eins.", "a.2": "Kaputt.", "a.3": "Drei."})
    stub.text_modes = {"Kaputt": "500"}
    progress = []
    summary = fill_missing(catalog, libre(stub), "de", "en", batch_size=2,
                           on_progress=lambda done, total: progress.append((done, total)))
    assert summary.filled == 2 and summary.stopped is None
    [(segment_id, message)] = summary.failed
    assert segment_id == "a.2"
    assert message.startswith("segment a.2: libre answered HTTP 500") and "tried 3" in message
    assert stub.texts.count("Kaputt.") == 3
    assert progress == [(2, 3), (3, 3)]
    saved = Catalog.load(path, "en")
    assert saved.state("a.2").state == MISSING and saved.state("a.3").state == MACHINE


def test_many_failures_in_a_row_stop_the_run(stub, tmp_path):
    catalog = catalog_with(tmp_path / "en.po", {f"a.{n}": f"Satz {n}." for n in range(10)})
    stub.mode = "500"
    summary = fill_missing(catalog, libre(stub, retries=0, give_up_after=3), "de", "en",
                           batch_size=4)
    assert isinstance(summary.stopped, EngineGaveUp)
    assert "3 requests in a row failed" in str(summary.stopped)
    assert stub.requests == 3 and len(summary.failed) == 2


def test_an_unreachable_engine_stops_the_run_and_leaves_the_file(tmp_path):
    path = tmp_path / "en.po"
    catalog = catalog_with(path, {"a.1": "Eins.", "a.2": "Zwei."})
    before = path.read_bytes()
    engine = make_engine("libre", url=f"http://127.0.0.1:{free_port()}/", timeout=2.0)
    summary = fill_missing(catalog, engine, "de", "en", batch_size=10)
    assert isinstance(summary.stopped, EngineUnreachable)
    assert (summary.filled, summary.failed) == (0, ())
    assert path.read_bytes() == before


def test_fill_missing_refuses_a_catalog_of_other_languages(stub, tmp_path):
    catalog = catalog_with(tmp_path / "en.po", {"a.1": "Eins."})
    with pytest.raises(EngineConfigError, match="translates de -> en, not de -> fr"):
        fill_missing(catalog, libre(stub), "de", "fr", batch_size=10)


CHILD = """
import sys
from builder.catalog import Catalog
from builder.translate import fill_missing, make_engine
catalog = Catalog.load(sys.argv[1], "en")
engine = make_engine("libre", url=sys.argv[2], timeout=5.0, rate=1000.0)
fill_missing(catalog, engine, "de", "en", batch_size=2)
print("finished")
"""


def start_stub_process(delay: float) -> tuple[subprocess.Popen, str]:
    """The stub as a separate process; returns it and its URL."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "libre_stub.py"), "--port", "0",
         "--mode", "normal", "--delay", str(delay)], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.startswith("listening on "), line
    return process, line.split()[-1]


def wait_for_machine_entries(path: Path, count: int, deadline: float) -> None:
    """Poll the catalog on disk until `count` entries are machine-translated."""
    while time.monotonic() < deadline:
        if Catalog.load(path, "en").stats().machine >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"{path} never reached {count} machine entries")


def test_an_interrupted_run_keeps_finished_batches_and_reviewed_entries(stub, tmp_path):
    path = tmp_path / "en.po"
    sources = {f"article.a.p{n}.s1": f"Satz Nummer {n}." for n in range(1, 41)}
    reviewed = {"article.a.p1.s1": "Sentence one.", "article.a.p40.s1": "Sentence forty."}
    catalog_with(path, sources, reviewed)
    server, url = start_stub_process(delay=0.05)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), url], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    try:
        wait_for_machine_entries(path, 6, time.monotonic() + 20)
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL and child.stdout.read() == ""
    finally:
        for process in (child, server):
            if process.poll() is None:
                process.terminate()
            process.wait(timeout=10)
            process.stdout.close()

    catalog = Catalog.load(path, "en")  # parses: every save was atomic
    done = {sid for sid in sources if catalog.state(sid).state == MACHINE}
    assert 6 <= len(done) < 38
    assert all(catalog.state(sid).text == f"[en] {sources[sid]}" for sid in done)
    assert catalog.state("article.a.p40.s1") == Translation("Sentence forty.", REVIEWED)

    summary = fill_missing(catalog, libre(stub), "de", "en", batch_size=5)
    assert summary.filled == 38 - len(done) and summary.failed == ()
    assert not set(stub.texts) & {sources[sid] for sid in done | set(reviewed)}
    assert Catalog.load(path, "en").stats().machine == 38

    again = fill_missing(Catalog.load(path, "en"), libre(stub), "de", "en", batch_size=5)
    assert (again.characters, again.requests) == (0, 0)
