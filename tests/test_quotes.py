"""Quote-mark pairing in `find_quotes`, and the offsets invariant of `extract_quotes`."""
from __future__ import annotations

import pytest

from quotesearch.extraction import extract_quotes
from quotesearch.quotes import find_quotes, transcript_turns
from quotesearch.speakers import confidence

PAIRING = [
    pytest.param("“We will win,” she said.", ["We will win,"], id="curly"),
    pytest.param("« Nous allons gagner », a-t-il dit.", ["Nous allons gagner"], id="guillemets"),
    pytest.param('"We will win," she said.', ["We will win,"], id="straight"),
    pytest.param('"One," he said. "Two," she said.', ["One,", "Two,"], id="two-straight-pairs"),
    pytest.param(
        "The voters’ choice was clear, and “we don’t quit,” she said.",
        ["we don’t quit,"],
        id="possessive-and-contraction",
    ),
    pytest.param(
        "“I’ve loved rock ’n’ roll since the ’90s,” he said. “It’s my life,” he added.",
        ["I’ve loved rock ’n’ roll since the ’90s,", "It’s my life,"],
        id="rock-n-roll-and-90s",
    ),
    pytest.param(
        "“The ’90s were wild,” she said, “and the ’00s wilder.”",
        ["The ’90s were wild,", "and the ’00s wilder."],
        id="leading-apostrophe-decades",
    ),
    pytest.param(
        "The parents’ group said: “It’s the teachers’ decision, not ours.”",
        ["It’s the teachers’ decision, not ours."],
        id="plural-possessives",
    ),
    pytest.param(
        '"I don\'t know what the \'90s were about," he said.',
        ["I don't know what the '90s were about,"],
        id="straight-apostrophes",
    ),
    pytest.param(
        "“He told me ‘never again’ and left,” she said.",
        ["He told me ‘never again’ and left,"],
        id="nested-single-curly",
    ),
    pytest.param(
        "\"She called it “a disgrace” on air,\" he said.",
        ["She called it “a disgrace” on air,"],
        id="nested-curly-in-straight",
    ),
    pytest.param(
        "« Il a dit “jamais” hier », a-t-elle déclaré.",
        ["Il a dit “jamais” hier"],
        id="nested-in-guillemets",
    ),
    pytest.param("“We will win,\" she said.", ["We will win,"], id="curly-open-straight-close"),
    pytest.param("\"We will win,” she said.", ["We will win,"], id="straight-open-curly-close"),
    pytest.param("“It's unusual,“ said Lee. “It is hard.”", ["It's unusual,", "It is hard."],
                 id="opening-mark-typed-as-closer"),
    pytest.param(
        "“First,” he said. \"Second,\" she said. “Third,” they said.",
        ["First,", "Second,", "Third,"],
        id="mixed-families-in-sequence",
    ),
    pytest.param("The 6\" pipe burst, officials said.", [], id="inch-mark-not-a-quote"),
    pytest.param(
        "“It was an attempt to mislead voters,’’ Moy said. “And it’s wrong.’’",
        ["It was an attempt to mislead voters,", "And it’s wrong."],
        id="doubled-single-closer",
    ),
    pytest.param("The fans’’ chant rose, she said.", [], id="doubled-single-outside-a-quote"),
]


@pytest.mark.parametrize(("text", "expected"), PAIRING)
def test_pairing(text: str, expected: list[str]) -> None:
    assert [text[s.start:s.end] for s in find_quotes(text)] == expected


def test_multi_paragraph_quote_is_joined() -> None:
    text = (
        "“We started with nothing,” said Anna Berg, the founder. “The first year was hard.\n\n"
        "“The second year was harder.\n\n"
        "“By the third we had a business.”\n\n"
        "Sales rose after that."
    )
    spans = find_quotes(text)
    assert [text[s.start:s.end] for s in spans][0] == "We started with nothing,"
    assert len(spans) == 2
    joined = spans[1]
    body = text[joined.start:joined.end]
    assert body.startswith("The first year was hard.")
    assert body.endswith("By the third we had a business.")
    assert "\n" in body
    assert [text[s:e] for s, e in joined.parts] == [
        "The first year was hard.",
        "The second year was harder.",
        "By the third we had a business.",
    ]


