"""Build the name lexicons in quotesearch/data from PolNeAR train's CoreNLP tags.

- first_names.json: first names with their usual gender, from a hand-written list of
  common first names across languages plus names learned from the tagged corpus (a
  PERSON's first word, with the gender of the pronouns around its mentions), plus the
  US Census lists when given. Names given to both sexes ("Jan", "Jean", "Terry") are listed
  apart, as "either": they are given names, but their gender comes from the pronouns of each
  article; those the corpus writes more often as a family name ("Clinton", "Cruz") are left out.
- not_people.json: capitalized words mostly tagged as places, organizations or other (MISC).
- punkt.json: abbreviations for NLTK's Punkt sentence splitter, learned from the train
  articles, plus hand-listed abbreviations of titles and US states.
- common_words.json: words that are mostly written in lower case mid-sentence, so that a
  capitalized one at the start of a sentence ("Together", "Maybe") is not taken for a name.
Run:
    python tools/build_lexicon.py ../shared/corpora/polnear/train/corenlp.conll.gz [CENSUS_DIR]
(the train articles are read from the `text/` folder beside the CoNLL file). CENSUS_DIR,
optional, holds the 1990 US Census first-name lists `dist.male.first` and `dist.female.first`
(public domain; the PyPI package `names` ships them in its `names/` folder): common first
names the train articles are too few to teach ("Katie", "Loretta"), for gender.
"""
from __future__ import annotations

import collections
import gzip
import json
import sys
from pathlib import Path

from quotesearch.names import ABBREVIATIONS

SEED = {
    "m": """james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald
    edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon
    benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam
    nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry
    gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel
    logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
    philip louis bernie bill mike mitch ted marco jeb chris rand ben tim newt rudy reince barack
    joe hans jens karl klaus olaf emmanuel francois jacques pierre jean luc vladimir dmitry sergei
    volodymyr boris ivan igor viktor recep xi ahmed mohammed muhammad ali omar hassan yusuf carlos
    luis miguel jorge pedro diego javier alejandro antonio manuel rafael fernando giuseppe marco
    matteo luca giovanni francesco andrea lorenzo shinzo hiroshi kenji takeshi raj rahul amit
    arjun vikram narendra kwame kofi chidi tomasz piotr jakub lars sven erik nils anders mateo
    liam oliver lucas leo hugo felix oscar max theo elliot colm sean seamus liam ciaran declan eoin
    conor cormac padraig niall ronan aidan brendan darragh finn hamish angus callum fraser alasdair
    gregor ewan rhys dafydd gareth owain emrys tobias jonas lukas matthias stefan jurgen dieter
    wolfgang helmut gerhard heinz rainer uwe henrik magnus bjorn leif odd per axel gustav viggo
    mikkel rasmus soren jesper mads kasper thomas pieter jan joost maarten sander bram koen wim
    ruud dirk willem hendrik jozef milan marek pavel tomas jiri lubomir andrzej krzysztof wojciech
    pawel grzegorz marcin lukasz bogdan mihai andrei ion radu cristian adrian florin vasile dmitri
    mikhail alexei nikolai oleg yuri anatoly vitali arkady petro taras bohdan mykola andriy oleksandr
    yevhen zoran goran dragan nikola stjepan ante luka ivo alessandro stefano paolo roberto massimo
    sergio enrico fabio emilio vittorio alberto salvatore bruno carlo guido renzo silvio pablo
    rodrigo santiago sebastian andres felipe ignacio gonzalo ricardo eduardo raul mario oscar hector
    ramon enrique esteban julio cesar armando gustavo alvaro joao tiago rui nuno duarte goncalo
    francisco vicente amadou moussa ibrahim ousmane mamadou cheikh abdou kwabena kojo yaw chukwuma
    emeka obinna tunde femi segun olu kenji hiroshi takashi satoshi haruto yuto ren daiki kazuo
    minho jisung hyun seung jun wei jian ming hao lei tao chen rajesh sanjay suresh anil vijay
    ravi arun deepak manoj pradeep ashok aditya rohan kabir arjun omar karim tariq faisal khalid
    yousef samir nabil walid hamid reza mehdi ali hussein mustafa emre mehmet ahmet kemal burak
    marcus derek malcolm terrence darnell tyrone jamal deshawn marquis dwayne lamar cedric""".split(),
    "f": """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda
    pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
    megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
    jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
    theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla hillary
    nikki carly kellyanne huma sarah condoleezza ivanka melania chelsea elizabeth nancy dianne
    angela ursula theresa marine christine giorgia ingrid greta elena sofia lucia carmen ana
    isabel rosa valentina camila francesca giulia chiara yulia olena natalia svetlana irina
    tatiana priya anjali sunita aisha fatima amina leila yasmin mei ling yuki sakura keiko amara
    ngozi chioma zainab ines lena hanna freya astrid ingrid sigrid maja agnieszka katarzyna
    mia ava chloe zoe lily ella nora clara renee rene aoife siobhan niamh saoirse orla roisin
    ciara sinead grainne deirdre fiona morag ailsa isla eilidh catriona bronwen sian ffion cerys
    heike ute birgit gudrun sabine petra monika ursula brigitte karin anke silke annika britta
    kirsten solveig liv sigrun ingeborg ragnhild tove lene mette pernille trine lotte femke
    sanne anouk lieke maartje joke marieke eva zuzana jana katerina lenka petra magdalena
    malgorzata joanna ewa dorota beata ioana elena andreea mihaela oana raluca irina natasha
    olga ludmila galina oksana tetiana nadia yevgenia daria alina milena jelena ivana mirjana
    giovanna alessandra federica martina silvia paola roberta simona daniela barbara lucia
    marta pilar carmen dolores rocio beatriz raquel lorena veronica gabriela mariana fernanda
    luisa ines leonor joana catarina beatriz aminata fatou aissatou mariama awa adwoa akosua
    abena ama efua yaa nneka ngozi adaeze chiamaka funmilayo yetunde folake aiko yumiko naoko
    hiroko akiko emiko haruka yui hina sora minji jiwoo seoyeon hyejin xiu ying jing hui lan
    mei li priya kavya ananya divya pooja neha shreya lakshmi sita meera fatima layla noor
    yasmin salma rania dina hala samira leila zeynep elif ayse fatma emine tessa ruth joanna
    malia ingrid claire marguerite solene amelie camille manon oceane lea chloe juliette celine
    sophie nathalie sandrine isabelle valerie sylvie brigitte martine helene agnes therese""".split(),
}


