"""The translation memory: states, sync, reuse, stats and the PO file on disk."""
from __future__ import annotations

import os

import polib
import pytest

from builder.catalog import (MACHINE, MISSING, REVIEWED, Catalog, CatalogError, Segment,
                             Translation)

PAGE = "de/topics/us-positions.md"


def seg(id: str, source: str, *pages: str) -> Segment:
    """A German segment on `pages` (default: one topic page)."""
    return Segment(id, source, "de", pages or (PAGE,))


def review(path, translations: dict[str, str]) -> None:
    """Do what a person does in a PO editor: write msgstr, remove the fuzzy flag."""
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            entry.previous_msgid = None
    po.save(str(path))


def saved_catalog(path, segments, reviewed=None) -> Catalog:
    """A catalog synced with `segments`, saved, reviewed as given, and read back."""
    catalog = Catalog.load(path, "en")
    catalog.sync(segments)
    catalog.save()
    if reviewed:
        review(path, reviewed)
    return Catalog.load(path, "en")


def test_missing_file_gives_an_empty_catalog_and_is_not_created(tmp_path):
    catalog = Catalog.load(tmp_path / "en.po", "en")
    assert catalog.stats().total == 0
    assert not (tmp_path / "en.po").exists()


def test_sync_adds_new_segments_as_missing_with_page_references(tmp_path):
    path = tmp_path / "en.po"
    catalog = Catalog.load(path, "en")
    result = catalog.sync([seg("claim.a.c1", "Der Zoll steigt.", PAGE, "de/index.md")])
    assert (result.added, result.changed, result.obsoleted) == (1, 0, 0)
    assert catalog.lookup(seg("claim.a.c1", "Der Zoll steigt.")) == Translation(None, MISSING)
    catalog.save()
    text = path.read_text("utf-8")
    assert 'msgctxt "claim.a.c1"\nmsgid "Der Zoll steigt."\nmsgstr ""\n' in text
    assert f"#: de/index.md {PAGE}\n" in text


