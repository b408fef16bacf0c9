"""Speech cues around a quote: reporting verbs, "according to", passives, and their noun phrases.

Works on tokens of the text outside a quote in its sentence. `cue_after` reads what
follows the quote (`“…,” said X`, `“…,” X said`, `“…” ― X`), `cue_before` what precedes
it (`X said: “`, `X said that … “`, `according to X, “`, `…, saying “`), and
`passive_cue` the `as “…” by X` form. Each returns the speaker phrase as written; names,
pronouns and roles are resolved elsewhere (`speakers.py`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .names import NOT_NAMES, ORG_WORDS, PARTICLES, TITLES, common_words, not_people

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
""".split())
PARTICIPLES = frozenset(w + "ing" for w in """
say tell add writ tweet not argu call describ warn insist explain claim declar ask stat urg accus
predict promis vow complain suggest admitt acknowledg label dubb stress emphasiz recall jok respond
reply criticiz prais blast slamm mock derid insist respond conced confirm deny announc characteriz
speculat cit
""".split()) | {"denying", "replying"}
_BE = {"was", "were", "is", "are", "be", "been", "being"}
_INTRO = {"on", "in", "at", "after", "before", "during", "earlier", "later", "last", "meanwhile",
          "however", "but", "and", "then", "still", "also", "since", "when", "while", "as", "for",
          "by", "in", "speaking", "asked", "instead", "now", "yet", "so", "separately", "elsewhere",
          "amid", "despite", "following", "unlike", "among", "throughout", "upon", "once", "although",
          "though", "because", "until", "under", "with", "without"}
PRONOUNS = {"he": "m", "she": "f", "they": None, "i": None, "we": None, "it": None}
DETERMINERS = {"the", "a", "an", "one", "another", "some", "several", "many", "two", "three",
                "his", "her", "their", "its", "our", "other", "multiple", "most", "few", "both"}
_ADVERBS = {"also", "later", "then", "previously", "once", "recently", "repeatedly", "simply",
            "could", "can", "might", "must", "should", "did", "does", "do", "only", "never", "not",
            "flatly", "quickly", "again", "further", "still", "often", "has", "had", "have",
            "would", "will", "just", "even", "publicly", "privately", "reportedly",
            "bluntly", "famously", "angrily", "sharply", "separately", "told", "initially",
            "ultimately", "finally", "first", "was", "is", "wrote", "added", "each"}
_CLAUSE_STOP = {"and", "but", "or", "that", "which", "who", "whom", "whose", "because", "when",
                "while", "as", "if", "after", "before", "since", "though", "although", "where",
                "so", "than", "to", "in", "on", "at", "for", "with", "from", "by", "about",
                "during", "into", "over", "under", "against", "without", "between", "is", "was",
                "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
                "could", "should", "can", "may", "might", "must", "do", "does", "did", "not",
                "said", "says", "told", "like", "what", "how", "why", "all", "just"}
_TOKEN = re.compile(r"[\w’'\-]+(?:\.(?:[A-Z]\.)*)?|[^\w\s]")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "jr", "sr", "st",
                  "lt", "col", "sgt", "capt", "prof", "rev", "adm", "maj", "cmdr", "inc", "corp", "co",
                  "u.s", "u.n", "u.k", "d.c", "no", "vs", "gop", "del", "atty", "supt", "ft", "mt", "msgr",
                  "fr", "sgt", "cpl", "pvt", "lt. gen", "gens", "ave", "blvd", "jan", "feb", "aug", "sept",
                  "oct", "nov", "dec", "ariz", "calif", "conn", "fla", "ga", "ill", "ind", "kan", "ky",
                  "la", "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore",
                  "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "n.y", "n.j", "n.c", "s.c"}
_FIRST_NAME_WORDS = {"will", "may", "june", "april", "august"}
_WHEN = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "month",
         "year", "night", "morning", "afternoon", "evening", "weekend"}
# words after an opening past participle ("Reached by phone, …", "Pressed on the issue, …")
_PARTICIPLE_LINKS = {"by", "on", "about", "with", "at", "in", "after", "for", "from", "over"}
_ATTACH = {"to", "of", "for", "with", "from", "at", "in"}
_GOVERNING = {"in", "at", "on", "of", "for", "with", "from", "about", "to", "into", "over", "under", "than"}
_BACK_VERBS = {"shot", "fired", "hit", "pushed", "wrote", "snapped", "struck"}
# speech words that are more often nouns: read as verbs only when nothing marks them as nouns
_NOUNISH = frozenset("""
tweet tweets post posts reply replies answer answers note notes state states claim claims remark remarks
joke jokes quip quips promise promises vow vows charge charges counter counters boast boasts call calls
label labels report reports pledge pledges demand demands point points offer offers talk talks echo echoes
attack attacks rates shout shouts
""".split())
# nouns for things said: "Trump's claim that …" makes Trump the speaker of the quote in the clause
SAID_NOUNS = frozenset("""
claim claims statement statements remark remarks comment comments words tweet tweets promise promises pledge
pledges vow vows call calls assertion assertions accusation accusations description characterization
suggestion suggestions charge charges warning warnings insistence contention response answer message
messages slogan argument arguments declaration prediction predictions complaint complaints demand demands
allegation allegations boast quip joke assumption
""".split())
_SAID_NEXT = {"that", "of", "for", "to", "about"}
_FINITE_BE = {"is", "are", "was", "were"}
# who merely handled a document, not its author: `a copy reviewed by The Post`
_HANDLED = {"reviewed", "obtained", "seen", "provided", "viewed", "shared", "received", "leaked", "cited",
            "quoted", "reported", "described", "first"}
