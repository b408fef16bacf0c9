"""People and organizations named in an article: its name mentions and the entities they make up.

A mention is a run of capitalized words (with initials, particles such as "von der" and
suffixes such as "Jr."), with the title words before it ("NATO Secretary-General") kept
apart as its role. A run stops at a line break and at an acronym ending a sentence ("the DNC.
Kyle"), and a headline in Title Case ("Maria Lind Explained Why She Left") is cut at its function
words; a lone capitalized word opening a sentence ("Yet", "Chastened") is a mention only when
it is a first name or is written as a name elsewhere in the article. Each mention knows its
sentence (a cheap split) and whether it is a subject, one who speaks ("X said", "said X").
Mentions that share a surname are one entity named by its fullest form.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .names import (
    CLAUSE_VERBS,
    GENDERED_NOUNS,
    INITIALS,
    JOINED_PARTICLES,
    NOT_NAMES,
    PARTICLES,
    REPORTING,
    SAYS_AFTER,
    SUFFIXES,
    TITLES,
    TITLE_SURNAMES,
    abbreviation_words,
    capitalized,
    common_words,
    gender_of,
    given_name,
    honorific_gender,
    has_org_head,
    is_organization,
    is_person,
    role_of,
    sentence_starts,
    split_title,
    surname_key,
    strip_place,
)
from .phrases import POSSESSIVE_DETERMINERS, reads_as_role
from .quotes import inside

_PREPOSITIONS = {"to", "of", "for", "with", "from", "by", "about", "against", "at", "on", "in", "than",
                 "told", "called", "under", "between", "like", "asked", "praised", "attacked", "over", "into",
                 "across", "through", "near", "around", "behind", "via"}
_ARTICLES = {"the", "a", "an"}
# A name word goes on through the marks that mis-decoded accents leave ("PeÃ±a", with Ã as A and
# a combining tilde): combining accents, C1 controls and Latin-1 signs (but no line break, space
# or guillemet) and the fraction slash of "Ã1⁄4".
_NAME_CHARS = r"[\w’'\-\u0300-\u036f\u0080-\u0084\u0086-\u009f\u00a1-\u00aa\u00ac-\u00ba\u00bc-\u00bf\u2044]"
# A run starts at a word's start, not inside a word or a handle ("@realDonaldTrump"), but right
# after the "AM" or "PM" of a clock time glued to it ("4:15 PMTed Cruz").
_JOINED = rf"(?:[A-Z]|{JOINED_PARTICLES}[A-Z])"  # a capital, or a joined particle ("al-Assad")
_CAP_RUN = re.compile(
    r"(?:(?<![\w@])(?!(?<=\d )[AP]M[A-Z])|(?<=\d [AP]M))"
    rf"(?:(?:{_JOINED}{_NAME_CHARS}+|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Del|Det|Insp)\.|"
    r"\b(?:von|van|der|den|de|del|da|di|du|des|la|le|bin|al|ibn|of|for)(?= [A-Z]))[^\S\n]+|\b[A-Z]\.(?:[^\S\n]+|(?=[A-Z])))*"
    rf"{_JOINED}{_NAME_CHARS}+(?:,? (?:Jr\.|Sr\.|II|III|IV)(?!\w))?"
)


@dataclass
class Entity:
    """One person or organization in an article, known by all the forms it was named with."""

    name: str
    role: str | None = None
    gender: str | None = None
    first_at: int = 0
    forms: set[str] = field(default_factory=set)
    only_after_the: bool = False  # a lone word always written "the Arctic", "the Exchequer": no one "he" or "she" is

    @property
    def surname(self) -> str:
        """The last name word, the key that shorter mentions use."""
        words = [w for w in self.name.split() if w.lower().rstrip(".") not in SUFFIXES]
        return words[-1] if words else self.name


@dataclass(frozen=True)
class Mention:
    """One occurrence of a name in the text, with any title words written before it."""

    start: int
    end: int
    name: str
    role: str | None
    gender: str | None
    subject: bool = True
    says: bool = False
    sentence: int = 0


_MODIFIER = re.compile(r"-(?:[a-z]+(?:ed|ing)|era|style|born|like|ray|wide|type|made)$")


def is_name_like(words: list[str]) -> bool:
    """Whether capitalized words look like a person's or organization's name; a word that ends in
    a participle or a noun of kind after a hyphen is a modifier ("Russian-backed", "Obama-era",
    "X-ray"), unlike the lower-case part of a Korean given name ("Ban Ki-moon")."""
    core = [w for w in words if w.lower() not in NOT_NAMES]
    return bool(core) and not all(w.lower() in TITLES for w in core) and not any(_MODIFIER.search(w) for w in core)


def find_mentions(text: str, skip: list[tuple[int, int]] = (),  # type: ignore[assignment]
                  sentences: list[int] = ()) -> list[Mention]:  # type: ignore[assignment]
    """Every capitalized name run outside the `skip` ranges, with title words split off as the role,
    and the index of its sentence among the `sentences` starts.

    A possessive owner with a name after it ("NBC’s Dante Chinni") is two mentions: the owner,
    who is no subject, and the person named after it, whose place in the clause is the run's. A
    headline in Title Case is cut into its names (see `_parts`).
    """
    out: list[Mention] = []
    skip_starts = [s for s, _ in skip]
    runs = _joined_bodies(text, [(m.start(), m.end()) for m in _CAP_RUN.finditer(text)])
    surnames = _surnames(text[a:b] for a, b in runs)
    for run_start, run_end in runs:
        run = text[run_start:run_end]
        if " " not in run and run.rstrip(".").lower() in NOT_NAMES or inside(skip, skip_starts, run_start):
            continue  # a lone function word ("The", "But") names no one
        words = [(w.group(), run_start + w.start()) for w in _RUN_WORD.finditer(run)]
        while len(words) > 1 and words[-1][0].rstrip(".").lower() in _WEEKDAYS:
            words.pop()  # "said Hillary Clinton Tuesday", "posted on Twitter Tuesday"
        before = next((w for w in reversed(text[max(0, run_start - 20):run_start].split())
                       if w.lower() not in _ARTICLES), "")
        mid_sentence = not _starts_sentence(text, run_start, sentences)
        named = words[0][0] in _GIVEN_WORDS and (mid_sentence or SAYS_AFTER.match(
            text, run_end, min(len(text), run_end + 120)) is not None)
        for k, (opened, part) in enumerate(_parts(words, named, surnames, mid_sentence)):
            context = (run_start, _after_preposition(before, opened)) if k == 0 else \
                (part[0][1], _after_preposition("", opened))
            found = _part_mentions(text, part, context)
            sentence = bisect.bisect_right(sentences, part[0][1]) - 1
            out += [Mention(*fields, sentence) for fields in found]
    return out


def _joined_bodies(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The name runs, with a run holding "of" or "for" and no given name joined across "and" to
    the run after it when that opens with no given name nor title: one body ("Department of
    Health and Human Services", "Centers for Disease Control and Prevention"), not two, nor
    "Ada Lind and Otto Brenn", "Sen. Ted Cruz of Texas and Gov. John Kasich"."""
    out: list[tuple[int, int]] = []
    for start, end in runs:
        before = text[out[-1][0]:out[-1][1]].split() if out else []
        after = text[start:end].split()[0]
        if out and text[out[-1][1]:start] == " and " and ("of" in before[1:-1] or "for" in before[1:-1]) \
                and not any(given_name(w) for w in before) and not given_name(after) \
                and after.rstrip(".").lower() not in TITLES:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


