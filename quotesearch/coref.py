"""Choosing who a pronoun or an unattributed quote refers to, with a trained linear ranker.

Each person named in the paragraphs before a quote is a candidate; a "he" or "she" outside
quotes, once resolved, counts as a mention of its person, so a story about someone stays about
them while others are named in passing. Candidates are described by a few
features: how recently and where it was named (paragraphs, sentences outside quotes,
characters back), whether as a subject or as someone who speaks, whether it is the first
subject of its paragraph (the paragraph's topic, which a later "he" or "she" mostly refers
to) or of its sentence, above all of the anaphor's sentence or the one before (the clause
"he said" follows), whether it spoke the last quotes, whether its gender is known to fit the pronoun
(for "he" and "she", people of the other gender, names that are not people's and lone words
always written after "the", as "the Arctic", are no candidates at all). A linear
model over those features, trained on PolNeAR train by `tools/train_coref.py` and shipped
as JSON, scores the candidates; the best one wins, unless the pronoun's own sentence names
before it a subject known to be of its gender, which it then refers to (`decide`).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .mentions import Entity, Mention
from .names import is_organization, is_person

WINDOW_PARAGRAPHS = 4


@dataclass(frozen=True)
class Candidate:
    """One entity that a pronoun or an unattributed quote may refer to, with its features."""

    entity: Entity
    features: tuple[str, ...]


class History:
    """What the article has said so far: who spoke, how often, and the latest speakers first."""

    def __init__(self) -> None:
        self.recent: list[Entity] = []
        self.counts: dict[int, int] = {}

    def add(self, entity: Entity) -> None:
        """Record that `entity` spoke the latest quote."""
        self.counts[id(entity)] = self.counts.get(id(entity), 0) + 1
        self.recent = [entity] + [e for e in self.recent if e is not entity][:2]

    def rank_of(self, entity: Entity) -> int | None:
        """0 for the last speaker, 1 for the one before (distinct entities), 2 for the next, else None."""
        return next((i for i, e in enumerate(self.recent) if e is entity), None)

    def count(self, entity: Entity) -> int:
        """How many quotes the entity has spoken so far."""
        return self.counts.get(id(entity), 0)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    """The label of the first edge `n` does not exceed ("1", "3", …), or the last edge with "+"."""
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def candidates(mentions: list[tuple[Mention, Entity, int]], history: History, where: tuple[int, int], at: int,
               gender: str | None, kind: str, seen: Callable[[Entity], int], trailing: bool = False) -> list[Candidate]:
    """The candidates among `mentions` (the ones in the window before a quote at offset `at` in
    paragraph and sentence `where`, latest first, with their paragraph index); `kind` is "pronoun"
    or "carried" (a quote with no cue after another), `gender` the pronoun's, and `seen` how often
    an entity was named before `at`. A `trailing` pronoun follows its quote (“…,” he said): the
    first subject of its sentence, named between the quote's parts, gets a feature of its own."""
    para, sentence = where
    leads = _sentence_leads(mentions)
    latest: dict[int, tuple[Mention, int, int]] = {}
    says: set[int] = set()
    subject: set[int] = set()
    order: list[Entity] = []
    topic: dict[int, int] = {}
    for mention, entity, p in mentions:
        key = id(entity)
        if key not in latest:
            latest[key] = (mention, p, len(order))
            order.append(entity)
        if mention.subject and para - p <= 1:
            topic[p] = key
        says |= {key} if mention.says else set()
        subject |= {key} if mention.subject and p == latest[key][1] else set()
    out = []
    for entity in order:
        if gender is not None and (entity.gender not in (None, gender) or not is_person(entity.name)
                                   or entity.only_after_the):
            continue
        key = id(entity)
        mention, p, rank = latest[key]
        feats = [f"rank={_bucket(rank, (0, 1, 2, 3))}", f"para={_bucket(para - p, (0, 1, 2))}",
                 f"count={_bucket(seen(entity), (1, 3))}", f"chars={_bucket((at - mention.start) // 100, (0, 1, 3))}"]
        feats += ["role"] * bool(entity.role)
        feats += ["subject"] * (key in subject) + ["says"] * (key in says) + ["latest_subject"] * mention.subject
        feats += ["topic"] * (topic.get(p) == key)
        feats.append(f"sent={_bucket(sentence - mention.sentence, (0, 1, 2))}")
        feats += ["first"] * (leads.get(mention.sentence) == key)
        feats += [f"lead={d}" + "/trailing" * (trailing and not d) for d in (0, 1) if leads.get(sentence - d) == key]
        spoke = history.rank_of(entity)
        feats.append(f"speaker={_bucket(spoke, (0, 1)) if spoke is not None else 'no'}")
        feats.append(f"spoke={_bucket(history.count(entity), (0, 2))}")
        if gender is not None:
            feats.append("gender=" + ("unknown" if entity.gender is None else "match"))
        if is_organization(entity.name):
            feats.append("organization")
        elif not is_person(entity.name):
            feats.append("not_person")
        feats.append(f"words={_bucket(len(entity.name.split()), (1, 2))}")
        out.append(Candidate(entity, tuple(f"{kind}:{f}" for f in ["bias", *feats])))
    # a name in passing of unknown gender ("read our Privacy Notice") is no reason for "she" to pass
    # over a woman who was a subject or speaker in the window
    acted = subject | says
    if gender is not None and any(c.entity.gender == gender and id(c.entity) in acted for c in out):
        out = [c for c in out if c.entity.gender is not None or id(c.entity) in acted]
    return out


def _sentence_leads(mentions: list[tuple[Mention, Entity, int]]) -> dict[int, int]:
    """The entity (by id) of the first subject mention of each sentence among `mentions` (latest
    first); places ("Florida developer Mel Sembler") are not one."""
    leads: dict[int, int] = {}
    for mention, entity, _ in mentions:
        if mention.subject and (is_person(entity.name) or is_organization(entity.name)):
            leads[mention.sentence] = id(entity)
    return leads


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The trained feature weights."""
    return json.loads(files("quotesearch.data").joinpath("coref.json").read_text("utf-8"))


def score(candidate: Candidate, w: dict[str, float] | None = None) -> float:
    """The candidate's score under the weights (the shipped ones by default)."""
    table = weights() if w is None else w
    return sum(table.get(f, 0.0) for f in candidate.features)


def choose(cands: list[Candidate], w: dict[str, float] | None = None) -> Candidate | None:
    """The best-scoring candidate, or None when there are none."""
    return max(cands, key=lambda c: score(c, w), default=None)


_LEADS = {"pronoun:lead=0", "pronoun:gender=match"}


def decide(cands: list[Candidate], w: dict[str, float] | None = None) -> Candidate | None:
    """The candidate a pronoun refers to: the first subject of the pronoun's own sentence, named
    before it, when known to be of its gender ("Holm said he would run", "Holm was talking when he
    told them: “…”"; right 50 times in 62 on PolNeAR train, the linear model 49: its features
    overlap), else the best-scoring candidate."""
    return next((c for c in cands if _LEADS <= set(c.features)), None) or choose(cands, w)


def rank(_kind: str, cands: list[Candidate]) -> Candidate | None:
    """The ranker the extractor uses: `decide` under the shipped weights."""
    return decide(cands)