# words after which a name and a participle cue make a clause of their own: `with Lind saying “…”`
_SUBJECT_LEADS = {"with", "of", "and", "—", "–"}
_ADJECTIVE_ENDINGS = ("al", "ous", "ive", "ic", "ful", "less", "able", "ible", "ing", "est", "ary")
_PERSON_NOUNS = {"official", "officials", "critic", "executive", "representative", "detective", "relative",
                 "general", "liberal", "radical", "rival", "individual", "professional", "principal", "ally",
                 "king", "spokesperson", "conservative", "republican", "democratic", "skeptic", "cynic",
                 "academic", "mechanic", "medic", "cleric"}
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
        """Whether the word starts with a capital letter."""
        return self.text[:1].isupper()


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
        if word.endswith(".") and len(word) > 2 and word[:-1].lower() not in _ABBREVIATIONS:
            out.append(Tok(word[:-1], m.start()))
            out.append(Tok(".", m.end() - 1))
        else:
            out.append(Tok(word, m.start()))
    return out



def _is_verb(tok: Tok) -> bool:
    """Whether a token is a speech verb (written in lower case)."""
    return tok.text.islower() and tok.low in SPEECH_VERBS


def _is_word(tok: Tok) -> bool:
    """Whether a token is a word of letters, hyphenated and possessive ones included ("front-runner",
    "bureau's")."""
    return tok.text.removesuffix("’s").removesuffix("'s").replace("-", "").isalpha()


def _noun_use(word: Tok, nxt: Tok) -> bool:
    """Whether a verb-like word is a noun by what follows it ("tweets targeting", "claims are",
    "a tweet attacking", "claims of fraud"): after an -s word, a form of "be" or a participle;
    after a word that is mostly a noun, a participle or "of"."""
    if word.low.endswith("s") and word.low != "says" and (nxt.low in _BE or nxt.low.endswith("ing")):
        return True
    return word.low in _NOUNISH and (nxt.low == "of" or nxt.text.islower() and nxt.low.endswith("ing"))


def _possessive(tok: Tok) -> bool:
    """Whether a word is a possessive ("Trump's", "Sanders’")."""
    return tok.low.endswith(("'s", "s'")) and len(tok.low) > 2


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
    if _possessive(before):
        return True
    if toks[v].low not in _NOUNISH:
        return False
    if _adjective(before):
        return True
    return v > 1 and not toks[v].low.endswith("s") and before.text.islower() and _is_word(before) \
        and not before.low.endswith("s") and before.low not in PRONOUNS and before.low not in _ADVERBS \
        and before.low not in _CLAUSE_STOP and (toks[v - 2].low in DETERMINERS or toks[v - 2].low == "which"
                                                or _possessive(toks[v - 2]))


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
    while k > 0 and v - k <= 2 and toks[k].text.islower() and not _possessive(toks[k]):
        k -= 1
    if k < 0 or not _possessive(toks[k]) or not toks[k].cap:
        return None
    start = k
    while start < k and toks[start].low in _INTRO:
        start += 1
    while start > 0 and (toks[start - 1].cap or toks[start - 1].low in PARTICLES) and not _possessive(toks[start - 1]) \
            and toks[start - 1].low not in _INTRO:
        start -= 1
    words = _phrase(toks, start, k + 1)
    return Source(re.sub(r"[’'](?:s)?$", "", words), toks[v].text, toks[start].start)


def _judged(toks: list[Tok], begin: int) -> bool:
    """Whether toks[begin:] end in a form of "be" (and adverbs) before the quote: `… were “…”`."""
    k = len(toks)
    while k > begin and (toks[k - 1].low in _ADVERBS or toks[k - 1].low.endswith("ly")) \
            and toks[k - 1].low not in _FINITE_BE:
        k -= 1
    return k > begin and toks[k - 1].low in _FINITE_BE