_RUN_WORD = re.compile(r"[^\s,]+")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Function words that, capitalized inside a run of capitalized words, show a headline in Title
# Case ("Maria Lind Explained Why She Left") rather than a name.
_TITLE_CASE_WORDS = {
    "the", "a", "an", "and", "or", "but", "if", "in", "on", "at", "of", "for", "to", "by", "with", "as",
    "from", "into", "about", "after", "before", "when", "while", "than", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "do", "does", "did", "it", "its", "he", "she", "they", "we",
    "his", "her", "their", "our", "my", "you", "your", "what", "why", "how", "who", "where", "this",
    "that", "these", "those", "not", "no", "yes", "over", "against", "under", "via", "without", "because",
}


_CONTRACTION = re.compile(r"[’'](?:ve|re|ll|d|m)$|n[’']t$")


def _function_word(word: str) -> bool:
    """Whether a capitalized word is a function word or a contraction ("We’ve", "Don’t"), never
    a part of a name."""
    low = word.lower()
    return low in NOT_NAMES or bool(_CONTRACTION.search(low))


def _opens(word: str) -> bool:
    """Whether a capitalized word is no part of a name when it opens a run: a function word, a
    contraction or a common word that is no title ("Yet", "Chastened")."""
    low = word.lower()
    return _function_word(word) or low in common_words() and low not in TITLES


