"""Speech cues around a quote: reporting verbs, "according to", passives, and who they name.

Works on tokens of the text outside a quote in its sentence. `cue_after` reads what
follows the quote (`“…,” said X`, `“…,” X said`, `“…” ― X`), `cue_before` what precedes
it (`X said: “`, `X said that … “`, `according to X, “`, `…, saying “`), and
`passive_cue` the `as “…” by X` form. Each returns the speaker phrase as written, read with
`phrases.py` (noun phrases) and `subjects.py` (whose verb it is); names, pronouns and roles are
resolved elsewhere (`speakers.py`).
"""
from __future__ import annotations

import re

from .names import NOT_NAMES, PARTICLES, REPORTING_VERBS, not_people
from .phrases import (
    ADVERBS,
    BE,
    CLAUSE_STOP,
    DETERMINERS,
    HANDLED,
    INTRO_WORDS,
    NOUNISH,
    PARTY_GROUPS,
    POSSESSIVE_DETERMINERS,
    PRONOUNS,
    Source,
    Tok,
    adverb,
    ends_in_name,
    is_possessive,
    is_word,
    joined_forward,
    named_apposition,
    np_backward,
    np_forward,
    phrase_text,
    plural,
    pronoun_of,
    speech_verb,
)
from .subjects import (
    cue_before_comma,
    nearest_subject,
    object_controls,
    relative_head,
    relative_start,
    reported_here,
    reported_subject,
    subject,
    with_subject,
)

PARTICIPLES = frozenset(w + "ing" for w in """
say tell add writ tweet not argu call describ warn insist explain claim declar ask stat urg accus
predict promis vow complain suggest admitt acknowledg label dubb stress emphasiz recall jok respond
reply criticiz prais blast slamm mock derid insist respond conced confirm deny announc characteriz
speculat cit yell lectur
""".split()) | {"denying", "replying"}
# words that end a description before a name: `“…,” the union that backs Kendall Fells said`
_NOT_DESCRIPTION = {"that", "which", "who", "whom", "whose", "and", "but", "or", "is", "was", "are", "were"}
_BACK_VERBS = {"shot", "fired", "hit", "pushed", "wrote", "snapped", "struck"}
# nouns for things said: "Trump's claim that …" makes Trump the speaker of the quote in the clause
SAID_NOUNS = frozenset("""
claim claims statement statements remark remarks comment comments words tweet tweets promise promises pledge
pledges vow vows call calls assertion assertions accusation accusations description characterization
suggestion suggestions charge charges warning warnings insistence contention response answer message
messages slogan argument arguments declaration prediction predictions complaint complaints demand demands
allegation allegations boast quip joke assumption reply replies email e-mail
""".split())
_SAID_NEXT = {"that", "of", "for", "to", "about"}
_FINITE_BE = {"is", "are", "was", "were"}
_ADJECTIVE_ENDINGS = ("al", "ous", "ive", "ic", "ful", "less", "able", "ible", "ing", "est", "ary")
_PERSON_NOUNS = {"official", "officials", "critic", "executive", "representative", "detective", "relative",
                 "general", "liberal", "radical", "rival", "individual", "professional", "principal", "ally",
                 "king", "spokesperson", "conservative", "republican", "democratic", "skeptic", "cynic",
                 "academic", "mechanic", "medic", "cleric"}



def _noun_use(word: Tok, nxt: Tok) -> bool:
    """Whether a verb-like word is a noun by what follows it ("tweets targeting", "claims are",
    "a tweet attacking", "claims of fraud"): after an -s word, a form of "be" or a participle;
    after a word that is mostly a noun, a participle or "of"."""
    if word.low.endswith("s") and word.low != "says" and (nxt.low in BE or nxt.low.endswith("ing")):
        return True
    return word.low in NOUNISH and (nxt.low == "of" or nxt.text.islower() and nxt.low.endswith("ing"))


def _adjective(tok: Tok) -> bool:
    """Whether a word before a noun-like speech word reads as an adjective ("explosive claim",
    "Republican claims"): a lower-case word with an adjective ending that is not a person noun,
    or a capitalized people word ("Republican", "Mexican")."""
    if tok.text.islower():
        return tok.low.endswith(_ADJECTIVE_ENDINGS) and tok.low not in _PERSON_NOUNS
    return tok.cap and tok.low in not_people() and tok.low.endswith(("an", "ic", "ish", "ese"))


def _noun_by_modifier(toks: list[Tok], v: int) -> bool:
    """Whether the speech word at toks[v] is a noun by the words before it: a possessive ("Trump's
    tweet"), or, for a word that is mostly a noun, an adjective ("most explosive claim") or a
    determiner and a modifier before a bare form ("his home state", "a wake-up call")."""
    if v == 0:
        return False
    before = toks[v - 1]
    if is_possessive(before):
        return True
    if toks[v].low not in NOUNISH:
        return False
    if _adjective(before):
        return True
    return v > 1 and not toks[v].low.endswith("s") and before.text.islower() and is_word(before) \
        and not before.low.endswith("s") and before.low not in PRONOUNS and before.low not in ADVERBS \
        and before.low not in CLAUSE_STOP and (toks[v - 2].low in DETERMINERS or toks[v - 2].low == "which"
                                                or is_possessive(toks[v - 2]))


