"""Names and what they say: titles, roles, gender, people or organizations, canonical forms.

The vocabulary (titles, particles, organization words) and the shipped lexicons (first
names with gender, common words, place words) that tell a person's name from other
capitalized words; `split_title` parts "NATO Secretary-General" from the name after it,
`gender_of` guesses gender from an honorific, first name or gendered role noun, and
`speaker_key` gives the form shared across articles. `mentions.py` finds the names in an
article and groups them into entities.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

from .quotes import inside

HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                    "sir": "m", "dame": "f", "lady": "f", "king": "m", "queen": "f", "prince": "m", "princess": "f"}
GENDERED_NOUNS = {"spokesman": "m", "spokeswoman": "f", "congressman": "m", "congresswoman": "f",
                  "chairman": "m", "chairwoman": "f", "businessman": "m", "businesswoman": "f",
                  "councilman": "m", "councilwoman": "f", "husband": "m", "wife": "f", "father": "m",
                  "mother": "f", "son": "m", "daughter": "f", "brother": "m", "sister": "f",
                  "man": "m", "woman": "f", "grandmother": "f", "grandfather": "m", "widow": "f"}
TITLES = {
    "president", "vice", "sen.", "sen", "senator", "rep.", "rep", "representative", "gov.", "gov",
    "governor", "mayor", "secretary", "secretary-general", "gen.", "general", "adm.", "admiral",
    "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "prof.", "professor", "rev.",
    "reverend", "adv", "adv.", "advocate", "judge", "justice", "chief", "minister", "prime", "chancellor", "ambassador",
    "speaker", "leader", "chairman", "chairwoman", "chair", "director", "attorney", "press",
    "lt.", "col.", "sgt.", "capt.", "cmdr.", "maj.", "commissioner", "councilman", "councilwoman", "commander",
    "colonel", "captain", "sergeant", "corporal", "brigadier", "marshal", "commodore",
    "pope", "king", "queen", "prince", "princess", "sheriff", "ceo", "executive", "officer",
    "candidate", "nominee", "sir", "dame", "lady", "lord", "first", "former", "then", "deputy", "acting",
    "state", "foreign", "defense", "defence", "finance", "health", "interior", "treasury",
    "house", "senate", "majority", "minority", "democratic", "republican", "gop", "u.s.", "us",
    "spokesman", "spokeswoman", "spokesperson", "congressman", "congresswoman", "host",
    "anchor", "correspondent", "columnist", "editor", "founder", "co-founder", "coach", "manager",
    "campaign", "strategist", "pollster", "adviser", "advisor", "aide", "lawyer", "attorney-general",
    "lieutenant", "assistant", "associate", "national", "security", "federal", "special", "counsel",
    "presidential", "senior", "white", "councilmember", "councillor", "councilor", "superintendent",
    "inspector", "detective", "curator", "principal", "trustee", "provost", "dean", "magistrate",
    "constable", "archbishop", "bishop", "cardinal", "rabbi", "imam", "father",
    "sister", "brother", "nurse", "surgeon", "economist", "analyst", "premier",
    "president-elect", "vice-president", "minister-president", "envoy", "negotiator", "delegate",
    "cfo", "coo", "head", "owner", "chairperson", "registrar",
    "front-runner", "frontrunner", "hopeful", "consultant", "commentator",
}
# Title words that are also common surnames.
TITLE_SURNAMES = {"dean", "king", "pope", "judge", "white", "bishop", "prince", "cardinal", "major"}
NOT_NAMES = {
    "the", "a", "an", "and", "but", "or", "if", "in", "on", "at", "of", "for", "to", "by", "with",
    "as", "from", "after", "before", "when", "while", "since", "because", "though", "although",
    "this", "that", "these", "those", "there", "here", "it", "its", "he", "she", "they", "we", "i",
    "his", "her", "their", "our", "my", "you", "your", "what", "why", "how", "who", "where",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "yes", "no", "not", "so", "then", "now", "still", "also", "even",
    "asked", "said", "says", "mr", "mrs", "ms", "dr", "one", "two", "three", "some", "many",
    "most", "all", "every", "each", "both", "either", "neither", "another", "other", "such",
    "today", "yesterday", "tomorrow", "last", "next", "earlier", "later", "meanwhile", "however",
    "instead", "just", "only", "more", "less", "would", "will", "could", "should", "can",
    "might", "must", "do", "does", "did", "is", "are", "was", "were", "be", "been",
    "has", "have", "had", "democrats", "republicans", "americans", "god", "let", "please", "thank",
    "off", "up", "out", "down", "despite", "unlike", "amid", "among", "during", "without", "within",
    "whether", "until", "unless", "upon", "toward", "towards", "per", "besides", "beyond", "throughout",
    "regarding", "including", "following", "according", "moreover", "furthermore", "nevertheless",
    "nonetheless", "therefore", "thus", "hence", "indeed", "perhaps", "alas", "anyone", "someone",
    "everyone", "nobody", "somebody", "everybody", "anybody", "others", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "twenty", "thirty",
    "forty", "fifty", "hundred", "thousand", "million",
}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx"}
PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "des", "la", "le", "bin",
             "al", "ibn", "dos", "das", "ter", "st."}
SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
ORG_WORDS = {"ministry", "department", "agency", "committee", "council", "office", "party",
             "campaign", "house", "senate", "congress", "court", "university", "institute",
             "association", "foundation", "company", "corporation", "corp.", "inc.", "group",
             "commission", "administration", "government", "news", "times", "post", "journal",
             "network", "union", "bureau", "service", "police", "army", "force", "board",
             "center", "centre", "church", "bank", "fund", "organization", "organisation", "club",
             "cnn", "fbi", "cia", "nato", "reuters", "ap", "pac", "labs", "press", "federation",
             "hospital", "museum", "school", "library", "authority", "airline", "airport", "league",
             "team", "laboratory", "studio", "parliament", "tribunal", "assembly", "convention",
             "embassy", "consulate", "society", "institution", "academy", "college",
             "coalition", "alliance", "industries", "holdings", "partners", "llc", "ltd", "plc"}


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First name (lowercase) to gender "m"/"f", or "" for a name given to both ("Leslie", "Dana"),
    from the shipped name list."""
    data = json.loads(files("quotesearch.data").joinpath("first_names.json").read_text("utf-8"))
    return {n: g for g in ("m", "f") for n in data[g]} | dict.fromkeys(data["either"], "")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words mostly written in lower case, which are not names when capitalized at a sentence start."""
    return frozenset(json.loads(files("quotesearch.data").joinpath("common_words.json").read_text("utf-8")))


@lru_cache(maxsize=1)
def not_people() -> frozenset[str]:
    """Capitalized words that usually name places or organizations, not people."""
    return frozenset(json.loads(files("quotesearch.data").joinpath("not_people.json").read_text("utf-8")))


@lru_cache(maxsize=1)
def non_person_words() -> frozenset[str]:
    """Capitalized words almost never a person's name ("Twitter", "Face"), from CoreNLP's tags."""
    return frozenset(json.loads(files("quotesearch.data").joinpath("non_person_words.json").read_text("utf-8")))


# states and months abbreviated ("Va.", "Sept."): one alone is never a person's name
PLACE_MONTH_ABBREVIATIONS = frozenset("""
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn
tex va vt wash wis wyo feb aug sept sep oct nov dec
""".split())
# words a period after does not end (titles, places, months, company forms): for tokens, and for
# Punkt's parameters on top of the ones it learns (tools/build_lexicon.py)
ABBREVIATIONS = PLACE_MONTH_ABBREVIATIONS | frozenset("""
mr mrs ms dr sen sens rep reps gov gen jr sr st lt col sgt capt prof rev adm maj cmdr inc corp co u.s u.n u.k d.c
no vs atty supt ft mt msgr fr cpl pvt gens ave blvd jan insp det n.y n.j n.c s.c
""".split())
_PLACE_HEADS = {"county", "street", "avenue", "boulevard", "road", "square", "river", "lake", "bay", "island",
                "islands", "beach", "valley", "heights", "harbor", "harbour", "hook", "canyon", "mountain",
                "mountains", "falls", "springs", "atoll", "peninsula", "gulf", "ocean", "sea", "plaza", "bridge"}


@lru_cache(maxsize=8192)
def is_person(name: str) -> bool:
    """Whether a name can be a person's: not an organization, nor made only of place words, nor
    one word that is almost never a person's name, abbreviates a state or month ("Calif",
    "Sept") or names a place's people ("Clevelanders"), nor a place by its head noun ("Sandy
    Hook", "Capitol Hill" but not "Anita Hill"), nor common words with no given name first
    ("Privacy Notice")."""
    if is_organization(name) or " for " in name or _PARTY_TAG.fullmatch(name):
        return False
    words = [w.lower().strip(".’'") for w in name.split()]
    if len(words) == 1 and (name.isupper() or name.lower() in common_words()
                            or name.lower() in non_person_words() or words[0] in PLACE_MONTH_ABBREVIATIONS
                            or words[0].endswith("ers") and words[0][:-3] in not_people()):
        return False
    if len(words) > 1 and (words[-1] in _PLACE_HEADS or words[-1] == "hill" and words[0] not in first_names()
                           or words[0] not in first_names() and all(w in common_words() for w in words)):
        return False  # "Privacy Notice", "Iceberg Passages": capitalized common words, no given name
    if words and words[0] in first_names() and not (len(words) == 1 and words[0] in not_people()):
        return True
    return bool(words) and words[-1] not in not_people()


@lru_cache(maxsize=1)
def abbreviation_words() -> frozenset[str]:
    """Words that a period after does not end a sentence ("Sen.", "Okla."), as Punkt knows them."""
    return frozenset(json.loads(files("quotesearch.data").joinpath("punkt.json").read_text("utf-8"))["abbrev_types"])


_SENTENCE_END = re.compile(r"[.?!][”\"’')\]]*[^\S\n]+(?=[“\"‘'(\[]*[A-Z0-9])|\n\s*")
_WORD_BEFORE = re.compile(r"[\w.’'-]*$")


def sentence_starts(text: str, quoted: list[tuple[int, int]]) -> list[int]:
    """The offsets where sentences begin: a cheap split (end mark, space, capital; or a line
    break) that only counts sentences between mentions, where Punkt would cost too much. The
    sentences of a quote do not count: “…,” he said is one sentence after the one before."""
    starts = [0]
    abbreviations = abbreviation_words()
    quoted_starts = [s for s, _ in quoted]
    for m in _SENTENCE_END.finditer(text):
        if inside(quoted, quoted_starts, m.end()):
            continue
        if text[m.start()] == ".":
            word = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start()).group().lower()  # type: ignore[union-attr]
            if word in abbreviations or len(word) == 1 or word[-2:-1] == ".":
                continue
        starts.append(m.end())
    return starts


def without_accents(word: str) -> str:
    """The word without accents ("renée" → "renee")."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")