def _starts_sentence(text: str, start: int, sentences: list[int]) -> bool:
    """Whether offset `start` opens its sentence (quote marks and brackets aside); without the
    sentence starts, any offset may."""
    i = bisect.bisect_right(sentences, start) - 1
    return i < 0 or not text[sentences[i]:start].strip("“\"‘'([ ")


# Given names that are also common words: a name where the run cannot open a question.
_GIVEN_WORDS = {"Will"}


def _surnames(runs: Iterable[str]) -> frozenset[str]:
    """The last words, lower-cased, of the runs that are a given name and a surname ("Leslie Field"),
    so the surname alone ("Field arrived") names that person even when it is a common word."""
    out = set()
    for run in runs:
        words = run.split()
        if len(words) == 2 and given_name(words[0]) and words[1].isalpha():
            out.add(words[1].lower())
    return frozenset(out)


def _parts(words: list[tuple[str, int]], named: bool, surnames: frozenset[str] = frozenset(),
           mid_sentence: bool = False) -> list[tuple[list[str], list[tuple[str, int]]]]:
    """The name parts of a run of capitalized words, each with the words skipped before it: the run
    without the words it opens with (but "Will" in "said Will Estrada", when the run is `named`:
    opened by such a word, it does not open its sentence or a speech verb follows it; a common
    word opening a run of two or more `mid_sentence`, as "Digital" in "Digital Foundry"; and a
    lone word of `surnames`, of someone named in full in the article), or, in a headline in Title
    Case, each stretch between its function words and common words ("Maria Lind" and "Left" in
    "Maria Lind Explained Why She Left")."""
    k = 0
    if len(words) == 1 and words[0][0].lower() in surnames and words[0][0].lower() not in NOT_NAMES:
        return [([], words)]
    while k < len(words) and _opens(words[k][0]) and not (named and k == 0 and len(words) > 1) \
            and not (mid_sentence and k == 0 and len(words) > 1 and not _function_word(words[0][0])):
        k += 1
    opened, words = [w for w, _ in words[:k]], words[k:]
    if not any(w[:1].isupper() and w.lower() in _TITLE_CASE_WORDS for w, _ in words):
        return [(opened, words)] if words else []
    parts: list[tuple[list[str], list[tuple[str, int]]]] = []
    part: list[tuple[str, int]] = []
    for word in words:
        if word[0][:1].isupper() and (word[0].lower() in _TITLE_CASE_WORDS or _opens(word[0])):
            if part:
                parts.append((opened, _headline_name(part)))
                opened, part = [], []
            opened.append(word[0])
        else:
            part.append(word)
    return parts + [(opened, _headline_name(part))] if part else parts