def _apposition_before(toks: list[Tok], comma: int) -> tuple[int, str | None] | None:
    """The apposition that ends at toks[comma] (`X, the mayor of Y, said`, `X, of Flint, Mich., said`):
    the index of its opening comma and its words as a role (None for a relative clause, a place or a
    prepositional phrase). A clause with "what" is none (`in what X, a treasurer, called`)."""
    j = comma - 1
    while j >= 0 and toks[j].text != "," and comma - j < 32:
        j -= 1
    if j <= 0 or toks[j].text != "," or comma - j <= 1:
        return None
    inner = toks[j + 1:comma]
    if any(t.low == "what" for t in inner):
        return None
    before = toks[j - 1]
    relative = inner[0].low in {"who", "which", "whose"}
    place = all(t.low.rstrip(".") in not_people() or t.low.rstrip(".") in _ABBREVIATIONS for t in inner)
    if (before.cap or before.text.isdigit() or before.low in PRONOUNS or relative or place) and (
            not inner[0].cap or inner[0].low in DETERMINERS or inner[0].low in TITLES
            or _PARTY.fullmatch(inner[0].text) or place
            or any(t.text in {"’s", "'s"} or t.low.endswith(("’s", "'s")) for t in inner[:3])):
        described = not (relative or place or inner[0].low in _GOVERNING or inner[0].low in _INTRO
                         or inner[0].text[:1].isdigit())
        return j, " ".join(t.text for t in inner) if described else None
    return None


def _np_backward(toks: list[Tok], end: int) -> tuple[int, int, str | None]:
    """The span (start, stop) of the noun phrase before toks[end], the subject of a verb there,
    skipping adverbs and an apposition between them; and the apposition as a role."""
    i = end - 1
    while i >= 0:
        if not toks[i].cap and (toks[i].low in _ADVERBS or toks[i].low.endswith("ly")):
            i -= 1
        elif i > 0 and toks[i].low in _WHEN and toks[i - 1].low in {"on", "last", "this", "in", "early", "late"}:
            i -= 2
        else:
            break
    if i > 0 and toks[i].low in {"that", "which"}:
        i -= 1
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
    if toks[i].low in PRONOUNS:
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
        if t.cap and t.low not in NOT_NAMES:
            k -= 1
            continue
        if t.low == "of" and k > 0 and toks[k - 1].cap and k + 1 < stop and toks[k + 1].cap:
            k -= 1
            continue
        if t.low in PARTICLES and k + 1 < stop and toks[k + 1].cap:
            k -= 1
            continue
        if t.text[:1].islower() and t.low not in _CLAUSE_STOP and _is_word(t) and stop - k < 8 \
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
    if start > 0 and toks[start - 1].low in _GOVERNING and toks[start].low not in PRONOUNS:
        head, head_stop, head_role = _np_backward(toks, start - 1)
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
    "a spokesman for Democratic presidential candidate Ada Lind") or the phrase itself ("Trump
    returned the compliment")."""
    j = i - 1
    while j > begin and toks[j].cap:
        j -= 1
    return j < i - 1 and toks[j].low in _ATTACH and _name_then_verb(toks, j + 1, i) or _name_then_verb(toks, begin, i)


def _name_then_verb(toks: list[Tok], begin: int, i: int) -> bool:
    """Whether toks[begin:i] is a name and the lower-case words at `i` are not a modifier before
    another name ("Trump campaign manager Jeff Weaver") but most likely a verb ("Trump returned");
    a past-tense word is a verb even before a name ("Perez hammered Trump")."""
    if i == begin or not all(t.cap and t.low not in DETERMINERS for t in toks[begin:i]) \
            or toks[i - 1].low.endswith(("'s", "'")) or i - begin == 1 and toks[begin].low in common_words():
        return False
    word = toks[i].text
    if word.islower() and word.endswith("ed") and not word.endswith("eed") and len(word) > 4:
        return True
    j = i
    while j < len(toks) and j - i < 3 and toks[j].text[:1].islower() and _is_word(toks[j]):
        j += 1
    return not (j < len(toks) and toks[j].cap)


def _first_name_word(toks: list[Tok], i: int) -> bool:
    """Whether a capitalized common word inside a sentence opens a name ("said Will Doyle",
    "said May Lee"): a word comes before it and a name word after it; or right after a quote,
    a word that is also a first name (`“…,” Will Doyle said`)."""
    after = toks[i - 1].text[:1].isalpha() if i else toks[i].low in _FIRST_NAME_WORDS
    return i < len(toks) - 1 and after and toks[i + 1].cap and toks[i + 1].low not in NOT_NAMES


def _title_inside(toks: list[Tok], i: int) -> bool:
    """Whether a capitalized word at toks[i] belongs to the name it is in: not a common word, or one
    between two name words, as in the title of a show ("CBS This Morning co-host Ada Lind")."""
    return toks[i].low not in NOT_NAMES or toks[i - 1].cap and i + 1 < len(toks) and toks[i + 1].cap \
        and toks[i + 1].low not in NOT_NAMES


def _org_link(toks: list[Tok], i: int) -> bool:
    """Whether "for" or "on" at toks[i] links the words of an organization's name ("Center for
    Nonproliferation Studies", "Committee on Ways and Means"), not a date ("campaign on Monday")."""
    return toks[i].low in {"for", "on"} and 0 < i < len(toks) - 1 and toks[i - 1].low in ORG_WORDS \
        and toks[i - 1].cap and toks[i + 1].cap and toks[i + 1].low not in NOT_NAMES


def _org_ahead(toks: list[Tok], k: int) -> bool:
    """Whether the capitalized words from toks[k] end an organization's name ("[Exchange
    Commission]" after "Securities and")."""
    while k < len(toks) and toks[k].cap:
        k += 1
    return toks[k - 1].low in ORG_WORDS


def _title_word(toks: list[Tok], i: int) -> bool:
    """Whether a speech word that is mostly a noun opens a title before a name ("talk radio host
    Rush Limbaugh", "state attorney Dave Aronberg"): lower-case words, then a capitalized one."""
    if toks[i].low not in _NOUNISH:
        return False
    j = i + 1
    while j < len(toks) and j - i <= 3 and toks[j].text.islower() and _is_word(toks[j]) \
            and toks[j].low not in _CLAUSE_STOP and toks[j].low not in _ADVERBS and toks[j].low not in SPEECH_VERBS:
        j += 1
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


def _np_forward(toks: list[Tok], begin: int, closed_at_end: bool = True) -> tuple[int, str | None]:
    """The index just past the noun phrase starting at toks[begin], and an apposition role.

    An apposition must be closed by punctuation; running into the end of `toks` closes it
    only when `closed_at_end` (not when a quote follows: `according to X, the plan “…`).
    """
    i = begin
    n = len(toks)
    if i < n and toks[i].low in PRONOUNS:
        return i + 1, None
    while i < n:
        t = toks[i]
        if t.text in {"’s", "'s"} or t.text == "-":
            i += 1
            continue
        if t.cap and (t.low not in NOT_NAMES or _first_name_word(toks, i) if i == begin else _title_inside(toks, i)) \
                or (t.low in DETERMINERS and i == begin):
            i += 1
            continue
        if t.low == "of" and i + 1 < n and toks[i + 1].cap and i > begin or _org_link(toks, i):
            i += 1
            continue
        if t.low in PARTICLES and i + 1 < n and toks[i + 1].cap:
            i += 1
            continue
        if t.low == "and" and i > begin and i + 1 < n and toks[i + 1].cap \
                and (toks[i - 1].low in TITLES or toks[i - 1].cap and _org_ahead(toks, i + 1)):
            i += 1
            continue
        noun = t.low not in SPEECH_VERBS or i > begin and (toks[i - 1].low in {"of", "for"}
                                                             or toks[i - 1].low in DETERMINERS) \
            or _title_word(toks, i)
        if t.text[:1].islower() and _is_word(t) and noun and t.low not in _CLAUSE_STOP and t.low not in _ADVERBS \
                and not t.low.endswith("ly") and i - begin < 8 and not _after_name(toks, begin, i):
            i += 1
            continue
        if t.low.endswith("ly") and i > begin and toks[i - 1].low in DETERMINERS and i + 1 < n \
                and toks[i + 1].text[:1].islower() and _is_word(toks[i + 1]) and toks[i + 1].low not in _CLAUSE_STOP:
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
                                 or _PARTY.fullmatch(toks[j].text)) and toks[j].low not in {"who", "which", "and"}:
            role = " ".join(t.text for t in toks[j:k])
    return i, role