def test_reviewed_entry_is_reviewed_and_machine_entry_names_its_engine(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Eins."), seg("a.2", "Zwei.")], {"a.1": "One."})
    assert catalog.set_machine("a.2", "Two.", "libre", "2026-11-21")
    catalog.save()
    catalog = Catalog.load(path, "en")
    assert catalog.lookup(seg("a.1", "Eins.")) == Translation("One.", REVIEWED)
    assert catalog.lookup(seg("a.2", "Zwei.")) == Translation("Two.", MACHINE, "libre")
    assert "# machine: libre 2026-11-21\n#: " in path.read_text("utf-8")


def test_set_machine_never_overwrites_a_reviewed_entry(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Eins.")], {"a.1": "One."})
    assert catalog.set_machine("a.1", "Uno.", "libre", "2026-11-21") is False
    assert catalog.lookup(seg("a.1", "Eins.")) == Translation("One.", REVIEWED)
    assert catalog.save() is False


def test_changed_source_keeps_reviewed_text_fuzzy_with_previous_msgid(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Der Zoll steigt.")], {"a.1": "Tariffs rise."})
    result = catalog.sync([seg("a.1", "Der Zoll steigt stark.")])
    assert result.changed == 1
    catalog.save()
    text = path.read_text("utf-8")
    assert '#, fuzzy\n#| msgid "Der Zoll steigt."\nmsgctxt "a.1"\n' in text
    shown = Catalog.load(path, "en").lookup(seg("a.1", "Der Zoll steigt stark."))
    assert shown == Translation("Tariffs rise.", MACHINE, None, outdated=True)


def test_changed_source_twice_keeps_the_source_that_was_reviewed(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Version eins.")], {"a.1": "Version one."})
    catalog.sync([seg("a.1", "Version zwei.")])
    catalog.sync([seg("a.1", "Version drei.")])
    catalog.save()
    assert '#| msgid "Version eins."' in path.read_text("utf-8")


def test_source_changed_back_makes_the_entry_reviewed_again(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Eins.")], {"a.1": "One."})
    catalog.sync([seg("a.1", "Eins!")])
    catalog.sync([seg("a.1", "Eins.")])
    assert catalog.lookup(seg("a.1", "Eins.")) == Translation("One.", REVIEWED)
    assert catalog.save() is False  # back to the very same bytes


def test_changed_source_of_machine_entry_drops_the_stale_text(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Eins.")])
    catalog.set_machine("a.1", "One.", "libre", "2026-11-21")
    catalog.sync([seg("a.1", "Eins und zwei.")])
    assert catalog.lookup(seg("a.1", "Eins und zwei.")).state == MISSING
    assert catalog.missing() == [("a.1", "Eins und zwei.")]
    catalog.save()
    text = path.read_text("utf-8")
    assert "machine:" not in text and '#| msgid "Eins."' in text


def test_unused_segments_become_obsolete_and_their_translation_comes_back(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Eins."), seg("a.2", "Zwei.")],
                            {"a.2": "Two."})
    assert catalog.sync([seg("a.1", "Eins.")]).obsoleted == 1
    catalog.save()
    text = path.read_text("utf-8")
    assert '#~ msgctxt "a.2"\n#~ msgid "Zwei."\n#~ msgstr "Two."' in text
    catalog = Catalog.load(path, "en")
    assert catalog.stats().total == 1
    assert catalog.sync([seg("a.1", "Eins."), seg("a.2", "Zwei.")]).revived == 1
    assert catalog.lookup(seg("a.2", "Zwei.")) == Translation("Two.", REVIEWED)


def test_missing_segment_reuses_an_identical_source_as_machine_tm(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Start"), seg("b.1", "Start"),
                                   seg("c.1", "Ziel"), seg("d.1", "Ziel")],
                            {"b.1": "Home"})
    catalog.set_machine("c.1", "Goal", "libre", "2026-11-21")
    assert catalog.lookup(seg("a.1", "Start")) == Translation("Home", MACHINE, "tm")
    assert catalog.lookup(seg("d.1", "Ziel")) == Translation("Goal", MACHINE, "tm")
    assert catalog.lookup(seg("e.1", "Anderes")) == Translation(None, MISSING)


def test_reuse_prefers_a_reviewed_translation_over_a_machine_one(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Start"), seg("b.1", "Start"),
                                   seg("c.1", "Start")], {"c.1": "Home"})
    catalog.set_machine("a.1", "Launch", "libre", "2026-11-21")
    assert catalog.memory("Start") == Translation("Home", MACHINE, "tm")


def test_stats_count_states_as_shown_and_missing_entries_per_page(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [
        seg("a.1", "Eins.", "de/a.md"), seg("a.2", "Zwei.", "de/a.md", "de/b.md"),
        seg("a.3", "Drei.", "de/b.md"), seg("a.4", "Vier.", "de/b.md"),
        seg("a.5", "Eins.", "de/c.md")], {"a.1": "One."})
    catalog.set_machine("a.3", "Three.", "libre", "2026-11-21")
    stats = catalog.stats()
    assert (stats.reviewed, stats.machine, stats.missing) == (1, 2, 2)  # a.5 reuses a.1
    assert stats.missing_pages == {"de/a.md": 1, "de/b.md": 2}


def test_segments_already_in_the_target_language_are_not_stored(tmp_path):
    catalog = Catalog.load(tmp_path / "en.po", "en")
    english = Segment("claim.x.c1", "Tariffs rise.", "en", (PAGE,))
    catalog.sync([english])
    assert catalog.stats().total == 0
    assert catalog.lookup(english) == Translation("Tariffs rise.", REVIEWED)


def test_one_id_for_two_texts_is_an_error(tmp_path):
    catalog = Catalog.load(tmp_path / "en.po", "en")
    with pytest.raises(CatalogError, match="a.1 is used for two different texts"):
        catalog.sync([seg("a.1", "Eins."), seg("a.1", "Zwei.")])


def test_save_is_deterministic_and_independent_of_segment_order(tmp_path):
    segments = [seg(f"article.a.p{n}.s1", f"Satz {n}.") for n in (1, 2, 10, 3)]
    first, second = Catalog.load(tmp_path / "1.po", "en"), Catalog.load(tmp_path / "2.po", "en")
    first.sync(segments)
    second.sync(reversed(segments))
    assert first.to_bytes() == second.to_bytes()
    ids = [line for line in first.to_bytes().decode().splitlines() if line.startswith("msgctxt")]
    assert ids == [f'msgctxt "article.a.p{n}.s1"' for n in (1, 2, 3, 10)]


def test_save_has_no_timestamps_and_writes_nothing_when_unchanged(tmp_path):
    path = tmp_path / "en.po"
    catalog = Catalog.load(path, "en")
    catalog.sync([seg("a.1", "Eins.")])
    assert catalog.save() is True
    header = path.read_text("utf-8").split("\n\n")[0]
    assert "Date" not in header and "Language: en" in header
    os.utime(path, (1, 1))
    again = Catalog.load(path, "en")
    again.sync([seg("a.1", "Eins.")])
    assert again.save() is False
    assert path.stat().st_mtime == 1


def test_reading_and_saving_again_gives_the_same_bytes(tmp_path):
    path = tmp_path / "en.po"
    catalog = saved_catalog(path, [seg("a.1", "Eins."), seg("a.2", "Zwei."),
                                   seg("a.3", "Drei.")], {"a.1": "One.", "a.2": "Two."})
    catalog.sync([seg("a.1", "Eins!"), seg("a.2", "Zwei!"), seg("a.3", "Drei.")])
    catalog.sync([seg("a.1", "Eins!"), seg("a.3", "Drei.")])  # a.2: changed, then unused
    catalog.set_machine("a.3", "Three.", "libre", "2026-11-21")
    catalog.save()
    before = path.read_bytes()
    assert b'#| msgid "Eins."' in before and b'#~ msgid "Zwei!"' in before
    assert Catalog.load(path, "en").to_bytes() == before


def test_long_texts_stay_on_one_line(tmp_path):
    long_source = "Ein sehr langer Satz über Zölle, " * 12
    pages = tuple(f"de/topics/a-rather-long-topic-name-{n}.md" for n in range(5))
    catalog = Catalog.load(tmp_path / "en.po", "en")
    catalog.sync([seg("a.1", long_source, *pages)])
    catalog.set_machine("a.1", long_source.upper(), "libre", "2026-11-21")
    lines = catalog.to_bytes().decode().splitlines()
    assert f'msgid "{long_source}"' in lines
    assert f'msgstr "{long_source.upper()}"' in lines
    assert "#: " + " ".join(sorted(pages)) in lines


def test_save_is_atomic_and_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "en.po"
    saved_catalog(path, [seg("a.1", "Eins.")])
    before = path.read_bytes()
    catalog = Catalog.load(path, "en")
    catalog.sync([seg("a.1", "Eins."), seg("a.2", "Zwei.")])

    def failing_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        catalog.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.po"]


def test_save_gives_the_usual_permissions_and_keeps_existing_ones(tmp_path):
    umask = os.umask(0o022)
    try:
        path = tmp_path / "en.po"
        saved_catalog(path, [seg("a.1", "Eins.")])
        assert path.stat().st_mode & 0o777 == 0o644
        path.chmod(0o640)
        catalog = Catalog.load(path, "en")
        catalog.sync([seg("a.1", "Eins."), seg("a.2", "Zwei.")])
        assert catalog.save() is True
        assert path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)


def test_a_broken_file_names_file_line_and_fix_and_is_left_alone(tmp_path):
    path = tmp_path / "en.po"
    saved_catalog(path, [seg("a.1", "Eins."), seg("a.2", "Zwei.")])
    lines = path.read_text("utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line == 'msgid "Zwei."\n')
    lines[number - 1] = 'msgid "Zwei "Drei" Vier."\n'
    path.write_text("".join(lines), "utf-8")
    before = path.read_bytes()
    with pytest.raises(CatalogError) as info:
        Catalog.load(path, "en")
    message = str(info.value)
    assert f"{path}, line {number}:" in message
    assert "unescaped double quote" in message and f"git checkout -- {path}" in message
    assert path.read_bytes() == before


def test_a_file_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "en.po"
    saved_catalog(path, [seg("a.1", "Eins.")])
    data = path.read_bytes()
    path.write_bytes(data + b'msgctxt "a.2"\nmsgid "Gr\xfc\xdfe"\nmsgstr ""\n')
    line = data.count(b"\n") + 2
    expected = rf"line {line}: broken PO file \(the file is not valid UTF-8\)"
    with pytest.raises(CatalogError, match=expected):
        Catalog.load(path, "en")


def test_an_id_twice_in_the_file_is_an_error_naming_both_lines(tmp_path):
    path = tmp_path / "en.po"
    saved_catalog(path, [seg("a.1", "Eins.")])
    path.write_text(path.read_text("utf-8") + '\nmsgctxt "a.1"\nmsgid "Eins?"\nmsgstr ""\n')
    with pytest.raises(CatalogError, match=r"segment a.1 appears twice \(first at line \d+\)"):
        Catalog.load(path, "en")


def test_a_catalog_of_another_language_is_refused(tmp_path):
    path = tmp_path / "en.po"
    saved_catalog(path, [seg("a.1", "Eins.")])
    with pytest.raises(CatalogError, match="header says Language: en, expected fr"):
        Catalog.load(path, "fr")


def test_set_machine_for_an_unknown_segment_says_to_sync(tmp_path):
    catalog = Catalog.load(tmp_path / "en.po", "en")
    with pytest.raises(CatalogError, match="no entry for segment a.9; sync"):
        catalog.set_machine("a.9", "Nine.", "libre", "2026-11-21")


def test_a_claim_that_goes_on_over_two_sentences_shows_both_or_neither_translated(tmp_path):
    from builder.localize import Localizer

    first, second = seg("a.1", "Der Zoll steigt."), seg("a.2", "Die Händler seien besorgt.")
    catalog = saved_catalog(tmp_path / "en.po", [first, second], {"a.1": "Customs duty rises."})
    half = Localizer("en", {"en": catalog}).joined([first, second])
    assert (half.text, half.state, half.language) == ("Der Zoll steigt. Die Händler seien besorgt.", MISSING, "de")
    review(tmp_path / "en.po", {"a.2": "Traders are said to be worried."})
    whole = Localizer("en", {"en": Catalog.load(tmp_path / "en.po", "en")}).joined([first, second])
    assert (whole.text, whole.state) == ("Customs duty rises. Traders are said to be worried.", REVIEWED)


def test_saved_after_a_sync_agrees_with_the_bytes_on_disk(tmp_path):
    path = tmp_path / "en.po"
    saved_catalog(path, [seg("a.1", "Eins."), seg("a.2", "Zwei.")])
    cases = {"nothing new": [[seg("a.1", "Eins."), seg("a.2", "Zwei.")]],
             "one added": [[seg("a.1", "Eins."), seg("a.2", "Zwei."), seg("a.3", "Drei.")]],
             "one changed": [[seg("a.1", "Eins!"), seg("a.2", "Zwei.")]],
             "one obsoleted": [[seg("a.1", "Eins.")]],
             "obsoleted, then back": [[seg("a.1", "Eins.")], [seg("a.1", "Eins."), seg("a.2", "Zwei.")]]}
    for case, syncs in cases.items():
        catalog = Catalog.load(path, "en")
        for segments in syncs:
            catalog.sync(segments)
        assert catalog.saved() == (catalog.to_bytes() == path.read_bytes()), case
    catalog = Catalog.load(path, "en")
    catalog.sync([seg("a.1", "Eins."), seg("a.2", "Zwei."), seg("a.3", "Drei.")])
    assert not catalog.saved()


def test_a_statement_one_source_goes_on_with_is_cited_sentence_by_sentence_in_a_claim_of_several():
    from builder.localize import Localizer
    from builder.model import Citation, Claim

    head = Citation("a", 1, 0, 0, 16, "Der Zoll steigt.")
    going_on = Citation("a", 1, 1, 17, 44, "Die Händler seien besorgt.")
    other = Citation("b", 2, 0, 0, 24, "Der Zoll wird erhöht.")
    shown = Localizer("de", {})

    def pieces(*citations):
        claim = Claim("c-1", head.quote, "de", citations, continued=1)
        return [(text.text, [c.article for c in cited]) for text, cited in shown.claim_pieces(claim, lambda _a: "de")]

    # The other report carries the head, not what article a adds.
    assert pieces(head, going_on, other) == [("Der Zoll steigt.", ["a", "b"]), ("Die Händler seien besorgt.", ["a"])]
    # One source: the statement is one text with its citations.
    assert pieces(head, going_on) == [("Der Zoll steigt. Die Händler seien besorgt.", ["a", "a"])]