def _headline_name(words: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A stretch of a Title Case headline that opens with a given name, cut after the word that
    follows it and its initials ("Bernie Sanders" of "Bernie Sanders Pins"); others as they are."""
    if not given_name(words[0][0]):
        return words
    k = 1
    while k < len(words) - 1 and INITIALS.fullmatch(words[k][0]):
        k += 1
    return words[:k + 1]


def _part_mentions(text: str, words: list[tuple[str, int]], context: tuple[int, bool]) \
        -> list[tuple[int, int, str, str | None, str | None, bool, bool]]:
    """The mention fields of one name part of a run: a possessive owner with a name after it
    ("NBC’s Dante Chinni") is two mentions, the owner and the person, who opens with no function
    word ("Message" of "POLITICO’s Off Message")."""
    end = words[-1][1] + len(words[-1][0])
    owner = next((j for j, (w, _) in enumerate(words) if w.endswith(("’s", "'s", "’", "'"))), None)
    if owner is not None and len(words) - owner > 2:
        owned = words[owner + 1:]
        while len(owned) > 1 and owned[0][0].lower() in NOT_NAMES:
            owned = owned[1:]
        return _mention(text, words[:owner + 1], context, words[owner][1] + len(words[owner][0]), True) + \
            _mention(text, owned, context, end, False)
    return _mention(text, words if owner is None else words[:owner + 1], context, end, owner is not None)


def _after_preposition(before: str, opened: list[str]) -> bool:
    """Whether a preposition comes before a name, articles aside: the last word before its run
    (`before`: "with Trending Today USA") or a function word the run `opened` with ("On The Daily
    Show", "For Hillary Clinton"); the capitalized common words it opened with do not count."""
    return before.lower() in _PREPOSITIONS or any(w.lower() in _PREPOSITIONS for w in opened)


def _mention(text: str, words: list[tuple[str, int]], context: tuple[int, bool], end: int,
             possessive: bool) -> list[tuple[int, int, str, str | None, str | None, bool, bool]]:
    """The fields of the mention for the words of a name run (with their offsets), if they name
    someone; `context` is where the run starts and whether a preposition comes before it, `end`
    where the run ends."""
    run_start, after_preposition = context
    names = [w for w, _ in words]
    if possessive:
        names[-1] = re.sub(r"[’'](?:s)?$", "", names[-1])
    names = strip_place(names)
    title, name = ([], names) if has_org_head(names) else split_title(names)
    if not name or not is_name_like(name) or name[-1].lower() in TITLES and not _given_then_surname(name) \
            or _abbreviated(text, names, end):
        return []
    role = role_of(title) or _apposition(text, end)
    gender = gender_of(" ".join(name), " ".join(title) or role)
    modifies = _modifies(text, words[0][1], end)
    inverted = not possessive and not modifies and bool(_SAID_BEFORE.search(text, max(0, run_start - 40), run_start))
    subject = inverted or not possessive and not after_preposition and not modifies \
        and not _object(text, words[0][1]) and not _OWNED_BEFORE.search(text, max(0, run_start - 7), run_start) \
        and not (_group_after(text, end) and not is_organization(" ".join(name)))
    says = inverted or subject and bool(SAYS_AFTER.match(text, end, min(len(text), end + 120)))
    return [(words[0][1], end, " ".join(name), role, gender, subject, says)]


def _abbreviated(text: str, words: list[str], end: int) -> bool:
    """Whether a run is one abbreviated word with its period, a state or a month ("Calif.", "Va.",
    "Feb.") rather than a name; acronyms ("CBN.") may end a sentence."""
    return len(words) == 1 and text.startswith(".", end) and not words[0].isupper() \
        and words[0].lower() in abbreviation_words()


def _given_then_surname(name: list[str]) -> bool:
    """Whether a name is a given name and a surname that is also a title word ("Howard Dean",
    "Amy Pope"), so still names someone."""
    return len(name) > 1 and name[-1].lower() in TITLE_SURNAMES and given_name(name[0]) \
        and name[0].lower() not in TITLES


_SAID_BEFORE = re.compile(r"[,”\"]\s*(?:\w+ly\s+)?" + REPORTING + r"\s+$")
_APPOSITION = re.compile(r",\s+(?!(?:who|which|whose|where|when|and|but|during|in|at|on|of|for|from|with|after|before)\b)"
                         r"(?:(?:a|an|the)\s+)?([a-z](?:[^,.;:“”\"()\n]|(?<=\b[A-Z])\.){2,60}?)"
                         r"(?=[,;?]|(?<!\b[A-Z])\.|\s+(?:said|says|told|who)\b)")
_TITLE_THEN_NAME = re.compile(r"\s+((?:[a-z][a-z-]*\s+){1,3})(?=[A-Z][a-z])")
# a possessive determiner before a name makes it a thing someone has, no subject: "read our Privacy Notice"
_OWNED_BEFORE = re.compile(r"(?<![\w’'-])(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in POSSESSIVE_DETERMINERS)
                           + r")\s+$")
_THE_BEFORE = re.compile(r"(?<![\w’'-])[Tt]he\s+$")
_ARTICLE_BEFORE = re.compile(r"(?<![\w’'-])(?:[Tt]he|[Aa]n?)\s+$")
_WORD_AFTER = re.compile(r" ([a-z][a-z-]*)\b")
_NOT_NOUNS = {"who", "whom", "whose", "which", "also", "than", "into", "during", "himself", "herself", "itself",
              "themselves", "says", "tells", "adds", "writes", "tweets", "argues", "notes", "insists", "explains",
              "continues", "states", "asks", "warns", "recalls", "replies", "responds", "calls", "names", "picks",
              "taps", "hires", "fires", "appoints", "nominates", "thanks", "praises", "attacks", "blasts", "joins",
              "told", "wrote", "won", "ran", "got", "made", "took", "gave", "came", "went", "saw", "became", "spoke",
              "sent", "left", "lost", "met", "put", "set", "let", "held", "kept", "thought", "brought", "chose"}


def _modifies(text: str, start: int, end: int) -> bool:
    """Whether a name (from `start` to `end`) only qualifies the title of the name after it ("Obama
    consultant Cornell Belcher", "Dahl senior policy adviser Ann Berg") or, after an article, a noun
    ("the Clinton campaign", "a Trump supporter"), so it is not the subject of its clause."""
    m = _TITLE_THEN_NAME.match(text, end, min(len(text), end + 60))
    if m is not None and (_is_title_phrase(m.group(1).split()) or _occupation_then_given_name(text, m)):
        return True
    noun = _WORD_AFTER.match(text, end, min(len(text), end + 40))
    return noun is not None and _is_noun(noun.group(1)) and \
        bool(_ARTICLE_BEFORE.search(text, max(0, start - 6), start))


_INFINITIVE_BEFORE = re.compile(r"(?<![\w’'-])(?:to|will|would|can|could|should|must|might|did|does|do|n[’']t)\s+"
                                r"(?!(?:be|say|says|tell|ask|recall|add|explain|note|argue|claim|insist|suggest|"
                                r"think|believe|hope|know|show|reveal|warn|report|declare|announce|predict)\s)"
                                r"[a-z]+\s+$")
_VERB_BEFORE = re.compile(r"(?:(?<![\w’'-])(?P<det>(?i:the|a|an|his|her|their|its|and|or|but))\s+|(?P<comma>,)\s*|"
                          r"(?<![\w’'-]))(?P<verb>[a-z]+ed|told|met|beat|hit)\s+$")
_MEASURE_BEFORE = re.compile(r"\d\s+[a-z]+s\s+$")
_GERUND_BEFORE = re.compile(r"(?<![\w’'-])([a-z]{2,}ing)\s+$")
# -ing words that are nouns or adjectives, not verbs taking the name after them as object
# ("Tuesday morning Lind said", "ranking Democrat Ada Lind")
_ING_NOUNS = frozenset("""during being morning evening meeting hearing building briefing ranking leading
neighboring sprawling remaining spring bring king wing ring string sibling darling ceiling wedding""".split())


def _object(text: str, start: int) -> bool:
    """Whether the name at `start` comes right after a verb that takes it as its object ("the mayor
    endorsed Ada Lind", "to oppose Lind", "would beat Lind"), so it is not the subject of its
    clause; nor is a unit after a number ("3.6 degrees Fahrenheit"). A verb that reports a clause
    ("revealed Lind was") and an adjective after an article, a conjunction or a comma ("the
    embattled Lind") do not count."""
    if _INFINITIVE_BEFORE.search(text, max(0, start - 30), start) \
            or _MEASURE_BEFORE.search(text, max(0, start - 30), start):
        return True
    gerund = _GERUND_BEFORE.search(text, max(0, start - 30), start)
    if gerund is not None and _takes_object(gerund.group(1)):
        return True
    m = _VERB_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and m.group("det") is None and m.group("comma") is None \
        and m.group("verb") not in CLAUSE_VERBS


def _takes_object(word: str) -> bool:
    """Whether an -ing word is a verb whose object a name after it is ("holding Lind responsible",
    "including Lind"): not a noun or adjective ("morning", "something", "leading"), nor a verb
    that reports a clause ("saying Lind was", "arguing Lind had")."""
    if word in _ING_NOUNS or word.endswith("thing"):
        return False
    stems = {word[:-3], word[:-3] + "e", word[:-4]}
    return not any(stem + end in CLAUSE_VERBS for stem in stems for end in ("s", "d", "ed"))


def _is_title_phrase(words: list[str]) -> bool:
    """Whether the lower-case words between two names are a title: a title word, gendered noun or
    noun for one of a group ("resident") at the head ("consultant", "senior communications
    adviser"), and no verb before it ("named campaign manager")."""
    return (words[-1] in TITLES or words[-1] in GENDERED_NOUNS or words[-1] + "s" in _GROUP_NOUNS) and \
        all(w in TITLES or w in GENDERED_NOUNS or _is_noun(w) for w in words[:-1])


_OCCUPATION_ENDINGS = ("er", "or", "ist", "ian")
_GIVEN = re.compile(r"([A-Z][a-z]+) [A-Z]")


def _occupation_then_given_name(text: str, m: re.Match[str]) -> bool:
    """Whether the lower-case words `m` holds between two names are nouns ending in a noun for a
    trade ("lead hurricane forecaster", "software engineer") and a given name and surname follow:
    "AccuWeather lead hurricane forecaster Dan Kottlowski"."""
    words = m.group(1).split()
    given = _GIVEN.match(text, m.end())
    return given is not None and given_name(given.group(1)) and len(words[-1]) > 5 \
        and words[-1].endswith(_OCCUPATION_ENDINGS) and all(_is_noun(w) for w in words)


# people named by a plural noun a name qualifies: "Sanders supporters", "Shia militias", "Clinton aides"
_GROUP_NOUNS = frozenset("""supporters voters officials leaders allies delegates refugees groups members aides agents
citizens executives workers politicians immigrants forces activists operatives families backers advisers advisors
insiders followers employees soldiers staffers communities advocates candidates conservatives liberals authorities
students fans firms justices troops militias fighters rebels loyalists donors surrogates lawmakers legislators
senators governors diplomats negotiators prosecutors investigators lawyers attorneys spokesmen spokeswomen
representatives residents protesters demonstrators critics opponents rivals partisans stalwarts veterans
volunteers organizers strategists campaigners""".split())


def _group_after(text: str, end: int) -> bool:
    """Whether a plural noun for people follows a name ("Sanders supporters booed"), whose members,
    not the one named, do what the clause says (an organization's own people may speak for it:
    "ISIS soldiers mock …")."""
    m = _WORD_AFTER.match(text, end, min(len(text), end + 40))
    return m is not None and m.group(1) in _GROUP_NOUNS


def _is_noun(word: str) -> bool:
    """Whether a lower-case word can be a noun that a name before it qualifies, not the verb of its
    clause ("said", "reported", "has", "calls") nor a function word."""
    return word not in NOT_NAMES and word not in _NOT_NOUNS and not word.endswith(("ed", "ly"))


def _apposition(text: str, end: int) -> str | None:
    """The role in an apposition right after a name: "Maria Lopez, a spokeswoman for the agency,",
    "Chris Christie, the brusque, blunt governor of New Jersey" (an adjective and a comma first)."""
    m = _APPOSITION.match(text, end, min(len(text), end + 90))
    if m is None:
        return None
    role = m.group(1)
    if not reads_as_role(role.split()) or text.startswith((", and ", ", or "), m.end(1)):
        return None  # "Inference, close reading, and faith …": a list, not an apposition
    if " " not in role and role not in TITLES and role not in GENDERED_NOUNS and text.startswith(",", m.end(1)):
        more = _APPOSITION.match(text, m.end(1), min(len(text), m.end(1) + 90))
        if more is not None:
            return f"{role}, {more.group(1)}"
    return role


# titles used with a given name, never a surname alone ("Sir Keir", "Dame Judi")
_GIVEN_NAME_TITLES = {"Sir", "Dame"}
_ROLE_ABBREVIATIONS = re.compile(r"\b(sen|gov|rep)\.")
_SPELLED = {"sen": "senator", "gov": "governor", "rep": "representative"}


def _spell_out(m: re.Match[str]) -> str:
    """A title abbreviation written out ("sen." → "senator")."""
    return _SPELLED[m.group(1)]


_COORDINATED = re.compile(r"\band\s+$")


def _keyed(words: list[str]) -> bool:
    """Whether a name is known by its last word, as a person by a surname or an organization by
    its head noun ("Times"): not a phrase with a lowercase word or a function word inside
    ("Conservative Case for Trump", "Division Over Iran")."""
    return all(capitalized(w) or w in PARTICLES for w in words[1:]) \
        and not any(w.lower() in _TITLE_CASE_WORDS for w in words[1:])


class Registry:
    """The entities of one article, built from its mentions in reading order."""

    def __init__(self, text: str, quoted: list[tuple[int, int]]) -> None:
        self.entities: list[Entity] = []
        self._by_surname: dict[str, list[Entity]] = {}
        self._by_form: dict[str, Entity] = {}
        self._sentence_starts = sentence_starts(text, quoted)
        self.mentions = self._without_openers(find_mentions(text, quoted, self._sentence_starts))
        self._resolved: list[tuple[Mention, Entity]] = []
        for mention in self.mentions:
            honorific = honorific_gender(text[mention.start:mention.end])
            self._resolved.append((mention, self.add(mention.name, mention.role, mention.gender, mention.start,
                                                     honorific)))
        self._index_words()
        self._learn_genders(text)
        self._mark_only_after_the(text)

    def _without_openers(self, mentions: list[Mention]) -> list[Mention]:
        """The mentions without lone capitalized words that open a sentence ("Yet", "Chastened",
        "Twitter") and are no first name, nor written as a name anywhere else in the article."""
        lone = [m.role is None and not m.says and " " not in m.name
                and m.start - self._sentence_starts[m.sentence] <= 1 for m in mentions]
        named = {w.lower() for m, opener in zip(mentions, lone) if not opener for w in m.name.split()}
        return [m for m, opener in zip(mentions, lone) if not opener or m.name.lower() in named or given_name(m.name)]

    def _mark_only_after_the(self, text: str) -> None:
        """Mark the one-word entities that every mention writes after "the" ("the Arctic"): a place,
        thing or body, not a person a pronoun may refer to."""
        after_the: dict[int, bool] = {}
        for mention, entity in self._resolved:
            after_the[id(entity)] = after_the.get(id(entity), True) and " " not in entity.name \
                and bool(_THE_BEFORE.search(text, max(0, mention.start - 5), mention.start))
        for entity in self.entities:
            entity.only_after_the = after_the.get(id(entity), False)

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence that holds `offset`."""
        return bisect.bisect_right(self._sentence_starts, offset) - 1

    def _learn_genders(self, text: str) -> None:
        """Give entities of unknown gender the gender of the pronouns that follow their mentions as
        subjects or speakers, up to the next subject, speaker or possessor ("Suu Kyi's fate"); names
        in passing ("a Sanders supporter") do not end the window, and a pronoun after "wrote for
        The Washington Informer" is not the paper's."""
        votes: dict[int, list[int]] = {}
        for i, (mention, entity) in enumerate(self._resolved):
            if entity.gender is not None or not (mention.subject or mention.says) \
                    or _COORDINATED.search(text, max(0, mention.start - 5), mention.start) \
                    or text.startswith(" and ", mention.end):
                continue
            nxt = next((m.start for m, _ in self._resolved[i + 1:]
                        if m.subject or m.says or text.endswith(("’s", "'s"), m.start, m.end)), len(text))
            window = text[mention.end:min(nxt, mention.end + 200)].lower()
            male = len(re.findall(r"\b(?:he|his|him)\b", window))
            female = len(re.findall(r"\b(?:she|her|hers)\b", window))
            tally = votes.setdefault(id(entity), [0, 0])
            tally[0] += male
            tally[1] += female
        for entity in self.entities:
            male, female = votes.get(id(entity), (0, 0))
            if entity.gender is None and male != female and is_person(entity.name):
                entity.gender = "m" if male > female else "f"

    def add(self, name: str, role: str | None, gender: str | None, at: int, honorific: str | None = None) -> Entity:
        """Record a named mention, merging it with an entity it shortens or extends; `honorific` is
        the gender its honorific tells ("Mrs. Lind")."""
        entity = self.lookup(name, honorific) or self._first_name_alone(name)
        if entity is None and " " not in name and role and role.split()[-1] in _GIVEN_NAME_TITLES:
            entity = self._by_first_word(name, given=True)  # "Sir Keir" after "Keir Starmer"
        if entity is None:
            entity = Entity(name, role, gender, at, {name})
            self.entities.append(entity)
        else:
            longer = len(name.split()) > len(entity.name.split())
            extends = surname_key(name.split()[-1]) == surname_key(entity.surname) or entity.name == name.split()[0]
            if longer and extends:
                entity.name = name
            entity.forms.add(name)
            entity.role = entity.role or role
            surname_only = " " not in name and " " in entity.name and surname_key(name) == surname_key(entity.surname)
            entity.gender = entity.gender or (honorific if surname_only else gender)  # "Omar" of Ilhan Omar: no Omar
        self._by_form.setdefault(name, entity)
        if _keyed(entity.name.split()):
            same_surname = self._by_surname.setdefault(surname_key(entity.surname), [])
            if entity not in same_surname:
                same_surname.append(entity)
        return entity

    def _first_name_alone(self, name: str) -> Entity | None:
        """The one person of known gender so far named by one word that a full name now starts with,
        a given name ("Sir Keir" before "Keir Starmer"), whom the full name extends."""
        words = name.split()
        if len(words) < 2 or not is_person(name) or not is_person(words[0]):
            return None
        alone = [e for e in self.entities if e.name == words[0] and e.gender is not None]
        return alone[0] if len(alone) == 1 else None

    def lookup(self, name: str, gender: str | None = None) -> Entity | None:
        """The entity a name refers to: same full name, else the one sharing its surname (when
        both read as a name, see `_keyed`), the first named; of the `gender` its honorific tells
        when several people share the surname ("Mrs. Clinton" after Bill and Hillary
        Clinton), or ending in it when it opens with a particle ("De Niro" after "Robert de Niro");
        else the one person whose full name starts with a lone word ("Hillary")."""
        words = name.split()
        if not words:
            return None
        candidates = self._by_surname.get(surname_key(words[-1]), [])
        if len(words) == 1 and len(candidates) > 1 and gender is not None and _keyed(words):
            return next((e for e in candidates if e.gender == gender), candidates[0])
        if name in self._by_form:
            return self._by_form[name]
        if not _keyed(words):
            return None
        if len(words) == 1:
            return candidates[0] if candidates else self._by_first_word(words[0])
        for e in candidates:
            if e.name.split()[0] == words[0] or len(e.name.split()) == 1 or words[0].lower() in PARTICLES \
                    and " ".join(e.name.split()[-len(words):]).lower() == name.lower():
                return e  # "De Niro" after "Robert de Niro"
        return None

    def _by_first_word(self, word: str, given: bool = False) -> Entity | None:
        """The one person named in full whose name starts with `word`, a given name (from the list
        of them, or `given` by a title such as "Sir"): a first name used alone ("Hillary" for
        Hillary Clinton) or a family name written first ("Xi" for Xi Jinping)."""
        if not (given or given_name(word)):
            return None
        people = [e for e in self.entities if e.name.split()[0] == word and " " in e.name and is_person(e.name)]
        return people[0] if len(people) == 1 else None

    def named_like(self, noun: str, before: int) -> Entity | None:
        """The latest entity named before `before` whose name contains the noun ("ministry")."""
        return self._latest(self._name_words, noun, before)

    def with_role(self, noun: str, before: int) -> Entity | None:
        """The latest entity named before `before` whose role contains the role noun."""
        return self._latest(self._role_words, noun, before)

    def _index_words(self) -> None:
        """Index mentions by the words of their entity's name and of their role, for the lookups above."""
        self._name_words: dict[str, tuple[list[int], list[Entity]]] = {}
        self._role_words: dict[str, tuple[list[int], list[Entity]]] = {}
        for mention, entity in self._resolved:
            roles = " ".join(r for r in (mention.role, entity.role) if r).lower()
            for table, words in ((self._name_words, entity.name.lower().split()),
                                 (self._role_words, _ROLE_ABBREVIATIONS.sub(_spell_out, roles).split())):
                for word in set(words):
                    starts, entities = table.setdefault(word, ([], []))
                    starts.append(mention.start)
                    entities.append(entity)

    @staticmethod
    def _latest(table: dict[str, tuple[list[int], list[Entity]]], noun: str, before: int) -> Entity | None:
        """The entity of the latest mention before `before` listed under `noun` in `table`."""
        starts, entities = table.get(noun.lower(), ([], []))
        k = bisect.bisect_left(starts, before)
        return entities[k - 1] if k else None

    def resolved(self) -> list[tuple[Mention, Entity]]:
        """Every mention with its entity, in reading order."""
        return list(self._resolved)