def _phrase(toks: list[Tok], a: int, b: int) -> str:
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


def cue_after(toks: list[Tok]) -> Source | None:
    """A cue right after the quote: `, said X`, `, X said`, `, according to X`, `by X` (passive)."""
    i = 0
    while i < len(toks) and toks[i].text in {",", "—", "–", "-", "―", "”", "\"", "?", "!"}:
        i += 1
    if i >= len(toks):
        return None
    if any(t.text in {"—", "―", "–"} for t in toks[:i]) and toks[i].cap:
        end, role = _np_forward(toks, i)
        if end > i and (end >= len(toks) or toks[end].text in {".", ",", ";"}):
            return Source(_phrase(toks, i, end), "—", toks[i].start, role)
    if toks[i].low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        found = _according_to(toks, i + 2, closed_at_end=True)
        if found is not None:
            return found
    if toks[i].low == "as":
        return _as_put_it(toks, i + 1)
    if _is_verb(toks[i]) and toks[i].low not in {"called", "described", "saying"}:
        j = i + 1
        if j < len(toks) and toks[j].low in {"told", "asked"}:
            return None
        end, role = _np_forward(toks, j)
        if end > j and toks[j].low not in {"that", "in", "on", "at"}:
            named = _named_apposition(toks, j, end)
            if named is not None:
                return Source(_phrase(toks, *named), toks[i].text, toks[named[0]].start, _phrase(toks, j, end))
            return Source(_phrase(toks, j, end), toks[i].text, toks[j].start, role)
        return None
    end, role = _np_forward(toks, i)
    if end == i:
        return None
    while end + 1 < len(toks) and toks[end].low == "and" and toks[end + 1].cap:
        more, _ = _np_forward(toks, end + 1)
        if more == end + 1:
            break
        end = more
    named = _named_apposition(toks, i, end)
    k = end
    if k < len(toks) and toks[k].text == ",":
        k = _past_comma(toks, k + 1, end + 25)
        for limit in (end + 50, end + 60, end + 70):
            if k < len(toks) and toks[k - 1].text == "," and not _is_verb(toks[k]):
                k = _past_comma(toks, k, limit)
    while k < len(toks) and toks[k].low in _ADVERBS and not _is_verb(toks[k]):
        k += 1
    if k + 1 < len(toks) and toks[k].low in _BACK_VERBS and toks[k + 1].low == "back":
        return Source(_phrase(toks, i, end), f"{toks[k].text} back", toks[i].start, role)
    if not (k < len(toks) and _is_verb(toks[k])):
        k = _after_relative(toks, end)
    if k < len(toks) and _is_verb(toks[k]) and not _noun_by_modifier(toks, k) \
            and not (k + 1 < len(toks) and _noun_use(toks[k], toks[k + 1])):
        if named is not None:
            return Source(_phrase(toks, *named), toks[k].text, toks[named[0]].start, _phrase(toks, i, end))
        return Source(_phrase(toks, i, end), toks[k].text, toks[i].start, role)
    return None


