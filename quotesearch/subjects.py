"""Who does a verb: the subject of a clause, read from the tokens before a cue or a quote.

`subject` reads the subject that opens a clause past an opening phrase ("On Monday, Lind
said"); the others find whom a cue belongs to when that is not the clause's subject: a name
after "with" (`with Lind saying “…”`), the speaker of a "said" a participle goes on from, the
subject of a clause another verb reports, the object that an infinitive cue's verb makes speak,
the name a relative clause is about, or the nearest pronoun or name before a verb.
`clause_subject` credits a quote with no cue to its sentence's subject. Used by `cues.py`.
"""
from __future__ import annotations

from .names import (
    CLAUSE_VERBS,
    NOT_NAMES,
    ORG_WORDS,
    PARTICLES,
    PLACE_MONTH_ABBREVIATIONS,
    common_words,
    not_people,
)
from .phrases import (
    BE,
    DETERMINERS,
    INTRO_WORDS,
    PRONOUNS,
    Source,
    Tok,
    ends_in_name,
    is_possessive,
    is_word,
    joined_forward,
    leads_to_name,
    np_backward,
    np_forward,
    past_tense,
    phrase_text,
    pronoun_of,
    reads_as_role,
    speech_verb,
)

# words after an opening past participle ("Reached by phone, …", "Pressed on the issue, …")
_PARTICIPLE_LINKS = {"by", "on", "about", "with", "at", "in", "after", "for", "from", "over"}
# adverbs and conjunctions that open a sentence without a phrase of their own ("Then he said")
_BARE_OPENERS = {"then", "later", "earlier", "still", "also", "meanwhile", "instead", "now", "yet", "so", "but",
                 "and", "separately", "elsewhere"}
# words after which a name and a participle cue make a clause of their own: `with Lind saying “…”`
_SUBJECT_LEADS = {"with", "of", "and", "—", "–"}
# participles by which the one reporting goes on (`Lind said Porter lied, adding “…”`)
_REPORT_GOES_ON = {"adding", "saying", "noting", "continuing", "explaining", "arguing", "insisting", "stating"}


def subject(toks: list[Tok], limit: int) -> tuple[str, int, str | None] | None:
    """The subject of the clause that starts `toks`, skipping a dateline and an opening phrase ("On Monday,",
    "Reached by phone,")."""
    skip = _dateline_end(toks)
    toks, limit = toks[skip:], limit - skip
    i = 0
    if len(toks) > 1 and toks[0].low in _BARE_OPENERS and toks[1].low in PRONOUNS:
        i = 1  # "Then he looked up, …": no opening phrase to skip
    elif toks and (toks[0].low in INTRO_WORDS or toks[0].cap and toks[0].low.endswith(("ing", "ly"))
                 or len(toks) > 1 and toks[1].low in {"later", "earlier", "ago"} and toks[0].low in common_words()
                 or len(toks) > 1 and toks[0].low.endswith("ed") and toks[1].low in _PARTICIPLE_LINKS):
        for _ in range(3):  # "Moreover, as part of the exchange with Clinton, Gowdy …"
            comma = next((k for k in range(i, limit) if toks[k].text == ","), None)
            if comma is None:
                return None
            i = comma + 1
            if i + 1 < limit and toks[i + 1].text == "," and (
                    toks[i].text.isdigit() or toks[i].low.rstrip(".") in PLACE_MONTH_ABBREVIATIONS):
                i += 2  # "On Dec. 8, 2015, …", "In Aspen, Colo., …"
            if i >= limit or toks[i].low not in INTRO_WORDS or toks[i].low in {"and", "but"}:
                break
    end, role = np_forward(toks, i)
    set_off = end < limit and toks[end - 1].text.islower() and _name_set_off(toks, end + 1, limit)
    if end < limit and toks[end].text == "," and role is None and not ends_in_name(toks, i, end) and (
            toks[i].low in common_words() or all(t.low.rstrip(".") in not_people() for t in toks[i:end]) or set_off):
        described = toks[i].low in DETERMINERS and end - i > 1
        lead = phrase_text(toks, i + (not set_off), end)
        after, after_role = np_forward(toks, end + 1)
        if after > end + 1 and reads_as_role([t.text for t in toks[end + 1:after]]):
            i, end, role = end + 1, after, lead if described or set_off else after_role
    if end == i or end >= limit:
        return None
    joined = min(joined_forward(toks, end), limit)
    if _names_joined(toks, i, joined):
        end = joined  # "Trump and Ryan issued a statement describing …"
    return phrase_text(toks, i, end), toks[i].start, role


def _names_joined(toks: list[Tok], begin: int, end: int) -> bool:
    """Whether toks[begin:end] are capitalized names joined by "and" ("Trump and Ryan")."""
    words = toks[begin:end]
    return any(t.low == "and" for t in words) and all(t.cap or t.low == "and" for t in words)


