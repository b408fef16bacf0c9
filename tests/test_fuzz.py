"""Property tests of the extractor on arbitrary and adversarial text (hypothesis)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotesearch import extract_quotes
from quotesearch.models import Quote

PIECES = ["“", "”", '"', "«", "»", "’", "'", "\n", "\n\n", ",", ".", ":", "—", "―", "(", ")",
          "said", "told", "according to", "he", "she", "they", "the", "spokeswoman", "Mr.", "Ms.",
          "Anna", "Berg", "Omar", "Reed", "Ministry", "of", "Water", "was", "described", "as", "by",
          "voters’", "don’t", "’90s", "added", "Sen.", "R-Fla.", "a", "senior", "official", "that"]

news_like = st.lists(st.sampled_from(PIECES), max_size=120).map(" ".join)
anything = st.text(max_size=400)
texts = st.one_of(news_like, anything, st.tuples(news_like, anything).map("".join))

settings.register_profile("quotesearch", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("quotesearch")


@given(texts)
def test_offsets_point_at_the_quote(text: str) -> None:
    for q in extract_quotes(text):
        assert text[q.start:q.end] == q.quote


@given(texts)
def test_extraction_is_deterministic(text: str) -> None:
    assert extract_quotes(text) == extract_quotes(text)


@given(texts)
def test_quotes_are_ordered_and_never_overlap(text: str) -> None:
    quotes: list[Quote] = extract_quotes(text)
    for a, b in zip(quotes, quotes[1:]):
        assert a.end <= b.start


@given(texts)
def test_confidence_is_a_probability_and_needs_a_speaker(text: str) -> None:
    for q in extract_quotes(text):
        assert 0.0 <= q.confidence <= 1.0
        assert q.speaker is not None or q.confidence == 0.0
        assert (q.speaker is None) == (q.speaker_key is None)
        assert q.quote.strip() == q.quote and q.quote