def _owned_words(toks: list[Tok], v: int) -> Source | None:
    """The owner of a thing said whose words the quote gives: `Trump's claim that there were “…”`,
    `Lind's latest pledge to be “neutral”`, `in Lind's words, “…”`, `Lind's answer was: “…”`; not
    when the quote judges the thing (`Lind's remarks about them were “…”`) or lies past a clause."""
    if toks[v].low not in SAID_NOUNS or v + 1 >= len(toks):
        return None
    nxt = toks[v + 1]
    if nxt.text == ",":
        if v + 2 < len(toks):
            return None
    elif not (nxt.low in _SAID_NEXT
              or nxt.low in _FINITE_BE and v + 2 < len(toks) and toks[v + 2].low in {"that", ":"}):
        return None
    elif any(t.text in {",", ".", ";", "?", "!"} for t in toks[v + 1:]) or _judged(toks, v + 2):
        return None
    k = v - 1
    while k > 0 and v - k <= 2 and toks[k].text.islower() and not is_possessive(toks[k]):
        k -= 1
    if k < 0 or not is_possessive(toks[k]) or not toks[k].cap:
        return None
    start = k
    while start > 0 and (toks[start - 1].cap or toks[start - 1].low in PARTICLES) and not is_possessive(toks[start - 1]) \
            and toks[start - 1].low not in INTRO_WORDS:
        start -= 1
    words = phrase_text(toks, start, k + 1)
    return Source(re.sub(r"[’'](?:s)?$", "", words), toks[v].text, toks[start].start)


def _judged(toks: list[Tok], begin: int) -> bool:
    """Whether toks[begin:] end in a form of "be" (and adverbs) before the quote: `… were “…”`."""
    k = len(toks)
    while k > begin and adverb(toks[k - 1]) and toks[k - 1].low not in _FINITE_BE:
        k -= 1
    return k > begin and toks[k - 1].low in _FINITE_BE


# verbs that cue a quote only right after it, inverted (`“…,” comments David Moura`) or closing the
# clause (`“…,” he reflects.`, `“…,” Tšosane shares.`); elsewhere nouns or other verbs ("shares a photo")
_AFTER_ONLY = {"comments", "commented", "reflects", "reflected", "shares", "shared", "ordered", "commanded", "begged",
               "instructed"}