def given_name(word: str) -> bool:
    """Whether a word, whatever its case and accents, is a first name of the shipped list ("Renée")."""
    return without_accents(word.lower()) in first_names()


# particles joined to a name by a hyphen ("al-Assad", "bin-Salman"), as a regex for the name finders
JOINED_PARTICLES = r"(?:al|el|ad|ash|bin|ibn|abu|abd)-"
_JOINED_PARTICLE = re.compile(JOINED_PARTICLES + r"(?=[A-Z])")
_PARTICLE_PREFIX = re.compile("^" + JOINED_PARTICLES + r"(?=\w)", re.IGNORECASE)


def capitalized(word: str) -> bool:
    """Whether a word is written as a name word: a capital first, or a particle joined to one
    ("al-Assad", "el-Sisi")."""
    return word[:1].isupper() or "-" in word[2:5] and _JOINED_PARTICLE.match(word) is not None


def surname_key(word: str) -> str:
    """A surname as entities and speaker keys are looked up by: lower case, without a joined
    particle ("al-Assad", "Al-Assad" and "Assad" → "assad")."""
    return _PARTICLE_PREFIX.sub("", word).lower()


def honorific_gender(title: str | None) -> str | None:
    """The gender an honorific among the title words tells ("Mrs." → "f"), if any."""
    return next((HONORIFIC_GENDER[w] for w in (title or "").lower().split() if w in HONORIFIC_GENDER), None)