def _as_put_it(toks: list[Tok], begin: int) -> Source | None:
    """The speaker of `“…,” as X put it` or `“…,” as X said on Monday`: the noun phrase between
    "as" and a verb that closes the clause (not `as he promised to defend …`)."""
    for k in range(begin + 1, min(len(toks), begin + 9)):
        t = toks[k]
        if t.text in {",", ".", ";", ":"}:
            return None
        put = t.low in {"put", "puts"} and k + 1 < len(toks) and toks[k + 1].low == "it"
        if put or _is_verb(t) and t.low not in _READ:
            after = k + 1 + put
            stop = min(_np_forward(toks, begin)[0], k)
            if stop == begin or after < len(toks) and (toks[after].low not in _CLAUSE_TAIL or toks[after].low == "to"):
                return None
            return Source(_phrase(toks, begin, stop), f"{t.text} it" if put else t.text, toks[begin].start)
    return None


def _according_to(toks: list[Tok], begin: int, closed_at_end: bool) -> Source | None:
    """The source after "according to" at toks[begin]: its noun phrase, or the named author of a
    document it describes (`according to a complaint filed by the SEC`, `calculations by X`)."""
    end, role = _np_forward(toks, begin, closed_at_end=closed_at_end)
    if begin < len(toks) and not toks[begin].cap:
        author = _author(toks, end)
        if author is not None:
            return Source(_phrase(toks, *author), "according to", toks[author[0]].start, None)
    if end == begin:
        return None
    return Source(_phrase(toks, begin, end), "according to", toks[begin].start, role)


def _author(toks: list[Tok], end: int) -> tuple[int, int] | None:
    """The span of the named agent after a described document ending at toks[end]: "by X" or
    "from X", unless the agent only handled it ("reviewed by", "provided by")."""
    k = end
    while k < len(toks) and k - end < 4 and toks[k].text.islower() and _is_word(toks[k]) \
            and toks[k].low not in {"by", "from"} and toks[k].low not in _CLAUSE_STOP:
        k += 1
    if k + 1 < len(toks) and toks[k].low.endswith("ed") and toks[k + 1].low == "by":
        k += 1
    if k >= len(toks) or toks[k].low not in {"by", "from"} or toks[k - 1].low in _HANDLED:
        return None
    stop, _ = _np_forward(toks, k + 1)
    if stop == k + 1 or not any(t.cap for t in toks[k + 1:stop]):
        return None
    return k + 1, stop


def _after_relative(toks: list[Tok], end: int) -> int:
    """The index of the speech verb after an apposition that ends in an unclosed relative clause
    (`X, the polling guru who founded fivethirtyeight.com tweeted`), else len(toks)."""
    if end >= len(toks) or toks[end].text != ",":
        return len(toks)
    who = next((k for k in range(end + 1, min(end + 12, len(toks))) if toks[k].low in {"who", "whose"}), None)
    if who is None or any(t.text == "," for t in toks[end + 1:who]):
        return len(toks)
    for k in range(who + 2, min(who + 12, len(toks))):
        joined = k + 1 < len(toks) and toks[k + 1].start == toks[k].start + 1
        if toks[k].text in {",", ";", ":"} or toks[k].text == "." and not joined:
            break
        if _is_verb(toks[k]):
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