def test_multi_paragraph_quote_is_one_extracted_quote() -> None:
    text = (
        "Anna Berg, the founder, said: “The first year was hard.\n\n"
        "“The second year was harder.\n\n"
        "“By the third we had a business.”\n\n"
        "Sales rose after that."
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.quote.startswith("The first year was hard.")
    assert q.quote.endswith("By the third we had a business.")
    assert "\n" in q.quote
    assert "The second year was harder." in q.quote
    assert q.speaker is not None and q.speaker.lower() == "anna berg"


def test_unclosed_quote_not_reopened_ends_with_its_paragraph() -> None:
    text = (
        "Protesters chanted “no more cuts as the council met.\n\n"
        "Later, “We are not finished,” said Omar Reed, an organizer.\n\n"
        "“We will be back next week,” he added."
    )
    spans = [text[s.start:s.end] for s in find_quotes(text)]
    assert spans == ["no more cuts as the council met.", "We are not finished,", "We will be back next week,"]


def test_unclosed_quote_does_not_swallow_later_quotes_in_same_paragraph_run() -> None:
    text = (
        "He wrote “never again in the margin.\n\n"
        "The mayor said “the budget is fixed” and left.\n\n"
        "“We are done,” she said."
    )
    spans = [text[s.start:s.end] for s in find_quotes(text)]
    assert spans == ["never again in the margin.", "the budget is fixed", "We are done,"]


INVARIANT_TEXTS = [
    pytest.param("“We will win,” said Maria Costa. “And soon.”", id="curly"),
    pytest.param('"We will win," said Maria Costa, "and soon."', id="straight"),
    pytest.param("« We will win », said Maria Costa.", id="guillemets"),
    pytest.param(
        "Maria Costa said: “The first part.\n\n“The second part.\n\n“The end.”", id="multi-paragraph"
    ),
    pytest.param("Maria Costa’s team said “we don’t quit, not since the ’90s” on Monday.", id="apostrophes"),
]


@pytest.mark.parametrize("text", INVARIANT_TEXTS)
def test_offsets_match_quote_text(text: str) -> None:
    quotes = extract_quotes(text)
    assert quotes
    for q in quotes:
        assert text[q.start:q.end] == q.quote
        assert q.quote == q.quote.strip()


TRANSCRIPT = (
    "Governor Mike Pence spoke to Chris Wallace on Sunday. A partial transcript:\n\n"
    "\"WALLACE: Will she be there tomorrow night?\n\n"
    "\"PENCE: She will not be attending the debate.\n\n"
    "\"It was a stunt.\n\n"
    "\"(CROSSTALK.)\n\n"
    "\"But the truth is that the debate is about the issues.\n\n"
    "\"WALLACE: Thank you, Governor.\""
)


def test_quoted_transcript_splits_into_speaker_turns() -> None:
    spans = find_quotes(TRANSCRIPT)
    assert len(spans) == 1
    turns = transcript_turns(TRANSCRIPT, spans[0])
    assert turns is not None
    assert [(TRANSCRIPT[slice(*label)] if label else None) for _, label in turns] == \
        ["WALLACE", "PENCE", "PENCE", "WALLACE"]
    assert [[TRANSCRIPT[a:b] for a, b in turn.parts] for turn, _ in turns] == [
        ["Will she be there tomorrow night?"],
        ["She will not be attending the debate.", "It was a stunt."],
        ["But the truth is that the debate is about the issues."],
        ["Thank you, Governor."],
    ]


def test_quote_with_one_colon_is_no_transcript() -> None:
    text = "“Here is the thing: NATO will not go away,” he said.\n\n“USA: one team.”"
    assert [transcript_turns(text, s) for s in find_quotes(text)] == [None, None]


def test_transcript_turns_are_quotes_of_their_speakers() -> None:
    quotes = extract_quotes(TRANSCRIPT)
    assert {q.confidence for q in quotes} == {confidence("transcript/name")}
    found = [(q.quote, q.speaker) for q in quotes]
    assert found == [
        ("Will she be there tomorrow night?", "Chris Wallace"),
        ("She will not be attending the debate.\n\n\"It was a stunt.", "Mike Pence"),
        ("But the truth is that the debate is about the issues.", "Mike Pence"),
        ("Thank you, Governor.", "Chris Wallace"),
    ]