def _name_set_off(toks: list[Tok], begin: int, limit: int) -> bool:
    """Whether a full name between commas starts at toks[begin], naming the role noun before it
    (`Lind’s state director, Tom Berg, reached out`)."""
    end, _ = np_forward(toks, begin)
    return end < limit and toks[end].text == "," and ends_in_name(toks, begin, end)


_DASHES = {"—", "–", "-"}


def _dateline_end(toks: list[Tok]) -> int:
    """The index after a dateline that opens an article ("WASHINGTON, Dec. 8 (UPI) —",
    "Washington (AFP) –"): capitalized place words, a date and an agency, then a dash; else 0. A
    name in mixed case whose dash a second one closes is a subject with an apposition ("Mehmet Oz
    — Ivy League-trained surgeon — has been called")."""
    for k, t in enumerate(toks[:10]):
        if t.text in _DASHES:
            set_off = not toks[0].text.isupper() and any(u.text in _DASHES for u in toks[k + 1:])
            return k + 1 if k and toks[0].cap and not set_off else 0
        if not (t.cap or t.text[:1].isdigit() or t.text in {",", "(", ")", "."}):
            return 0
    return 0


def with_subject(toks: list[Tok], v: int) -> tuple[str, int, str | None] | None:
    """The named subject right before a participle cue after "with", "of", "and" or a dash (`…, with
    Senator John McCain telling reporters “…”`, `footage of Ada Lind saying, “…”`, `— Lind saying
    he was “…”`), which is not the sentence's subject."""
    n = v
    while n > 0 and toks[n - 1].text.islower() and toks[n - 1].low.endswith("ly"):
        n -= 1
    k = n
    while k > 0 and (toks[k - 1].cap or toks[k - 1].low in PARTICLES) and toks[k - 1].low not in _SUBJECT_LEADS:
        k -= 1
    if k == n or k == 0 or toks[k - 1].low not in _SUBJECT_LEADS or toks[k].low in NOT_NAMES:
        return None
    return phrase_text(toks, k, n), toks[k].start, None


def cue_before_comma(toks: list[Tok], v: int) -> tuple[str, int, str | None] | None:
    """The speaker of a "said" cue that a participle cue right after a comma continues
    ("…, Nefzi said, adding, “" or "…, said Sean Spicer, adding, “"), not the sentence's subject."""
    if v < 3 or toks[v - 1].text != ",":
        return None
    if toks[v - 2].low in {"said", "says"} and speech_verb(toks[v - 2]):
        start, stop, role = np_backward(toks, v - 2)
        if start < stop and (toks[start].cap or toks[start].low in PRONOUNS):
            return phrase_text(toks, start, stop), toks[start].start, role
        return None
    k = v - 2
    while k > 0 and toks[k].cap:
        k -= 1
    if k < v - 2 and toks[k].low in {"said", "says"} and speech_verb(toks[k]):
        end, _ = np_forward(toks, k + 1)
        if end == v - 1:
            return phrase_text(toks, k + 1, end), toks[k + 1].start, None
    return None


def object_controls(toks: list[Tok], v: int) -> Source | None:
    """The named object of a verb that has it speak, for an infinitive cue at toks[v] (`That prompted
    Rubio to make a joke and call Trump “…”`, `The debate led Lind to say “…”`)."""
    to = next((k for k in range(v - 1, max(v - 10, 1), -1) if toks[k].low == "to"), None)
    if to is None or not all(x.text.islower() and is_word(x) for x in toks[to + 1:v]) \
            or to + 1 < v and toks[v - 1].low != "and":
        return None
    k = to
    while k > 0 and toks[k - 1].cap and toks[k - 1].low not in NOT_NAMES:
        k -= 1
    if k == to or k == 0 or not past_tense(toks[k - 1].text):
        return None
    return Source(phrase_text(toks, k, to), toks[v].text, toks[k].start)


def relative_head(toks: list[Tok], start: int, stop: int) -> int:
    """Where the person a relative clause is about begins in the noun phrase toks[start:stop] before it:
    the name after "with", "from" or "to" that ends it (`a frosty relationship with McConnell, now
    the Senate leader, who said`, `his first endorsement, from Mike Lee, who declared`), else `start`."""
    for end in (stop, next((k for k in range(start, stop) if toks[k].text == ","), stop)):
        k = end
        while k > start and (toks[k - 1].cap or toks[k - 1].low in PARTICLES):
            k -= 1
        if start < k < end and toks[k - 1].low in {"with", "from", "to"} and toks[k].low not in NOT_NAMES:
            return k
    return start


def reported_here(toks: list[Tok], v: int) -> bool:
    """Whether a verb earlier in the clause of toks[v] reports it (`saying the deal goes “…”`), not
    one that only happens alongside it (`The crowd cheered as Strand went on about “…”`)."""
    k = v - 1
    while k >= 0 and toks[k].text not in {",", ";", ":", "—", "–"}:
        if toks[k].text.islower() and (toks[k].low in CLAUSE_VERBS or toks[k].low in _REPORT_GOES_ON):
            return True
        k -= 1
    return False