def _named_apposition(toks: list[Tok], start: int, end: int) -> tuple[int, int] | None:
    """The span of a name in apposition after a description: `the bureau's director, James Comey,`."""
    if toks[start].low not in DETERMINERS or end + 1 >= len(toks) or toks[end].text != ",":
        return None
    k = end + 1
    while k < len(toks) and (toks[k].cap or toks[k].low in PARTICLES) and toks[k].low not in NOT_NAMES:
        k += 1
    if k - (end + 1) >= 2 and (k == len(toks) or toks[k].text in {",", ".", ";"}):
        return end + 1, k
    return None


def cue_later(toks: list[Tok]) -> Source | None:
    """A cue further on in the quote's sentence, after a comma: `“…” for the EU, said X`."""
    for k, t in enumerate(toks):
        if t.text == "," and k:
            found = cue_after(toks[k:])
            if found is not None:
                return found
    return None


# "went" and "goes" are speech only right before the quote (`he went, “…”`, `went on about “…”`),
# not in `once the Senate goes on recess, “…`
_REPORTED = {"should", "would", "could", "will", "can", "may", "might", "must", "to", "that"}
# verbs that take a participle cue as their object, whose own subject speaks: `Lind kept asking why “…”`
_CATENATIVES = {"kept", "keeps", "began", "begins", "started", "starts", "continued", "continues", "stopped"}
_BARE_CUES = {"went", "goes"}
_BARE_CUE_TAILS = [[], ["on"], ["on", "about"], ["on", "to", "say"]]
# "read" introduces words only right before them (`the sign read: “…`), not in `had read the novel and found it “…`
_READ = {"read", "reads"}
_NAMING = {"dubbed", "called", "named", "titled", "entitled", "labeled", "labelled", "nicknamed", "billed", "branded"}


def _names_the_thing(toks: list[Tok], v: int) -> bool:
    """Whether the naming verb at toks[v] names the thing before it rather than reporting a speaker:
    right after a comma that closes no apposition ("The deal, dubbed “…”"), or right after a common
    noun with nothing but a determiner before the quote ("a website called “…”")."""
    before = toks[v - 1]
    if before.text == ",":
        return all(x.text != "," for x in toks[max(0, v - 9):v - 1])
    return before.text.islower() and before.low not in PRONOUNS and before.low not in _ADVERBS and _is_word(before) \
        and all(x.low in DETERMINERS for x in toks[v + 1:])


def cue_before(toks: list[Tok]) -> Source | None:
    """The last cue before the quote in its sentence: `X said: “`, `X said that … “`, `according to X, “`.

    A participle cue ("…, saying “") takes the subject of its clause; a passive one
    ("was called “") is left to the agent after the quote.
    """
    label = _label(toks)
    if label is not None:
        return label
    for v in range(len(toks) - 1, -1, -1):
        t = toks[v]
        if t.low == "according" and v + 1 < len(toks) and toks[v + 1].low == "to":
            found = _according_to(toks, v + 2, closed_at_end=False)
            if found is not None:
                return found
        phrasal = (t.low == "back" and v > 1 and toks[v - 1].low in _BACK_VERBS
                   or t.low == "it" and v > 1 and toks[v - 1].low in {"put", "puts"})
        if phrasal:
            start, stop, role = _np_backward(toks, v - 1)
            if start < stop:
                return Source(_phrase(toks, start, stop), f"{toks[v - 1].text} {t.text}", toks[start].start, role)
        owned = _owned_words(toks, v)
        if owned is not None:
            return owned
        if v and (toks[v - 1].low in DETERMINERS or toks[v - 1].low in {"of", "for"}) or _noun_by_modifier(toks, v):
            continue
        if v and toks[v - 1].low in _REPORTED and any(_is_verb(x) for x in toks[:v - 1]):
            continue
        if t.low in _READ and v + 1 < len(toks) and toks[v + 1].text not in {",", ":"}:
            continue
        if v and t.low in _NAMING and _names_the_thing(toks, v):
            continue
        participle = t.text.islower() and t.low in PARTICIPLES
        progressive = participle and v and toks[v - 1].low in _BE
        if not (_is_verb(t) or participle) or (v and toks[v - 1].low in _BE and not progressive):
            continue
        if progressive:
            participle = False
        if v + 1 < len(toks) and (toks[v + 1].low == "by" or _noun_use(t, toks[v + 1])):
            continue
        if t.low in _BARE_CUES and [x.low for x in toks[v + 1:] if x.text[:1].isalnum()] not in _BARE_CUE_TAILS:
            continue
        if participle:
            subject = _nearest_subject if v and toks[v - 1].low in _CATENATIVES else _subject
            found = _with_subject(toks, v) or _cue_before_comma(toks, v) or subject(toks, v) \
                or _nearest_subject(toks, v)
            if found is not None:
                return Source(found[0], t.text, found[1], found[2])
            continue
        inverted = _inverted_aside(toks, v)
        if inverted is not None:
            return inverted
        start, stop, role = _np_backward(toks, v)
        if start == stop:
            start, stop, role = _np_backward(toks, _relative_start(toks, v))
        if start < stop:
            return _what_it_called(toks, start, v) \
                or Source(_phrase(toks, start, stop), t.text, toks[start].start, role)
        if v + 1 < len(toks) and toks[v].low in {"said", "says"}:
            end, role = _np_forward(toks, v + 1)
            if end > v + 1 and toks[v + 1].cap and not (end < len(toks) and _is_word(toks[end])
                                                         and toks[end].text.islower()):
                return Source(_phrase(toks, v + 1, end), t.text, toks[v + 1].start, role)
    return _inverted_opening(toks) or _colon_cue(toks)