def cue_after(toks: list[Tok], bare: bool = True) -> Source | None:
    """A cue right after the quote: `, said X`, `, X said`, `, according to X`, `by X` (passive);
    also `, officials said` when `bare` (not further on in the sentence, where a plural and a
    participle are rather a noun phrase: `, different waters added from springs`)."""
    i = 0
    while i < len(toks) and toks[i].text in {",", "—", "–", "-", "―", "”", "\"", "?", "!"}:
        i += 1
    if i >= len(toks):
        return None
    if any(t.text in {"—", "―", "–"} for t in toks[:i]) and toks[i].cap:
        end, role = np_forward(toks, i)
        dated = all(t.text.isdigit() or t.text in {",", "."} or t.cap and t.low in NOT_NAMES for t in toks[end:])
        if end > i and (end >= len(toks) or toks[end].text in {".", ",", ";"} or dated):
            return Source(phrase_text(toks, i, end), "—", toks[i].start, role)  # a signature, as of an embedded tweet
    if toks[i].low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        found = _according_to(toks, i + 2, closed_at_end=True)
        if found is not None:
            return found
    if toks[i].low == "as":
        return _as_put_it(toks, i + 1)
    if i + 3 < len(toks) and toks[i].low == "in" and toks[i + 2].low == "words":
        return _in_the_words_of(toks, i + 2)  # `“…,” in the words of one top staffer`
    inverted = speech_verb(toks[i]) or toks[i].text in _AFTER_ONLY and i + 1 < len(toks) and toks[i + 1].cap
    if inverted and toks[i].low not in {"called", "described", "saying"}:
        j = i + 1
        if j < len(toks) and toks[j].low in {"told", "asked"}:
            return None
        if j < len(toks) and toks[j].low in POSSESSIVE_DETERMINERS and toks[i].low not in REPORTING_VERBS:
            return None  # an object, not an inverted speaker: `“terrible,” denounced her record`
        end, role = np_forward(toks, j)
        if end > j and toks[j].cap:
            end = joined_forward(toks, end)  # `“…,” said Trump and Ryan`
        if end > j and toks[j].low not in {"that", "in", "on", "at"}:
            named = named_apposition(toks, j, end)
            if named is not None:
                return Source(phrase_text(toks, *named), toks[i].text, toks[named[0]].start, phrase_text(toks, j, end))
            return Source(phrase_text(toks, j, end), toks[i].text, toks[j].start, role)
        return None
    end, role = np_forward(toks, i)
    if end == i or end < len(toks) and toks[end].low in PARTY_GROUPS:
        return _bare_plural(toks, i) if bare else None
    end = joined_forward(toks, end)
    named = named_apposition(toks, i, end)
    if named is not None:
        end = max(end, named[0] - 1)  # the description ran on to the comma before the name
    k = end
    if k + 2 < len(toks) and toks[k].low == "and" and toks[k + 1].low in {"his", "her", "their"} \
            and toks[k + 2].text.islower() and speech_verb(toks[min(k + 3, len(toks) - 1)]):
        k += 3  # `X and his team wrote`
    if k < len(toks) and toks[k].text == ",":
        k = _past_comma(toks, k + 1, end + 25)
        for limit in (end + 50, end + 60, end + 70):
            if k < len(toks) and toks[k - 1].text == "," and not speech_verb(toks[k]) and toks[k].low not in ADVERBS:
                k = _past_comma(toks, k, limit)
    while k < len(toks) and adverb(toks[k]) and not speech_verb(toks[k]):
        k += 1
    if k + 1 < len(toks) and toks[k].low in _BACK_VERBS and toks[k + 1].low == "back":
        return Source(phrase_text(toks, i, end), f"{toks[k].text} back", toks[i].start, role)
    if not (k < len(toks) and _speaks(toks, k)):
        k = _after_relative(toks, end, ends_in_name(toks, i, end))
    if k < len(toks) and _speaks(toks, k) and not _noun_by_modifier(toks, k) \
            and not (k + 1 < len(toks) and _noun_use(toks[k], toks[k + 1])) and not _answers(toks, k):
        if named is not None:
            return Source(phrase_text(toks, *named), toks[k].text, toks[named[0]].start, phrase_text(toks, i, end))
        return Source(phrase_text(toks, i, end), toks[k].text, toks[i].start, role)
    return _name_by_verb(toks, i)


def _joined_backward(toks: list[Tok], start: int) -> int:
    """The start of a name joined by "and" before the capitalized subject at `start`, when that name
    opens its clause (`Trump and Ryan said`, `… that Blumenthal and Cohen wrote`), not when it ends a
    clause of its own (`Lind beat Berg and Park said`)."""
    if start < 2 or toks[start - 1].low != "and" or not toks[start].cap:
        return start
    first, stop, _ = np_backward(toks, start - 1)
    if first == stop or stop != start - 1 or not all(t.cap or t.low in PARTICLES for t in toks[first:stop]) \
            or first and toks[first - 1].low not in _CLAUSE_OPENERS:
        return start
    return first


def _speaks(toks: list[Tok], k: int) -> bool:
    """Whether toks[k] is the speech verb of a subject before it: a speech verb, "has written", or a
    verb of `_AFTER_ONLY` that closes its clause."""
    return speech_verb(toks[k]) or _has_written(toks, k) \
        or toks[k].text in _AFTER_ONLY and (k + 1 == len(toks) or toks[k + 1].text in {",", ".", ";"})


_CLAUSE_OPENERS = {"that", "but", "when", "while", "because", "though", "although", "after", "before", "since"}
_COLLECTIVE_NOUNS = {"police", "people", "staff", "personnel", "clergy", "military"}


def _asked_by(toks: list[Tok], v: int) -> Source | None:
    """The agent of "was asked by X," or "was told by X:" right before the quote, who says it
    (`Sanders was asked by host Bill Maher, who backs him, “Now, you famously said …”`)."""
    if not (toks[v].low in {"asked", "told"} and 0 < v and toks[v - 1].low in BE and v + 2 < len(toks)
            and toks[v + 1].low == "by"):
        return None
    end, role = np_forward(toks, v + 2)
    rest = toks[end:]
    relative = len(rest) > 2 and rest[0].text == "," and rest[1].low == "who" and rest[-1].text in {",", ":"}
    if end == v + 2 or not (relative or all(t.text in {",", ":"} for t in rest)):
        return None
    return Source(phrase_text(toks, v + 2, end), f"{toks[v].text} by", toks[v + 2].start, role)


def put_to(toks: list[Tok]) -> bool:
    """Whether the words before a quote end in a question put to someone, with no asker named
    (`Blumenthal was asked, “…?”`, `she was later asked:`): the quote is not the subject's."""
    k = len(toks)
    while k and toks[k - 1].text in {",", ":"}:
        k -= 1
    if not k or toks[k - 1].low != "asked":
        return False
    k -= 1
    while k and adverb(toks[k - 1]) and toks[k - 1].low not in BE:
        k -= 1
    return bool(k) and toks[k - 1].low in BE


