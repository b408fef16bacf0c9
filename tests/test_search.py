"""Search over a real Whoosh index built from constructed articles with known quotes."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from quotesearch.indexing import NoIndexError, article_key, index_articles
from quotesearch.models import Article, Quote
from quotesearch.search import QueryError, highlight, search, stats


def article(path: str, date: dt.date | None, title: str, *quotes: tuple[str, str | None, str | None]) -> Article:
    """An article whose text is its quotes, each `“quote,” Speaker said.` on its own paragraph."""
    text, found = "", []
    for words, speaker, role in quotes:
        start = len(text) + 1
        text += f"“{words},” {speaker or 'someone'} said.\n\n"
        found.append(Quote(words, speaker, role, "said", start, start + len(words), f"context of {words}"))
    return Article(path=path, text=text.strip(), title=title, date=date, url=f"https://example.com/{path}",
                   author="A. Writer", quotes=tuple(found))


ARTICLES = [
    article("border.txt", dt.date(2020, 1, 10), "Border plans",
            ("We will build a great wall and Mexico will pay", "Donald Trump", "President"),
            ("The report was fake news", "Donald Trump", None)),
    article("family.txt", dt.date(2020, 2, 15), "Family business",
            ("My father reported the numbers correctly", "Ivanka Trump", None),
            ("The wall is an immorality", "Nancy Pelosi", "Speaker of the House")),
    article("economy.txt", dt.date(2021, 6, 1), "Economy",
            ("Inflation is transitory <script>alert(1)</script> & temporary", "Janet Yellen", None),
            ("Prices are rising everywhere", None, None)),
    article("undated.txt", None, "Undated", ("Undated remarks about the wall", "Donald Trump", None)),
    article("empty.txt", dt.date(2019, 5, 5), "Nothing quoted"),
]


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("search") / "index"
    summary = index_articles(((a, f"hash-{a.path}") for a in ARTICLES), index_dir)
    assert (summary.articles, summary.quotes) == (5, 7)
    return index_dir


def quotes_of(page_or_dir: Path, q: str = "", **kw: object) -> list[str]:
    return [h.quote for h in search(page_or_dir, q, **kw).results]


def test_round_trip_keeps_every_field(ix: Path) -> None:
    page = search(ix, "mexico")
    assert page.total == 1 and (page.page, page.per_page) == (1, 20)
    hit = page.results[0]
    source = ARTICLES[0]
    assert hit.quote == "We will build a great wall and Mexico will pay"
    assert (hit.speaker, hit.role, hit.cue) == ("Donald Trump", "President", "said")
    assert (hit.date, hit.title, hit.path, hit.url) == (dt.date(2020, 1, 10), "Border plans", "border.txt",
                                                      "https://example.com/border.txt")
    assert hit.context == f"context of {hit.quote}"
    assert hit.article == article_key("border.txt")
    assert source.text[hit.start:hit.end] == hit.quote
    assert list(hit.to_json())[:8] == ["quote", "speaker", "role", "date", "title", "path", "url", "context"]
    assert hit.to_json()["date"] == "2020-01-10"


def test_phrase_search_needs_words_in_order(ix: Path) -> None:
    assert quotes_of(ix, '"great wall"') == ["We will build a great wall and Mexico will pay"]
    assert quotes_of(ix, '"wall great"') == []


def test_speaker_filter_full_name_is_exact(ix: Path) -> None:
    donald = quotes_of(ix, speaker="donald TRUMP")
    assert len(donald) == 3 and "My father reported the numbers correctly" not in donald
    assert quotes_of(ix, speaker="Ivanka Trump") == ["My father reported the numbers correctly"]


def test_speaker_filter_surname_matches_every_speaker_with_that_word(ix: Path) -> None:
    assert search(ix, speaker="Trump").total == 4
    assert search(ix, speaker="Melania Trump").total == 0


def test_speaker_filter_surname_joins_bare_and_full_names(tmp_path: Path) -> None:
    arts = [article("a.txt", dt.date(2020, 1, 1), "A", ("Surname only", "Trump", None)),
            article("b.txt", dt.date(2020, 1, 2), "B", ("Full name", "Donald Trump", None))]
    index_articles(((a, "h") for a in arts), tmp_path / "ix")
    assert sorted(quotes_of(tmp_path / "ix", speaker="trump")) == ["Full name", "Surname only"]
    assert sorted(quotes_of(tmp_path / "ix", speaker="donald")) == ["Full name", "Surname only"], \
        "the bare surname merged into the only full name with it"


def test_speaker_field_in_query_searches_name_and_role_words(ix: Path) -> None:
    assert quotes_of(ix, "speaker:pelosi") == ["The wall is an immorality"]
    assert quotes_of(ix, "speaker:president") == ["We will build a great wall and Mexico will pay"]
    assert quotes_of(ix, 'speaker:"nancy pelosi" wall') == ["The wall is an immorality"]


def test_long_phrase_needs_every_word_in_one_run(tmp_path: Path) -> None:
    """Pairs "great wall" and "wall mexico" both occur in the first quote but not as one run."""
    index_articles([(article("a.txt", dt.date(2020, 1, 1), "Great wall news",
                             ("A great wall, and then the wall Mexico paid for", "Ann Lee", None),
                             ("The great wall Mexico built", "Bo Chan", None)), "h")], tmp_path)
    assert quotes_of(tmp_path, '"great wall mexico"') == ["The great wall Mexico built"]
    assert len(quotes_of(tmp_path, '"great wall"')) == 2
    assert quotes_of(tmp_path, '"wall mexico built"') == ["The great wall Mexico built"]
    assert quotes_of(tmp_path, '"mexico built wall"') == []


def test_phrase_skips_stop_words_as_the_index_does(ix: Path) -> None:
    assert quotes_of(ix, '"wall is an immorality"') == ["The wall is an immorality"]
    assert quotes_of(ix, '"wall immorality"') == ["The wall is an immorality"]


def test_title_phrase(ix: Path) -> None:
    assert sorted(quotes_of(ix, 'title:"family business"')) == ["My father reported the numbers correctly",
                                                               "The wall is an immorality"]
    assert quotes_of(ix, 'title:"business family"') == []


def test_title_field(ix: Path) -> None:
    assert sorted(quotes_of(ix, "title:economy")) == ["Inflation is transitory <script>alert(1)</script> & temporary",
                                                     "Prices are rising everywhere"]


def test_date_range_is_inclusive_and_excludes_undated(ix: Path) -> None:
    feb = quotes_of(ix, date_from=dt.date(2020, 2, 15), date_to=dt.date(2020, 2, 15))
    assert sorted(feb) == ["My father reported the numbers correctly", "The wall is an immorality"]
    assert search(ix, "wall", date_from=dt.date(2000, 1, 1)).total == 2
    assert search(ix, "wall").total == 3
    assert search(ix, date_to=dt.date(2020, 1, 10)).total == 2
    with pytest.raises(QueryError, match="after"):
        search(ix, date_from=dt.date(2021, 1, 1), date_to=dt.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("wall AND NOT speaker:pelosi", 2),
        ("wall NOT pelosi", 2),
        ("mexico OR inflation", 2),
        ("(mexico OR inflation) AND pay", 1),
        ("wall mexico", 1),
        ("NOT wall", 4),
    ],
)
def test_boolean_queries(ix: Path, q: str, expected: int) -> None:
    assert search(ix, q).total == expected


def test_prefix_query(ix: Path) -> None:
    page = search(ix, "infla*")
    assert [h.speaker for h in page.results] == ["Janet Yellen"]
    assert page.results[0].highlighted.startswith("<mark>Inflation</mark> is")


def test_empty_query_lists_newest_first_with_undated_last(ix: Path) -> None:
    page = search(ix)
    dates = [h.date for h in page.results]
    assert page.total == 7
    assert dates == [dt.date(2021, 6, 1)] * 2 + [dt.date(2020, 2, 15)] * 2 + [dt.date(2020, 1, 10)] * 2 + [None]


def test_relevance_order_with_query(ix: Path) -> None:
    assert quotes_of(ix, "wall immorality")[0] == "The wall is an immorality"


def test_pages_and_past_the_end(ix: Path) -> None:
    pages = [search(ix, per_page=3, page=n) for n in (1, 2, 3, 4)]
    assert [p.total for p in pages] == [7] * 4
    assert [len(p.results) for p in pages] == [3, 3, 1, 0]
    assert len({h.quote for p in pages for h in p.results}) == 7
    assert search(ix, "wall", page=10**9, per_page=100).results == ()


@pytest.mark.parametrize(("page", "per_page"), [(0, 20), (-1, 20), (1, 0), (1, 101)])
def test_page_bounds(ix: Path, page: int, per_page: int) -> None:
    with pytest.raises(QueryError):
        search(ix, "wall", page=page, per_page=per_page)


@pytest.mark.parametrize(
    "q", ['"unbalanced', "(", "NOT", "speaker:", 'title:"', "***", "AND OR", "a:b:c", "<script>", "((wall",
          "wall)", "kind:article", "path:border.txt", "\x00", "(" * 200 + "wall"],
)
def test_malformed_queries_are_lenient(ix: Path, q: str) -> None:
    page = search(ix, q)
    assert page.total == len(page.results)
    assert all(h.quote for h in page.results)


def test_query_of_only_stopwords_finds_nothing(ix: Path) -> None:
    assert search(ix, "the is an").total == 0


def test_unknown_field_is_read_as_words_not_as_a_field(ix: Path) -> None:
    assert search(ix, "kind:article").total == 0
    assert search(ix, "\"unbalanced wall").total == 0
    assert search(ix, "((wall").total == 3


def test_overlong_query_raises(ix: Path) -> None:
    with pytest.raises(QueryError, match="too long"):
        search(ix, "wall " * 120)


def test_highlight_marks_stems_and_escapes_html(ix: Path) -> None:
    marked = sorted(h.highlighted for h in search(ix, "reports").results)
    assert marked == ["My father <mark>reported</mark> the numbers correctly",
                      "The <mark>report</mark> was fake news"]
    yellen = search(ix, "transitory").results[0]
    assert yellen.highlighted == ("Inflation is <mark>transitory</mark> &lt;script&gt;alert(1)&lt;/script&gt;"
                                  " &amp; temporary")


def test_highlight_phrase_run_and_not_negated_words() -> None:
    text = "Wall first, then a great wall, great people"
    assert highlight(text, '"great wall"') == "Wall first, then a <mark>great wall</mark>, great people"
    assert highlight(text, "people NOT wall") == "Wall first, then a great wall, great <mark>people</mark>"
    assert highlight("<b>x</b>", "") == "&lt;b&gt;x&lt;/b&gt;"


def test_stats(ix: Path) -> None:
    s = stats(ix)
    assert (s.articles, s.quotes, s.speakers) == (5, 7, 4)
    assert (s.earliest, s.latest) == (dt.date(2019, 5, 5), dt.date(2021, 6, 1))
    assert s.top_speakers[0] == ("Donald Trump", 3)
    assert s.size_bytes > 0


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(NoIndexError, match="run `quotesearch index PATH`"):
        search(tmp_path / "nope", "wall")
    with pytest.raises(NoIndexError):
        search(tmp_path, "the")
    with pytest.raises(NoIndexError):
        stats(tmp_path)


def test_a_claim_reported_everywhere_lists_the_earliest_reports_and_counts_the_rest(tmp_path: Path) -> None:
    reports = [article(f"r{n:02d}.txt", dt.date(2020, 1, 1) + dt.timedelta(days=n), f"Report {n}",
                       ("The border is secure tonight", "Ann Lee", None)) for n in range(60)]
    index_articles(((a, f"h{a.path}") for a in reports), tmp_path)
    page = search(tmp_path, "border", sort="newest")
    assert (page.total, page.matches) == (1, 60)
    [hit] = page.results
    assert hit.date == dt.date(2020, 1, 1) + dt.timedelta(days=59)
    assert len(hit.reports) == 50 and hit.more_reports == 9 and hit.also_reported == 59
    assert [r.date for r in hit.reports] == [dt.date(2020, 1, 1) + dt.timedelta(days=n) for n in range(50)]
    assert hit.earliest == dt.date(2020, 1, 1) and hit.to_json()["more_reports"] == 9


def test_prefix_matches_and_ranks_like_the_or_of_its_words(ix: Path) -> None:
    with whoosh_index.open_dir(str(ix)).reader() as reader:
        words = sorted(w.decode() if isinstance(w, bytes) else w for w in reader.expand_prefix("quote", "re"))
    assert len(words) >= 2
    spelled = " OR ".join(f"quote:{w}" for w in words)
    assert quotes_of(ix, "quote:re*") == quotes_of(ix, spelled)
    assert search(ix, "quote:re*").matches == search(ix, spelled).matches >= 2


def test_min_confidence_keeps_surely_attributed_quotes(tmp_path: Path) -> None:
    sure = [Quote(f"Claim number {n} about taxes", "Ann Lee", None, "said", 0, 10, "", confidence=c)
            for n, c in enumerate((0.95, 0.8, 0.5, 0.3))]
    unattributed = Quote("Claim about taxes nobody made", None, None, None, 0, 10, "")
    index_articles([(Article(path="a.txt", text="x", title="T", date=dt.date(2020, 1, 1),
                             quotes=(*sure, unattributed)), "h")], tmp_path)
    assert search(tmp_path, "taxes").matches == 5
    assert sorted(h.confidence or 0 for h in search(tmp_path, "taxes", min_confidence=0.5).results) == [0.5, 0.8, 0.95]
    assert search(tmp_path, min_confidence=0.81).matches == 1
    assert search(tmp_path, "taxes", min_confidence=0).matches == 5
    with pytest.raises(QueryError, match="min_confidence"):
        search(tmp_path, "taxes", min_confidence=1.5)
