"""Attribute a speaker to each quote span: speech cues, subjects, coreference, continuations.

For each quote, the text of its sentence outside the quote is searched for a speech cue
(a reporting verb, "according to", or a passive "as “…” by") and the noun phrase that
goes with it: a name, a pronoun, a role noun ("the Secretary-General") or a description
("a senior U.S. military officer"). Pronouns resolve to the latest earlier person of the
same gender, role nouns to the person named with that role, surnames to the fullest form,
things put out ("the statement said") to whoever released, sent or issued them.
A quote with no cue takes the subject of its sentence or the speaker of the quote it
continues; failing both it has no speaker (guessing among the people named before it was
wrong three times in four on PolNeAR train). Scare quotes and mentioned terms are quotes too, as
PolNeAR's annotators count them, but a term after "so-called", "dubbed" or "the word" gets a
speaker only from a speech cue. Names of works ("on ABC’s “This Week”"), and Title Case phrases
and lone pronouns (`because “she” is a “he”`) that nobody is said to have spoken, are dropped.
"""
from __future__ import annotations

import bisect
import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from . import coref
from .cues import (
    SAID_NOUNS,
    cue_after,
    cue_before,
    cue_later,
    ends_clause,
    introduces,
    only_tags,
    passive_cue,
    put_to,
    said_from,
)
from .mentions import Entity, Mention, Registry
from .models import Quote
from .names import (
    CLAUSE_VERBS,
    GENDERED_NOUNS,
    NOT_NAMES,
    ORG_WORDS,
    PARTICLES,
    SAYS_AFTER,
    SUFFIXES,
    TITLE_SURNAMES,
    TITLES,
    capitalized,
    common_words,
    given_name,
    has_org_head,
    honorific_gender,
    is_organization,
    is_person,
    not_people,
    role_of,
    speaker_key,
    split_title,
    strip_place,
)
from .phrases import (
    BE,
    CLAUSE_STOP,
    DETERMINERS,
    PARTY_GROUPS,
    PRONOUNS,
    Source,
    Tok,
    adverb,
    blank_parentheticals,
    is_word,
    np_backward,
    phrase_text,
    plural,
    pronoun_of,
    speech_verb,
    tokens,
)
from .quotes import Span, inside, paragraphs, past_closer, transcript_turns
from .sentences import sentence_spans
from .subjects import clause_subject, subject

CARRY_PARAGRAPHS = 2
_HEADLINE_SPEAKER = re.compile(r"((?:[A-Z][\w.-]*\s){0,3}[A-Z][\w-]*):\s")


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "is", "de", "la", "y"}