def _has_written(toks: list[Tok], k: int) -> bool:
    """Whether toks[k] is "written" after "has", "have" or "had" (`“…,” Howard Gleckman has written`),
    a cue only there: not in `who had written it`, which a quote does not follow."""
    return toks[k].low == "written" and k > 0 and toks[k - 1].low in {"has", "have", "had"}


def _bare_words_end(toks: list[Tok], i: int) -> int:
    """The end of up to three words from toks[i] that may make a noun phrase with no article:
    lower-case words but speech verbs, clause words, function words and adverbs, or a party's
    members after a capitalized modifier ("Senate Democrats")."""
    j = i
    while j < len(toks) and j - i < 3 and toks[j].text.islower() and is_word(toks[j]) and not speech_verb(toks[j]) \
            and toks[j].low not in CLAUSE_STOP and toks[j].low not in NOT_NAMES and toks[j].low not in ADVERBS:
        j += 1
    if j == i < len(toks):
        j += toks[i].cap and i + 1 < len(toks) and toks[i + 1].low in PARTY_GROUPS
        j += j < len(toks) and toks[j].low in PARTY_GROUPS
    return j


def _group_before(toks: list[Tok], v: int) -> Source | None:
    """A party's members as the subject of the cue at toks[v], adverbs aside ("Democrats said", "House
    Republicans quickly argued"), which the noun phrase reader leaves as no name."""
    k = v
    while k > 0 and adverb(toks[k - 1]):
        k -= 1
    if k == 0 or toks[k - 1].low not in PARTY_GROUPS:
        return None
    start = k - 1 - (k > 1 and toks[k - 2].cap and toks[k - 2].low not in NOT_NAMES)
    return Source(phrase_text(toks, start, k), toks[v].text, toks[start].start)


def _bare_plural(toks: list[Tok], i: int) -> Source | None:
    """A plural noun with no article, and up to two words before it, right before a speech verb
    (`“…,” officials said`, `“…,” federal investigators said`): a description of who spoke."""
    j = _bare_words_end(toks, i)
    head = toks[j - 1].low if j > i else ""
    if j < len(toks) and speech_verb(toks[j]) and (plural(head) or head in _COLLECTIVE_NOUNS) \
            and not (j + 1 < len(toks) and toks[j + 1].low in {"by", "from"}):
        return Source(phrase_text(toks, i, j), toks[j].text, toks[i].start)
    return None


def _answers(toks: list[Tok], k: int) -> bool:
    """Whether the speech verb at toks[k] takes "yes" or "no" as its own object, and so is no cue of
    the quote before it (`“…,” Melanie said yes, over and over`)."""
    return k + 1 < len(toks) and toks[k + 1].low in {"yes", "no"}


def _name_by_verb(toks: list[Tok], i: int) -> Source | None:
    """A full name right before a reporting verb a few words on, past a description the noun
    phrase reader stops in: `“…,” Fight for $15 organizing director Kendall Fells told …`, `acting U.S.
    Attorney for Massachusetts Joshua Levy said`."""
    for k in range(i + 1, min(i + 12, len(toks))):
        if toks[k].low in REPORTING_VERBS and ends_in_name(toks, i, k) and not _answers(toks, k):
            start = k - 2
            return Source(phrase_text(toks, start, k), toks[k].text, toks[start].start, phrase_text(toks, i, start))
        roles_joined = toks[k].low == "and" and toks[k - 1].text.islower() and k + 1 < len(toks) \
            and toks[k + 1].text.islower()  # "JPL scientist and study co-author Michael Malaska said"
        if not (is_word(toks[k]) or toks[k].text.isdigit() or toks[k].text == "$" or toks[k].cap and "." in toks[k].text) \
                or toks[k].low in _NOT_DESCRIPTION and not roles_joined:
            return None
    return None


def _as_put_it(toks: list[Tok], begin: int) -> Source | None:
    """The speaker of `“…,” as X put it` or `“…,” as X said on Monday`: the noun phrase between
    "as" and a verb that closes the clause (not `as he promised to defend …`)."""
    for k in range(begin + 1, min(len(toks), begin + 9)):
        t = toks[k]
        if t.text in {",", ".", ";", ":"}:
            return None
        put = t.low in {"put", "puts"} and k + 1 < len(toks) and toks[k + 1].low == "it"
        if put or speech_verb(t) and t.low not in _READ:
            after = k + 1 + put
            stop = min(np_forward(toks, begin)[0], k)
            if stop == begin or after < len(toks) and (toks[after].low not in _CLAUSE_TAIL or toks[after].low == "to"):
                return None
            return Source(phrase_text(toks, begin, stop), f"{t.text} it" if put else t.text, toks[begin].start)
    return None


