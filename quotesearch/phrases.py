"""Tokens and the noun phrases a speaker is written as, read forward or backward from a word.

`tokens` splits the text outside a quote into words and marks with their offsets;
`np_backward` reads the subject before a verb (skipping adverbs and appositions such as
"X, the mayor of Y,"), `np_forward` the phrase after "said" or "according to", and
`phrase_text` gives the words as written. The cue finders in `cues.py` build on these.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .names import (
    ABBREVIATIONS,
    NOT_NAMES,
    ORG_WORDS,
    PARTICLES,
    REPORTING_VERBS,
    TITLES,
    capitalized,
    common_words,
    given_name,
    not_people,
)

SPEECH_VERBS = frozenset("""
say says said saying tell tells told add adds added write writes wrote tweet tweets tweeted
post posts posted respond responds responded reply replies replied argue argues argued insist
insists insisted warn warns warned explain explains explained note notes noted state states
stated declare declares declared claim claims claimed ask asks asked answer answers answered
continue continues continued recall recalls recalled remark remarks remarked observe observes
observed stress stresses stressed emphasize emphasizes emphasized emphasise emphasised
acknowledge acknowledges acknowledged admit admits admitted concede concedes conceded announce
announces announced suggest suggests suggested complain complains complained joke jokes joked
quip quips quipped predict predicts predicted promise promises promised vow vows vowed urge
urges urged caution cautions cautioned charge charges charged contend contends contended
counter counters countered maintain maintains maintained shout shouts shouted yell yells yelled
wonder wonders wondered muse muses mused boast boasts boasted confirm confirms confirmed deny
denies denied describe describes described call calls called characterize characterizes
characterized label labels labeled labelled dub dubs dubbed testify testifies testified
report reports reported reiterate reiterates reiterated assert asserts asserted allege alleges
alleged pledge pledges pledged thunder thundered scoff scoffed lament laments lamented
concluded conclude concludes opined opine writes wrote texted emailed messaged blasted
slammed mocked praised criticized criticised demanded demand demands accused accuse accuses
agreed agree agrees disagreed disagree pointed point points predicted recounted recount
recounts reminded remind reminds proclaimed proclaim proclaims cried whispered sighed
interjected interrupted chimed retorted snapped added offered offer offers went goes
talk talks talked speak speaks spoke
condemned condemns denounced denounces decried decries hailed hails dismissed dismisses branded
brands deemed deems rated rates touted touts cited cites lambasted ridiculed derided panned
welcomed applauded attacked attacks cheered chanted sang sings read reads
echo echoes echoed fumed fumes beamed exhorted needled gushed marveled marvelled
barked assured reacted elaborated remembered repeated pressed questioned surmised mocks
speculate speculates speculated retaliated exclaimed exclaims
remembers remember laughs laughed
sighs whispers enthuses enthused implore implores implored plead pleads pleaded referred
protested protests lectured lecturing lectures
""".split()) | REPORTING_VERBS
INTRO_WORDS = {"on", "in", "at", "after", "before", "during", "earlier", "later", "last", "meanwhile",
               "however", "but", "and", "then", "still", "also", "since", "when", "while", "as", "for",
               "by", "speaking", "asked", "instead", "now", "yet", "so", "separately", "elsewhere",
               "amid", "despite", "following", "unlike", "among", "throughout", "upon", "once", "although",
               "though", "because", "until", "under", "with", "without", "moreover", "furthermore", "beyond",
               "across", "outside", "within", "around"}
# parties and camps written as capitalized plurals, which speak as groups: "Senate Democrats said"
PARTY_GROUPS = {"democrats", "republicans", "conservatives", "liberals", "progressives", "independents", "libertarians"}
BE = frozenset({"was", "were", "is", "are", "be", "been", "being"})
# the determiners that make what follows someone's thing: "denounced her record", "read our Privacy Notice"
POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "my", "our", "your"})
PRONOUNS = {"he": "m", "she": "f", "they": None, "i": None, "we": None, "it": None}
DETERMINERS = {"the", "a", "an", "one", "another", "some", "several", "many", "two", "three",
               "his", "her", "their", "its", "our", "other", "multiple", "most", "few", "both"}
ADVERBS = {"also", "later", "then", "previously", "once", "recently", "repeatedly", "simply",
           "could", "can", "might", "must", "should", "did", "does", "do", "only", "never", "not",
           "flatly", "quickly", "again", "further", "still", "often", "has", "had", "have",
           "would", "will", "just", "even", "publicly", "privately", "reportedly",
           "bluntly", "famously", "angrily", "sharply", "separately", "told", "initially",
           "ultimately", "finally", "first", "was", "is", "wrote", "added", "each"}
CLAUSE_STOP = {"and", "but", "or", "that", "which", "who", "whom", "whose", "because", "when",
               "while", "as", "if", "after", "before", "since", "though", "although", "where",
               "so", "than", "to", "in", "on", "at", "for", "with", "from", "by", "about",
               "during", "into", "over", "under", "against", "without", "between", "is", "was",
               "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
               "could", "should", "can", "may", "might", "must", "do", "does", "did", "not",
               "said", "says", "told", "like", "what", "how", "why", "all", "just", "until", "unless"}
_TOKEN = re.compile(r"[\w’'\-]+(?:\.(?:[A-Z]\.)*)?|[^\w\s]")
_FIRST_NAME_WORDS = {"will", "may", "june", "april", "august"}
_BARE_HONORIFICS = {"mr", "mrs", "ms", "dr"}
_WHEN = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "month",
         "year", "night", "morning", "afternoon", "evening", "weekend"}
_ATTACH = {"to", "of", "for", "with", "from", "at", "in"}
# common irregular past tenses
IRREGULAR_PAST = frozenset({"was", "had", "made", "took", "went", "gave", "kept", "left", "put", "sent", "came", "did",
                            "won", "lost", "got", "told", "began", "ran", "broke", "brought", "held", "stood", "met"})
# participles of a document only handled by the agent after "by" ("the letter, reviewed by The Post")
HANDLED = {"reviewed", "obtained", "seen", "provided", "viewed", "shared", "received", "leaked", "cited",
           "quoted", "reported", "described", "first"}
_GOVERNING = {"in", "at", "on", "of", "for", "with", "from", "about", "to", "into", "over", "under", "than"}
# speech words that are more often nouns: read as verbs only when nothing marks them as nouns
NOUNISH = frozenset("""
tweet tweets post posts reply replies answer answers note notes state states claim claims remark remarks
joke jokes quip quips promise promises vow vows charge charges counter counters boast boasts call calls
label labels report reports pledge pledges demand demands point points offer offers talk talks echo echoes
attack attacks rates shout shouts
""".split())
_PARTY = re.compile(r"[RDI]-[A-Z][\w.]*")
_PARENTHETICAL = re.compile(r"\([^()“”\"\n]{1,40}\)")


def _blank(m: re.Match[str]) -> str:
    """White space as long as the match, so offsets stay put."""
    return " " * len(m.group())


@dataclass(frozen=True)
class Tok:
    """A word or punctuation mark with its offset."""

    text: str
    start: int

    @property
    def low(self) -> str:
        """The lowercased word with curly apostrophes straightened."""
        return self.text.lower().replace("’", "'")

    @property
    def cap(self) -> bool:
        """Whether the word is written as a name word: a capital first, or a joined particle ("al-Assad")."""
        return capitalized(self.text)


@dataclass(frozen=True)
class Source:
    """A speaker phrase as written, before resolution."""

    phrase: str
    cue: str
    at: int
    role: str | None = None


def blank_parentheticals(text: str) -> str:
    """The text with short parentheticals ("(R-Fla.)") blanked out, offsets unchanged."""
    return _PARENTHETICAL.sub(_blank, text)


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of text[start:end] with absolute offsets; a final period stays only on abbreviations."""
    out: list[Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        if word.endswith(".") and len(word) > 2 and word[:-1].lower() not in ABBREVIATIONS:
            out.append(Tok(word[:-1], m.start()))
            out.append(Tok(".", m.end() - 1))
        else:
            out.append(Tok(word, m.start()))
    return out


def speech_verb(tok: Tok) -> bool:
    """Whether a token is a speech verb (written in lower case)."""
    return tok.text.islower() and tok.low in SPEECH_VERBS


def is_word(tok: Tok) -> bool:
    """Whether a token is a word of letters, hyphenated and possessive ones included ("front-runner",
    "bureau's")."""
    return tok.text.removesuffix("’s").removesuffix("'s").replace("-", "").isalpha()


def pronoun_of(word: str) -> str:
    """The word without a contraction, lower-cased, so "He’d", "she’s" and "We've" read as their
    pronoun (a key of PRONOUNS when it is one)."""
    return word.lower().replace("’", "'").split("'")[0]


def plural(word: str) -> bool:
    """Whether a lower-case word reads as a plural noun: it ends in "s" but not "ss" ("officials", not "press")."""
    return word.endswith("s") and not word.endswith("ss")


def is_possessive(tok: Tok) -> bool:
    """Whether a word is a possessive ("Trump's", "Sanders’")."""
    return tok.low.endswith(("'s", "s'")) and len(tok.low) > 2


def _comma_before(toks: list[Tok], at: int) -> int:
    """The index of the nearest comma before toks[at], within 32 tokens (-1 or a non-comma if none)."""
    j = at - 1
    while j >= 0 and toks[j].text != "," and at - j < 32:
        j -= 1
    return j


def _list_tail(words: list[Tok]) -> bool:
    """Whether words between two commas end a list of names (`the UK, Ireland and Nordics`)."""
    return len(words) >= 3 and words[-2].low in {"and", "or"} \
        and all(t.cap or t.low in {"and", "or"} for t in words)


def _apposition_before(toks: list[Tok], comma: int) -> tuple[int, str | None] | None:
    """The apposition that ends at toks[comma] (`X, the mayor of Y, said`, `X, of Flint, Mich., said`):
    the index of its opening comma and its words as a role (None for a relative clause, a place, a
    prepositional phrase or what the person did: `X, speaking at a rally, said`). A clause with
    "what" is none (`in what X, a treasurer, called`)."""
    j = _comma_before(toks, comma)
    if j <= 0 or toks[j].text != "," or comma - j <= 1:
        return None
    earlier = _comma_before(toks, j)
    if _list_tail(toks[j + 1:comma]) and earlier > 0 and toks[earlier].text == ",":
        j = earlier  # `X, country manager for the UK, Ireland and Nordics, said`
    inner = toks[j + 1:comma]
    if any(t.low == "what" for t in inner):
        return None
    before = toks[j - 1]
    if j == 1 and (before.low.endswith("ly") or before.low in INTRO_WORDS):
        return None  # "Domestically, Trump’s row … reached Obama, who called": an opening word, no name
    relative = inner[0].low in {"who", "which", "whose"}
    place = all(t.low.rstrip(".") in not_people() or t.low.rstrip(".") in ABBREVIATIONS for t in inner)
    if (before.cap or before.text.isdigit() or before.low in PRONOUNS or relative or place) and (
            not inner[0].cap or inner[0].low in DETERMINERS or inner[0].low in TITLES
            or _PARTY.fullmatch(inner[0].text) or place
            or any(t.text in {"’s", "'s"} or t.low.endswith(("’s", "'s")) for t in inner[:3])):
        described = not (relative or place or inner[0].low in _GOVERNING or inner[0].low in INTRO_WORDS
                         or inner[0].text[:1].isdigit()) and reads_as_role([t.text for t in inner])
        return j, phrase_text(toks, j + 1, comma) if described else None
    return None


def adverb(tok: Tok) -> bool:
    """Whether a token reads as an adverb or auxiliary that may stand between a subject and its verb
    (`Thomas allegedly told`, `Lind has since said`)."""
    return not tok.cap and (tok.low in ADVERBS or tok.low.endswith("ly"))


def np_backward(toks: list[Tok], end: int) -> tuple[int, int, str | None]:
    """The span (start, stop) of the noun phrase before toks[end], the subject of a verb there,
    skipping adverbs and an apposition between them; and the apposition as a role."""
    i = end - 1
    while i >= 0:
        if adverb(toks[i]):
            i -= 1
        elif i > 0 and toks[i].low in _WHEN and toks[i - 1].low in {"on", "last", "this", "in", "early", "late"}:
            i -= 2
        else:
            break
    if i > 0 and toks[i].low in {"that", "which"}:
        i -= 1
    if i >= 3 and toks[i].text == "," and toks[i - 2].text == "," \
            and (adverb(toks[i - 1]) or toks[i - 1].low in INTRO_WORDS):
        i -= 2  # "The two lawmakers, however, argue", "Ada Lind, the mayor, though, said"
    role = None
    if i >= 0 and toks[i].text == ",":
        comma = i
        for _ in range(3):
            found = _apposition_before(toks, comma)
            if found is None:
                break
            comma, role = found[0], found[1] or role
        i = comma - 1
    if i < 0:
        return end, end, None
    if pronoun_of(toks[i].text) in PRONOUNS:  # "he", and "he’d" or "she’ll" before a bare verb
        return i, i + 1, role
    stop = i + 1
    k = i
    while k >= 0:
        t = toks[k]
        if t.text in {"’s", "'s"}:
            k -= 1
            continue
        if t.low in DETERMINERS:
            k -= 1
            break
        if t.cap and (t.low not in NOT_NAMES or k > 0 and t.low in _FIRST_NAME_WORDS):
            k -= 1  # a capitalized "Will" or "May" inside a sentence is a name
            continue
        if t.low == "of" and k > 0 and toks[k - 1].cap and k + 1 < stop and toks[k + 1].cap:
            k -= 1
            continue
        if t.low in PARTICLES and k + 1 < stop and toks[k + 1].cap:
            k -= 1
            continue
        if t.text[:1].islower() and t.low not in CLAUSE_STOP and is_word(t) and stop - k < 8 \
                and not t.low.endswith("ly"):
            k -= 1
            continue
        break
    start = k + 1
    phrase = toks[start:stop]
    if phrase and not any(t.cap or t.low in DETERMINERS for t in phrase):
        return end, end, None
    while start < stop and (toks[start].text in {",", "’s", "'s"}):
        start += 1
    if start >= stop:
        return end, end, None
    if start > 1 and toks[start - 1].low == "by" and toks[start - 2].low in HANDLED:
        return np_backward(toks, start - 2)  # "a letter from the Legion [obtained by The Associated Press]"
    if start > 0 and toks[start - 1].low in _GOVERNING and toks[start].low not in PRONOUNS:
        head, head_stop, head_role = np_backward(toks, start - 1)
        named = toks[start].cap or toks[start].low in DETERMINERS and start + 1 < stop and toks[start + 1].cap
        if head < start - 1 and (toks[head].low in DETERMINERS or toks[head].low in common_words()) and named:
            return head, stop, head_role
        if head == start - 2 and toks[head].cap and toks[head].low in TITLES and _titled_name(toks, start, stop):
            return head, stop, head_role
        if head == head_stop:
            return _name_after_opening(toks, start, stop), stop, role
        return head, head_stop, head_role
    return start, stop, role


def _name_after_opening(toks: list[Tok], start: int, stop: int) -> int:
    """Where the name at the end of toks[start:stop] begins, when an opening phrase with no comma
    runs into it ("At the party convention [Sen. Elizabeth Warren] said"); `stop` when there is none.
    It takes two words or more: allowing one cost five right speakers on PolNeAR train."""
    j = stop
    while j > start and (toks[j - 1].cap or toks[j - 1].low in PARTICLES):
        j -= 1
    return j if start < j < stop and toks[j - 1].text.islower() and stop - j >= 2 else stop


def _titled_name(toks: list[Tok], start: int, stop: int) -> bool:
    """Whether toks[start:stop], after the "of" of a capitalized title, is the rest of the title
    and a name ("Speaker of [the House Paul Ryan]"), not just what the title governs ("of State")."""
    words = [t for t in toks[start:stop] if t.low not in DETERMINERS]
    return len(words) >= 3 and all(t.cap for t in words)


def _common_head(tok: Tok) -> bool:
    """Whether a noun phrase opening with `tok` is a description ("the …", "Attorneys …"), not a name."""
    return tok.low in DETERMINERS or tok.low in common_words() and tok.low not in TITLES


def _after_name(toks: list[Tok], begin: int, i: int) -> bool:
    """Whether a lower-case word at toks[i] ends the noun phrase from toks[begin] because a name
    came before it: the object of a preposition ("Attorneys for Dalia Crane opposed", but not
    "a spokesman for Democratic presidential candidate Ada Lind"), a full name after a title
    ("the retired judge Ada Lind ended") or the phrase itself ("Trump returned the compliment")."""
    j = i - 1
    while j > begin and toks[j].cap:
        j -= 1
    return j < i - 1 and (toks[j].low in _ATTACH or toks[j].text.islower() and ends_in_name(toks, j + 1, i)) \
        and _name_then_verb(toks, j + 1, i) or _name_then_verb(toks, begin, i)


def _main_verb(toks: list[Tok], begin: int, i: int) -> bool:
    """Whether a past-tense word at toks[i] is the verb after the noun phrase from toks[begin] ("His
    chief aide | doubled down", "The Democratic National Convention | released a statement"): it
    follows a noun, not a determiner or an adjective, and no preposition follows it ("one
    Republican involved in the planning") but for an infinitive ("The candidate appeared to") or
    when it can be no participle ("took to")."""
    if i == begin or not past_tense(toks[i].text):
        return False
    before = toks[i - 1]
    if before.low in DETERMINERS or before.low.endswith(("ly", "ed", "al", "ive", "ous", "ic", "ful", "est")):
        return False
    if i + 2 < len(toks) and (toks[i + 1].low == "to" and toks[i + 2].text.islower()
                              and toks[i + 2].low not in DETERMINERS
                              or toks[i + 1].low == "by" and toks[i + 2].low.endswith("ing")):
        return True  # "The candidate appeared to assert …", "The mogul began by talking …"
    return toks[i].low in _PAST_ONLY or not (i + 1 < len(toks) and (toks[i + 1].low in _GOVERNING
                                                                     or toks[i + 1].low in {"by", "as"}))


# past tenses that are no participle, so a verb even before a preposition ("The mayor took to X")
_PAST_ONLY = frozenset({"was", "took", "went", "gave", "came", "did", "began", "ran", "broke"})


def past_tense(word: str) -> bool:
    """Whether a lower-case word reads as a verb in the past tense ("rallied", "shared", "went")."""
    return word.islower() and (word in IRREGULAR_PAST or word.endswith("ed") and not word.endswith("eed")
                               and len(word) > 4)


def _name_then_verb(toks: list[Tok], begin: int, i: int) -> bool:
    """Whether toks[begin:i] is a name and the lower-case words at `i` are not a modifier before
    another name ("Trump campaign manager Jeff Weaver") or a role noun before a comma ("Trump's
    Virginia state director, Mike Rubino") but most likely a verb ("Trump returned");
    a past-tense word is a verb even before a name ("Perez hammered Trump")."""
    if i == begin or not all(t.cap and t.low not in DETERMINERS for t in toks[begin:i]) \
            or toks[i - 1].low.endswith(("'s", "'")) or i - begin == 1 and toks[begin].low in common_words():
        return False
    if past_tense(toks[i].text):
        return True
    j = i
    while j < len(toks) and j - i < 3 and toks[j].text[:1].islower() and is_word(toks[j]):
        j += 1
    if j < len(toks) and toks[j].text == "," and toks[j - 1].low in TITLES:
        return False  # "Trump’s Virginia state director, Mike Rubino"
    return not (j < len(toks) and toks[j].cap)


def _first_name_word(toks: list[Tok], i: int) -> bool:
    """Whether a capitalized common word inside a sentence opens a name ("said Will Doyle",
    "said May Lee"): a word comes before it and a name word after it; or right after a quote,
    a word that is also a first name (`“…,” Will Doyle said`), or a name alone before a
    reporting verb (`“…,” Will wrote`, `“…,” May said`)."""
    if i == 0 and toks[i].low in _FIRST_NAME_WORDS and len(toks) > 1 and toks[1].low in REPORTING_VERBS:
        return True
    after = toks[i - 1].text[:1].isalpha() if i else toks[i].low in _FIRST_NAME_WORDS
    return i < len(toks) - 1 and after and toks[i + 1].cap and toks[i + 1].low not in NOT_NAMES


def _name_opener(toks: list[Tok], i: int) -> bool:
    """Whether a function word opens a name all the same: an honorific written without its period
    before a name word (`“…”, Dr Ada Lind said`, as British papers write it), or an acronym in
    capitals in a sentence that is not ("says WHO")."""
    word = toks[i]
    if word.low in _BARE_HONORIFICS:
        return i + 1 < len(toks) and toks[i + 1].cap and toks[i + 1].low not in NOT_NAMES
    return len(word.text) > 2 and word.text.isupper() and not any(
        t.text.isupper() and len(t.text) > 1 for t in toks[max(i - 1, 0):i] + toks[i + 1:i + 2])


def _title_inside(toks: list[Tok], i: int) -> bool:
    """Whether a capitalized word at toks[i] belongs to the name it is in: not a common word, or one
    between two name words, as in the title of a show ("CBS This Morning co-host Ada Lind"), or an
    honorific written without its period ("study co-author Dr Milica Vasiljevic")."""
    return toks[i].low not in NOT_NAMES or toks[i - 1].cap and i + 1 < len(toks) and toks[i + 1].cap \
        and toks[i + 1].low not in NOT_NAMES or toks[i].low in _BARE_HONORIFICS and _name_opener(toks, i)


def _org_link(toks: list[Tok], i: int) -> bool:
    """Whether "for" or "on" at toks[i] links the words of an organization's name ("Center for
    Nonproliferation Studies", "Committee on Ways and Means"), not a date ("campaign on Monday")."""
    return toks[i].low in {"for", "on"} and 0 < i < len(toks) - 1 and toks[i - 1].low in ORG_WORDS \
        and toks[i - 1].cap and toks[i + 1].cap and toks[i + 1].low not in NOT_NAMES


def _caps_end(toks: list[Tok], k: int, most: int) -> int:
    """The index past the capitalized words from toks[k], at most `most` of them."""
    j = k
    while j < len(toks) and j - k < most and toks[j].cap:
        j += 1
    return j


def _org_ahead(toks: list[Tok], k: int) -> bool:
    """Whether the capitalized words from toks[k] end an organization's name ("[Exchange
    Commission]" after "Securities and")."""
    return toks[_caps_end(toks, k, len(toks)) - 1].low in ORG_WORDS


def _name_ahead(toks: list[Tok], k: int) -> bool:
    """Whether the capitalized words from toks[k] (eight at most) end in a person's name ("[New
    York City Mayor Rudy Giuliani]" after "Former prosecutor and")."""
    return ends_in_name(toks, k, _caps_end(toks, k, 8))


def ends_in_name(toks: list[Tok], a: int, b: int) -> bool:
    """Whether toks[a:b] ends in a first name and a surname."""
    return b - a >= 2 and toks[b - 1].cap and toks[b - 2].cap and given_name(toks[b - 2].low)


def _title_word(toks: list[Tok], i: int) -> bool:
    """Whether a speech word that is mostly a noun opens a title before a name ("talk radio host
    Rush Limbaugh", "state attorney Dave Aronberg"): lower-case words, then a capitalized one or
    a comma after a role noun ("Trump's Virginia state director, Mike Rubino")."""
    if toks[i].low not in NOUNISH:
        return False
    j = i + 1
    while j < len(toks) and j - i <= 3 and toks[j].text.islower() and is_word(toks[j]) \
            and toks[j].low not in CLAUSE_STOP and toks[j].low not in ADVERBS and toks[j].low not in SPEECH_VERBS:
        j += 1
    if j > i + 1 and j < len(toks) and toks[j].text == "," and toks[j - 1].low in TITLES:
        return True  # "Trump’s Virginia state director, Mike Rubino"
    return j > i + 1 and j < len(toks) and toks[j].cap and toks[j].low not in NOT_NAMES


def _figure(toks: list[Tok], i: int) -> bool:
    """Whether toks[i] is a number or a symbol inside one that a noun phrase can hold ("9/11 widow",
    "76-year-old", "$15", "P&G"): a word opening with a digit, "/" or "$" before a digit, "&"
    between capitalized words."""
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if t.text[:1].isdigit():
        return True
    if t.text in {"/", "$"}:
        return nxt is not None and nxt.text[:1].isdigit()
    return t.text == "&" and i > 0 and toks[i - 1].cap and nxt is not None and nxt.cap


def np_forward(toks: list[Tok], begin: int, closed_at_end: bool = True) -> tuple[int, str | None]:
    """The index just past the noun phrase starting at toks[begin], and an apposition role.

    An apposition must be closed by punctuation; running into the end of `toks` closes it
    only when `closed_at_end` (not when a quote follows: `according to X, the plan “…`).
    """
    i = begin
    n = len(toks)
    if i < n and toks[i].low in PRONOUNS:
        return i + 1, None
    titled = False  # in a name opened by "The" after a preposition, where any capitalized word belongs
    while i < n:
        t = toks[i]
        if t.text in {"’s", "'s"} or t.text == "-":
            i += 1
            continue
        titled = titled and t.cap
        if t.cap and (titled or (t.low not in NOT_NAMES or _first_name_word(toks, i) or _name_opener(toks, i)
                                 if i == begin else _title_inside(toks, i))) \
                or (t.low in DETERMINERS and i == begin):
            i += 1
            continue
        if t.cap and t.low in _WHEN and i == begin + 1 and toks[begin].low in DETERMINERS:
            i += 1  # "a Wednesday editorial"
            continue
        if t.low in DETERMINERS and i > begin and (toks[i - 1].low in _ATTACH or toks[i - 1].low == "by") \
                and i + 1 < n and toks[i + 1].cap:
            i += 1  # "an editorial in The Des Moines Register", "reviewed by The Post"
            titled = True
            continue
        if t.low == "as" and i > begin and toks[i - 1].low == "known" and i + 1 < n and toks[i + 1].cap:
            i += 1  # "the base chief known as Bob"
            continue
        if t.low == "by" and i > begin + 1 and toks[i - 1].low in HANDLED and i + 1 < n \
                and (toks[i + 1].cap or toks[i + 1].low in DETERMINERS):
            i += 1  # "a copy of the letter reviewed by The Post"
            continue
        if t.low == "of" and i + 1 < n and toks[i + 1].cap and i > begin or _org_link(toks, i):
            i += 1
            continue
        if t.low in PARTICLES and i + 1 < n and toks[i + 1].cap:
            i += 1
            continue
        if t.low == "and" and i > begin and i + 1 < n and toks[i + 1].cap \
                and (toks[i - 1].low in TITLES or toks[i - 1].cap and _org_ahead(toks, i + 1)
                     or toks[i - 1].text.islower() and _name_ahead(toks, i + 1)):
            i += 1
            continue
        noun = t.low not in SPEECH_VERBS or i > begin and (toks[i - 1].low in {"of", "for"}
                                                             or toks[i - 1].low in DETERMINERS) \
            or _title_word(toks, i)
        if t.text[:1].islower() and is_word(t) and noun and t.low not in CLAUSE_STOP and t.low not in ADVERBS \
                and not t.low.endswith("ly") and i - begin < 8 and not _after_name(toks, begin, i) \
                and not _main_verb(toks, begin, i):
            i += 1
            continue
        if t.low.endswith("ly") and i > begin and toks[i - 1].low in DETERMINERS and i + 1 < n \
                and toks[i + 1].text[:1].islower() and is_word(toks[i + 1]) and toks[i + 1].low not in CLAUSE_STOP:
            i += 1
            continue
        if _figure(toks, i):
            i += 1
            continue
        if t.low in _ATTACH and i > begin and _common_head(toks[begin]) and i - begin < 10 \
                and i + 1 < n and (toks[i + 1].cap or toks[i + 1].low in DETERMINERS):
            i += 1
            continue
        break
    while i > begin + 1 and (toks[i - 1].low in DETERMINERS or toks[i - 1].low in _ATTACH or toks[i - 1].low == "by"):
        i -= 1  # the word limit cut "one Republican involved in the planning of [the convention]"
    if i > begin and not (toks[begin].cap or toks[begin].low in DETERMINERS
                          or any(t.cap for t in toks[begin:i])):
        return begin, None
    role = None
    if i < n and toks[i].text == "," and i > begin:
        j = i + 1
        k = j
        while k < n and toks[k].text not in {",", ".", ";", ":", "“", "\"", "”", "(", ")"} and k - j < 14:
            k += 1
        closed = closed_at_end if k == n else toks[k].text in {",", ".", ";", ")"}
        if k > j and closed and (toks[j].low in DETERMINERS or toks[j].low in TITLES or not toks[j].cap
                                 or _PARTY.fullmatch(toks[j].text)) and toks[j].low not in {"who", "which", "and"} \
                and reads_as_role([t.text for t in toks[j:k]]):
            role = phrase_text(toks, j, k)
    return i, role


def joined_forward(toks: list[Tok], end: int) -> int:
    """The end of the noun phrases joined by "and" to the one ending at `end` (`Trump and Ryan`)."""
    while end + 1 < len(toks) and toks[end].low == "and" and toks[end + 1].cap:
        more, _ = np_forward(toks, end + 1)
        if more == end + 1:
            break
        end = more
    return end


def reads_as_role(words: list[str]) -> bool:
    """Whether the words set off after a name describe the person ("a retired worker", "acting
    political director") rather than go on with what they did ("speaking at a rally", "told
    Reuters", "captured Virginia", "according to FEC filings", "however, could not")."""
    first = words[0].lower()
    if first in TITLES or first in DETERMINERS or not words[0].islower():
        return True
    if first in SPEECH_VERBS or first in CLAUSE_STOP or first in IRREGULAR_PAST or first == "according" \
            or first in ADVERBS or first in INTRO_WORDS or first.endswith("ly"):
        return False
    if first.endswith("ing"):
        return False
    if first.endswith("ed"):
        return len(words) > 1 and words[1].islower() and words[1].lower() not in CLAUSE_STOP \
            and words[1].lower() not in DETERMINERS and words[1].lower() not in _GOVERNING
    return True


def phrase_text(toks: list[Tok], a: int, b: int) -> str:
    """The words toks[a:b] as written, with possessive marks reattached."""
    out = ""
    for k in range(a, b):
        t = toks[k]
        joined = k > a and toks[k - 1].start + len(toks[k - 1].text) == t.start
        if t.text in {"’s", "'s", ",", "."} or not out or joined:
            out += t.text
        else:
            out += " " + t.text
    return out.strip(" ,")


# words that end the phrase after a possessive description's head: a clause starts
_NOT_IN_DESCRIPTION = {"who", "whom", "whose", "which", "that", "is", "was", "are", "were", "has", "have", "had",
                       "will", "would", "but", "or", "because", "when", "while", "if"}


def named_apposition(toks: list[Tok], start: int, end: int) -> tuple[int, int] | None:
    """The span of a name in apposition after a description: `the bureau's director, James Comey,`,
    `Epstein's neighbor in both Florida and New York, Donald Trump,` (a few words of a phrase
    after a possessive description's lower-case head may come before the comma)."""
    owned = toks[start].cap and any(is_possessive(t) for t in toks[start:end]) and toks[end - 1].text.islower()
    if toks[start].low not in DETERMINERS and not owned:
        return None
    while owned and end + 1 < len(toks) and end - start < 12 and (is_word(toks[end]) or toks[end].cap) \
            and toks[end].low not in _NOT_IN_DESCRIPTION and not speech_verb(toks[end]):
        end += 1
    if end + 1 >= len(toks) or toks[end].text != ",":
        return None
    k = end + 1
    while k < len(toks) and (toks[k].cap or toks[k].low in PARTICLES) and toks[k].low not in NOT_NAMES:
        k += 1
    if k - (end + 1) >= 2 and (k == len(toks) or toks[k].text in {",", ".", ";"}):
        return end + 1, k
    return None


def leads_to_name(toks: list[Tok], k: int) -> bool:
    """Whether toks[k] is a particle or lower-case title word leading to a name ("presidential
    nominee Donald Trump", "van Gogh")."""
    j = k
    while j < len(toks) and j - k < 3 and (toks[j].low in PARTICLES or toks[j].low in TITLES):
        j += 1
    return j > k and j < len(toks) and toks[j].cap