def gender_of(name: str, role: str | None = None) -> str | None:
    """A best guess at a person's gender from the honorific or first name, else the role noun."""
    words = name.split()
    if not words:
        return None
    honorific = honorific_gender(role)
    if honorific:
        return honorific
    if words[0].lower() in HONORIFIC_GENDER:
        return HONORIFIC_GENDER[words[0].lower()]
    guess = first_names().get(without_accents(words[0].lower()))
    if guess:
        return guess
    for w in (role or "").lower().split():
        if w in GENDERED_NOUNS:
            return GENDERED_NOUNS[w]
    return None


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split the title words ("NATO Secretary-General", "Sen.", "Inspector") from the name after them.

    The title runs up to the last title word that still leaves a name after it; any other word
    right before a given name and a surname counts as a title word ("Pastor Tom Reed", "Despite
    Ted Cruz"), and so does a speech verb opening an inverted cue ("Continued Stone"), but not a
    particle ("Mayor Bill de Blasio") nor a common word before a surname ("Plain Dealer", "M. Night
    Shyamalan"). An "of" after the title takes the words up to a first name with it ("Chief of
    Staff Denis McDonough", "Governor of Texas Greg Abbott").
    """
    cut = 0
    for i, w in enumerate(words[:-1]):
        if w.lower() in TITLES or w.lower() in REPORTING_VERBS or _before_given_name(words, i):
            cut = i + 1
    if cut and words[cut] == "of":
        cut += 1
        while cut < len(words) - 1 and not given_name(words[cut]):
            cut += 1
    if cut == len(words) - 1 and all(w.lower() in _TITLE_ADJECTIVES for w in words[:cut]) \
            and not given_name(words[cut]):
        return [], words  # a body's name: "Federal Reserve", "National Guard", "State Farm"
    return words[:cut], words[cut:]


# title words that only qualify one: with nothing but a common noun after them they make a name
_TITLE_ADJECTIVES = {"federal", "national", "special", "senior", "state", "foreign"}


# The common reporting verbs, next to which a name is a speaker: before it in an inverted cue
# ("Continued Stone, …", "…,” said Stone") or after it ("Stone said").
REPORTING_VERBS = frozenset("""said says told tells added adds wrote writes tweeted argued argues insisted
explained noted notes continued stated asked warned recalled replied responded concluded declared
remarked quipped joked""".split())
# verbs that report a clause rather than take a person as object ("revealed Lind was", "said Reid quieted")
CLAUSE_VERBS = frozenset("""
said says wrote writes claims reports recounted stated reported declared revealed argued claimed noted warned
insisted suggested believed hoped added explained announced predicted assumed feared worried acknowledged
admitted conceded confirmed showed thought guessed estimated decided agreed indicated signaled signalled
hinted emphasized stressed alleged asserted complained replied responded tweeted posted recalled answered
speculated contended maintained observed concluded demanded proposed promised vowed pledged ensured determined
learned discovered realized noticed imagined expected figured pointed joked quipped boasted bragged lamented
mused wondered asked
""".split())
REPORTING = "(?:" + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True)) + ")"


def _before_given_name(words: list[str], i: int) -> bool:
    """Whether words[i], no given name, initial nor particle itself, comes right before a given
    name that has a surname after it: a word that names no one ("Democrat Ann Lee", "Pastor Tom
    Reed", "Despite Ted Cruz")."""
    nxt = words[i + 1].lower()
    if not given_name(nxt) or nxt in PARTICLES \
            or all(w.lower().rstrip(".") in SUFFIXES for w in words[i + 2:]):
        return False
    low = without_accents(words[i].lower())
    return words[i][:1].isupper() and not given_name(low) and low not in PARTICLES and not INITIALS.fullmatch(words[i])


INITIALS = re.compile(r"[A-Z]\.?|(?:[A-Z]\.)+")


def strip_place(words: list[str]) -> list[str]:
    """Drop a trailing "of <place>" from a person's name ("Elena Marchetti of Esterra", "House
    Speaker Paul D. Ryan of Wisconsin"), but not the "of" of a title ("RNC Chief of Staff Katie
    Walsh") or an organization ("University of Iowa")."""
    if "of" not in words:
        return words
    cut = words.index("of")
    head = words[:cut]
    if not head or head[-1].lower() in TITLES or is_organization(" ".join(head)) and not _ends_in_person(head):
        return words
    return head


def _ends_in_person(words: list[str]) -> bool:
    """Whether words end in a first name and capitalized words or initials ("House Speaker Paul D. Ryan")."""
    for k in range(len(words) - 2, -1, -1):
        if not words[k + 1][:1].isupper():
            return False
        if given_name(words[k]):
            return True
    return False


# words that qualify a role but are none alone ("Former Carson advisers", "secretary of State Clinton")
_ROLE_QUALIFIERS = {"former", "state", "federal", "then", "current", "late", "incoming", "outgoing", "interim",
                    "longtime", "future", "new"}


def role_of(title: list[str]) -> str | None:
    """The title words as a role, without honorifics (Mr., Ms.), which say nothing of a role, and
    none when only qualifiers are left ("Former", "State")."""
    words = [w for w in title if w.lower().rstrip(".") not in _HONORIFICS]
    return " ".join(words) if any(w.lower() not in _ROLE_QUALIFIERS for w in words) else None


def speaker_key(name: str) -> str:
    """The form of a speaker's name shared across articles: lower case, without titles,
    honorifics, middle initials or punctuation ("Sen. Ted Cruz" and "Ted Cruz" → "ted cruz")."""
    words = [w.strip(".,’'\"") for w in name.split()]
    if words and words[0][:1].isupper() and not has_org_head(words):
        rest = split_title(words)[1]
        words = rest if rest else words
    words = [w for w in words if w and not (len(w) == 1 and w.isalpha() and w.isupper())
             and w.lower() not in _HONORIFICS]
    return " ".join(w.lower() for w in words)


def has_org_head(words: list[str]) -> bool:
    """Whether a name's head noun (the last word before any "of") is an organization word."""
    cut = next((i for i, w in enumerate(words) if w in {"of", "for"}), len(words))
    head = words[:cut]
    return bool(head) and head[-1].lower() in ORG_WORDS


@lru_cache(maxsize=8192)
def is_organization(name: str) -> bool:
    """Whether a name reads as an organization rather than a person."""
    words = name.lower().split()
    return any(w in ORG_WORDS for w in words) or (len(words) == 1 and name.isupper() and len(name) > 1)


_PARTY_TAG = re.compile(r"[RDI]-[A-Z][\w.]*")
SAYS_AFTER = re.compile(r"(?:,[^,.;“”\"\n]{1,80},)?\s+(?:(?:also|later|then|again|\w+ly)\s+)?" + REPORTING + r"\b")