def _according_to(toks: list[Tok], begin: int, closed_at_end: bool) -> Source | None:
    """The source after "according to" at toks[begin]: its noun phrase, or the named author of a
    document it describes (`according to a complaint filed by the SEC`, `calculations by X`)."""
    end, role = np_forward(toks, begin, closed_at_end=closed_at_end)
    if begin < len(toks) and not toks[begin].cap:
        author = _author(toks, end)
        if author is not None:
            return Source(phrase_text(toks, *author), "according to", toks[author[0]].start, None)
    if end == begin:
        end = _bare_words_end(toks, begin)
        while end > begin and not (plural(toks[end - 1].low) or toks[end - 1].low in _COLLECTIVE_NOUNS):
            end -= 1  # "according to critics", "according to state officials familiar with"
    if end == begin:
        return None
    return Source(phrase_text(toks, begin, end), "according to", toks[begin].start, role)


def _in_the_words_of(toks: list[Tok], v: int) -> Source | None:
    """The one whose words follow "in the words of X" or "in X's words" at toks[v] ("words")."""
    if toks[v].low != "words" or v < 2:
        return None
    if toks[v - 2].low == "in" and toks[v - 1].low == "the" and v + 1 < len(toks) and toks[v + 1].low == "of":
        end, role = np_forward(toks, v + 2, closed_at_end=False)
        return Source(phrase_text(toks, v + 2, end), "in the words of", toks[v + 2].start, role) if end > v + 2 else None
    if is_possessive(toks[v - 1]) and toks[v - 2].low == "in" and toks[v - 1].cap:
        return Source(toks[v - 1].text, "in the words of", toks[v - 1].start)
    return None


def _author(toks: list[Tok], end: int) -> tuple[int, int] | None:
    """The span of the named agent after a described document ending at toks[end]: "by X" or
    "from X", unless the agent only handled it ("reviewed by", "provided by")."""
    k = end
    while k < len(toks) and k - end < 4 and toks[k].text.islower() and is_word(toks[k]) \
            and toks[k].low not in {"by", "from"} and toks[k].low not in CLAUSE_STOP:
        k += 1
    if k + 1 < len(toks) and toks[k].low.endswith("ed") and toks[k + 1].low == "by":
        k += 1
    if k >= len(toks) or toks[k].low not in {"by", "from"} or toks[k - 1].low in HANDLED:
        return None
    stop, _ = np_forward(toks, k + 1)
    if stop == k + 1 or not any(t.cap for t in toks[k + 1:stop]):
        return None
    return k + 1, stop


def _after_relative(toks: list[Tok], end: int, named: bool) -> int:
    """The index of the speech verb after an apposition that ends in an unclosed relative clause
    (`X, the polling guru who founded fivethirtyeight.com tweeted`) or is not closed at all
    (`X, a member of the community said`, when X is a person's name), else len(toks)."""
    if end >= len(toks) or toks[end].text != ",":
        return len(toks)
    who = next((k for k in range(end + 1, min(end + 12, len(toks))) if toks[k].low in {"who", "whose"}), None)
    if who is None and named and end + 1 < len(toks) and toks[end + 1].low in {"a", "an", "the"}:
        who = end  # `X, a 32-year-old member of Montana’s LGBTQ+ community said`: an apposition left open
    if who is None or any(t.text == "," for t in toks[end + 1:who]):
        return len(toks)
    for k in range(who + 2, min(who + 14, len(toks))):
        joined = k + 1 < len(toks) and toks[k + 1].start == toks[k].start + 1
        if toks[k].text in {",", ";", ":"} or toks[k].text == "." and not joined:
            break
        if speech_verb(toks[k]):
            return k
    return len(toks)


def _past_comma(toks: list[Tok], k: int, limit: int) -> int:
    """The index just past the next comma from toks[k] (an apposition's end), looking up to `limit`."""
    while k < len(toks) and toks[k].text != "," and k < limit:
        k += 1
    return k + 1