def reported_subject(toks: list[Tok], v: int) -> tuple[str, int, str | None] | None:
    """The named subject of a clause reported by an earlier speech verb, whose deed a participle cue
    goes on with (`an official said Reid quieted the chatter, telling his colleagues, “…”`), rather
    than the reporter's; not for participles that continue the report itself ("adding", "saying")."""
    if toks[v].low in _REPORT_GOES_ON:
        return None
    for k in range(v - 2, 0, -1):
        if not speech_verb(toks[k]):
            continue
        if toks[k].low not in CLAUSE_VERBS:
            return None
        i = k + 1 + (k + 1 < v and toks[k + 1].low == "that")
        end = i
        while end < v and toks[end].cap and toks[end].low not in NOT_NAMES and not is_possessive(toks[end]):
            end += 1
        if i < end < v and not speech_verb(toks[end]) and past_tense(toks[end].text):
            return phrase_text(toks, i, end), toks[i].start, None
        return None
    return None


def relative_start(toks: list[Tok], v: int) -> int:
    """The index of "who" opening a relative clause before toks[v] ("an official who asked not to
    be named said"), so the subject is read before it; `v` itself when there is none."""
    for k in range(v - 1, max(v - 16, 0), -1):
        if toks[k].low in {"who", "which"}:
            return k
        if toks[k].text in {",", ".", ";", "“", "”", "\""}:
            break
    return v


def nearest_subject(toks: list[Tok], limit: int) -> tuple[str, int, str | None] | None:
    """The pronoun or name nearest before toks[limit] that a lower-case verb follows ("he began by",
    "she’s now revisited")."""
    for k in range(limit - 2, -1, -1):
        if toks[k + 1].text[:1].islower() and (pronoun_of(toks[k].text) in PRONOUNS
                                               or toks[k].cap and toks[k].low not in NOT_NAMES):
            start, stop, role = np_backward(toks, k + 1)
            if start < stop:
                return phrase_text(toks, start, stop), toks[start].start, role
    return None


def clause_subject(toks: list[Tok]) -> Source | None:
    """The subject of the sentence a quote sits in when no cue names one: a name, "the" and a
    name ("The Clinton campaign") or a pronoun, followed by a lower-case verb (`Sanders
    credited the win to “…”`). PolNeAR reads such partial quotes as the subject's words. After ", and"
    or ", but", the quote is in the last clause, whose subject it takes when it has one ("Lind signed
    a deal, and Brenn was left to wonder: “…”")."""
    for k in range(len(toks) - 2, 1, -1):
        if toks[k].low in {"and", "but"} and toks[k - 1].text == ",":
            later = clause_subject(toks[k + 1:])
            if later is not None:
                return later
            break
    found = subject(toks, len(toks))
    if found is None:
        return None
    at, role = found[1], found[2]
    i = next(k for k, t in enumerate(toks) if t.start == at)
    stop = next((k for k in range(i, len(toks)) if toks[k].start >= at + len(found[0])), len(toks))
    if ends_in_name(toks, i, stop) and stop - i > 2 and toks[stop - 1].low not in ORG_WORDS \
            and stop < len(toks) and toks[stop].text.islower() and not _names_joined(toks, i, stop):
        role, i = role or phrase_text(toks, i, stop - 2), stop - 2  # "Former GOP candidate Ada Lind broke …"
    if toks[i].low in PRONOUNS:
        end = i + 1
    else:
        named = i + (toks[i].low == "the" and i + 1 < len(toks) and toks[i + 1].cap)
        end = named
        while end < len(toks) and (toks[end].cap or toks[end].text in {"’s", "'s"} or leads_to_name(toks, end)):
            end += 1
        head = toks[named].low.removesuffix("'s")
        if end == named or head in common_words() or head in NOT_NAMES or head.endswith("ing"):
            return None
        if named > i and end < len(toks) and toks[end].low in ORG_WORDS:
            end += 1
        if end < len(toks) and toks[end].text == "," and i > 0 and toks[i - 1].text == ",":
            end += 1
        elif end < len(toks) and toks[end].text == ",":
            if toks[named].text.isupper() and len(toks[named].text) > 3:
                return None
            end = next((k for k in range(end + 1, len(toks)) if toks[k].text == ","), len(toks)) + 1
            if end >= len(toks):
                return None
    return _verb_after(toks, i, end, role)


def _verb_after(toks: list[Tok], start: int, stop: int, role: str | None) -> Source | None:
    """The subject toks[start:name_end] when the word at `stop` is a lower-case verb, not a passive
    ("was asked by", "is quoted")."""
    if stop >= len(toks) or not toks[stop].text[:1].islower():
        return None
    nxt = toks[stop + 1].low if stop + 1 < len(toks) else ""
    if toks[stop].low in BE and (nxt.endswith(("ed", "en")) or nxt in {"asked", "told", "said", "quoted"}):
        return None
    end = start + 1
    while end < stop and toks[end].text != ",":
        end += 1
    return Source(phrase_text(toks, start, end), "", toks[start].start, role)