def read_sentences(conll: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (word, NER tag) from a CoreNLP CoNLL file."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with gzip.open(conll, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line or line.startswith("# article"):
                if current:
                    sentences.append(current)
                current = []
                continue
            word, _pos, ner = line.split("\t")
            current.append((word, ner))
    return sentences


# tokens after which a capital opens a sentence of its own: quotes, colons, dashes
_OPENERS = {"``", "“", '"', "\'\'", ":", "--", "-", "—", "–", "(", "-LRB-"}


def common_words(sentences: list[list[tuple[str, str]]], min_count: int = 3) -> list[str]:
    """Words seen mid-sentence in lower case more often than capitalized (a capital after a quote
    mark, colon or dash opens a sentence, so it does not count), and never as a name."""
    lower: collections.Counter[str] = collections.Counter()
    upper: collections.Counter[str] = collections.Counter()
    named: set[str] = set()
    for sent in sentences:
        for j, (word, ner) in enumerate(sent):
            if ner in {"PERSON", "ORGANIZATION", "LOCATION"}:
                named.add(word.lower())
            if j == 0 or not word.isalpha() or word[0].isupper() and sent[j - 1][0] in _OPENERS:
                continue
            (upper if word[0].isupper() else lower)[word.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= min_count and n > 3 * upper[w]
                  and (w not in named or n > 20 * upper[w]))


def name_kinds(sentences: list[list[tuple[str, str]]], min_count: int = 2) -> dict[str, str]:
    """Capitalized words mostly tagged LOCATION, ORGANIZATION or MISC: names that are not people."""
    tags: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for sent in sentences:
        for word, ner in sent:
            if word[:1].isupper() and word.replace("-", "").isalpha():
                tags[word.lower()][ner] += 1
    out = {}
    for word, c in tags.items():
        kind, n = c.most_common(1)[0]
        if kind in {"LOCATION", "ORGANIZATION", "MISC"} and n >= min_count and c["PERSON"] * 5 < n:
            out[word] = kind[:3].lower()
    return out


def surname_words(sentences: list[list[tuple[str, str]]]) -> set[str]:
    """Words that end a tagged PERSON of two words or more more often than they open one
    ("Clinton", "Cruz", "Lee"): family names first of all, whatever the census says."""
    first: collections.Counter[str] = collections.Counter()
    last: collections.Counter[str] = collections.Counter()
    for sent in sentences:
        j = 0
        while j < len(sent):
            k = j
            while k < len(sent) and sent[k][1] == "PERSON":
                k += 1
            if k - j >= 2:
                first[sent[j][0].lower()] += 1
                last[sent[k - 1][0].lower()] += 1
            j = max(k, j + 1)
    return {w for w in last if last[w] > first[w]}


def learned(sentences: list[list[tuple[str, str]]], min_count: int = 3, purity: float = 0.85) -> dict[str, str]:
    """First names whose following pronouns are mostly of one gender in the tagged corpus."""
    votes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for i, sent in enumerate(sentences):
        firsts = [sent[j][0].lower() for j in range(len(sent) - 1)
                  if sent[j][1] == "PERSON" and sent[j + 1][1] == "PERSON"
                  and (j == 0 or sent[j - 1][1] != "PERSON")]
        if len(firsts) != 1:
            continue
        following = sent + (sentences[i + 1] if i + 1 < len(sentences) else [])
        words = {w.lower() for w, _ in following}
        male, female = bool(words & {"he", "his", "him"}), bool(words & {"she", "her", "hers"})
        if male != female:
            votes[firsts[0]]["m" if male else "f"] += 1
    out = {}
    for name, c in votes.items():
        (g, n), total = c.most_common(1)[0], sum(c.values())
        if name.isalpha() and total >= min_count and n / total >= purity:
            out[name] = g
    return out




def punkt_parameters(text_dir: Path) -> dict[str, object]:
    """Punkt's abbreviations learned from every article in `text_dir`, with the hand list added."""
    from nltk.tokenize.punkt import PunktTrainer

    trainer = PunktTrainer()
    trainer.train("\n\n".join(p.read_text("utf-8") for p in sorted(text_dir.glob("*.txt"))), finalize=True)
    params = trainer.get_params()
    return {"abbrev_types": sorted(set(params.abbrev_types) | set(ABBREVIATIONS))}


def census(folder: Path, excluded: set[str], min_share: float = 0.002, ratio: float = 4.0) -> dict[str, str]:
    """First names of the 1990 US Census lists (dist.male.first, dist.female.first: name, percent
    of people, …) given to at least `min_share` percent of one sex and `ratio` times more often to
    it than to the other; words in `excluded` (common words, places) are left out. Names given
    to at least `min_share` percent of each sex map to "?": their gender is not told by the name
    ("Jan", "Jean", "Kim")."""
    share: dict[str, dict[str, float]] = collections.defaultdict(lambda: {"m": 0.0, "f": 0.0})
    for g, fname in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in (folder / fname).read_text("ascii").splitlines():
            name, percent = line.split()[:2]
            share[name.lower()][g] = float(percent)
    out = {}
    for name, s in share.items():
        g, other = ("m", "f") if s["m"] >= s["f"] else ("f", "m")
        if name in excluded:
            continue
        if s[g] >= min_share and s[g] >= ratio * s[other]:
            out[name] = g
        elif s[other] >= min_share:
            out[name] = "?"
    return out


def main() -> None:
    sentences = read_sentences(Path(sys.argv[1]))
    names = {n: g for g, ns in SEED.items() for n in ns}
    for name in set(SEED["m"]) & set(SEED["f"]):
        names[name] = "?"
    for name, g in learned(sentences).items():
        names.setdefault(name, g)
    if len(sys.argv) > 2:
        for name, g in census(Path(sys.argv[2]), set(common_words(sentences)) | set(name_kinds(sentences))).items():
            if g == "?" or names.get(name, g) != g:
                names[name] = "?"
            else:
                names.setdefault(name, g)
    else:
        print("note: no CENSUS_DIR given, so first_names.json leaves out the census names the shipped one has "
              "(see this script's docstring)", file=sys.stderr)
    family = surname_words(sentences)
    out = {g: sorted(n for n, gg in names.items() if gg == g) for g in ("m", "f")}
    out["either"] = sorted(n for n, g in names.items() if g == "?" and n not in family)
    data = Path(__file__).resolve().parent.parent / "quotesearch" / "data"
    (data / "first_names.json").write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    words = common_words(sentences)
    (data / "common_words.json").write_text(json.dumps(words, indent=0) + "\n", encoding="utf-8")
    punkt = punkt_parameters(Path(sys.argv[1]).parent / "text")
    (data / "punkt.json").write_text(json.dumps(punkt, separators=(",", ":")) + "\n", encoding="utf-8")
    kinds = name_kinds(sentences)
    (data / "not_people.json").write_text(json.dumps(kinds, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(kinds)} place and organization words")
    print(f"{len(out['m'])} male, {len(out['f'])} female, {len(out['either'])} either first names, "
          f"{len(words)} common words -> {data}")


if __name__ == "__main__":
    main()