def _what_it_called(toks: list[Tok], k: int, v: int) -> Source | None:
    """The subject of the sentence for "it" or "they" in `what it called` when that subject is a
    named organization or group (`The Security Council condemned what it called “…”`), which
    the pronoun refers back to rather than to the last speaker."""
    if toks[k].low not in {"it", "they"} or k == 0 or toks[k - 1].low != "what":
        return None
    found = _subject(toks, k - 1)
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
    end, role = _np_forward(toks, v + 1)
    if end == v + 1 or end >= len(toks) or toks[end].text != ",":
        return None
    return Source(_phrase(toks, v + 1, end), toks[v].text, toks[v + 1].start, role)


def _inverted_opening(toks: list[Tok]) -> Source | None:
    """A sentence that opens with the verb (`Said Dorothy Poynter, who grew up there, “…`)."""
    if len(toks) < 2 or toks[0].low not in {"said", "says", "added", "adds", "asked", "asks"} or not toks[1].cap:
        return None
    end, role = _np_forward(toks, 1)
    return Source(_phrase(toks, 1, end), toks[0].text.lower(), toks[1].start, role) if end > 1 else None


def _colon_cue(toks: list[Tok]) -> Source | None:
    """A name right before a colon that opens the quote, as in transcripts (`Clinton: “…”`)."""
    if len(toks) < 2 or toks[-1].text != ":" or not toks[-2].cap or toks[-2].low in NOT_NAMES:
        return None
    start, stop, role = _np_backward(toks, len(toks) - 1)
    if start == stop or not all(t.cap or t.low in PARTICLES for t in toks[start:stop]):
        return None
    return Source(_phrase(toks, start, stop), ":", toks[start].start, role)


def _label(toks: list[Tok]) -> Source | None:
    """A name set off by a dash or an ellipsis before the colon that opens the quote (`Pollsters
    agree - Carl Bialik: “`, `… Donald Trump: “`): the quote's speaker, whatever verb comes before."""
    found = _colon_cue(toks)
    if found is None:
        return None
    k = next(k for k, t in enumerate(toks) if t.start == found.at)
    return found if k > 0 and toks[k - 1].text in {"-", "–", "—", ".", "…"} else None


def _subject(toks: list[Tok], limit: int) -> tuple[str, int, str | None] | None:
    """The subject of the clause that starts `toks`, skipping a dateline and an opening phrase ("On Monday,",
    "Reached by phone,")."""
    skip = _dateline_end(toks)
    toks, limit = toks[skip:], limit - skip
    i = 0
    if toks and (toks[0].low in _INTRO or toks[0].cap and toks[0].low.endswith(("ing", "ly"))
                 or len(toks) > 1 and toks[1].low in {"later", "earlier", "ago"} and toks[0].low in common_words()
                 or len(toks) > 1 and toks[0].low.endswith("ed") and toks[1].low in _PARTICIPLE_LINKS):
        comma = next((k for k in range(limit) if toks[k].text == ","), None)
        if comma is None:
            return None
        i = comma + 1
        if i + 1 < limit and toks[i].text.isdigit() and toks[i + 1].text == ",":
            i += 2
    end, role = _np_forward(toks, i)
    if end < limit and toks[end].text == "," and role is None and (
            toks[i].low in common_words() or all(t.low.rstrip(".") in not_people() for t in toks[i:end])):
        described = toks[i].low in DETERMINERS and end - i > 1
        lead = _phrase(toks, i + 1, end)
        i = end + 1
        end, role = _np_forward(toks, i)
        if described:
            role = lead
    if end == i or end >= limit:
        return None
    return _phrase(toks, i, end), toks[i].start, role