_CLAUSE_TAIL = {",", ".", ":", ";", "on", "in", "at", "during", "after", "before", "last", "this", "to", "from",
                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today"}


def _cue_span(toks: list[Tok], src: Source) -> tuple[int, int] | None:
    """The index of the cue's verb in `toks` and of the last word of the cue (verb or speaker)."""
    verb = next((k for k, t in enumerate(toks) if t.text == src.cue.split()[0]), None)
    if verb is None:
        return None
    return verb, max([verb] + [k for k, t in enumerate(toks) if src.at <= t.start < src.at + len(src.phrase)])


def ends_clause(toks: list[Tok], src: Source) -> bool:
    """Whether a cue after a quote closes its clause (`“….” Trump said.`, `“….” He added, “…`)
    rather than opening a new sentence about something else (`“….” Sanders called Trump a liar`)."""
    span = _cue_span(toks, src)
    if span is None:
        return True
    return src.phrase.lower() in PRONOUNS or span[1] + 1 >= len(toks) or toks[span[1] + 1].low in _CLAUSE_TAIL


def only_tags(toks: list[Tok], src: Source) -> bool:
    """Whether a cue after a quote that ends its sentence is just the quote's tag: a verb before the
    speaker (`“…?” asked Lind`), or a speaker and verb whose sentence ends a few words on (`“….” Lind
    said on Monday.`); not a sentence of its own (`“….” She added, “…`, `“….” Lind said Monday she …`)."""
    span = _cue_span(toks, src)
    if span is None or not any(t.text[:1].isalnum() for t in toks[:span[0]]):
        return True
    for k in range(span[1] + 1, min(len(toks), span[1] + 6)):
        if toks[k].text in {".", "!", "?"}:
            return True
        if toks[k].text in {",", ":", ";"}:
            return False
    return False


def introduces(toks: list[Tok], src: Source) -> bool:
    """Whether a cue after a quote ends in a colon, so it introduces what follows (`“…,” Lind said: “…`)."""
    span = _cue_span(toks, src)
    return span is not None and span[1] + 1 < len(toks) and toks[span[1] + 1].text == ":"


def cue_later(toks: list[Tok]) -> Source | None:
    """A cue further on in the quote's sentence, after a comma: `“…” for the EU, said X`."""
    for k, t in enumerate(toks):
        if t.text == "," and k:
            found = cue_after(toks[k:], bare=False)
            if found is not None:
                return found
    return None


# words that put a speech verb inside what an earlier one reports: `Lind said Porter would argue “…”`
_REPORTED = {"should", "would", "could", "will", "can", "may", "might", "must", "to", "that"}
# finite verbs whose clause reports what a later cue in it says: "Lind said the board had asked …"
_REPORTING = {"said", "says", "told", "tells"}
# verbs that take a participle cue as their object, whose own subject speaks: `Lind kept asking why “…”`
_CATENATIVES = {"kept", "keeps", "began", "begins", "started", "starts", "continued", "continues", "stopped"}
# "went" and "goes" are speech only right before the quote (`he went, “…”`, `went on about “…”`),
# not in `once the Senate goes on recess, “…` nor inside what a speech verb reports (`saying the deal goes “…”`)
_BARE_CUES = {"went", "goes"}
_BARE_CUE_TAILS = [[], ["on"], ["on", "about"], ["on", "to", "say"]]
# "read" introduces words only right before them (`the sign read: “…`), not in `had read the novel and found it “…`
_READ = {"read", "reads"}
_NAMING = {"dubbed", "called", "named", "titled", "entitled", "labeled", "labelled", "nicknamed", "billed", "branded", "referred"}


_AUXILIARIES = {"has", "have", "had", "also", "then", "later", "again", "once"}


def _coordinated(toks: list[Tok], v: int) -> bool:
    """Whether the cue at toks[v] opens a verb phrase after "and" that shares the clause's subject,
    auxiliaries and adverbs aside ("she looked up, furrowed her brow and said", "she came to power
    in March, and has repeatedly declared")."""
    k = v
    while k > 1 and (toks[k - 1].low in _AUXILIARIES or toks[k - 1].text.islower() and toks[k - 1].low.endswith("ly")):
        k -= 1
    return k > 0 and toks[k - 1].low == "and"


_USE = {"use", "uses", "used", "using"}
_TERMS = {"word", "words", "term", "phrase", "expression", "slogan", "line"}


def _used_the_term(toks: list[Tok]) -> Source | None:
    """Who used the words quoted right after "used the phrase" ("Trump has used the phrase
    “Islamic terrorism” often"): the subject of "used"."""
    if len(toks) < 4 or toks[-1].low not in _TERMS or toks[-2].low != "the" or toks[-3].low not in _USE:
        return None
    start, stop, role = np_backward(toks, len(toks) - 3)
    if start == stop:
        return None
    return Source(phrase_text(toks, start, stop), toks[-3].text, toks[start].start, role)


def _in_reported_clause(toks: list[Tok], v: int) -> bool:
    """Whether the cue at toks[v] sits in what an earlier "said" or "told" reports and the quote is
    past its object: after "but" or a comma at least two words on, the verb not being a participle
    nor taking a clause ("Lind said the board had asked for plans in June, but “did not …”", not
    "… telling his colleagues, “…", "… he’d remarked that, if …, “…")."""
    if toks[v].low.endswith("ing") or v + 1 >= len(toks) or toks[v + 1].low in {"that", ",", ":"}:
        return False
    past_object = any(x.low == "but" for x in toks[v + 1:]) or any(x.text == "," for x in toks[v + 3:])
    return past_object and any(x.low in _REPORTING for x in toks[1:v - 1])


def _names_the_thing(toks: list[Tok], v: int) -> bool:
    """Whether the naming verb at toks[v] names the thing before it rather than reporting a speaker:
    right after a comma that closes no apposition ("The deal, dubbed “…”"), or right after a common
    noun with nothing but a determiner before the quote ("a website called “…”")."""
    before = toks[v - 1]
    if before.text == ",":
        return all(x.text != "," for x in toks[max(0, v - 9):v - 1])
    return before.text.islower() and before.low not in PRONOUNS and before.low not in ADVERBS and is_word(before) \
        and all(x.low in DETERMINERS for x in toks[v + 1:])


def cue_before(toks: list[Tok]) -> Source | None:
    """The last cue before the quote in its sentence: `X said: “`, `X said that … “`, `according to X, “`.

    A participle cue ("…, saying “") takes the subject of its clause; a passive one
    ("was called “") is left to the agent after the quote.
    """
    colon = _colon_cue(toks)
    if colon is not None and _set_off(toks, colon):
        return colon
    used = _used_the_term(toks)
    if used is not None:
        return used
    for v in range(len(toks) - 1, -1, -1):
        t = toks[v]
        if t.low == "according" and v + 1 < len(toks) and toks[v + 1].low == "to":
            found = _according_to(toks, v + 2, closed_at_end=False)
            if found is not None:
                return found
        named_before = _in_the_words_of(toks, v) or _asked_by(toks, v)
        if named_before is not None:
            return named_before
        phrasal = (t.low == "back" and v > 1 and toks[v - 1].low in _BACK_VERBS
                   or t.low == "it" and v > 1 and toks[v - 1].low in {"put", "puts"})
        if phrasal:
            start, stop, role = np_backward(toks, v - 1)
            if start < stop:
                return Source(phrase_text(toks, start, stop), f"{toks[v - 1].text} {t.text}", toks[start].start, role)
        owned = _owned_words(toks, v)
        if owned is not None:
            return owned
        if v and (toks[v - 1].low in DETERMINERS or toks[v - 1].low in {"of", "for"}) or _noun_by_modifier(toks, v):
            continue
        controller = object_controls(toks, v) if speech_verb(t) else None
        if controller is not None:
            return controller
        if v and toks[v - 1].low in _REPORTED and any(speech_verb(x) for x in toks[:v - 1]) \
                or _in_reported_clause(toks, v):
            continue
        if t.low in _READ and v + 1 < len(toks) and toks[v + 1].text not in {",", ":"}:
            continue
        if v and t.low in _NAMING and _names_the_thing(toks, v):
            continue
        participle = t.text.islower() and t.low in PARTICIPLES
        progressive = participle and v and toks[v - 1].low in BE
        if not (speech_verb(t) or participle) or (v and toks[v - 1].low in BE and not progressive):
            continue
        if progressive:
            participle = False
        if v + 1 < len(toks) and (toks[v + 1].low == "by" or _noun_use(t, toks[v + 1])
                                   or t.low == "asked" and toks[v + 1].low == "of"):  # "the question asked of the court"
            continue
        if t.low in _BARE_CUES and ([x.low for x in toks[v + 1:] if x.text[:1].isalnum()] not in _BARE_CUE_TAILS
                                    or reported_here(toks, v)):
            continue
        if participle:
            catenative = v and toks[v - 1].low in _CATENATIVES
            doer = with_subject(toks, v) or cue_before_comma(toks, v) or reported_subject(toks, v) \
                or (None if catenative else subject(toks, v)) or nearest_subject(toks, v)
            if doer is not None:
                return Source(doer[0], t.text, doer[1], doer[2])
            continue
        inverted = _inverted_aside(toks, v)
        if inverted is not None:
            return inverted
        start, stop, role = np_backward(toks, v)
        if start == stop:
            group = _group_before(toks, v)
            if group is not None:
                return group
            start, stop, role = np_backward(toks, relative_start(toks, v))
            start = relative_head(toks, start, stop)
        if start < stop:
            start = _joined_backward(toks, start)
            return _what_it_called(toks, start, v) \
                or Source(phrase_text(toks, start, stop), t.text, toks[start].start, role)
        if _coordinated(toks, v):
            doer = nearest_subject(toks, v)
            if doer is not None and pronoun_of(doer[0]) in PRONOUNS:
                return Source(doer[0], t.text, doer[1], doer[2])
        if v + 1 < len(toks) and toks[v].low in {"said", "says"}:
            end, role = np_forward(toks, v + 1)
            if end > v + 1 and toks[v + 1].cap and not (end < len(toks) and is_word(toks[end])
                                                         and toks[end].text.islower()):
                return Source(phrase_text(toks, v + 1, end), t.text, toks[v + 1].start, role)
    return _inverted_opening(toks) or colon


def _what_it_called(toks: list[Tok], k: int, v: int) -> Source | None:
    """The subject of the sentence for "it" or "they" in `what it called` when that subject is a
    named organization or group (`The Security Council condemned what it called “…”`), which
    the pronoun refers back to rather than to the last speaker."""
    if toks[k].low not in {"it", "they"} or k == 0 or toks[k - 1].low != "what":
        return None
    found = subject(toks, k - 1)
    if found is None or not any(w[:1].isupper() and w.lower() not in NOT_NAMES for w in found[0].split()):
        return None
    return Source(found[0], toks[v].text, found[1], found[2])


_INVERTIBLE = {"said", "says", "added", "adds", "explained", "explains", "noted", "notes", "continued",
               "wrote", "writes", "argued", "argues", "recalled", "insisted", "observed", "quipped",
               "replied", "responded", "concluded", "declared"}


def _inverted_aside(toks: list[Tok], v: int) -> Source | None:
    """An inverted cue set off by commas inside the sentence, whose speaker follows the verb
    (`The paradox, says Carl Anthony, a historian, is that “…`), not the phrase before it."""
    if v == 0 or toks[v - 1].text != "," or toks[v].low not in _INVERTIBLE \
            or v + 1 >= len(toks) or not toks[v + 1].cap:
        return None
    end, role = np_forward(toks, v + 1)
    if end == v + 1 or end >= len(toks) or toks[end].text != ",":
        return None
    return Source(phrase_text(toks, v + 1, end), toks[v].text, toks[v + 1].start, role)


def _inverted_opening(toks: list[Tok]) -> Source | None:
    """A sentence that opens with the verb (`Said Dorothy Poynter, who grew up there, “…`)."""
    if len(toks) < 2 or toks[0].low not in {"said", "says", "added", "adds", "asked", "asks"} or not toks[1].cap:
        return None
    end, role = np_forward(toks, 1)
    return Source(phrase_text(toks, 1, end), toks[0].text.lower(), toks[1].start, role) if end > 1 else None


# prepositions that make the name after them an object, not the one who speaks after a colon
_OBJECT_LEADS = {"to", "with", "for", "on", "at", "in", "about", "into"}


def said_from(toks: list[Tok]) -> Source | None:
    """The one a thing said comes from when a sentence before the quote ends with it: `I got an
    email reply from a Google representative. ¶ “…”`, `It drew a sharp reply from Khan. ¶ “…”`."""
    k = len(toks)
    while k > 0 and toks[k - 1].text in {".", ":", ","}:
        k -= 1
    for i in range(k - 2, max(k - 10, 0), -1):
        if toks[i].low in {"from", "by"} and toks[i - 1].low in SAID_NOUNS:
            end, role = np_forward(toks, i + 1)
            if end == k and (toks[i + 1].cap or toks[i + 1].low in DETERMINERS):
                return Source(phrase_text(toks, i + 1, end), toks[i - 1].text, toks[i + 1].start, role)
    return None


def _colon_cue(toks: list[Tok]) -> Source | None:
    """A name right before a colon that opens the quote, as in transcripts (`Clinton: “…”`)."""
    if len(toks) < 2 or toks[-1].text != ":" or not toks[-2].cap or toks[-2].low in NOT_NAMES:
        return None
    start, stop, role = np_backward(toks, len(toks) - 1)
    if start == stop or not all(t.cap or t.low in PARTICLES for t in toks[start:stop]):
        return None
    k = start - 1
    while k >= 0 and start - k < 6 and (toks[k].cap or is_word(toks[k]) and toks[k].low not in _OBJECT_LEADS):
        k -= 1
    if k >= 0 and toks[k].low in _OBJECT_LEADS:
        return None  # "… broke it down to the Dutch newspaper NRC Handelsblad: “…”": the paper is told
    return Source(phrase_text(toks, start, stop), ":", toks[start].start, role)


def _set_off(toks: list[Tok], colon: Source) -> bool:
    """Whether the name before the colon that opens the quote is set off by a dash or an ellipsis
    (`Pollsters agree - Carl Bialik: “`, `… Donald Trump: “`), so it is the quote's speaker
    whatever verb comes before."""
    k = next(k for k, t in enumerate(toks) if t.start == colon.at)
    return k > 0 and toks[k - 1].text in {"-", "–", "—", ".", "…"}


def passive_cue(before: list[Tok], after: list[Tok]) -> Source | None:
    """`was described as “…” by X`, `was labeled a “…” by X`: the agent after the quote."""
    i = 0
    while i < len(after) and after[i].text in {",", "”", "\""}:
        i += 1
    k = len(before) - 1 - (len(before) > 1 and before[-1].low in {"a", "an", "the"})
    if i < len(after) and after[i].low == "by" and k >= 0 and before[k].low in {"as", "called", "dubbed",
                                                                                 "labeled", "termed"}:
        end, role = np_forward(after, i + 1)
        group = _bare_words_end(after, i + 1)
        if group > i + 1 and after[group - 1].low in PARTY_GROUPS:
            end, role = group, None  # "labeled a “witch hunt” by Democrats"
        if end > i + 1:
            return Source(phrase_text(after, i + 1, end), "described as", after[i + 1].start, role)
    return None