def _is_title(words: list[str]) -> bool:
    """Whether a short quote is in Title Case, as names of shows, books and slogans are."""
    core = [w for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    return bool(core) and len(words) <= 7 and all(w[:1].isupper() for w in core) and \
        not words[-1].endswith((".", "?", "!"))


_MENTION_MARKERS = re.compile(r"(?:so-called|dubbed|nicknamed|(?:known|billed)(?: \w+ly)? as|(?:en)?titled|"
                              r"the (?:word|words|term|phrase|slogan|hashtag))(?: the| a| an)?\s*$", re.I)


def _mentioned(text: str, span: Span) -> bool:
    """Whether a short quote is a term the writer mentions ("so-called", "dubbed", "the word"):
    kept, as it quotes someone's words, but credited only to a speaker a speech cue names."""
    lead = text[max(0, span.start - 30):span.start - 1]
    return len(text[span.start:span.end].split()) < 8 and bool(_MENTION_MARKERS.search(lead))


_TITLE_LEAD = re.compile(r"(?:\b(?:on|in|at|to|from|of|for|the|by|with|his|her|their|its|called|titled|named|"
                         r"book|novel|film|movie|documentary|show|series|program|song|album|play)|[’']s)\s*$", re.I)


def _names_a_work(text: str, span: Span) -> bool:
    """Whether a quote is the Title Case name of a show, book or paper ("on ABC’s “This Week,”")."""
    lead = text[max(0, span.start - 25):span.start - 1]
    return _is_title(text[span.start:span.end].split()) and bool(_TITLE_LEAD.search(lead))


def _of_the_place(words: list[str], k: int) -> bool:
    """Whether the name words[k:] only end a role after "of the" ("president of the United States",
    "chancellor of the Exchequer"), holding no given name ("… of the Exchequer Rachel Reeves")."""
    return k > 2 and words[k - 1].lower() == "the" and words[k - 2] in _LINKS \
        and any(w.islower() for w in words[:k - 2]) \
        and not any(given_name(w) for w in words[k:])


def _common_plural(word: str) -> bool:
    """Whether a capitalized word is a plural common noun ("Officials", "Critics"), not a name."""
    low = word.lower()
    return low in common_words() and plural(low)


def _common_head(phrase: str, many: bool) -> bool:
    """Whether a noun phrase ends in a common noun that "it" (or "they", when `many`) may refer to:
    lower case, singular (plural), and no person's title ("the brokerage", "the authors")."""
    head = phrase.split()[-1]
    return head.isalpha() and head.islower() and plural(head) == many \
        and head not in GENDERED_NOUNS and (head not in TITLES or head in ORG_WORDS)


def _lone_pronoun(words: list[str]) -> bool:
    """Whether a quote is one pronoun (`because “she” is a “he”`): the word itself, mentioned."""
    return len(words) == 1 and words[0].strip(".,;:!?").lower() in PRONOUNS


def _placelike(name: str) -> bool:
    """Whether a one-word name is a place or people word ("Orlando", "British"): the subject of a
    sentence with a quote in it, but hardly the one who said it."""
    return " " not in name and name.lower().strip(".") in not_people() and not is_organization(name)


def _described(phrase: str) -> bool:
    """Whether a phrase opens with a common noun ("a spokesman for …", "Officials at …"), so a
    name after it ("… for Bernie Sanders") says whose, not who."""
    words = phrase.split()
    return len(words) > 2 and (words[0].lower() in DETERMINERS and not words[1][:1].isupper()
                               or words[0].lower() in common_words())


_PERSON_ENDINGS = ("man", "men", "woman", "women", "person", "people", "ist", "ists", "er", "ers", "or", "ors")


def _the_kind(phrase: str, name: list[str]) -> bool:
    """Whether a phrase is "the" and one capitalized word that names no person nor organization,
    a kind of person ("the Texan", "the Democrat") rather than someone's name."""
    return phrase[:4].lower() == "the " and len(name) == 1 and not is_person(name[0]) \
        and not is_organization(name[0])


def _owner(words: list[str]) -> list[str] | None:
    """The name that owns a thing said ("Trump’s flurry of tweets" → Trump), when the thing is
    not a person ("Trump’s spokeswoman" stays a description)."""
    o = next((i for i, w in enumerate(words) if w.endswith(("’s", "'s", "’", "'"))), None)
    if o is None or o + 1 >= len(words) or not all(w[:1].isupper() for w in words[:o + 1]):
        return None
    rest = words[o + 1:]
    head = rest[rest.index("of") - 1] if "of" in rest[1:] else rest[-1]
    if head[:1].isupper() or head.lower() in TITLES or head.lower() in GENDERED_NOUNS \
            or head.lower().endswith(_PERSON_ENDINGS):
        return None
    return words[:o] + [re.sub(r"[’'](?:s)?$", "", words[o])]


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: display name, role, the article entity it is (if any), and how the
    phrase was read: "name", "organization", "pronoun", "role" or "description"."""

    name: str | None
    role: str | None = None
    entity: Entity | None = None
    how: str = "name"


NOBODY = Speaker(None)


@dataclass(frozen=True)
class Place:
    """Where a quote sits: its paragraphs, its sentence, and the tokens beside it."""

    first_para: int
    last_para: int
    sentence: tuple[int, int]
    before: list[Tok]
    after: list[Tok]
    starts_sentence: bool


# where the clause of a pronoun after its quote ends: "“…,” he said of Trump[,] after Lazar admitted"
_CLAUSE_END = re.compile(r"[.!?;“”\"\n]|\b(?:after|before|because|when|while|since|as|which|who|whom|that|where|"
                         r"although|though|if|until|adding|saying)\b")
_WORD_AFTER = re.compile(r"[’']s\b|\s+([A-Za-z]+)")
# nouns for any organization, which "the" points back to the one just named: "The organization, which …, said"
_BODIES = {"organization", "organisation", "group", "company", "firm", "agency", "association", "alliance",
           "coalition", "union", "network", "institute", "foundation", "charity", "nonprofit"}
_LINKS = {"for", "of", "with", "at", "from", "inside"}
_INDEFINITE = {"a", "an", "another", "one"}
_SIGNATURE_DASH = re.compile(r"\s*[-–—―]\s*(?=[A-Z])")
_SIGNED = re.compile(r"\s*((?:[A-Z][\w.’'-]+ ){1,3}[A-Z][\w’'-]+), ([^.“”\"]{3,80})\.?[”\"]\s*")
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "they"}
_COLLECTIVE_PRONOUNS = {"it", "they"}
_SUBJECT_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
Ranker = Callable[[str, list[coref.Candidate]], "coref.Candidate | None"]


class Attributor:
    """Attributes the quotes of one article, keeping the state that coreference needs."""

    def __init__(self, text: str, quoted: list[tuple[int, int]], ranker: Ranker = coref.rank,
                 headline: str = "") -> None:
        self.text = text
        self.headline = headline
        self.plain = blank_parentheticals(text)
        self.registry = Registry(text, quoted)
        self.paras = paragraphs(text)
        self._para_starts = [s for s, _ in self.paras]
        self._sentences: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}
        self.last = NOBODY
        self.last_para: int | None = None
        self.last_end = -1
        self.ranker = ranker
        self.history = coref.History()
        self.current: Span | None = None
        self._mentions = [(m, e, self.para_of(m.start)) for m, e in self.registry.resolved()]
        self._mention_starts = [m.start for m, _, _ in self._mentions]
        self._seen_at: dict[int, list[int]] = {}
        for m, e, _ in self._mentions:
            self._seen_at.setdefault(id(e), []).append(m.start)
        quoted_starts = [s for s, _ in quoted]
        self._quoted, self._quoted_starts = quoted, quoted_starts
        self._narrative = [m.span() for m in _SUBJECT_PRONOUN.finditer(text)
                           if not inside(quoted, quoted_starts, m.start())]
        self._narrative_next = 0
        self._read_pronouns: dict[int, Entity] = {}  # who each "he" or "she" read so far refers to

    def para_of(self, offset: int) -> int:
        """Index of the paragraph that holds `offset`."""
        return max(bisect.bisect_right(self._para_starts, offset) - 1, 0)

    def _sentence_list(self, para: int) -> list[tuple[int, int]]:
        """The sentences of paragraph `para`, split once."""
        if para not in self._sentences:
            spans = sentence_spans(self.text, *self.paras[para])
            self._sentences[para] = (spans, [s for s, _ in spans])
        return self._sentences[para][0]

    def sentence_at(self, para: int, offset: int) -> tuple[int, int]:
        """The sentence of paragraph `para` that holds `offset`."""
        spans = self._sentence_list(para)
        return spans[max(bisect.bisect_right(self._sentences[para][1], offset) - 1, 0)]

    def tokens(self, start: int, end: int) -> list[Tok]:
        """Tokens of the text between two offsets, parentheticals left out."""
        return tokens(self.plain, start, end)

    def resolve(self, src: Source) -> Speaker:
        """The speaker a phrase as written refers to: a name, pronoun, role noun or description."""
        phrase = src.phrase.strip(" ,.")
        if not phrase or phrase.lower() in DETERMINERS:
            return NOBODY
        pronoun = pronoun_of(phrase)  # "We’ve", "He’d" are pronouns too
        if pronoun in PRONOUNS and " " not in phrase:
            return self._pronoun(pronoun, src.at)
        pair = self._pair(phrase, src)
        if pair is not None:
            return pair
        words = phrase.split()
        if words[-1].lower() in PARTY_GROUPS:
            return Speaker(re.sub(r"^the ", "", phrase, flags=re.I), how="description")  # "Senate Democrats"
        if len(words) > 2 and words[1] in _LINKS and words[0].lower() in common_words() \
                and words[0].lower() not in TITLES:
            return Speaker(phrase, how="description")
        if words and words[0].lower() == "the":
            words = words[1:]
        words = _owner(words) or words
        words = strip_place([re.sub(r"[’'](?:s)?$", "", w) if w.endswith(("’s", "'s", "s’", "s'")) else w
                             for w in words])
        k = len(words)
        while k > 0 and (capitalized(words[k - 1]) or words[k - 1].lower() in PARTICLES
                         or words[k - 1].lower().rstrip(".") in SUFFIXES
                         or words[k - 1] == "of" and k > 1 and words[k - 2][:1].isupper()):
            k -= 1
        title, name = ([], words[k:]) if has_org_head(words[k:]) else split_title(words[k:])
        in_place = 0 < k < len(words) and words[k - 1] == "in" and words[k] != "The" \
            and not has_org_head(name) and not is_organization(" ".join(name))  # "a woman in Worcester"
        if k > 1 and (words[k - 1] in _LINKS or in_place or k < len(words) and words[0].lower() in _INDEFINITE
                      and _LINKS.intersection(words[2:k])) and _described(phrase):
            return Speaker(re.sub(r"^the ", "", phrase, flags=re.I), how="description")
        entity = self._titled_surname(name, phrase)
        if entity is None and (not name or all(w.lower() in TITLES for w in name)
                               or is_organization(" ".join(name)) and k or _of_the_place(words, k)
                               or _the_kind(phrase, name)):
            return self._nominal(phrase, src)
        entity = entity or self.registry.lookup(" ".join(name), honorific_gender(" ".join(words[:k] + title)))
        if entity is None and len(words) == 1 and _common_plural(words[0]):
            return Speaker(words[0].lower(), how="description")  # "Officials said", capitalized as it opens a sentence
        role = role_of(words[:k] + title) or src.role or (entity.role if entity else None)
        how = "organization" if has_org_head(name) or is_organization(" ".join(name)) else "name"
        return Speaker(entity.name if entity else " ".join(name), role, entity, how)

    def _pair(self, phrase: str, src: Source) -> Speaker | None:
        """Two people named as one speaker ("Trump and Ryan said", "Mark Blumenthal and Jon Cohen
        wrote"): both, by their full names; None unless each side is a different person named."""
        left, sep, right = phrase.partition(" and ")
        if not sep or " and " in right \
                or not all(w[:1].isupper() or w in PARTICLES for w in f"{left} {right}".split()):
            return None
        first = self.resolve(Source(left, src.cue, src.at))
        second = self.resolve(Source(right, src.cue, src.at + len(left) + len(sep)))
        named = all(x.how == "name" and x.entity is not None and is_person(x.entity.name) for x in (first, second))
        if not named or first.entity is second.entity:
            return None
        return Speaker(f"{first.name} and {second.name}", None, None, "name")

    def _titled_surname(self, name: list[str], phrase: str) -> Entity | None:
        """The person a lone surname that is also a title word stands for ("Dean said" after
        "Howard Dean"), when written without an article and the article names them in full."""
        if len(name) != 1 or name[0].lower() not in TITLE_SURNAMES or not phrase[:1].isupper():
            return None
        entity = self.registry.lookup(name[0])
        return entity if entity is not None and len(entity.name.split()) > 1 else None

    def _pronoun(self, pron: str, at: int) -> Speaker:
        """The person "he" or "she" refers to, chosen by the coreference ranker among the people
        named before; "it" and "they" refer to an organization (see `_collective`), other
        pronouns ("I", "we") to the last speaker."""
        gender = PRONOUNS[pron]
        if pron in _COLLECTIVE_PRONOUNS:
            return self._collective(at, pron == "they")
        if gender is None:
            return dataclasses.replace(self.last, how="pronoun")
        best = self._read_pronouns.get(at) or self._rank("pronoun", at, gender)  # “…,” she said, “…” read once
        if best is None:
            return dataclasses.replace(self.last, how="pronoun")
        self._mention_by_pronoun(at, at + len(pron), best, gender)
        return Speaker(best.name, best.role, best, "pronoun")

    def _collective(self, at: int, many: bool) -> Speaker:
        """What "it" or "they" refers to: the last speaker unless that is one person, else the
        latest organization named as a subject in the paragraph or the one before ("The Security
        Council on Friday condemned what it called …"), else the description that last reported
        speech (see `_reporter_before`)."""
        last = self.last
        if last.name is not None and not (last.how in {"name", "pronoun"} and is_person(last.name)):
            return dataclasses.replace(last, how="pronoun")
        for mention, entity, _ in self._mentions_before(at, 1):
            if mention.subject and is_organization(entity.name):
                return Speaker(entity.name, entity.role, entity, "pronoun")
        return self._reporter_before(at, many)

    def _reporter_before(self, at: int, many: bool) -> Speaker:
        """The description that last reported speech outside quotes, in the paragraph of `at` or the
        three before it, for an "it" (or, when `many`, a "they") that no organization answers:
        `an American brokerage said on Wednesday … ¶ “…,” it said`, `the authors argued … “…,” they
        wrote`. Nobody when a name or person reported last, or when a sentence on the way back has
        a subject the pronoun could as well mean (`Trump’s campaign backtracked. … it said, “…”`)."""
        para = self.para_of(at)
        for p in range(para, max(para - 4, -1), -1):
            for start, end in reversed(self._sentence_list(p)):
                if start >= at:
                    continue
                toks = self.tokens(start, min(end, at))
                found = self._reporter_in(toks)
                if found is None:
                    head = subject(toks, len(toks))
                    if head is not None and _common_head(head[0], many):
                        return NOBODY
                    continue
                first, stop, verb = found
                if toks[first].low in PRONOUNS and toks[first].low not in {"he", "she"}:
                    continue  # "…, it said." goes on with what the one sought reported
                phrase = phrase_text(toks, first, stop)
                if toks[first].low not in {"a", "an", "the"} or not _common_head(phrase, many):
                    return NOBODY
                said = self._nominal(phrase, Source(phrase, toks[verb].text, toks[first].start))
                return dataclasses.replace(said, how="pronoun")
        return NOBODY

    def _reporter_in(self, toks: list[Tok]) -> tuple[int, int, int] | None:
        """The subject (start, stop) and verb of the latest clause verb outside quotes in a sentence
        ("said", "argued", "noted"), or None when there is none."""
        for k in range(len(toks) - 1, 0, -1):
            if toks[k].text in CLAUSE_VERBS and not inside(self._quoted, self._quoted_starts, toks[k].start):
                start, stop, _ = np_backward(toks, k)
                if start < stop and toks[stop - 1].low not in DETERMINERS:  # not "a determined advocate"
                    return start, stop, k
        return None

    def _mentions_before(self, at: int, paragraphs: int) -> Iterator[tuple[Mention, Entity, int]]:
        """The mentions (with their entity and paragraph) before offset `at`, latest first, back to
        `paragraphs` paragraphs before the one that holds `at`."""
        para = self.para_of(at)
        for i in range(bisect.bisect_left(self._mention_starts, at) - 1, -1, -1):
            if para - self._mentions[i][2] > paragraphs:
                return
            yield self._mentions[i]

    def _mention_by_pronoun(self, at: int, end: int, entity: Entity, gender: str | None) -> None:
        """Record the "he" or "she" (of `gender`) at `at`..`end` as a subject mention of `entity`, so a later
        pronoun sees who the story has been about since the name was last written; an entity
        of unknown gender takes the pronoun's."""
        self._read_pronouns[at] = entity
        entity.gender = entity.gender or gender
        says = bool(SAYS_AFTER.match(self.text, end, min(len(self.text), end + 120)))
        mention = Mention(at, end, entity.name, entity.role, entity.gender, True, says, self.registry.sentence_of(at))
        k = bisect.bisect_left(self._mention_starts, at)
        self._mention_starts.insert(k, at)
        self._mentions.insert(k, (mention, entity, self.para_of(at)))
        bisect.insort(self._seen_at.setdefault(id(entity), []), at)

    def _read_narrative(self, at: int) -> None:
        """Resolve, in reading order, the subject pronouns outside quotes before offset `at`."""
        while self._narrative_next < len(self._narrative) and self._narrative[self._narrative_next][0] < at:
            start, end = self._narrative[self._narrative_next]
            self._narrative_next += 1
            if start in self._read_pronouns:
                continue
            gender = PRONOUNS[self.text[start:end].lower()]
            best = self._choose("narrative", start, gender)
            if best is not None:
                self._mention_by_pronoun(start, end, best, gender)

    def _rank(self, kind: str, at: int, gender: str | None) -> Entity | None:
        """The ranker's choice among the people named before offset `at`, once the pronouns
        before it are read."""
        self._read_narrative(at)
        return self._choose(kind, at, gender)

    def _choose(self, kind: str, at: int, gender: str | None) -> Entity | None:
        """The ranker's choice among the people named before offset `at`; a "narrative" pronoun
        is ranked with the features of a quote's pronoun, one after its quote (“…,” he said) is
        `trailing`."""
        para = self.para_of(at)
        window = list(self._mentions_before(at, coref.WINDOW_PARAGRAPHS))
        last = self.last.entity
        if last is not None and all(e is not last for _, e, _ in window):  # named before a long quote
            earlier = next((x for x in self._mentions_before(at, len(self.paras)) if x[1] is last), None)
            window += [earlier] if earlier is not None else []
        trailing = kind == "pronoun" and self.current is not None and at > self.current.start
        if kind == "pronoun" and self.current is not None:
            stop = self.current.start
            if trailing:
                clause_end = _CLAUSE_END.search(self.text, at)
                stop = clause_end.start() if clause_end else len(self.text)
            named_after = self._named_between(at, stop)
            window = [x for x in window if id(x[1]) not in named_after]
        cands = coref.candidates(window, self.history, (para, self.registry.sentence_of(at)), at, gender,
                                 "pronoun" if kind == "narrative" else kind,
                                 lambda e: bisect.bisect_left(self._seen_at[id(e)], at), trailing)
        best = self.ranker(kind, cands)
        return best.entity if best is not None else None

    def _named_between(self, at: int, stop: int) -> set[int]:
        """The ids of the entities named after a pronoun at `at` and before `stop` (the quote its cue
        introduces, or the end of its clause after the quote), whom it cannot mean ("He has
        declared Cruz to be “anointed”", "“…,” he said of Trump"); a name that only qualifies a
        noun ("Carson supporters", "Cruz’s campaign") does not count."""
        first = bisect.bisect_right(self._mention_starts, at)
        last = bisect.bisect_left(self._mention_starts, stop)
        return {id(entity) for mention, entity, _ in self._mentions[first:last] if not self._qualifies(mention.end)}

    def _qualifies(self, end: int) -> bool:
        """Whether the name ending at `end` is possessive or comes before a common noun it qualifies."""
        after = _WORD_AFTER.match(self.text, end)
        if after is None:
            return False
        word = after.group(1)
        return word is None or word.islower() and word in common_words() and word not in CLAUSE_STOP \
            and not word.endswith("ed")

    def _carried(self, at: int) -> Speaker:
        """The speaker of a quote with no cue of its own: the ranker's choice, else the last speaker.
        A last speaker who is only described ("a spokesman") rarely carries on past a named person."""
        ranked = self.last.entity is not None or self.last.how == "description"
        para = self.para_of(at)
        if self.last_para == para - 1 and self.last.entity is not None and self._quote_paragraph(para):
            ranked = False
        best = self._rank("carried", at, None) if ranked else None
        if best is None or best is self.last.entity:
            return self.last
        return Speaker(best.name, best.role, best, "name")

    def _quote_paragraph(self, para: int) -> bool:
        """Whether the current quote opens paragraph `para` as a whole sentence."""
        span = self.current
        return span is not None and span.start <= self.paras[para][0] + 1 and self.text[span.end - 1] in ".?!"

    def _nominal(self, phrase: str, src: Source) -> Speaker:
        """A role noun ("the senator", a title word) resolved to the person named with that role, a
        noun resolved to the organization named with it, else the description;
        a thing said ("his statement", "the statement" after "Lind’s statement") is its owner's."""
        words = phrase.split()
        det = words[0].lower()
        first = words[:words.index("and")] if "and" in words[2:] else words  # "the senator and candidate"
        if det in {"the", "his", "her", "their"} and len(first) <= 6:
            head = first[first.index("of") - 1] if "of" in first[2:] else first[-1]
            role_noun = head.rstrip(".").lower()
            entity = self.registry.with_role(role_noun, src.at) \
                if role_noun in TITLES or role_noun in GENDERED_NOUNS else None
            if entity is not None:
                return Speaker(entity.name, entity.role or " ".join(words[1:]), entity, "role")
            entity = self.registry.named_like(words[-1].rstrip("."), src.at)
            if entity is not None and is_organization(entity.name):
                return Speaker(entity.name, None, entity, "organization")
            if det == "the" and len(words) == 2 and role_noun in _BODIES:
                body = self._organization_before(src.at)
                if body is not None:
                    return Speaker(body.name, None, body, "organization")
        if det == "the" and 1 < len(words) <= 4 and all(w.islower() for w in words[1:]):
            bridged = self._bridged(" ".join(words[1:]).rstrip("."), src.at)
            if bridged is not None:
                owner, _, thing = bridged.partition("’s ")
                said = thing in SAID_NOUNS or thing in _ISSUED
                return self.resolve(Source(owner, src.cue, src.at)) if said else Speaker(bridged, how="description")
        if det in _INDEFINITE:
            issuer = self._issuer_of_one(words, src)
            if issuer is not None:
                return self.resolve(Source(issuer, src.cue, src.at))
        if det in _POSSESSIVE_PRONOUNS and len(words) > 1:
            possessor = self._pronoun(_POSSESSIVE_PRONOUNS[det], src.at)
            if possessor.name:
                said = words[-1].lower() in SAID_NOUNS
                return possessor if said else Speaker(f"{possessor.name}’s {' '.join(words[1:])}", how="description")
        words = [re.sub(r"[’'](?:s)?$", "", w) if w[:1].isupper() and w.endswith(("’s", "'s")) else w
                 for w in words]
        return Speaker(" ".join(words[1:]) if det == "the" else " ".join(words), how="description")

    def _organization_before(self, at: int) -> Entity | None:
        """The latest subject named in the paragraph of `at` or the one before, when it is an
        organization, which "the organization" or "the group" refers to."""
        for mention, entity, _ in self._mentions_before(at, 1):
            if mention.subject:
                return entity if is_organization(entity.name) else None
        return None

    def _issuer_of_one(self, words: list[str], src: Source) -> str | None:
        """Who put out "a statement" or "an update" when its own sentence says so: `Ronnie’s family
        issued an encouraging update last week, which reads: “…”`."""
        thing = next((w for w in words[1:4] if w.lower() in _ISSUED), None)
        at = self.plain.find(thing, src.at) if thing is not None else -1
        return self._issuer(at) if at >= 0 else None

    def _bridged(self, noun: str, at: int) -> str | None:
        """The named form of "the <noun>" from where the article last wrote that noun with a name:
        "a Baton Rouge newspaper", "the Wall Street Journal editorial board", "Cruz’s lawyers",
        "a statement issued by the Sanders campaign" (outside quotes, before offset `at`); for a thing
        put out ("the statement", "the email"), the one who put it out where it was last written, if
        that is at most two paragraphs back (`_issuer`)."""
        latest = True
        for m in reversed(list(_noun_pattern(noun).finditer(self.plain, 0, at))):
            if inside(self._quoted, self._quoted_starts, m.start()):
                continue
            if noun in _ISSUED and latest:
                latest = False
                issuer = self._issuer(m.start()) if self.para_of(at) - self.para_of(m.start()) < 3 else None
                if issuer is not None:
                    return f"{issuer}’s {noun}"
            lead = _BRIDGE_BEFORE.search(self.plain, max(0, m.start() - 80), m.start())
            if lead is not None:
                name, own = _NAME_LEAD.sub("", lead.group("name")), lead.group("own")
            else:
                tail = _BRIDGE_AFTER.match(self.plain, m.end(), min(len(self.plain), m.end() + 80))
                name, own = (_NAME_LEAD.sub("", tail.group("name")), "’s") if tail else ("", None)
            if name and not all(w.lower() in NOT_NAMES or w.lower() in common_words() for w in name.split()):
                return f"{name}’s {noun}" if own else f"{name} {noun}"
        return None

    def _issuer(self, start: int) -> str | None:
        """Who put out the thing written at `start`: the subject of "Obama released a statement",
        "The Cruz campaign sent out a fundraising email" or "Fox News said in a statement"."""
        sentence_start, sentence_end = self.sentence_at(self.para_of(start), start)
        toks = self.tokens(sentence_start, start)
        k = len(toks)
        while k and len(toks) - k < 3 and (toks[k - 1].text[:1].islower() and is_word(toks[k - 1])
                                           or toks[k - 1].text[:1].isdigit()) \
                and toks[k - 1].low not in DETERMINERS and toks[k - 1].low not in _ISSUE_VERBS:
            k -= 1  # "a new 30-second ad", "a written statement"
        if k and toks[k - 1].low in _ISSUE_DETERMINERS:
            k -= 1
        if k and toks[k - 1].low == "out":
            k -= 1
        if k == 1 and toks[0].low == "in":  # "In a statement, the ministry said …"
            after = self.tokens(start, sentence_end)[1:]
            found = subject(after[1:], len(after) - 1) if after and after[0].text == "," else None
            return found[0] if found else None
        said_in = k > 2 and toks[k - 1].low == "in" and speech_verb(toks[k - 2]) \
            and toks[k - 3].low not in DETERMINERS  # "Fox News said in a statement", not "the report in a statement"
        if k > 1 and toks[k - 1].low == "in" and not said_in:  # "The company denied it in a letter"
            found = subject(toks, k - 1)
            return found[0] if found else None
        v = k - 2 if said_in else k - 1
        if v < 1 or not (said_in or toks[v].text.islower() and toks[v].low in _ISSUE_VERBS):
            return None
        while v > 1 and (adverb(toks[v - 1]) or toks[v - 1].low in BE):  # "has also released", "were quickly sent"
            v -= 1
        start_np, stop, _ = np_backward(toks, v)
        before = toks[start_np - 1].low if start_np else ""
        if start_np == stop or before in _NOT_ISSUER_BEFORE or before.endswith("ing") \
                or toks[start_np].low in PRONOUNS and toks[start_np].low not in {"he", "she", "they", "it"}:
            return None  # "Senators representing Maryland and Virginia sent a letter": not Virginia's
        return phrase_text(toks, start_np, stop)

    def locate(self, spans: list[Span], i: int) -> Place:
        """The paragraphs, sentence and neighbouring tokens of quote `i` (up to the next quotes).

        The sentence runs on past the quote's own final "?" or "!" (`“…?” Erik asked.`).
        """
        span = spans[i]
        first, last = self.para_of(span.start), self.para_of(span.parts[-1][0])
        s_start = self.sentence_at(first, span.start - 1)[0]
        closed = resume = past_closer(self.text, span.end)
        while resume < self.paras[last][1] - 1 and self.text[resume].isspace():
            resume += 1
        s_end = self.sentence_at(last, resume)[1]
        prev_end = past_closer(self.text, spans[i - 1].end) if i and spans[i - 1].end > s_start else s_start
        next_start = spans[i + 1].start - 1 if i + 1 < len(spans) and spans[i + 1].start < s_end else s_end
        before = self.tokens(prev_end, span.start - 1)
        return Place(first, last, (s_start, s_end), before, self.tokens(closed, next_start),
                     not before and prev_end == s_start)

    def source_nearby(self, place: Place) -> Source | None:
        """A cue outside the quote's sentence: the sentence before it in the paragraph, or a
        paragraph before that ends with a colon ("Caddell continued:")."""
        s_start = place.sentence[0]
        pstart = self.paras[place.first_para][0]
        if s_start > pstart:
            prev = self.sentence_at(place.first_para, s_start - 1)
            return _lead_in(self.tokens(prev[0], s_start))
        if place.first_para > 0:
            ps, pe = self.paras[place.first_para - 1]
            if self.text[ps:pe].rstrip().endswith(":"):
                return _lead_in(self.tokens(self.sentence_at(place.first_para - 1, pe - 1)[0], pe))
        return None

    def headline_speaker(self, place: Place) -> Source | None:
        """The speaker a headline names before a colon ("Richards: ‘I’m Sick Of …’"), for a quote
        opening one of the paragraphs right under it before anyone else is credited."""
        if self.last.name is not None or place.first_para >= CARRY_PARAGRAPHS \
                or place.sentence[0] != self.paras[place.first_para][0]:
            return None
        named = _HEADLINE_SPEAKER.match(self.headline)
        name = named.group(1) if named is not None else ""
        return Source(name, ":", place.sentence[0]) if is_person(name) and self.registry.lookup(name) else None

    def introduced(self, place: Place) -> Source | None:
        """The cue of the last sentence of the paragraph before a quote that opens its own
        paragraph, when that sentence holds no quote ("Clinton responded, saying … ¶ “…”")."""
        pstart = self.paras[place.first_para][0]
        if place.sentence[0] != pstart or place.first_para == 0:
            return None
        pe = self.paras[place.first_para - 1][1]
        s_start = self.sentence_at(place.first_para - 1, pe - 1)[0]
        if any(c in "“”\"" for c in self.text[s_start:pe]):
            return None
        toks = self.tokens(s_start, pe)
        return cue_before(toks) or said_from(toks)

    def signature_below(self, span: Span, place: Place) -> Source | None:
        """The signature paragraph under a quote that ends its own paragraph, as fact checks and
        reprinted statements print them: "- Bernie Sanders." or, closing the quote's marks, "Dean
        Baker, Center for Economic and Policy Research.\""""
        if place.last_para + 1 >= len(self.paras) or \
                any(c.isalnum() for c in self.text[span.end:self.paras[place.last_para][1]]):
            return None
        start, end = self.paras[place.last_para + 1]
        signed = _SIGNED.fullmatch(self.text, start, end)
        if signed is not None:
            return Source(signed.group(1), "—", start, signed.group(2)) if is_person(signed.group(1)) else None
        dash = _SIGNATURE_DASH.match(self.text, start, end)
        return cue_after([Tok("—", start), *self.tokens(dash.end(), end)]) if dash else None

    def quoted_in_sentence_before(self, place: Place) -> bool:
        """Whether the last attributed quote ends in the sentence just before this quote's, in its
        paragraph (`“…,” said X, explaining why. “…”`), so its speaker carries on."""
        s_start = place.sentence[0]
        pstart = self.paras[place.first_para][0]
        return s_start > pstart and self.sentence_at(place.first_para, s_start - 1)[0] <= self.last_end < s_start

    def cue_after_next(self, spans: list[Span], i: int, place: Place) -> Source | None:
        """The cue after the next quote when that quote is in the same sentence (`“…” and “…,” X said`),
        or after the words around it when it is quoted inside the speaker's phrase (`“…,” Ada Lind, wearing
        a “Vote Lind” pin, said`)."""
        if i + 1 >= len(spans) or spans[i + 1].start >= place.sentence[1]:
            return None
        after = self.locate(spans, i + 1).after
        found = cue_after(after) or cue_later(after)
        if found is None and after and self.text[spans[i].end - 1] == "," \
                and not any(t.text in {".", "?", "!"} for t in place.after):
            found = cue_after(self.tokens(past_closer(self.text, spans[i].end), after[-1].start + len(after[-1].text)))
        return found

    def _without_cue(self, span: Span, place: Place, recent: bool) -> tuple[Speaker, str]:
        """The speaker of a quote with no cue, and how it was found: the subject of its sentence
        (one word only if the article names it as someone or it reads as a name), else (when a
        speaker spoke lately) the speaker of a quote earlier in its sentence or in the sentence
        before, else the ranker's choice of who carries on."""
        if place.before and not place.starts_sentence and place.before[0].start == place.sentence[0]:
            subject = clause_subject(place.before)
            speaker = self.resolve(subject) if subject is not None else NOBODY
            if speaker.name is not None and not _placelike(speaker.name) \
                    and (speaker.entity is not None or _reads_as_name(speaker.name)):
                return speaker, "subject"
        if not recent:
            intro = self.introduced(place) or self.headline_speaker(place)
            return (self.resolve(intro), "introduced") if intro is not None else (NOBODY, "none")
        if self.last_end >= place.sentence[0] or self.quoted_in_sentence_before(place):
            return self.last, "carried"
        return self._carried(span.start), "carried"

    def attribute_traced(self, spans: list[Span]) -> list[tuple[Quote, str]]:
        """Quotes for the spans, in order, each with how it was attributed ("after/name",
        "carried/pronoun", …); quotes that nobody is said to have spoken are left out."""
        text = self.text
        spans, labels = _turns(text, spans)
        spans = [span for span in spans if not _names_a_work(text, span)]
        out: list[tuple[Quote, str]] = []
        for i, span in enumerate(spans):
            self.current = span
            place = self.locate(spans, i)
            if span.start in labels:
                start, end = labels[span.start]
                label = Source(text[start:end].title(), ":", start)
                speaker = self.resolve(label)
                how = f"transcript/{speaker.how}" if speaker.name else "none"
                out.append((self._quote(span, place, speaker, label, how), how))
                continue
            if put_to(place.before) and text[span.end - 1] != ",":  # not `was asked, “…,” he said`
                out.append((self._quote(span, place, NOBODY, None, "none"), "none"))
                continue
            passive = passive_cue(place.before, place.after)
            adjacent = passive or cue_after(place.after)
            if adjacent and not self._owns(span, place, adjacent):
                adjacent = None
            src = adjacent or cue_before(place.before)
            path = "passive" if passive else "after" if adjacent else "before"
            if src is None:
                src, path = cue_later(place.after) or self.cue_after_next(spans, i, place), "later"
            words = text[span.start:span.end].split()
            title = _is_title(words)
            if title and not (adjacent and words[-1].endswith(",")):
                src = None
            if src is None and place.starts_sentence and not self.quoted_in_sentence_before(place):
                src, path = self.source_nearby(place), "nearby"
            if src is None:
                src, path = self.signature_below(span, place), "below"
            recent = self.last_para is not None and place.first_para - self.last_para <= CARRY_PARAGRAPHS
            if src is not None:
                speaker = self.resolve(src)
            elif _mentioned(text, span):
                speaker = NOBODY
            else:
                speaker, path = self._without_cue(span, place, recent)
            if (title or _lone_pronoun(words)) and src is None and speaker.name is None:
                continue
            how = f"{path}/{speaker.how}" if speaker.name else "none"
            out.append((self._quote(span, place, speaker, src, how), how))
        return out

    def _owns(self, span: Span, place: Place, cue: Source) -> bool:
        """Whether a cue after a quote is the quote's own, not the start of a sentence about something
        else (`“….” Sanders called Trump a liar`) nor, when a cue before the quote names its speaker,
        of a new sentence or of the next quote (`Lind called it “….” Porter said Monday she …`,
        `Lind said it was “…,” Porter said: “…`)."""
        end = self.text[span.end - 1]
        if end == "." and not ends_clause(place.after, cue) \
                or end in "?!" and place.before and place.before[-1].text == ":":
            return False
        anew = end in ".?!" and not only_tags(place.after, cue) or introduces(place.after, cue)
        return not (anew and cue_before(place.before) is not None)

    def _quote(self, span: Span, place: Place, speaker: Speaker, src: Source | None, how: str) -> Quote:
        """The quote for an attributed span, remembering its speaker as the latest one."""
        if speaker.name is not None:
            self.last, self.last_para, self.last_end = speaker, place.last_para, span.end
            if speaker.entity is not None:
                self.history.add(speaker.entity)
        cue = src.cue if src and src.cue else None
        key = speaker_key(speaker.name) if speaker.name else None
        return Quote(self.text[span.start:span.end], speaker.name, _bare(speaker.role), cue, span.start, span.end,
                     self.text[slice(*place.sentence)].strip(), confidence(how), key)


# things put out that speak for whoever put them out: `“…,” the statement said` after "Obama released a statement"
_ISSUED = {"statement", "email", "e-mail", "letter", "release", "memo", "message", "note", "notice",
           "announcement", "ad", "post", "tweet", "update", "piece", "article", "editorial", "column", "op-ed"}
_ISSUE_VERBS = {"released", "releasing", "issued", "issuing", "sent", "sending", "put", "putting", "provided",
                "providing", "posted", "posting", "published", "publishing", "circulated", "circulating",
                "distributed", "distributing", "emailed", "e-mailed", "signed", "launched", "launching", "aired",
                "airing", "wrote", "writing", "delivered", "ran", "running"}
_ISSUE_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their"}
# words before a noun phrase that make it no issuer: "Senators representing Maryland and Virginia sent"
_NOT_ISSUER_BEFORE = {"and", "or", "of", "for", "from", "to", "with", "by", "at", "on", "in", "about", "than"}
_NAME_RUN = r"(?:(?:[A-Z]\.|[A-Z][\w&-]*) ){0,4}[A-Z][\w&-]*"
_NAME_LEAD = re.compile(r"^(?:(?:The|A|An|In|On|At|But|And)\s+)+")
_BRIDGE_BEFORE = re.compile(rf"(?<![\w’'])(?P<name>{_NAME_RUN})(?P<own>[’']s?)? (?:[a-z][\w-]* )?\Z")
_BRIDGE_AFTER = re.compile(rf" (?:(?:issued|filed|written|released|published|signed|sent) )?"
                           rf"(?:for|of|by|from) (?:the )?(?P<name>{_NAME_RUN})")


@lru_cache(maxsize=256)
def _noun_pattern(noun: str) -> re.Pattern[str]:
    """The noun phrase as a whole-word pattern."""
    return re.compile(r"\b" + r"\s+".join(map(re.escape, noun.split())) + r"\b")


def _turns(text: str, spans: list[Span]) -> tuple[list[Span], dict[int, tuple[int, int]]]:
    """The spans with each quoted transcript split into its speaker turns, and the offsets of
    each turn's speaker label by the turn's start."""
    out: list[Span] = []
    labels: dict[int, tuple[int, int]] = {}
    for span in spans:
        turns = transcript_turns(text, span)
        if turns is None:
            out.append(span)
            continue
        for turn, label in turns:
            out.append(turn)
            if label is not None:
                labels[turn.start] = label
    return out, labels


def _lead_in(toks: list[Tok]) -> Source | None:
    """The cue of a sentence before a quote, or the subject of one that ends in a colon
    ("Trump issued the following statement:")."""
    found = cue_before(toks) or said_from(toks)
    if found is None and toks and toks[-1].text == ":":
        return clause_subject(toks)
    return found


def attribute(text: str, spans: list[Span], headline: str = "") -> list[Quote]:
    """Quotes with speakers for each span in `text`, under its `headline`; pure."""
    attributor = Attributor(text, [(s.start, s.end) for s in spans], headline=headline)
    return [q for q, _ in attributor.attribute_traced(spans)]


def _reads_as_name(name: str) -> bool:
    """Whether a subject the article names nowhere else reads as a name: more than one word, or
    one word of three letters or more that is no contraction, plural or adjective ("Lind",
    "GOP"; not "We’ve", "T-shirts", "Congregants", "Embryonic", "Q")."""
    return len(name.split()) > 1 or len(name) >= 3 and name.isalpha() and (
        name.isupper() or not name.endswith(("s", "ic", "ive", "ous", "al")))


def _bare(role: str | None) -> str | None:
    """A role without a leading article ("the spokeswoman" → "spokeswoman")."""
    if role is None:
        return None
    words = role.split()
    return " ".join(words[1:] if len(words) > 1 and words[0].lower() in {"the", "a", "an"} else words)


@lru_cache(maxsize=1)
def _confidences() -> dict[str, float]:
    """Share of right speakers per way of attributing, measured on PolNeAR train."""
    return json.loads(files("quotesearch.data").joinpath("confidence.json").read_text("utf-8"))


def confidence(how: str) -> float:
    """The confidence of an attribution made `how` ("after/name", …); 0 without a speaker."""
    return 0.0 if how == "none" else _confidences().get(how, _confidences()["default"])