def _dateline_end(toks: list[Tok]) -> int:
    """The index after a dateline that opens an article ("WASHINGTON, Dec. 8 (UPI) —",
    "Washington (AFP) –"): capitalized place words, a date and an agency, then a dash; else 0."""
    for k, t in enumerate(toks[:10]):
        if t.text in {"—", "–", "-"}:
            return k + 1 if k and toks[0].cap else 0
        if not (t.cap or t.text[:1].isdigit() or t.text in {",", "(", ")", "."}):
            return 0
    return 0


def _with_subject(toks: list[Tok], v: int) -> tuple[str, int, str | None] | None:
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
    return _phrase(toks, k, n), toks[k].start, None


def _cue_before_comma(toks: list[Tok], v: int) -> tuple[str, int, str | None] | None:
    """The speaker of a "said" cue that a participle cue right after a comma continues
    ("…, Nefzi said, adding, “" or "…, said Sean Spicer, adding, “"), not the sentence's subject."""
    if v < 3 or toks[v - 1].text != ",":
        return None
    if toks[v - 2].low in {"said", "says"} and _is_verb(toks[v - 2]):
        start, stop, role = _np_backward(toks, v - 2)
        if start < stop and (toks[start].cap or toks[start].low in PRONOUNS):
            return _phrase(toks, start, stop), toks[start].start, role
        return None
    k = v - 2
    while k > 0 and toks[k].cap:
        k -= 1
    if k < v - 2 and toks[k].low in {"said", "says"} and _is_verb(toks[k]):
        end, _ = _np_forward(toks, k + 1)
        if end == v - 1:
            return _phrase(toks, k + 1, end), toks[k + 1].start, None
    return None


def _relative_start(toks: list[Tok], v: int) -> int:
    """The index of "who" opening a relative clause before toks[v] ("an official who asked not to
    be named said"), so the subject is read before it; `v` itself when there is none."""
    for k in range(v - 1, max(v - 16, 0), -1):
        if toks[k].low in {"who", "which"}:
            return k
        if toks[k].text in {",", ".", ";", "“", "”", "\""}:
            break
    return v


def _nearest_subject(toks: list[Tok], limit: int) -> tuple[str, int, str | None] | None:
    """The pronoun or name nearest before toks[limit] that a lower-case verb follows ("he began by")."""
    for k in range(limit - 2, -1, -1):
        if toks[k + 1].text[:1].islower() and (toks[k].low in PRONOUNS or toks[k].cap and toks[k].low not in NOT_NAMES):
            start, stop, role = _np_backward(toks, k + 1)
            if start < stop:
                return _phrase(toks, start, stop), toks[start].start, role
    return None


def passive_cue(before: list[Tok], after: list[Tok]) -> Source | None:
    """`was described as “…” by X`: the agent after the quote."""
    i = 0
    while i < len(after) and after[i].text in {",", "”", "\""}:
        i += 1
    if i < len(after) and after[i].low == "by" and before and before[-1].low in {"as", "called", "dubbed",
                                                                                  "labeled", "termed"}:
        end, role = _np_forward(after, i + 1)
        if end > i + 1:
            return Source(_phrase(after, i + 1, end), "described as", after[i + 1].start, role)
    return None


def clause_subject(toks: list[Tok]) -> Source | None:
    """The subject of the sentence a quote sits in when no cue names one: a name, "the" and a
    name ("The Clinton campaign") or a pronoun, followed by a lower-case verb (`Sanders
    credited the win to “…”`). PolNeAR reads such partial quotes as the subject's words."""
    found = _subject(toks, len(toks))
    if found is None:
        return None
    at, role = found[1], found[2]
    i = next(k for k, t in enumerate(toks) if t.start == at)
    if toks[i].low in PRONOUNS:
        end = i + 1
    else:
        named = i + (toks[i].low == "the" and i + 1 < len(toks) and toks[i + 1].cap)
        end = named
        while end < len(toks) and (toks[end].cap or toks[end].text in {"’s", "'s"} or _before_name(toks, end)):
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


def _before_name(toks: list[Tok], k: int) -> bool:
    """Whether toks[k] is a particle or lower-case title word leading to a name ("presidential
    nominee Donald Trump", "van Gogh")."""
    j = k
    while j < len(toks) and j - k < 3 and (toks[j].low in PARTICLES or toks[j].low in TITLES):
        j += 1
    return j > k and j < len(toks) and toks[j].cap


def _verb_after(toks: list[Tok], start: int, stop: int, role: str | None) -> Source | None:
    """The subject toks[start:name_end] when the word at `stop` is a lower-case verb, not a passive
    ("was asked by", "is quoted")."""
    if stop >= len(toks) or not toks[stop].text[:1].islower():
        return None
    nxt = toks[stop + 1].low if stop + 1 < len(toks) else ""
    if toks[stop].low in _BE and (nxt.endswith(("ed", "en")) or nxt in {"asked", "told", "said", "quoted"}):
        return None
    end = start + 1
    while end < stop and toks[end].text != ",":
        end += 1
    return Source(_phrase(toks, start, end), "", toks[start].start, role)
