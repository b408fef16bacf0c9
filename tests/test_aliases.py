"""Speakers merged across articles: the aliases file, the automatic rules, the index and the CLI."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotesearch.aliases import AliasError, load_aliases, merge_keys, parse_aliases, strip_filler
from quotesearch.cli import main
from quotesearch.extraction import extract_file
from quotesearch.indexing import index_articles
from quotesearch.models import Article, Quote
from quotesearch.search import search, stats

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "train" / "text"
FILE = """# speakers of the 2016 campaign
Donald Trump | Trump | Donald J. Trump | President Trump

Bill Clinton | Clinton | William Jefferson Clinton
"""


def test_parse_the_documented_format() -> None:
    aliases = parse_aliases(FILE)
    assert aliases.canonical == {"trump": "donald trump", "clinton": "bill clinton",
                                 "william jefferson clinton": "bill clinton"}
    assert aliases.names == {"donald trump": "Donald Trump", "bill clinton": "Bill Clinton"}


@pytest.mark.parametrize(("text", "message"), [
    ("Donald Trump | | Trump", "aliases:1: empty name"),
    ("# fine\nA Person | Same\nOther Person | Same", "aliases:3: 'Same' is already a variant of 'A Person'"),
])
def test_bad_lines_name_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(AliasError, match=message):
        parse_aliases(text)


def test_load_aliases_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AliasError, match=f"{tmp_path / 'none'}: No such file"):
        load_aliases(tmp_path / "none")


@pytest.mark.parametrize(("key", "stripped"), [
    ("trump has", "trump"), ("maybe trump", "trump"), ("democrat hillary clinton", "hillary clinton"),
    ("hillary clinton reportedly", "hillary clinton"), ("a trump supporter", "a trump supporter"),
    ("has", "has"), ("eric trump", "eric trump"),
])
def test_strip_filler(key: str, stripped: str) -> None:
    assert strip_filler(key) == stripped


def test_merge_rules() -> None:
    counts = Counter({"hillary clinton": 40, "bill clinton": 5, "clinton": 3, "hillary rodham clinton": 2,
                      "clinton seemed": 1, "clinton celebrated": 1, "donald trump": 30, "trump": 4,
                      "trump also": 1, "eric trump": 6, "a trump supporter": 2, "obama": 2})
    merged = merge_keys(counts)
    assert {k for k, v in merged.items() if v == "hillary clinton"} == {
        "hillary clinton", "clinton", "hillary rodham clinton", "clinton seemed", "clinton celebrated"}
    assert {k for k, v in merged.items() if v == "donald trump"} == {"donald trump", "trump", "trump also"}
    assert merged["bill clinton"] == "bill clinton" and merged["eric trump"] == "eric trump"
    assert merged["a trump supporter"] == "a trump supporter"
    assert merged["obama"] == "obama", "a bare surname with no full name stays"


def test_a_bare_surname_joins_the_full_name_that_writes_it_with_a_joined_particle() -> None:
    merged = merge_keys(Counter({"bashar al-assad": 9, "assad": 3, "al-assad": 2}))
    assert merged == {"bashar al-assad": "bashar al-assad", "assad": "bashar al-assad", "al-assad": "bashar al-assad"}


def test_the_aliases_file_wins_over_frequency() -> None:
    counts = Counter({"hillary clinton": 40, "bill clinton": 5, "clinton": 3, "trump": 2})
    merged = merge_keys(counts, parse_aliases(FILE))
    assert merged["clinton"] == "bill clinton"
    assert merged["trump"] == "donald trump", "a listed canonical name need not be in the index"


def said(path: str, date: dt.date, *quotes: tuple[str, str]) -> Article:
    return Article(path=path, text="x", title=path, date=date, url=f"https://{path.split('.')[0]}.example/a",
                   quotes=tuple(Quote(words, name, None, "said", 0, 1, "", 0.8) for words, name in quotes))


ARTICLES = [
    said("one.txt", dt.date(2016, 3, 1), ("Make it great", "Donald J. Trump"), ("Stronger together", "Hillary Clinton")),
    said("two.txt", dt.date(2016, 4, 1), ("We will win", "Trump"), ("I was president", "Bill Clinton")),
    said("three.txt", dt.date(2016, 5, 1), ("Another speech", "President Trump"), ("Vote early", "Clinton")),
    said("four.txt", dt.date(2016, 6, 1), ("Debate night", "Hillary Clinton")),
]


def test_index_merges_speakers_and_keeps_names(tmp_path: Path) -> None:
    summary = index_articles(((a, a.path) for a in ARTICLES), tmp_path / "ix")
    assert summary.speakers == 3
    trump = search(tmp_path / "ix", speaker="donald trump")
    assert trump.total == 3 and {h.speaker_key for h in trump.results} == {"donald trump"}
    assert {h.speaker for h in trump.results} == {"Donald J. Trump", "Trump", "President Trump"}
    assert search(tmp_path / "ix", speaker="hillary clinton").total == 3
    assert dict(stats(tmp_path / "ix").top_speakers) == {"Donald J. Trump": 3, "Hillary Clinton": 3, "Bill Clinton": 1}


def test_index_applies_the_aliases_file_and_a_new_file_remerges(tmp_path: Path) -> None:
    index_articles(((a, a.path) for a in ARTICLES), tmp_path / "ix")
    assert search(tmp_path / "ix", "vote").results[0].speaker_key == "hillary clinton"
    index_articles(((a, a.path) for a in ARTICLES), tmp_path / "ix", aliases=parse_aliases(FILE))
    assert search(tmp_path / "ix", "vote").results[0].speaker_key == "bill clinton"
    assert search(tmp_path / "ix", speaker="Bill Clinton").total == 2


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text("Title: A\nDate: 2016-03-01\n\n“We will win,” Donald Trump said.\n\n"
                                  "“Together,” Hillary Clinton said.", encoding="utf-8")
    (folder / "b.txt").write_text("Title: B\nDate: 2016-03-02\n\n“I did it,” Clinton said.", encoding="utf-8")


def test_cli_uses_aliases_beside_the_index_or_given(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    runner = CliRunner()
    plain = runner.invoke(main, ["index", str(tmp_path / "corpus"), "--index", str(tmp_path / "ix")])
    assert plain.exit_code == 0 and "2 speakers" in plain.stdout
    (tmp_path / "aliases").write_text("Bill Clinton | Clinton\n", encoding="utf-8")
    beside = runner.invoke(main, ["index", str(tmp_path / "corpus"), "--index", str(tmp_path / "ix")])
    assert beside.exit_code == 0 and "3 speakers" in beside.stdout
    other = tmp_path / "other-aliases"
    other.write_text("Hillary Clinton | Clinton\n", encoding="utf-8")
    given = runner.invoke(main, ["index", str(tmp_path / "corpus"), "--index", str(tmp_path / "ix"),
                                 "--aliases", str(other)])
    assert given.exit_code == 0 and "2 speakers" in given.stdout
    other.write_text("Hillary Clinton | \n", encoding="utf-8")
    bad = runner.invoke(main, ["index", str(tmp_path / "corpus"), "--index", str(tmp_path / "ix"),
                               "--aliases", str(other)])
    assert bad.exit_code == 2 and f"{other}:1: empty name" in bad.stderr


@pytest.mark.skipif(not TRAIN.is_dir(), reason=f"{TRAIN} is absent")
def test_polnear_train_trump_and_hillary_clinton_have_one_key_each() -> None:
    counts: Counter[str] = Counter()
    for path in sorted(TRAIN.glob("*.txt")):
        for quote in extract_file(path).quotes:
            if quote.speaker_key:
                counts[quote.speaker_key] += 1
    merged = merge_keys(counts)
    print(f"PolNeAR train: {len(counts)} distinct speaker keys before merging, {len(set(merged.values()))} after")
    for canonical, forms in (("donald trump", {"trump", "donald trump", "maybe trump", "trump also"}),
                             ("hillary clinton", {"clinton", "hillary clinton", "hillary rodham clinton",
                                                  "democrat hillary clinton"})):
        present = forms & set(counts)
        assert len(present) >= 2, present
        assert {merged[k] for k in present} == {canonical}
    assert merged["bill clinton"] == "bill clinton" and merged["eric trump"] == "eric trump"
    assert len(set(merged.values())) < len(counts)
