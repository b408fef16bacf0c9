"""Write N realistic synthetic news articles, as HTML and text, deterministically from a seed.

Each article has a title, a date (in a `Date:` header, a `<meta>` tag or JSON-LD), a few
people with titles and gendered first names, and about ten quotes in the patterns the
extractor handles: `“…,” X said`, `said X, the <role>`, `X said: “…”`, pronouns, role
nouns, continuation paragraphs and `according to`. Used by the speed benchmarks.

usage: python benchmarks/make_corpus.py OUT_DIR [--articles 10000] [--seed 1] [--html-share 0.5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
from dataclasses import dataclass
from pathlib import Path

FIRST = {"m": "James Omar Lukas Daniel Marcus Pedro Kenji Samuel Viktor Tomas Ahmed Felix".split(),
         "f": "Maria Elena Sofia Amara Ingrid Hanna Priya Clara Nadia Ruth Leila Joanna".split()}
LAST = ("Berg Castell Okafor Lindqvist Marchetti Reyes Hale Nair Solberg Fahey Adeyemi Voss Kerr Quinn "
        "Moreau Dubois Tanaka Novak Haddad Ortiz Brandt Lopez Singh Petrov").split()
ROLES = ["Finance Minister", "Mayor", "Senator", "Governor", "Health Secretary", "Police Chief",
         "Union Leader", "Chief Executive", "Spokeswoman", "Professor"]
ROLE_NOUN = {"Finance Minister": "minister", "Mayor": "mayor", "Senator": "senator", "Governor": "governor",
             "Health Secretary": "secretary", "Police Chief": "chief", "Union Leader": "leader",
             "Chief Executive": "executive", "Spokeswoman": "spokeswoman", "Professor": "professor"}
TOPICS = ["budget", "flood defenses", "hospital funding", "rail line", "school meals", "tax plan",
          "port expansion", "water prices", "housing permits", "power grid", "bus fares", "wildfire plan"]
VERBS = ["said", "told reporters", "added", "argued", "insisted", "warned", "explained", "wrote"]
CLAIMS = ["We cannot keep asking families to pay more for less", "This plan protects every neighborhood",
          "The numbers simply do not add up", "Nobody was consulted before the vote",
          "We will finish the work we started", "It is the most honest proposal in a decade",
          "The city has waited long enough for this", "Our engineers checked every figure twice",
          "People deserve a straight answer on the {topic}", "I have never seen support like this",
          "The {topic} will not be cut on my watch", "This is a serious mistake for the region"]


@dataclass(frozen=True)
class Person:
    """A named person with a gender and a title."""

    first: str
    last: str
    gender: str
    role: str

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"


def _claim(rng: random.Random, topic: str) -> str:
    """One quoted sentence about the topic."""
    return rng.choice(CLAIMS).format(topic=topic)


def article(rng: random.Random, n: int) -> tuple[str, dt.date, list[str]]:
    """(title, date, paragraphs) of one synthetic article."""
    topic = rng.choice(TOPICS)
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    people = []
    for last in rng.sample(LAST, 3):
        gender = rng.choice("mf")
        people.append(Person(rng.choice(FIRST[gender]), last, gender, rng.choice(ROLES)))
    a, b, c = people
    pron = {"m": "he", "f": "she"}
    paras = [
        f"{a.role} {a.name} on {date:%A} unveiled changes to the {topic}, setting up a clash with "
        f"{b.role} {b.name} before a vote expected next month.",
        f"“{_claim(rng, topic)},” {a.last} {rng.choice(VERBS)}.",
        f"“{_claim(rng, topic)}. {_claim(rng, topic)},” {pron[a.gender]} {rng.choice(VERBS)}.",
        f"{b.last} was not persuaded. “{_claim(rng, topic)},” said {b.name}, the {b.role.lower()}.",
        f"{b.last} said: “{_claim(rng, topic)}.”",
        f"“{_claim(rng, topic)}.”",
        f"“{_claim(rng, topic)},” the {ROLE_NOUN[b.role]} said.",
        f"The proposal was described as “{_claim(rng, topic).lower()}” by {c.role} {c.name}.",
        f"According to {c.last}, the {topic} “{_claim(rng, topic).lower()}.”",
        f"A senior official who asked not to be named said the talks were “{rng.choice(['tense', 'slow', 'useful'])}.”",
        f"Article {n} of the benchmark corpus. Filed from the city desk.",
    ]
    title = f"{a.last} and {b.last} clash over {topic}"
    return title, date, paras


def write_text(path: Path, title: str, date: dt.date, paras: list[str]) -> None:
    """A text file with header lines."""
    path.write_text(f"Title: {title}\nDate: {date.isoformat()}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")


def write_html(path: Path, title: str, date: dt.date, paras: list[str], rng: random.Random) -> None:
    """An HTML page with navigation, metadata (meta tag or JSON-LD), the article and a footer."""
    if rng.random() < 0.5:
        meta = f'<meta property="article:published_time" content="{date.isoformat()}T09:00:00Z">'
    else:
        meta = ('<script type="application/ld+json">'
                + json.dumps({"@type": "NewsArticle", "headline": title, "datePublished": date.isoformat()})
                + "</script>")
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras)
    path.write_text(
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)} | The Bench Post</title>"
        f"{meta}</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        f"<aside><h2>Most read</h2><ul><li>Ten things to know this week</li></ul></aside>"
        f"<footer>© The Bench Post</footer></body></html>\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--html-share", type=float, default=0.5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for n in range(args.articles):
        folder = args.out / f"{n // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        title, date, paras = article(rng, n)
        if rng.random() < args.html_share:
            write_html(folder / f"a{n:06d}.html", title, date, paras, rng)
        else:
            write_text(folder / f"a{n:06d}.txt", title, date, paras)
    print(f"{args.articles} articles -> {args.out}")


if __name__ == "__main__":
    main()
