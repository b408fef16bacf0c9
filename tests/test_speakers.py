"""Speaker attribution in `extract_quotes`: one short invented text per attribution pattern."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from quotesearch import coref
from quotesearch.extraction import extract, extract_quotes
from quotesearch.loading import load_article
from quotesearch.models import Quote
from quotesearch.mentions import Registry, find_mentions
from quotesearch.names import gender_of, is_person, speaker_key
from quotesearch.phrases import np_forward, phrase_text, tokens
from quotesearch.quotes import find_quotes
from quotesearch.speakers import Attributor
from quotesearch.subjects import subject

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "seed" / "000_afb79046292409a7.txt"
_TRAILING = " \t\n,.;:!?"


def _find(quotes: list[Quote], text: str) -> Quote:
    """The extracted quote whose text equals `text`, ignoring trailing punctuation."""
    for q in quotes:
        if q.quote.rstrip(_TRAILING) == text.rstrip(_TRAILING):
            return q
    pytest.fail(f"quote {text!r} not found; got {[(q.quote, q.speaker) for q in quotes]}")


# (text, quote, expected speaker, substring expected in the role or None)
CASES = [
    pytest.param(
        "Ada Lind defended “river values,” saying the town embodied the “heart of the valley.”",
        "river values,", "Ada Lind", None, id="saying-after-quote-takes-clause-subject",
    ),
    pytest.param(
        "At the party convention Sen. Ada Lind said the governor was a “proven failure” in business.",
        "proven failure", "Ada Lind", None, id="opening-phrase-without-comma-before-name",
    ),
    pytest.param(
        "Senator Ada Lind told ABC’s “This Week” that the plan was “a disaster for farmers.”",
        "a disaster for farmers.", "Ada Lind", None, id="cue-before-a-show-title",
    ),
    pytest.param(
        "Senator Ada Lind appeared on “Meet the Press” and called the plan “a disaster for farmers.”",
        "a disaster for farmers.", "Ada Lind", None, id="subject-before-a-show-title",
    ),
    pytest.param(
        "The audit found “no sign of fraud,” said the agency's director, Mila Porter, on Monday.",
        "no sign of fraud", "Mila Porter", "director", id="said-possessive-description-then-name",
    ),
    pytest.param(
        "According to the recently released Orrin Institute memo, staff were told, “Sell the feeling.”",
        "Sell the feeling.", "recently released Orrin Institute memo", None, id="according-to-adverb-in-phrase",
    ),
    pytest.param(
        "“We will rebuild the bridge by spring,” Tomasz Wilk said.",
        "We will rebuild the bridge by spring", "Tomasz Wilk", None, id="quote-comma-x-said",
    ),
    pytest.param(
        "The mayor spoke last. “We will rebuild the bridge by spring,’’ Tomasz Wilk, head of the "
        "Orrin Institute, told the Gazette.",
        "We will rebuild the bridge by spring", "Tomasz Wilk", "head", id="doubled-single-closer-then-cue",
    ),
    pytest.param(
        "Lind met the guards on Friday.\n\n“We missed the rounds,” Porter allegedly told a supervisor.",
        "We missed the rounds,", "Porter", None, id="adverb-in-ly-between-name-and-verb",
    ),
    pytest.param(
        "Tomasz Wilk grew up by the river.\n\n“My grandmother kept us afloat,” he reflects, smiling.",
        "My grandmother kept us afloat,", "Tomasz Wilk", None, id="reflects-closing-the-clause",
    ),
    pytest.param(
        "Tom Berg spoke for an hour.\n\nAs Berg went on about “how the system is rigged” and “our struggling towns,” "
        "Ada Lind said yes, over and over again.",
        "our struggling towns,", "Tom Berg", None, id="said-yes-has-its-own-object",
    ),
    pytest.param(
        "Police forced open the door.\n\n\"Hands! Let me see your hands!\" an officer ordered.",
        "Hands! Let me see your hands!", "an officer", None, id="ordered-closing-the-clause",
    ),
    pytest.param(
        "The season starts in June, but Orrin Weather lead storm forecaster Dan Kowalski is sure of it.\n\n"
        "“It is going to be a busy season,” he said.",
        "It is going to be a busy season,", "Dan Kowalski", None, id="organization-before-a-trade-noun-modifies",
    ),
    pytest.param(
        "Alex Beasley, Orrin’s country manager for the UK, Ireland and Nordics, said: “We will repair more.”",
        "We will repair more.", "Alex Beasley", "country manager", id="apposition-holding-a-list-of-places",
    ),
    pytest.param(
        "Tomasz Wilk wrote for a magazine. When his editors asked for more, he’d say, “I hate being obvious.”",
        "I hate being obvious.", "Tomasz Wilk", None, id="pronoun-with-contraction-before-bare-verb",
    ),
    pytest.param(
        "Tomasz Wilk wrote novels. Connections come in a tossed-off detail. Rigour, close reading, and faith "
        "that the author knows what he’s doing are essential. When his editors asked, he’d say, “I hate being obvious.”",
        "I hate being obvious.", "Tomasz Wilk", None, id="list-item-is-no-apposition",
    ),
    pytest.param(
        "Ada Lind issued an encouraging update last week, which reads: “We are overwhelmed by the support.”",
        "We are overwhelmed by the support.", "Ada Lind", None, id="a-thing-issued-speaks-for-its-issuer",
    ),
    pytest.param(
        "Two senators were quietly circulating a letter on Friday.\n\n“We regret the vote,” the letter said.",
        "We regret the vote,", "Two senators", None, id="issuer-before-be-and-adverb",
    ),
    pytest.param(
        "Titan is cold.\n\n“The ocean is the fun part,” Orrin Lab scientist and study co-author Mila Porter said.",
        "The ocean is the fun part,", "Mila Porter", None, id="two-roles-joined-by-and-before-name",
    ),
    pytest.param(
        "Ada Lind spoke last.\n\n“Please act now,” Mila Porter implored the council.",
        "Please act now,", "Mila Porter", None, id="implored",
    ),
    pytest.param(
        "The Springfield Gazette recently ran a piece that noted the plan “would help the richest towns most.”",
        "would help the richest towns most.", "Springfield Gazette", None, id="a-piece-a-paper-ran",
    ),
    pytest.param(
        "Wing Commander Tavishi Rao briefed reporters.\n\n“The strikes were measured,” Rao said.",
        "The strikes were measured,", "Tavishi Rao", "Commander", id="military-rank-is-a-title",
    ),
    pytest.param(
        "Rep. Zuleika Omar was threatened last year. Jeanine Pirro had criticized her on air.\n\n"
        "Omar asked for compassion in a letter on Tuesday. She added, “We must teach the defendant love.”",
        "We must teach the defendant love.", "Zuleika Omar", None, id="lone-surname-gives-no-first-name-gender",
    ),
    pytest.param(
        "Housing is scarce.\n\nSoviet dissident Zoltar Brekk referred to the “New Class.” Nobody listened.",
        "New Class.", "Zoltar Brekk", None, id="referred-to",
    ),
    pytest.param(
        "Porter spoke on Saturday.\n\nThe candidate has mocked a disabled reporter, referred to migrants as "
        "“criminals” and praised a dictator.",
        "criminals", "candidate", None, id="referred-after-a-comma-names-no-object",
    ),
    pytest.param(
        "Advocate Thabo Molise grew up in Maseru.\n\n“School was a passion,” Adv Molise said.",
        "School was a passion,", "Thabo Molise", None, id="advocate-abbreviated-as-a-title",
    ),
    pytest.param(
        "“School was a passion,” Tomasz Wilk shares.", "School was a passion,", "Tomasz Wilk", None,
        id="shares-closing-the-clause",
    ),
    pytest.param(
        "The study was led by the agency.\n\n“We changed the whole design,” comments Tomasz Wilk of the Orrin Institute.",
        "We changed the whole design,", "Tomasz Wilk", None, id="inverted-comments",
    ),
    pytest.param(
        "“The numbers do not add up,” said Lena Hartmann, a budget analyst at the Orrin Institute.",
        "The numbers do not add up", "Lena Hartmann", "budget analyst", id="said-x-title",
    ),
    pytest.param(
        "“We will fix the roads before winter,” said Mayor Dana Whitcomb.",
        "We will fix the roads before winter", "Dana Whitcomb", "Mayor", id="said-title-x",
    ),
    pytest.param(
        "Speaker of the House Marta Quell said “the vote will wait until June.”",
        "the vote will wait until June.", "Marta Quell", "Speaker of the House", id="title-of-x-name-said",
    ),
    pytest.param(
        "The trouble with the plan, says Ivo Rensch, a planner at the Orrin Institute, is that it "
        "“ignores the river entirely.”",
        "ignores the river entirely.", "Ivo Rensch", "planner", id="inverted-aside",
    ),
    pytest.param(
        "Lisbon (AFP) – Mayor Dana Whitcomb opened the bridge on Friday, saying “it took ten years.”",
        "it took ten years.", "Dana Whitcomb", "Mayor", id="dateline-then-participle",
    ),
    pytest.param(
        "Mayor Ada Lind visited the river on Friday. The mayor took to Facebook to thank the crews, writing: "
        "“In a year, the bridge will open.”",
        "In a year, the bridge will open.", "Ada Lind", "Mayor", id="past-tense-before-a-preposition-ends-the-subject",
    ),
    pytest.param(
        "Ada Lind said the board had asked for the plans in June, but “did not request the money.”",
        "did not request the money.", "Ada Lind", None, id="cue-in-what-said-reports-quote-after-but",
    ),
    pytest.param(
        "Ada Lind told reporters the board only asked for the plans in September, “just weeks ago.”",
        "just weeks ago.", "Ada Lind", None, id="cue-in-what-told-reports-quote-after-its-object",
    ),
    pytest.param(
        "An aide said Ada Lind calmed the room, telling her colleagues, “We have to treat him fairly.”",
        "We have to treat him fairly.", "Ada Lind", None, id="participle-cue-in-what-said-reports",
    ),
    pytest.param(
        "Otto Brenn told me that Ada Lind had remarked that, if the river rose, “it would be a disaster.”",
        "it would be a disaster.", "Ada Lind", None, id="cue-taking-a-clause-in-what-told-reports",
    ),
    pytest.param(
        "Beyond the river, Mayor Ada Lind took the chair in March and has said “we are not afraid.”",
        "we are not afraid.", "Ada Lind", "Mayor", id="beyond-opens-a-phrase-before-the-subject",
    ),
    pytest.param(
        "Otto Brenn’s plan for the bridge was a “kick in the teeth” according to farmers, but the mayor backed it.",
        "kick in the teeth", "farmers", None, id="according-to-a-bare-plural-after-the-quote",
    ),
    pytest.param(
        "Otto Brenn’s plan for the bridge was a “kick in the teeth,” according to local farmers near the river.",
        "kick in the teeth,", "local farmers", None, id="according-to-a-bare-plural-with-a-modifier",
    ),
    pytest.param(
        "Ada Lind has a new deal in place, and Otto Brenn will be left to wonder: “what did we do to deserve this?”",
        "what did we do to deserve this?", "Otto Brenn", None, id="no-cue-subject-of-the-last-clause",
    ),
    pytest.param(
        "Otto Brenn said he was tough enough after a farmer in Lisbon told him he was “too nice” to win.",
        "too nice", "a farmer in Lisbon", None, id="description-in-a-place-is-no-place",
    ),
    pytest.param(
        "Otto Brenn spoke at the summit. The goal is to keep warming below 2 degrees Celsius (3.6 degrees "
        "Fahrenheit) above old averages. The deal binds many nations, and he hopes it holds.\n\n"
        "“I’m sure this will be a priority,” he said.",
        "I’m sure this will be a priority,", "Otto Brenn", None, id="a-unit-after-a-number-is-no-subject",
    ),
    pytest.param(
        "Locally, the row with the Brenn family drew a damning reply from Mayor Ada Lind, who called the plan "
        "“unfit to serve” the town.",
        "unfit to serve", "Ada Lind", "Mayor", id="opening-adverb-is-no-name-an-apposition-follows",
    ),
    pytest.param(
        "“The bridge vote is a stunt,” Senate Democrats said on Friday.",
        "The bridge vote is a stunt,", "Senate Democrats", None, id="party-members-after-the-quote",
    ),
    pytest.param(
        "Republicans quickly argued the bridge vote was “a stunt.”",
        "a stunt.", "Republicans", None, id="party-members-before-the-cue",
    ),
    pytest.param(
        "The bridge inquiry was labeled a “witch hunt” by Democrats.",
        "witch hunt", "Democrats", None, id="party-members-as-passive-agent",
    ),
    pytest.param(
        "Lind supporters responded with chants of “four more years” until Lind herself spoke up, and took on the "
        "hecklers.",
        "four more years", "Lind supporters", None, id="until-opens-a-clause-no-speaker-phrase",
    ),
    pytest.param(
        "Otto Brenn said the plan was legal. The two farmers, however, argue that “there is precedent for a suit.”",
        "there is precedent for a suit.", "two farmers", None, id="description-then-however-then-cue",
    ),
    pytest.param(
        "Ada Lind, policy director of the Orrin Federation of Farm Workers, though, testified that “there should "
        "be no reopening.”",
        "there should be no reopening.", "Ada Lind", "policy director", id="apposition-then-though-then-cue",
    ),
    pytest.param(
        "Otto Brenn spoke first. His campaign protested that Lind aides were being “disingenuous” about it.",
        "disingenuous", "Otto Brenn’s campaign", None, id="protested-is-a-cue",
    ),
    pytest.param(
        "Otto Brenn summed up the mayor as “terrible,” denounced her record on the river and said she should go.",
        "terrible,", "Otto Brenn", None, id="verb-and-possessive-after-quote-is-no-inverted-speaker",
    ),
    pytest.param(
        "But the mayor doesn’t like “surprises,” in the words of one top aide, and bristled at the plan.",
        "surprises,", "one top aide", None, id="in-the-words-of-after-the-quote",
    ),
    pytest.param(
        "Sir Otto said on Monday that he would comply. It emerged that Otto Brenn had failed to declare gifts.\n\n"
        "“All members must follow the rules,” Sir Otto said.",
        "All members must follow the rules,", "Otto Brenn", None, id="given-name-alone-before-the-full-name",
    ),
    pytest.param(
        "In the video, the cleric Tom Berg, who died in 2011, is shown lecturing: “Take heed and learn.”",
        "Take heed and learn.", "Tom Berg", None, id="participle-lecturing-after-is-shown",
    ),
    pytest.param(
        "Sir Tancred Ashby has defended the gifts.\n\nOn Monday, Sir Tancred dodged several questions, pledging "
        "only to “comply with the rules”.",
        "comply with the rules", "Tancred Ashby", None, id="sir-before-a-given-name-unknown-to-the-list",
    ),
    pytest.param(
        "Otto Brenn joined the tour in May. Ivo Cruz spoke at every stop and won the crowds. He has declared Cruz "
        "to be “anointed” by God.",
        "anointed", "Otto Brenn", None, id="a-pronoun-is-no-one-named-between-it-and-the-quote",
    ),
    pytest.param(
        "Otto Brenn joined the tour in May. Ivo Carson spoke at every stop and won the crowds. He said the claim "
        "about Carson volunteers was an “insult” to them.",
        "insult", "Ivo Carson", None, id="a-name-qualifying-a-noun-after-the-pronoun-may-be-its",
    ),
    pytest.param(
        "Otto Brenn joined the tour in May. Ivo Cruz spoke at every stop and won the crowds.\n\n"
        "“He is anointed,” he said of Cruz on Friday.",
        "He is anointed,", "Otto Brenn", None, id="a-pronoun-after-the-quote-is-no-one-named-after-it",
    ),
    pytest.param(
        "Ivo Cruz joined the tour in May. Otto Brenn spoke at every stop and won the crowds.\n\n"
        "“They are accurate,” he said after a clerk read the facts to which Brenn admitted.",
        "They are accurate,", "Otto Brenn", None, id="a-name-in-a-later-clause-may-be-the-pronouns",
    ),
    pytest.param(
        "The Orrin River Foundation raised money for the bridge last year. The group said it was “proud of the town.”",
        "proud of the town.", "Orrin River Foundation", None, id="the-group-is-the-organization-just-named",
    ),
    pytest.param(
        "The Orrin River Foundation raised money. Ada Lind then founded RiverNow. The group said it was “proud.”",
        "proud.", "group", None, id="the-group-is-no-organization-named-before-the-latest-subject",
    ),
    pytest.param(
        "Ada Lind spoke on Monday. Otto Brenn has used the phrase “river values” often in his campaign.",
        "river values", "Otto Brenn", None, id="used-the-phrase-credits-the-user",
    ),
    pytest.param(
        "Otto Brenn will meet the mayor next week, Ada Lind said, adding, “They need to sit down.”",
        "They need to sit down.", "Ada Lind", None, id="said-comma-adding",
    ),
    pytest.param(
        "Otto Brenn will meet the mayor next week, said Ada Lind, adding, “They need to sit down.”",
        "They need to sit down.", "Ada Lind", None, id="said-x-comma-adding",
    ),
    pytest.param(
        "Ada Lind hammered Otto Brenn, calling him “a danger to the valley.”",
        "a danger to the valley.", "Ada Lind", None, id="name-verb-name-participle",
    ),
    pytest.param(
        "Mayor Ada Lind used to back Otto Brenn, but now said Brenn had “no plan for the river.”",
        "no plan for the river.", "Ada Lind", "Mayor", id="but-said-x-had",
    ),
    pytest.param(
        "Ada Lind said on Monday that the council should reiterate its support for “a free river,” naming the dam.",
        "a free river,", "Ada Lind", None, id="said-that-x-should-verb",
    ),
    pytest.param(
        "Otto Brenn guarded the delegates in 1976, in what Ada Lind, a party treasurer, called “hand-to-hand combat.”",
        "hand-to-hand combat.", "Ada Lind", "party treasurer", id="in-what-x-apposition-called",
    ),
    pytest.param(
        "Rev. Ada Lind said the town had lost a voice that said “love is stronger than fear.”",
        "love is stronger than fear.", "Ada Lind", None, id="said-x-that-said",
    ),
    pytest.param(
        "A source familiar with the Orrin Institute budget said the cuts were “deeper than reported.”",
        "deeper than reported.", "A source familiar with the Orrin Institute budget", None,
        id="description-with-the-named-object",
    ),
    pytest.param(
        "Rafael Duarte said: “We have no plans to close the plant.”",
        "We have no plans to close the plant.", "Rafael Duarte", None, id="x-said-colon",
    ),
    pytest.param(
        "Rafael Duarte said the company would “keep every job in the valley” through next year.",
        "keep every job in the valley", "Rafael Duarte", None, id="embedded-partial",
    ),
    pytest.param(
        "Mr. Osric Bale met voters in Dover.\n\n"
        "Later, Nadia Ferro credited the result to “a closed primary that shut out independents.”",
        "a closed primary that shut out independents.", "Nadia Ferro", None, id="sentence-subject",
    ),
    pytest.param(
        "On Sunday the GOP front-runner said Governor Ilse Brandt “caused tremendous harm” there.",
        "caused tremendous harm", "GOP front-runner", None, id="hyphenated-subject",
    ),
    pytest.param(
        "The lawmaker, who represents a district in Albay province, said the remarks “have had widespread reach.”",
        "have had widespread reach.", "lawmaker", None, id="relative-clause-after-common-noun",
    ),
    pytest.param(
        "Corwin Tate spoke to reporters.\n\nTate at the time said that paying the fees was “a mistake we will not repeat.”",
        "a mistake we will not repeat.", "Corwin Tate", None, id="prepositional-phrase-skipped",
    ),
    pytest.param(
        "A spokesman for Dalia Crane said: “The senator was never told about the meeting.”",
        "The senator was never told about the meeting.", "A spokesman for Dalia Crane", None,
        id="description-for-name",
    ),
    pytest.param(
        "Marta Quill says Ivo Brenner’s flurry of late-night tweets targeting a rival was “unhinged, even for him.”",
        "unhinged, even for him.", "Marta Quill", None, id="plural-noun-not-a-cue",
    ),
    pytest.param(
        "“It is an invasion of the state’s domain,” Scott Pellner, the attorney general of Ostland, "
        "one of the states suing the agency, said on Monday.",
        "It is an invasion of the state’s domain", "Scott Pellner", "attorney general", id="two-appositions",
    ),
    pytest.param(
        "Weighing in on the debate, former Gov. Maren Holt agreed, praising the senator as “one of our most gifted stars.”",
        "one of our most gifted stars.", "Maren Holt", None, id="participle-opening",
    ),
    pytest.param(
        "Attorneys for Dalia Crane opposed the effort, saying her account “was never the property of the department.”",
        "was never the property of the department.", "Attorneys for Dalia Crane", None, id="plural-noun-for-name",
    ),
    pytest.param(
        "After Governor Ilse Brandt criticized him, Pavel Drury shot back, “I could have stayed home, but I chose to run.”",
        "I could have stayed home, but I chose to run.", "Pavel Drury", None, id="shot-back-before",
    ),
    pytest.param(
        "Ivo Brenner and Marta Quill reject the plan.\n\n"
        "Quill: “Our goal is not to delay the vote but to win it.” Brenner: “The mission is to stop it.”",
        "The mission is to stop it.", "Ivo Brenner", None, id="transcript-colon",
    ),
    pytest.param(
        "17-year-old Jared Potts echoed: “He speaks his mind, and the country needs that.”",
        "He speaks his mind, and the country needs that.", "Jared Potts", None, id="echoed",
    ),
    pytest.param(
        "Ivo Brenner spoke first.\n\nMarta Quill said the plan was “a disaster for the valley,” and that Brenner "
        "and his allies would be “held to account in the end.”",
        "held to account in the end.", "Marta Quill", None, id="same-sentence-continuation",
    ),
    pytest.param(
        "Ivo Brenner rejected the notion on Monday, saying the plan was “a fantasy from start to finish.”",
        "a fantasy from start to finish.", "Ivo Brenner", None, id="name-then-verb",
    ),
    pytest.param(
        "Guns are “the ultimate public health crisis” and “a plague on our towns,” Ada Lenz, the former governor, said.",
        "the ultimate public health crisis", "Ada Lenz", None, id="cue-after-next-quote",
    ),
    pytest.param(
        "The house was renovated. Said Dorothy Pyne, who grew up next door, “He was always the loudest kid on the block.”",
        "He was always the loudest kid on the block.", "Dorothy Pyne", None, id="inverted-said-opening",
    ),
    pytest.param(
        "After the vote, the Verhoek campaign issued a statement: “We will keep fighting for every district.”",
        "We will keep fighting for every district.", "Verhoek campaign", None, id="the-name-campaign-colon",
    ),
    pytest.param(
        "In response, Republican presidential nominee Corwin Tate issued the following statement:\n\n"
        "“Our prayers are with the families of the victims tonight.”",
        "Our prayers are with the families of the victims tonight.", "Corwin Tate", "nominee",
        id="statement-colon-paragraph",
    ),
    pytest.param(
        "Few senators agreed. As John Corley, the No. 2 in the leadership, put it: “This person will not be confirmed.”",
        "This person will not be confirmed.", "John Corley", None, id="as-x-put-it",
    ),
    pytest.param(
        "Jose Varga, an immigration activist, asked the former secretary of state about “a poor choice of words.”",
        "a poor choice of words.", "Jose Varga", None, id="noun-state-after-of",
    ),
    pytest.param(
        "Ivo Brenner said the plan “would fail the valley.” Marta Quill called him “a liar” on Monday.",
        "would fail the valley.", "Ivo Brenner", None, id="new-sentence-after-full-stop",
    ),
    pytest.param(
        "The vote was close.\n\n“We knew it would be hard.” Marta Quill said.",
        "We knew it would be hard.", "Marta Quill", None, id="cue-after-full-stop",
    ),
    pytest.param(
        "Cory Jameson, 22, of Flint, Mich., said he had not “given up hope” yet.",
        "given up hope", "Cory Jameson", None, id="age-and-place-appositions",
    ),
    pytest.param(
        "Mira Sato, during a town hall meeting in Columbus, Ohio, said the mines were “going to close.”",
        "going to close.", "Mira Sato", None, id="place-apposition",
    ),
    pytest.param(
        "Senator Ola Brandt spoke first.\n\nMarta Quill was quick to embrace the nominee, whose plan would “win every state in the country.”",
        "win every state in the country.", "Marta Quill", None, id="subject-with-copula",
    ),
    pytest.param(
        "Republican presidential front-runner Ivo Brenner credited the win to “a closed primary that shut out voters.”",
        "a closed primary that shut out voters.", "Ivo Brenner", "front-runner", id="front-runner-title",
    ),
    pytest.param(
        "Former Secretary of State Hanna Voss spoke in Ohio. Senator Ivo Brenner spoke after her.\n\n"
        "“We made real progress together,” the former secretary of state said.",
        "We made real progress together", "Hanna Voss", None, id="role-noun-with-of",
    ),
    pytest.param(
        "Senator Ola Brandt spoke first.\n\nMarta Quill, who was speaking to the mayors, did not name him but told "
        "them the city needs leaders “who put people first.”",
        "who put people first.", "Marta Quill", None, id="subject-before-relative-clause",
    ),
    pytest.param(
        "Marta Quill’s campaign manager added: “We will not concede anything tonight.”",
        "We will not concede anything tonight.", "Marta Quill campaign manager", None, id="possessive-role",
    ),
    pytest.param(
        "The merger “will save the company millions every year,” according to Mira Sato, an analyst at Kestrel Bank.",
        "will save the company millions every year", "Mira Sato", "analyst", id="according-to",
    ),
    pytest.param(
        "The plan was described as “a gift to developers” by Owen Pryce, a city councilman.",
        "a gift to developers", "Owen Pryce", None, id="passive-described-by",
    ),
    pytest.param(
        "Mr. Gregor Lind and Ms. Hanna Voss met for six hours on Monday.\n\n"
        "“We are close to a deal, closer than we have ever been,” she said.",
        "We are close to a deal, closer than we have ever been", "Hanna Voss", None, id="pronoun-she",
    ),
    pytest.param(
        "Ms. Hanna Voss and Mr. Gregor Lind met for six hours on Monday.\n\n"
        "“We are close to a deal, closer than we have ever been,” he said.",
        "We are close to a deal, closer than we have ever been", "Gregor Lind", None, id="pronoun-he",
    ),
    pytest.param(
        "Sarah Quinn, the union leader, sat across the table from David Kerr, the chief executive.\n\n"
        "“Nobody is leaving this room until we have an agreement,” he said.",
        "Nobody is leaving this room until we have an agreement", "David Kerr", None,
        id="pronoun-he-first-names",
    ),
    pytest.param(
        "David Kerr, the chief executive, sat across the table from Sarah Quinn, the union leader.\n\n"
        "“Nobody is leaving this room until we have an agreement,” she said.",
        "Nobody is leaving this room until we have an agreement", "Sarah Quinn", None,
        id="pronoun-she-first-names",
    ),
    pytest.param(
        "Tom Harris runs a hardware store.\n\nHe voted twice for Barack Obama. Now he distrusts Donald Trump.\n\n"
        "“I just want someone who tells the truth,” he said.",
        "I just want someone who tells the truth", "Tom Harris", None, id="pronoun-he-through-earlier-he",
    ),
    pytest.param(
        "The flood renewed the argument, with Councillor Irena Dobos telling reporters the dam was “a disaster "
        "waiting to happen” for years.",
        "a disaster waiting to happen", "Irena Dobos", None, id="with-x-participle",
    ),
    pytest.param(
        "Because of how the schedule was drawn up, explained Pavel Novak, “the whole thing is over by March.”",
        "the whole thing is over by March.", "Pavel Novak", None, id="inverted-aside-explained",
    ),
    pytest.param(
        "Asked about the delay, Mayor Ruth Okafor replied: “What difference does a week make?” Her critics "
        "cited the answer for months.",
        "What difference does a week make?", "Ruth Okafor", None, id="colon-cue-beats-next-sentence",
    ),
    pytest.param(
        "“We have done this before,” said former Ohio Gov. and Party Chairman Tomas Ferreira.",
        "We have done this before", "Tomas Ferreira", None, id="two-titles-joined-by-and",
    ),
    pytest.param(
        "\"Both of them scare me,\" Lia Brandt, 30, of Salem, Ore., who was among those polled, said later.",
        "Both of them scare me", "Lia Brandt", None, id="name-age-place-relative-clause-said",
    ),
    pytest.param(
        "“Turnout will decide it,” Ada Keller, the pollster who founded electionlab.org tweeted on Friday.",
        "Turnout will decide it", "Ada Keller", None, id="apposition-with-unclosed-relative-clause",
    ),
    pytest.param(
        "Finance Minister Carla Reyes presented the budget on Tuesday.\n\n"
        "“This is a budget for growth, not for austerity,” the minister said.",
        "This is a budget for growth, not for austerity", "Carla Reyes", "Minister", id="role-noun",
    ),
    pytest.param(
        "“We will appeal the ruling,” said Nadia Brandt, the team’s lawyer.\n\n"
        "“The judge ignored the evidence, and we expect to win in the higher court.”",
        "The judge ignored the evidence, and we expect to win in the higher court.", "Nadia Brandt", None,
        id="continuation-paragraph",
    ),
    pytest.param(
        "Peter Ashdown, the council leader, opened the meeting at seven.\n\n"
        "“Nobody in this city will lose their home over a tax bill,” Ashdown said.",
        "Nobody in this city will lose their home over a tax bill", "Peter Ashdown", None,
        id="canonical-surname",
    ),
    pytest.param(
        "“We were told to stay quiet about the talks until the summit,” a senior official said.",
        "We were told to stay quiet about the talks until the summit", "a senior official", None,
        id="anonymous-official",
    ),
    pytest.param(
        "“I have lived on this street for forty years and never seen it flood,” said one resident.",
        "I have lived on this street for forty years and never seen it flood", "one resident", None,
        id="anonymous-resident",
    ),
    pytest.param(
        "“Our forecasts show the storm turning north by Friday,” the regional weather service said.",
        "Our forecasts show the storm turning north by Friday", "regional weather service", None,
        id="description-drops-the",
    ),
    pytest.param(
        "“We are ready for the first match of the season,” Ola Strand told reporters.",
        "We are ready for the first match of the season", "Ola Strand", None, id="told-reporters",
    ),
    pytest.param(
        "“We are ready,” Ola Strand said. “The team has trained for months for this,” Strand added.",
        "The team has trained for months for this", "Ola Strand", None, id="added",
    ),
    pytest.param(
        "“The market has turned against us this year,” Ola Strand wrote in a letter to shareholders.",
        "The market has turned against us this year", "Ola Strand", None, id="wrote",
    ),
    pytest.param(
        "“Proud of this team today and every day,” Ola Strand tweeted.",
        "Proud of this team today and every day", "Ola Strand", None, id="tweeted",
    ),
    pytest.param(
        "“That is simply not true and she knows it,” Ola Strand responded.",
        "That is simply not true and she knows it", "Ola Strand", None, id="responded",
    ),
    pytest.param(
        "“The tax cut pays for itself within three years,” Ola Strand argued.",
        "The tax cut pays for itself within three years", "Ola Strand", None, id="argued",
    ),
    pytest.param(
        "“We did nothing wrong and we will prove it,” Ola Strand insisted.",
        "We did nothing wrong and we will prove it", "Ola Strand", None, id="insisted",
    ),
    pytest.param(
        "“Prices will keep rising until the port reopens,” Ola Strand warned.",
        "Prices will keep rising until the port reopens", "Ola Strand", None, id="warned",
    ),
    pytest.param(
        "“Tuition keeps rising because staff costs do,” said Will Okafor, an economist at Lund University.",
        "Tuition keeps rising because staff costs do", "Will Okafor", "economist", id="first-name-that-is-a-word",
    ),
    pytest.param(
        "The claims below were checked against the record.\n\n"
        "“I voted against every one of those trade deals in the Senate.”\n\n- Mara Quist.\n\n"
        "That is only half true.",
        "I voted against every one of those trade deals in the Senate.", "Mara Quist", None,
        id="signature-paragraph",
    ),
    pytest.param(
        "Economists were blunt about the plan.\n\n"
        "“We will enter the next downturn without the tools to fight it.\n\n"
        "Irma Volkov, Institute for Fiscal Studies.”\n\nThe plan passed anyway.",
        "We will enter the next downturn without the tools to fight it.", "Irma Volkov", "Institute",
        id="signature-closing-the-quote",
    ),
    pytest.param(
        "“Both of them scare me,” Tove Lund, 30, of Umea, Sweden, said in a follow-up interview.",
        "Both of them scare me", "Tove Lund", None, id="three-appositions-after-the-name",
    ),
    pytest.param(
        "Ola Strand spoke first. “Would the toll be negotiable?” Mira Holm pressed.",
        "Would the toll be negotiable?", "Mira Holm", None, id="pressed",
    ),
    pytest.param(
        "Ari Vento, a former city planner who also sits on the board of the Northern Harbour Trust in the old "
        "river port, said "
        "Lind's plan has given “even loyal voters reason to doubt the whole project.”",
        "even loyal voters reason to doubt the whole project.", "Ari Vento", None, id="long-apposition-before-said",
    ),
    pytest.param(
        "Speaking at a town hall in Salem, New Hampshire, Ola Strand went after Lind, calling him “a total stiff.”",
        "a total stiff.", "Ola Strand", None, id="opening-phrase-ending-in-a-place",
    ),
    pytest.param(
        "Hours later, Ola Strand returned the compliment, telling reporters, “We have been friends for years.”",
        "We have been friends for years.", "Ola Strand", None, id="opening-hours-later",
    ),
    pytest.param(
        "Amid calls for a boycott, Mira Holm defended the festival, saying it must “stay open to everyone.”",
        "stay open to everyone.", "Mira Holm", None, id="opening-amid",
    ),
    pytest.param(
        "Mira Holm, clearly frustrated, answered the heckler, saying the critics had twisted her record.\n\n"
        "“I am so tired of hearing the same claims at every single stop.”",
        "I am so tired of hearing the same claims at every single stop.", "Mira Holm", None,
        id="paragraph-introduced-by-a-cue",
    ),
    pytest.param(
        "By contrast, Sen. Mira Holm said that once the Senate goes on recess, “I intend to help wherever I can.”",
        "I intend to help wherever I can.", "Mira Holm", None, id="goes-is-no-cue-mid-clause",
    ),
    pytest.param(
        "The crowd cheered as Ola Strand went on about “how the whole system is rigged.”",
        "how the whole system is rigged.", "Ola Strand", None, id="went-on-about",
    ),
    pytest.param(
        "In a video on Thursday, Ola Strand speculated that the men belonged to a wider network.\n\n"
        "“They could be anyone at all. We simply do not know who they are yet.”",
        "They could be anyone at all. We simply do not know who they are yet.", "Ola Strand", None,
        id="speculated",
    ),
    pytest.param(
        "On Tuesday, Gov. Mira Holm endorsed the mayor, citing her long record.\n\n"
        "“She has done the job well for ten years and deserves four more.”",
        "She has done the job well for ten years and deserves four more.", "Mira Holm", None, id="citing",
    ),
    pytest.param(
        "The Ledger Project rated 40% of Canadian claims as “misleading” last year.",
        "misleading", "Ledger Project", None, id="speech-word-after-an-adjective-is-a-noun",
    ),
    pytest.param(
        "Mira Holm is calling “reckless” a Jonas Berg tweet mocking the farmers.",
        "reckless", "Mira Holm", None, id="speech-word-before-a-participle-is-a-noun",
    ),
    pytest.param(
        "The council debated Mira Holm’s claim that the dam had been “left to rot” for years.",
        "left to rot", "Mira Holm", None, id="possessive-claim-that",
    ),
    pytest.param(
        "Jonas Berg said that Mira Holm’s claim about the dam was “simply false.”",
        "simply false.", "Jonas Berg", None, id="possessive-claim-judged-by-the-speaker",
    ),
    pytest.param(
        "The new spot shows footage of Mira Holm saying at a rally, “We will close the mill.”",
        "We will close the mill.", "Mira Holm", None, id="participle-right-after-a-name-after-of",
    ),
    pytest.param(
        "“We still want answers,” said 9/11 widow Mira Holm.",
        "We still want answers", "Mira Holm", None, id="number-in-the-phrase-after-said",
    ),
    pytest.param(
        "“We are shocked,” one B&Q Leeds employee told reporters.",
        "We are shocked", "one B&Q Leeds employee", None, id="ampersand-in-the-phrase-before-told",
    ),
    pytest.param(
        "“The dam was never inspected,” according to a lawsuit filed by the Water and Power Authority.",
        "The dam was never inspected", "Water and Power Authority", None, id="according-to-a-document-by-its-author",
    ),
    pytest.param(
        "The mill kept “the books closed,” according to a copy of the ledger reviewed by the Courier.",
        "the books closed", "a copy of the ledger reviewed by the Courier", None,
        id="according-to-a-document-not-its-reviewer",
    ),
    pytest.param(
        "According to conservative talk radio host Mira Holm, the plan reeks of “panic” in the party.",
        "panic", "Mira Holm", None, id="according-to-a-title-with-a-speech-noun",
    ),
    pytest.param(
        "Another critic, Mira Holm, likened the plan to “paving the river.”",
        "paving the river.", "Mira Holm", "critic", id="subject-in-apposition-after-a-description",
    ),
    pytest.param(
        "The vote was held on Monday.\n\nLind later defended the vote as “necessary.”",
        "necessary.", "Lind", None, id="name-then-later-is-no-opening-phrase",
    ),
    pytest.param(
        "On May 4, 2015, Mira Holm made the following remark:\n\n“The river belongs to everyone who lives on it.”",
        "The river belongs to everyone who lives on it.", "Mira Holm", None, id="colon-lead-in-after-a-full-date",
    ),
    pytest.param(
        "A spokesman for Liberal mayoral candidate Mira Holm called the audit “a smear.”",
        "a smear.", "A spokesman for Liberal mayoral candidate Mira Holm", None,
        id="described-speaker-with-a-titled-name-after-for",
    ),
    pytest.param(
        "“We will vote no,” said Jonas Berg.\n\n"
        "The Harbor Commission on Friday rejected the plan as a threat to what it called “the working waterfront.”",
        "the working waterfront.", "Harbor Commission", None, id="what-it-called-is-the-named-subject",
    ),
    pytest.param(
        "Neighbors share her doubts, since the only test is a “clean record of payment,” as a city audit put it.",
        "clean record of payment,", "a city audit", None, id="as-x-put-it-after-the-quote",
    ),
    pytest.param(
        "A Harbor City newspaper urged the council to rebuild the pier.\n\n"
        "“The town cannot wait another winter,” the newspaper wrote in its editorial.",
        "The town cannot wait another winter,", "Harbor City newspaper", None, id="bridged-modifier",
    ),
    pytest.param(
        "The court heard from lawyers for Dalia Crane on Monday.\n\n"
        "“Our client followed every rule,” the lawyers said.",
        "Our client followed every rule,", "Dalia Crane’s lawyers", None, id="bridged-for",
    ),
    pytest.param(
        "Mira Holm, author of the audit report, spoke on Monday.\n\n"
        "“The dam was never inspected,” the report said.",
        "The dam was never inspected,", "report", None, id="a-thing-is-no-role-noun",
    ),
    pytest.param(
        "Ada Lind met the farmers on Monday. Her statement called the plan “a disaster for the valley.”",
        "a disaster for the valley.", "Ada Lind", None, id="her-statement-is-hers",
    ),
    pytest.param(
        "Ada Lind’s statement came late on Monday.\n\n"
        "The statement called the plan “a disaster for the valley.”",
        "a disaster for the valley.", "Ada Lind", None, id="bridged-statement-is-the-owners",
    ),
    pytest.param(
        "In Orrin, Mayor Ada Lind released a statement on Monday night.\n\n"
        "“We stand with the families of the valley,” the statement said.",
        "We stand with the families of the valley,", "Ada Lind", None, id="statement-speaks-for-who-released-it",
    ),
    pytest.param(
        "The Verhoek campaign sent out a new fundraising email on Tuesday.\n\n"
        "“Friend, the count is close,” the email read.",
        "Friend, the count is close,", "Verhoek campaign", None, id="email-speaks-for-who-sent-it",
    ),
    pytest.param(
        "Tom Berg said in a statement that the mill would close.\n\n"
        "“Nobody will lose a pension,” the statement added.",
        "Nobody will lose a pension,", "Tom Berg", None, id="said-in-a-statement-is-the-issuer",
    ),
    pytest.param(
        "Farmers near Orrin and Dale sent a letter on Friday.\n\n"
        "“The river is rising,” the letter said.",
        "The river is rising,", "letter", None, id="a-place-after-and-issues-nothing",
    ),
    pytest.param(
        "The Harbor Board met on Monday.\n\nIn a statement, the board said the dam was safe.\n\n"
        "“No one is at risk,” the statement said.",
        "No one is at risk,", "Harbor Board", None, id="in-a-statement-the-subject-after-it-issued-it",
    ),
    pytest.param(
        "“The night was long,” said Orrin resident Ada Lind, 55, who worked at the market.\n\n"
        "“I am leaving Orrin now, there is nothing left,” she added.",
        "I am leaving Orrin now, there is nothing left,", "Ada Lind", None, id="place-before-resident-is-no-speaker",
    ),
    pytest.param(
        "Years ago, Ada Lind studied the ice.\n\nThe glaciers of the Arctic shrink each year. Scientists fear for "
        "the Arctic, and the Arctic is warming fast.\n\nLong after, “in solidarity with the ice,” she joked.",
        "in solidarity with the ice,", "Ada Lind", None, id="a-word-always-after-the-is-no-she",
    ),
    pytest.param(
        "“The ring was built on secrecy,” acting U.S. Attorney for Orrin County Joshua Levy said on Monday.",
        "The ring was built on secrecy,", "Joshua Levy", None, id="abbreviation-inside-a-long-title",
    ),
    pytest.param(
        "Mayor Tomas de Vries spoke on Monday.\n\nDe Vries said the plan was “a fair deal.”",
        "a fair deal.", "Tomas de Vries", "Mayor", id="surname-with-a-capitalized-particle",
    ),
    pytest.param(
        "“We are fully mobilized,” said Laurence des Cars, the museum’s director.",
        "We are fully mobilized,", "Laurence des Cars", "museum’s director", id="french-particle-des",
    ),
    pytest.param(
        "The chancellor of the Exchequer said the cuts would be “deeper and tougher” than before.",
        "deeper and tougher", "chancellor of the Exchequer", None, id="of-the-place-ends-a-role",
    ),
    pytest.param(
        "President Ada Lind spoke on Monday.\n\nThe president of the United States said it was “closed for good.”",
        "closed for good.", "Ada Lind", None, id="role-of-the-place-is-the-person-with-the-role",
    ),
    pytest.param(
        "The chancellor of the Exchequer Rachel Reeves said the cuts would be “deeper and tougher.”",
        "deeper and tougher.", "Rachel Reeves", None, id="a-name-after-of-the-place",
    ),
    pytest.param(
        "The suspects fled, according to the release.\n\n“She locked the door,” federal investigators said.",
        "She locked the door,", "federal investigators", None, id="bare-plural-after-the-quote",
    ),
    pytest.param(
        "The taste depends on “terroir,” the crops nearby, different waters added to the mash.",
        "terroir,", "", None, id="a-plural-and-a-participle-further-on-are-no-cue",
    ),
    pytest.param(
        "Orrin said the question asked of the court by the council and the “pending case” were linked.",
        "pending case", "Orrin", None, id="asked-of-is-a-participle",
    ),
    pytest.param(
        "“Labels could reduce these risks,” said study co-author Dr Milica Vasiljevic.",
        "Labels could reduce these risks,", "Milica Vasiljevic", None, id="bare-honorific-after-a-description",
    ),
    pytest.param(
        "“He talks about compassion,” Brian Gianforte, a 32-year-old member of the community said of his father.",
        "He talks about compassion,", "Brian Gianforte", None, id="apposition-left-open",
    ),
    pytest.param(
        "“The plumes are rarer than we thought,” Ada Lind and her team wrote in the paper.",
        "The plumes are rarer than we thought,", "Ada Lind", None, id="name-and-her-team-wrote",
    ),
    pytest.param(
        "“Those goats were so smart,” remembers Ada Lind, who led the programme, with a laugh.",
        "Those goats were so smart,", "Ada Lind", None, id="remembers-is-a-speech-verb",
    ),
    pytest.param(
        "“With half the vote in, we were ahead,” Lind’s deputy campaign manager, Rich Beeson, said.",
        "With half the vote in, we were ahead,", "Rich Beeson", None, id="name-after-a-possessive-description",
    ),
    pytest.param(
        "“Terrific guy,” Berg’s neighbor in both Orrin and New Dale, Tom Lind, said in the story.",
        "Terrific guy,", "Tom Lind", None, id="name-after-a-possessive-description-and-a-place",
    ),
    pytest.param(
        "“The duty is paid at the border,” Tom Berg, a senior fellow at the Orrin Center, has written.",
        "The duty is paid at the border,", "Tom Berg", None, id="has-written-after-an-apposition",
    ),
    pytest.param(
        "That is when they learned who had written it, and were blindsided by “the whole affair.”",
        "the whole affair.", "", None, id="who-had-written-is-no-cue",
    ),
    pytest.param(
        "In the words of Ada Lind, the plan was “a disaster for the valley.”",
        "a disaster for the valley.", "Ada Lind", None, id="in-the-words-of",
    ),
    pytest.param(
        "Here is how it went, in Lind’s words: “We lost everything in a night.”",
        "We lost everything in a night.", "Lind", None, id="in-someones-words",
    ),
    pytest.param(
        "Ada Lind was asked by host Tom Berg, who backs her, “Now, you said the plan was dead?”",
        "Now, you said the plan was dead?", "Tom Berg", None, id="asked-by-the-host",
    ),
    pytest.param(
        "Ada Lind was asked by a reporter, “Will you run again?”",
        "Will you run again?", "a reporter", None, id="asked-by-a-reporter",
    ),
    pytest.param(
        "Mara Lind has found one drawback to working with Berg and Park: “They sing better than I do.”",
        "They sing better than I do.", "Mara Lind", None, id="a-name-after-with-before-a-colon-is-no-speaker",
    ),
    pytest.param(
        "FAREWELL—“The club to close,” by Orrin Times' Ben Sisario: “The club will close in December.”",
        "The club will close in December.", "Ben Sisario", None, id="by-a-writer-before-a-colon",
    ),
    pytest.param(
        "The mayor answered online.\n\n“The bridge opens on Monday. pic.twitter.com/4p7SXk7JPW” ― Ada Lind "
        "(@adalind) November 18, 2019\n\nCrowds came.",
        "The bridge opens on Monday. pic.twitter.com/4p7SXk7JPW", "Ada Lind", None, id="embedded-tweet-signature-with-a-date",
    ),
    pytest.param(
        "Orrin protested what it called “unprovoked strikes” across Orrin and Dale, the Ministry of Foreign Affairs said.",
        "unprovoked strikes", "Orrin", None, id="a-place-before-the-subject-is-no-apposition",
    ),
    pytest.param(
        "Ada Lind released a statement in March.\n\nThe mill closed in April.\n\nWorkers left in May.\n\n"
        "The town lost its school in June.\n\n“We were shocked,” the statement said.",
        "We were shocked,", "statement", None, id="an-issuer-paragraphs-back-is-too-far",
    ),
    pytest.param(
        "“We will rebuild the bridge by spring,” Will Doyle, the mayor of Orrin, said on Monday.",
        "We will rebuild the bridge by spring,", "Will Doyle", "mayor", id="first-name-word-after-quote",
    ),
    pytest.param(
        "“The bridge will be rebuilt by spring,” Orrin This Week host Mila Porter said.",
        "The bridge will be rebuilt by spring,", "Mila Porter", None, id="common-word-inside-a-show-title",
    ),
    pytest.param(
        "“We have had better years than this one,” farmer Ada Lind, wearing a “Save the Mill” pin, said quietly.",
        "We have had better years than this one,", "Ada Lind", None, id="quote-inside-the-speaker-phrase",
    ),
    pytest.param(
        "“The mill will not reopen this year,” economists Ada Lind and Mila Porter wrote in May.",
        "The mill will not reopen this year,", "Mila Porter", None, id="conjoined-names-after-quote",
    ),
    pytest.param(
        "“The mill will not reopen this year,” Mila Porter of the Orrin Center for Rural Studies wrote.",
        "The mill will not reopen this year,", "Mila Porter", None, id="for-inside-an-organization-name",
    ),
    pytest.param(
        "Reached by phone on Monday, Ada Lind turned down the offer, calling it “an insult to the town.”",
        "an insult to the town.", "Ada Lind", None, id="opening-past-participle-phrase",
    ),
    pytest.param(
        "Ada Lind called the offer “an insult to the town.” Mila Porter said Monday she would raise it.",
        "an insult to the town.", "Ada Lind", None, id="cue-before-over-a-new-sentence-after",
    ),
    pytest.param(
        "Pollsters agree on one thing - Ada Lind: “Keep calling voters until the very last day.”",
        "Keep calling voters until the very last day.", "Ada Lind", None, id="dash-label-before-colon",
    ),
    pytest.param(
        "“The mill will stay open as long as I am mayor,” an angry Ada Lind retaliated.",
        "The mill will stay open as long as I am mayor,", "Ada Lind", None, id="retaliated-is-a-speech-verb",
    ),
    pytest.param(
        "Amid what the Orrin Gazette and the Valley Post each called a “slow decline” of the mill, the town voted.",
        "slow decline", "Valley Post", None, id="what-x-each-called",
    ),
    pytest.param(
        "The hearing dragged on for hours, and Ada Lind kept asking the board why the plan was “a done deal.”",
        "a done deal.", "Ada Lind", None, id="kept-asking-takes-its-own-subject",
    ),
    pytest.param(
        "After Ada Lind said the mill was “a lost cause,” Mila Porter said: “We will save it.”",
        "a lost cause,", "Ada Lind", None, id="cue-after-that-opens-the-next-quote",
    ),
    pytest.param(
        "“The mill deserves better,” said a Monday editorial in The Valley Courier.",
        "The mill deserves better,", "The Valley Courier", None, id="weekday-and-attached-outlet-in-description",
    ),
    pytest.param(
        "“There was never an order,” said the station chief known as Rolf, speaking for the first time.",
        "There was never an order,", "Rolf", None, id="description-known-as-name",
    ),
    pytest.param(
        "A letter from the Harbor Guild obtained by The Valley Courier warns that “any further contact will be "
        "through our lawyer.”", "any further contact will be through our lawyer.", "A letter from the Harbor Guild", None,
        id="subject-document-obtained-by-someone-is-its-authors",
    ),
    pytest.param(
        "Harbor County Sheriff Ada Lind spoke on Monday. Tom Berg, the dam keeper, listened.\n\n“The dam is "
        "safe,” the veteran sheriff and Democratic mayoral candidate told reporters.", "The dam is safe,", "Ada Lind",
        None,
        id="coordinated-role-nouns-resolve-by-the-first",
    ),
    pytest.param(
        "Tom Berg walked into the studio.\n\nThen he looked into the camera, furrowed his brow and said, "
        "“I am going to endorse you!”", "I am going to endorse you!", "Tom Berg", None,
        id="bare-opening-adverb-before-a-pronoun-subject",
    ),
    pytest.param(
        "Some of the crowd pushed a heckler, with Ada Lind reportedly yelling: “Get him out of here!”",
        "Get him out of here!", "Ada Lind", None, id="yelling-participle-after-with-name",
    ),
    pytest.param(
        "Ada Lind arrived late.\n\nMoreover, as part of the exchange with Lind, Tom Berg referenced a report "
        "that “less than one percent” were captured.", "less than one percent", "Tom Berg", None,
        id="subject-after-two-opening-phrases",
    ),
    pytest.param(
        "Former judge and Harbor County Sheriff Ada Lind, who backs the plan, praised it on the radio, "
        "calling it a “no-brainer” for the town.",
        "no-brainer", "Ada Lind", None, id="coordinated-titles-before-name-as-participle-subject",
    ),
    pytest.param(
        "Harbor County met on Monday.\n\nOne official who was there said Lind quieted the room, telling the "
        "council, “The dam will hold.”", "The dam will hold.", "Lind", None,
        id="participle-after-a-reported-clause-takes-its-subject",
    ),
    pytest.param(
        "Harbor County met on Monday.\n\nAda Lind said Berg lied, adding, “The dam will hold.”",
        "The dam will hold.", "Ada Lind", None, id="adding-after-a-reported-clause-is-the-reporters",
    ),
    pytest.param(
        "Ada Lind has criticized Harbor County voters for staying home, declaring that “the dam will hold.”",
        "the dam will hold.", "Ada Lind", None, id="participle-after-an-object-takes-the-sentence-subject",
    ),
    pytest.param(
        "Ada Lind on Monday criticized the plan, saying the levy goes “nowhere near high enough.”",
        "nowhere near high enough.", "Ada Lind", None, id="bare-goes-inside-what-a-participle-reports",
    ),
    pytest.param(
        "“You winning?” Ada Lind asked, but Berg was asleep, and as Tom Porter went on about “how the dam leaks,” "
        "she smiled.", "how the dam leaks,", "Tom Porter", None, id="bare-went-after-a-clause-with-another-cue",
    ),
    pytest.param(
        "Was that really Ada Lind, the blunt, never-say-die mayor of Harbor?\n\nTom Berg watched.\n\n"
        "“The dam will hold,” the mayor said.", "The dam will hold,", "Ada Lind", None,
        id="apposition-opening-with-an-adjective-and-a-comma",
    ),
    pytest.param(
        "Tom Berg spoke first.\n\nThat prompted Lind to make a joke about rain and call the dam “very leaky,” "
        "a nod to the flood.", "very leaky,", "Lind", None, id="infinitive-cue-spoken-by-the-object-who-is-prompted",
    ),
    pytest.param(
        "Tom Berg spoke first.\n\nAt the meeting, party chairwoman Ada Lind fairly scolded Berg for suggesting "
        "that the dam should “fix itself.”", "fix itself.", "Ada Lind", None,
        id="clause-subject-is-the-name-after-its-title",
    ),
    pytest.param(
        "Tom Berg walked in.\n\nWhen I asked Ada Lind if she would ever endorse Tom Berg, she looked into my "
        "camera, furrowed her brow and said, “I am going to endorse you!”", "I am going to endorse you!", "Ada Lind",
        None, id="pronoun-subject-of-coordinated-verbs-ending-in-said",
    ),
    pytest.param(
        "Tom Berg spoke.\n\nAt a rally in Aspen, Colo., Ada Lind ended her speech by saying “every obstacle yields.”",
        "every obstacle yields.", "Ada Lind", None, id="opening-phrase-ending-in-a-place-and-its-state",
    ),
    pytest.param(
        "Tom Berg spoke.\n\nAt the rally, the retired judge Ada Lind ended her speech by saying “every obstacle "
        "yields.”", "every obstacle yields.", "Ada Lind", "retired judge", id="subject-title-and-name-before-a-past-verb",
    ),
    pytest.param(
        "Tom Berg spoke.\n\nThe Harbor Dam Convention released a statement Wednesday, saying the plan was "
        "“another example of waste.”", "another example of waste.", "Harbor Dam Convention", None,
        id="subject-organization-before-a-past-verb-and-its-object",
    ),
    pytest.param(
        "Tom Berg spoke.\n\nHis chief aide doubled down on the attacks, saying the plan was “another example of "
        "waste.”", "another example of waste.", "Tom Berg’s chief aide", None,
        id="subject-role-noun-before-a-past-verb",
    ),
    pytest.param(
        "Tom Berg spoke.\n\nOne aide inside Harbor Hall tried to downplay the remarks, saying they were “not a big "
        "deal.”", "not a big deal.", "One aide inside Harbor Hall", None,
        id="subject-description-before-a-past-verb-and-an-infinitive",
    ),
    pytest.param(
        "Berg has had a frosty relationship with Ada Lind, now the harbor master, who in 2010 said the goal was "
        "“a one-term mayor.”", "a one-term mayor.", "Ada Lind", None, id="relative-clause-about-the-name-after-with",
    ),
    pytest.param(
        "On Thursday, Berg won his first endorsement from a colleague, from Ada Lind, who declared at the dam, "
        "“I am sending a signal.”", "I am sending a signal.", "Ada Lind", None,
        id="relative-clause-about-the-name-after-from",
    ),
    pytest.param(
        "Tom Berg spoke.\n\nThe retired dam keeper began by talking about the river, saying that the flood was "
        "“worse than ever.”", "worse than ever.", "retired dam keeper", None,
        id="subject-before-an-irregular-past-verb",
    ),
    pytest.param(
        "In early October, Lind’s Harbor state director, Tom Berg, reached out to the firm, writing in an email: "
        "“We want to use this now.”", "We want to use this now.", "Tom Berg", "state director",
        id="subject-role-noun-named-between-commas",
    ),
    pytest.param(
        "Lind’s field director, Tom Berg, reached out to the firm, writing in an email: “We want to use this now.”",
        "We want to use this now.", "Tom Berg", None, id="subject-role-noun-named-between-commas-after-owner",
    ),
    pytest.param(
        "The vote was on Wednesday, when House Speaker Ada B. Lind of Harbor criticized the “identity politics” "
        "on display.", "identity politics", "Ada B. Lind", None, id="full-name-after-a-title-loses-its-of-place",
    ),
    pytest.param(
        "Ada Lind wrote a column.\n\nTom Davis’ commentary, “tell your story,” is very thoughtful.",
        "tell your story,", "Tom Davis", None, id="owner-with-a-plural-style-possessive",
    ),
    pytest.param(
        "“The dam will hold,” Save Our $2 Dam campaign director Ada Lind told the council on Monday.",
        "The dam will hold,", "Ada Lind", "campaign director", id="name-before-verb-past-a-description-with-for",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker", "role"), CASES)
def test_speaker(text: str, quote: str, speaker: str, role: str | None) -> None:
    found = _find(extract_quotes(text), quote)
    assert (found.speaker or "").lower() == speaker.lower()
    if role is not None:
        assert role.lower() in (found.role or "").lower()


def test_a_name_inside_a_relative_clause_before_the_verb_is_not_the_speaker() -> None:
    found = _find(extract_quotes("“The dam will hold,” the group that backs Ada Lind said."), "The dam will hold,")
    assert found.speaker != "Ada Lind"


def test_quote_after_a_quoted_sentence_keeps_its_speaker() -> None:
    text = ("“Russ is running a campaign in all 72 counties,” said Michael Tyne, a spokesman for the "
            "campaign, explaining why the candidate skipped the debate. “He would rather meet the voters.”")
    found = _find(extract_quotes(text), "He would rather meet the voters.")
    assert found.speaker == "Michael Tyne"


def test_quote_with_no_cue_and_no_recent_speaker_has_no_speaker() -> None:
    text = ("Mayor Ann Lindqvist toured the flooded streets on Monday with her staff.\n\n"
            "“We will rebuild every single house on this street before the winter comes.”")
    found = _find(extract_quotes(text), "We will rebuild every single house on this street before the winter comes.")
    assert found.speaker is None
    assert found.confidence == 0.0


def test_a_question_put_to_someone_is_not_theirs_but_their_answer_is() -> None:
    text = ("Ada Lind spoke at the forum on Monday. Lind was later asked, “Do you regret the vote?” She answered, "
            "“Not for a second.”\n\nWhen Lind was asked, “No comment,” she said.")
    quotes = extract_quotes(text)
    assert _find(quotes, "Do you regret the vote?").speaker is None
    assert _find(quotes, "Not for a second.").speaker == "Ada Lind"
    assert _find(quotes, "No comment,").speaker == "Ada Lind"


def test_a_quote_paragraph_after_a_named_speakers_quote_paragraph_is_theirs_not_the_topics() -> None:
    text = ("After the visit, a magazine ran a profile of the man who lent the jet: Victor Hale.\n\n"
            "The story portrayed him as an \"international moneyman of mystery,\" who cultivated scientists "
            "and diplomats but puzzled bankers who could not tell how a dropout got so rich.\n\n"
            "\"Terrific guy,\" Hale's neighbor in both Florida and New York, Tom Berg, said in the story.\n\n"
            "\"He's a lot of fun to be with. It is even said that he likes golf as much as I do.\"")
    found = _find(extract_quotes(text), "He's a lot of fun to be with. It is even said that he likes golf as much as I do.")
    assert found.speaker == "Tom Berg"


def test_a_headline_naming_a_speaker_credits_the_uncued_quote_that_opens_the_article() -> None:
    text = ("“The dam will hold through the winter, and we will rebuild the road by May.”\n\n"
            "Mayor Ada Lind spoke to reporters on Monday after the flood.")
    opening = "The dam will hold through the winter, and we will rebuild the road by May."
    assert _find(extract_quotes(text, headline="Lind: ‘The Dam Will Hold’"), opening).speaker == "Ada Lind"
    assert _find(extract_quotes(text, headline="Flood: The Dam Will Hold"), opening).speaker is None
    assert _find(extract_quotes(text), opening).speaker is None


def test_two_people_named_as_one_subject_are_both_the_speaker() -> None:
    text = ("Mayor Ada Lind and council leader Tom Berg met on Thursday.\n\n"
            "Lind and Berg said the meeting was “a very positive step.”\n\n"
            "“We will work together,” said Lind and Berg.\n\n"
            "Lind beat Mara Park and Berg said it was “fine.”\n\n"
            "Lind and Berg issued a statement describing the deal as “a fair bargain.”")
    quotes = extract_quotes(text)
    assert _find(quotes, "a fair bargain.").speaker == "Ada Lind and Tom Berg"
    assert _find(quotes, "a very positive step.").speaker == "Ada Lind and Tom Berg"
    assert _find(quotes, "We will work together,").speaker == "Ada Lind and Tom Berg"
    assert _find(quotes, "fine.").speaker == "Tom Berg"


def test_a_verb_that_cues_only_after_a_quote_is_no_cue_with_an_object() -> None:
    text = ("Tomasz Wilk leads the survey.\n\n"
            "Half of them say the “sharing economy” reflects an improvement on the old one.")
    assert "improvement" not in (_find(extract_quotes(text), "sharing economy").speaker or "")


def test_a_reply_from_someone_introduces_the_next_paragraph() -> None:
    text = ("I put the question to the ministry. Later, I got an email reply from a ministry spokesperson.\n\n"
            "“The new rules will apply to every school from September.”")
    assert _find(extract_quotes(text), "The new rules will apply to every school from September.").speaker \
        == "a ministry spokesperson"


def test_a_thing_said_by_someone_inside_the_quotes_sentence_is_what_the_subject_judges() -> None:
    text = "Ada Lind said on Monday that the comment by Dr. Mila Porter “was inappropriate and cruel.”"
    assert _find(extract_quotes(text), "was inappropriate and cruel.").speaker == "Ada Lind"


def test_a_weekday_after_a_name_is_no_part_of_it() -> None:
    text = "The plan was announced by Mila Porter Tuesday and posted on Twitter Friday."
    assert [m.name for m in find_mentions(text)] == ["Mila Porter", "Twitter"]


def test_she_continued_after_a_long_quote_is_the_woman_who_spoke_before_it() -> None:
    text = ('Councillor Mila Porter has said that the signs show a community pushed to its limit.\n'
            '\n'
            'She said: "I have spent the past days speaking to residents about the posters that went up this week.\n'
            '\n'
            '"While I condemn any form of intimidation, I think these posters are a sign of a community under strain.\n'
            '\n'
            '"The estate is a wonderful place to raise a family, and it is a settled community with neighbours from many countries.\n'
            '\n'
            '"At the same time, we have a serious lack of social housing, and families are being split up across the city.\n'
            '\n'
            '"This lack of housing will be even worse when the towers come down next year."\n'
            '\n'
            'Join the Orrin Gazette news service on WhatsApp\n'
            '\n'
            'Click this link to receive breaking news from the Orrin Gazette. If you are curious, you can read our Privacy Notice.\n'
            '\n'
            'She continued: "When the housing board decided to demolish the towers, this community agreed to it."')
    assert _find(extract_quotes(text), "When the housing board decided to demolish the towers, this community "
                                       "agreed to it.").speaker == "Mila Porter"


def test_he_prefers_a_man_who_acted_to_a_name_in_passing_of_unknown_gender() -> None:
    text = ("Take a look at what Tomasz Wilk, Ada Lind and many more artists said this year.\n\n1\n"
            "Tomasz Wilk On How History Makes Migrants Feel Small.\n\nPhoto.\n\n"
            "In a conversation with Orrin Live’s Zuleika Brandt about his upcoming comedy project, the actor "
            "discussed the absence of migrants in history lessons. “Just imagine, everything they teach you is "
            "about someone else,” he said.")
    assert _find(extract_quotes(text), "Just imagine, everything they teach you is about someone else,").speaker \
        == "Tomasz Wilk"


def test_a_name_after_a_possessive_determiner_is_no_subject() -> None:
    text = "Click the link for news. You can read our Privacy Notice. She said it was short."
    assert [(m.name, m.subject) for m in Registry(text, []).mentions] == [("Privacy Notice", False)]


def test_capitalized_common_words_with_no_given_name_are_no_person() -> None:
    assert not is_person("Privacy Notice") and not is_person("Cookie Policy")
    assert is_person("Ada Lind") and is_person("Bill Gates") and is_person("Tomasz Wilk")


def test_it_said_refers_to_the_description_that_reported_before() -> None:
    text = ("Growth will slow to 1.6 per cent next year, a Swiss brokerage said on Wednesday.\n\n"
            "Many analysts have cut their forecasts this month.\n\n"
            "“The shutdown will lead to a sharp fall in activity,” it said.\n\n"
            "Last year the researchers argued that rates would stay low.\n\n"
            "“Rates will rise before the summer,” they wrote.")
    quotes = extract_quotes(text)
    assert _find(quotes, "The shutdown will lead to a sharp fall in activity").speaker == "a Swiss brokerage"
    assert _find(quotes, "Rates will rise before the summer").speaker == "researchers"


def test_it_said_is_nobody_when_a_later_subject_could_be_it() -> None:
    text = ("The farm lobby argued on Monday that tariffs should fall.\n\n"
            "The mayor’s campaign quickly backtracked on Friday. On tariffs, it said, “the farmers come first.”")
    assert _find(extract_quotes(text), "the farmers come first.").speaker is None


def test_organization_speaker() -> None:
    text = (
        "The Ministry of Water Resources issued a flood warning on Sunday.\n\n"
        "“Residents should stay away from the riverbanks until further notice,” the ministry said in a statement."
    )
    found = _find(extract_quotes(text), "Residents should stay away from the riverbanks until further notice")
    assert (found.speaker or "").lower() in {"ministry of water resources", "ministry"}


MENTIONS = [
    pytest.param("The city’s “efficiency plan” will cut 40 jobs in the parks department.", "efficiency plan", None,
                 id="scare-quote"),
    pytest.param("The word “resilience” appears eleven times in the new policy.", "resilience", None,
                 id="mentioned-term"),
    pytest.param("Mayor Ann Cole spoke on Monday.\n\nThe so-called “efficiency plan” will cut 40 jobs.",
                 "efficiency plan", None, id="so-called-not-carried"),
    pytest.param("The deal, dubbed the “wine-for-steel” framework in the press, still needs a vote.",
                 "wine-for-steel", None, id="dubbed-participle-names-no-speaker"),
    pytest.param("The candidate labeled “a leader who has won before” leads the field.",
                 "a leader who has won before", None, id="labeled-participle-names-no-speaker"),
    pytest.param("Otto Brenn mocked Ada Lind, who he dubbed “the little treasurer.”", "the little treasurer.",
                 "Otto Brenn", id="dubbed-by-a-speaker"),
    pytest.param("Orlando was not far from their thoughts, with marchers chanting “We are Orlando” all day.",
                 "We are Orlando", None, id="place-subject-is-no-speaker"),
    pytest.param("Mayor Ann Cole said the “efficiency plan” would cut 40 jobs.", "efficiency plan", "Ann Cole",
                 id="scare-quote-in-reported-speech"),
]


@pytest.mark.parametrize(("text", "term", "speaker"), MENTIONS)
def test_mention_is_a_quote_credited_only_through_a_cue(text: str, term: str, speaker: str | None) -> None:
    assert [(q.quote, q.speaker) for q in extract_quotes(text)] == [(term, speaker)]


NOT_QUOTES = [
    pytest.param("The documentary “Rivers of Salt” opened the festival on Friday night.", "Rivers of Salt",
                 id="title-of-work"),
    pytest.param("The school board voted to keep the novel “The Long Harbor” in its libraries.", "The Long Harbor",
                 id="novel-title-after-subject"),
    pytest.param("Locals call the new tower “the Needle” and few of them like it.", "the Needle",
                 id="nickname"),
    pytest.param("Why vote for him, unless simply because “she” is a “he”?", "he", id="lone-pronouns"),
]


@pytest.mark.parametrize(("text", "term"), NOT_QUOTES)
def test_not_a_quote(text: str, term: str) -> None:
    assert [q.quote for q in extract_quotes(text) if term in q.quote] == []


def test_a_common_plural_opening_a_sentence_is_a_description_not_a_name() -> None:
    quote, = extract_quotes("Officials said the bridge was “unsafe for now.”")
    named, = extract_quotes("“The bridge is unsafe,” Tom Berg said.")
    assert quote.speaker == "officials" and quote.confidence < named.confidence


def test_a_lone_pronoun_a_cue_credits_is_a_quote() -> None:
    quotes = extract_quotes("Ada Lind was asked who had signed the order.\n\n“Him,” she said, pointing at Tom Berg.")
    assert [(q.quote, q.speaker) for q in quotes] == [("Him,", "Ada Lind")]


def test_seed_article() -> None:
    if not SEED_ARTICLE.exists():
        pytest.skip("shared seed corpus is absent")
    article = extract(load_article(SEED_ARTICLE))
    speakers = [q.speaker or "" for q in article.quotes]
    assert len(speakers) == 5, [(q.quote, q.speaker) for q in article.quotes]
    assert speakers.count("Jens Stoltenberg") == 2
    assert sum("british defense ministry" in s.lower() for s in speakers) == 1
    assert "Volodymyr Zelenskyy" in speakers
    assert "a senior U.S. military officer" in speakers


def test_name_before_a_title_and_a_name_is_no_subject() -> None:
    mentions = find_mentions("Dahl campaign manager Oskar Berg picked up the thread.")
    assert [(m.name, m.subject) for m in mentions] == [("Dahl", False), ("Oskar Berg", True)]


def test_a_place_alone_is_no_person_even_if_a_first_name() -> None:
    assert not is_person("Virginia")
    assert is_person("Virginia Foxx")


def test_speech_verb_after_a_determiner_is_a_noun() -> None:
    text = "The critics likened the rules to “burning the constitution” - a charge that might have stung."
    assert all(q.speaker != "a" for q in extract_quotes(text))


def test_described_speaker_does_not_carry_past_a_named_person() -> None:
    text = ("“We need more time to count the ballots,” a spokesman for the council said on Monday.\n\n"
            "Mira Holm, the council leader, met the protesters outside the town hall on Tuesday.\n\n"
            "“Nobody on this street will lose their home, and nobody will be forgotten.”")
    found = _find(extract_quotes(text), "Nobody on this street will lose their home, and nobody will be forgotten.")
    assert found.speaker == "Mira Holm"


def test_coreference_marks_the_first_subject_of_a_paragraph_as_its_topic() -> None:
    text = "Tomas Berg spent Monday in the capital. He met Jonas Lind there, and Erik Dahl joined them."
    window = [(m, e, 0) for m, e in reversed(list(Registry(text, []).resolved()))]
    cands = coref.candidates(window, coref.History(), (0, 1), len(text), "m", "pronoun", lambda e: 1)
    assert {c.entity.name for c in cands} == {"Tomas Berg", "Jonas Lind", "Erik Dahl"}
    assert [c.entity.name for c in cands if "pronoun:topic" in c.features] == ["Tomas Berg"]


def test_a_name_run_stops_at_a_paragraph_break_and_at_an_acronym_ending_a_sentence() -> None:
    text = "The money went to the DNC. Kyle Berg said so.\n\nThe report came from the FBI.\n\nAnna Vik left."
    assert [m.name for m in find_mentions(text)] == ["DNC", "Kyle Berg", "FBI", "Anna Vik"]


def test_the_person_named_after_a_possessive_owner_is_a_mention_of_their_own() -> None:
    text = "Turnout will hardly change, noted CNN’s Mark Moss, who covers the race."
    owner, person = find_mentions(text)
    assert (owner.name, owner.subject) == ("CNN", False)
    assert (person.name, person.subject, person.says) == ("Mark Moss", True, True)


def test_the_name_after_an_inverted_speech_verb_is_one_who_speaks() -> None:
    text = "“The plan is dead,” said Tom Reed, an aide, on Monday."
    [mention] = find_mentions(text, [(1, 17)])
    assert (mention.name, mention.subject, mention.says) == ("Tom Reed", True, True)


def test_lone_capitalized_words_opening_a_sentence_are_no_mentions_unless_named_elsewhere() -> None:
    text = "Yet the vote came late. Chastened, Berg left early. Tomas Berg came back on Friday."
    assert [m.name for m in Registry(text, []).mentions] == ["Berg", "Tomas Berg"]


def test_he_after_a_quote_is_the_person_an_inverted_cue_named_behind_an_owner() -> None:
    text = ("“We will win this state,” said Tom Reed, the party chairman.\n\n"
            "The debates are not likely to change much, noted CNN’s Mark Moss.\n\n"
            "“Most voters have seen the candidates for months already,” he wrote.")
    found = _find(extract_quotes(text), "Most voters have seen the candidates for months already,")
    assert found.speaker == "Mark Moss"


def test_coreference_marks_the_first_subject_of_the_sentence_before_and_counts_sentences_outside_quotes() -> None:
    text = ("Lars Holm praised Erik Dahl on Monday. “It went well. We won,” he said.")
    registry = Registry(text, [(text.index("“") + 1, text.index("”"))])
    window = [(m, e, 0) for m, e in reversed(list(registry.resolved()))]
    at = text.index("he said")
    cands = coref.candidates(window, coref.History(), (0, registry.sentence_of(at)), at, "m", "pronoun", lambda e: 1)
    feats = {c.entity.name: c.features for c in cands}
    assert "pronoun:lead=1" in feats["Lars Holm"] and "pronoun:lead=1" not in feats["Erik Dahl"]
    assert "pronoun:sent=1" in feats["Erik Dahl"]


def test_a_title_with_of_goes_up_to_the_first_name() -> None:
    text = "That, RNC Chief of Staff Kate Walsh explained, is by design. Director of Communications Jennifer Lund agreed."
    assert [(m.name, m.role) for m in find_mentions(text)] == [
        ("Kate Walsh", "RNC Chief of Staff"), ("Jennifer Lund", "Director of Communications")]


def test_a_qualifying_title_word_before_one_common_noun_makes_a_body_name() -> None:
    text = "Rates fell after the Federal Reserve acted. National Guard troops left. Special Counsel Ada Lind spoke."
    assert [(m.name, m.role) for m in find_mentions(text)] == [
        ("Federal Reserve", None), ("National Guard", None), ("Ada Lind", "Special Counsel")]


def test_a_particle_is_no_title_word() -> None:
    assert [(m.name, m.role) for m in find_mentions("Mayor Lena de Vries spoke.")] == [("Lena de Vries", "Mayor")]


def test_a_capitalized_word_before_a_given_name_and_a_surname_is_no_part_of_the_name() -> None:
    text = "After Democrat Anna Lind’s warning, Pastor Tomas Berg spoke. J. Robert Holm and Harry B. Harris Jr. came."
    assert [(m.name, m.role) for m in find_mentions(text)] == [
        ("Anna Lind", "Democrat"), ("Tomas Berg", "Pastor"), ("J. Robert Holm", None), ("Harry B. Harris Jr", None)]
    assert speaker_key("Democrat Anna Lind") == "anna lind"
    assert speaker_key("Sen. Paula D. Ryan of Orrin").startswith("paula ryan")


def test_a_name_run_starts_at_a_word_start_or_after_a_glued_clock_time() -> None:
    text = "Follow @realAnnaLind for news. 4:15 PMTomas Berg spoke."
    assert [m.name for m in find_mentions(text)] == ["Tomas Berg"]


def test_a_headline_in_title_case_is_cut_at_its_function_words_and_after_a_given_name_and_surname() -> None:
    text = "Tomas Berg Pins The Blame On Anna Lind.\n\nThe Director of The Orrin Institute spoke."
    assert [m.name for m in find_mentions(text)] == ["Tomas Berg", "Anna Lind", "Orrin Institute"]


def test_a_surname_that_is_a_title_word_still_names_someone() -> None:
    text = "Anna Pope, a farmer, spoke on Monday. “The mill is dead,” Pope said. Tomas Dean agreed."
    assert [m.name for m in find_mentions(text)] == ["Anna Pope", "Tomas Dean"]
    assert _find(extract_quotes(text), "The mill is dead").speaker == "Anna Pope"


def test_an_abbreviated_state_or_month_is_no_mention() -> None:
    text = "Tomas Berg of Fairfax, Va., spoke on Feb. 3 with Rep. Anna Lind (D-Calif.)."
    assert [m.name for m in find_mentions(text)] == ["Tomas Berg", "Anna Lind", "D-Calif"]


def test_a_given_name_that_is_a_common_word_opens_a_name_that_opens_no_question() -> None:
    text = "“We won,” said Will Berg, the chairman. Will he run? Anna Lind met Will Holm. Will Holm win?"
    assert [m.name for m in Registry(text, [(1, 8)]).mentions] == ["Will Berg", "Anna Lind", "Will Holm", "Holm"]


def test_a_name_with_a_connecting_word_is_not_known_by_its_last_word() -> None:
    text = ("Students at the University of Orrin marched with the Coalition for Anna Lind on Monday. "
            "Lind spoke, and Orrin cheered.")
    assert [e.name for e in Registry(text, []).entities] == [
        "University of Orrin", "Coalition for Anna Lind", "Lind", "Orrin"]


def test_a_common_word_before_a_surname_is_no_title_but_a_speech_verb_is() -> None:
    text = "The story ran in Orrin’s Plain Dealer, and Radio Orrin’s Off Message aired it. Continued Berg, “No.”"
    assert [m.name for m in find_mentions(text)] == ["Orrin", "Plain Dealer", "Radio Orrin", "Message", "Berg"]


def test_a_function_word_or_number_opening_a_sentence_is_no_part_of_a_name() -> None:
    text = "Despite Berg’s plea, the mill closed. Thirteen Orrin workers left. Moreover Holm left too."
    assert [m.name for m in find_mentions(text)] == ["Berg", "Orrin", "Holm"]


def test_a_name_keeps_the_letters_of_a_mis_decoded_accent() -> None:
    text = unicodedata.normalize("NFKD", "Mayor LucÃ\xada OrteÃ±a said the plan was dead, and GÃ¼ler agreed.")
    assert [m.name for m in find_mentions(text)] == [unicodedata.normalize("NFKD", n) for n in ("LucÃ\xada OrteÃ±a", "GÃ¼ler")]


def test_a_name_after_a_preposition_and_an_article_is_no_subject() -> None:
    text = "On The Morning Show on Tuesday, Mara Lind criticized the plan."
    show, person = find_mentions(text)
    assert (show.name, show.subject) == ("Morning Show", False)
    assert (person.name, person.subject) == ("Mara Lind", True)


def test_a_name_before_a_plural_noun_for_people_is_no_subject_unless_an_organization() -> None:
    text = "On Monday, Dalia Crane met farmers. Crane supporters booed and Harbor Union members cheered."
    person, supporters, union = find_mentions(text)
    assert (person.name, person.subject) == ("Dalia Crane", True)
    assert (supporters.name, supporters.subject) == ("Crane", False)
    assert (union.name, union.subject) == ("Harbor Union", True)


def test_a_surname_that_is_a_common_word_names_the_person_named_in_full() -> None:
    text = "The lab hired Ada Field in May.\n\nThat afternoon, Field arrived. Field has let her hair go silver."
    registry = Registry(text, [])
    assert [(m.name, e.name, m.subject) for m, e in registry.resolved()] == \
        [("Ada Field", "Ada Field", False), ("Field", "Ada Field", True), ("Field", "Ada Field", True)]
    assert find_mentions("That afternoon, Field arrived.") == []


def test_a_given_name_of_either_sex_opens_a_name_but_tells_no_gender() -> None:
    text = "The lab hired Leslie Field in May.\n\nThat afternoon, Field arrived. Her tests failed."
    registry = Registry(text, [])
    assert [(m.name, e.name) for m, e in registry.resolved()] == [("Leslie Field", "Leslie Field"),
                                                                  ("Field", "Leslie Field")]
    assert gender_of("Leslie Field") is None and gender_of("Leslie Field", "spokeswoman") == "f"


def test_a_common_word_opens_a_name_inside_a_sentence_but_not_at_its_start() -> None:
    text = "Critics wrote to Digital Harbor on Monday. Digital Harbor replied. Senior Tom Berg agreed."
    assert [m.name for m in Registry(text, []).mentions] == ["Digital Harbor", "Harbor", "Tom Berg"]


def test_a_place_is_not_the_first_subject_of_its_sentence() -> None:
    text = "On Monday, Florida developer Mel Sembler disliked the idea. “It cannot happen,” he said."
    registry = Registry(text, [(text.index("“") + 1, text.index("”"))])
    window = [(m, e, 0) for m, e in reversed(list(registry.resolved()))]
    at = text.index("he said")
    cands = coref.candidates(window, coref.History(), (0, registry.sentence_of(at)), at, "m", "pronoun", lambda e: 1)
    assert [c.entity.name for c in cands if "pronoun:lead=1" in c.features] == ["Mel Sembler"]


def test_it_refers_to_the_organization_subject_not_to_a_person_who_spoke() -> None:
    text = ("“We will not wait,” said Lena Ford, a diplomat.\n\n"
            "The Security Council on Friday condemned the test as what it called “a clear threat to peace.”")
    found = _find(extract_quotes(text), "a clear threat to peace.")
    assert found.speaker == "Security Council"


def test_a_pronoun_is_the_first_subject_named_before_it_in_its_sentence_when_of_its_gender() -> None:
    text = "Erik Dahl met Holm on Monday. Tom Reed said he would run."
    registry = Registry(text, [])
    window = [(m, e, 0) for m, e in reversed(list(registry.resolved()))]
    at = text.index("he would")
    cands = coref.candidates(window, coref.History(), (0, registry.sentence_of(at)), at, "m", "pronoun", lambda e: 1)
    against = {"pronoun:lead=0": -9.0}
    assert coref.choose(cands, against).entity.name != "Tom Reed"
    assert coref.decide(cands, against).entity.name == "Tom Reed"


def test_the_subject_between_the_parts_of_a_quote_is_a_trailing_lead() -> None:
    text = "“I doubt it” - that Holm will win - “is likely,” he says."
    quoted = [(1, text.index("”")), (text.index("“is") + 1, text.rindex("”"))]
    registry = Registry(text, quoted)
    window = [(m, e, 0) for m, e in reversed(list(registry.resolved()))]
    at = text.index("he says")
    where = (0, registry.sentence_of(at))
    [holm] = coref.candidates(window, coref.History(), where, at, "m", "pronoun", lambda e: 1, trailing=True)
    assert "pronoun:lead=0/trailing" in holm.features and "pronoun:lead=0" not in holm.features


def test_an_entity_of_unknown_gender_takes_the_gender_of_a_pronoun_resolved_to_it() -> None:
    text = "On Monday, Oskarsson and Holm spoke. He said the plan was dead."
    attributor = Attributor(text, [], ranker=lambda _kind, cands: cands[0] if cands else None)
    attributor._read_narrative(len(text))
    assert {e.name: e.gender for e in attributor.registry.entities} == {"Oskarsson": None, "Holm": "m"}


def test_a_name_run_opened_by_capitalized_words_after_a_preposition_is_no_subject() -> None:
    text = "In an interview with Trending Today USA with Rusty Hale, Holm made it clear."
    assert [(m.name, m.subject) for m in find_mentions(text)] == [
        ("USA", False), ("Rusty Hale", False), ("Holm", True)]


def test_a_word_almost_never_a_name_is_no_person() -> None:
    assert not is_person("Twitter")
    assert is_person("Tom Twitter") and is_person("Holm")



_POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear"
_SPLIT_BY_PRONOUN = re.compile(r"[,”\"]*\s*(?:he|she) [a-z]+,\s*[“\"]\Z")


@pytest.mark.skipif(not _POLNEAR.is_dir(), reason=f"{_POLNEAR} is absent")
def test_both_parts_of_a_quote_split_by_a_pronoun_cue_have_one_speaker() -> None:
    """“…,” she said, “…”: the pronoun is read once, whichever part asks first (PolNeAR train and dev)."""
    split = 0
    for path in sorted(_POLNEAR.glob("*/text/*.txt")):
        text = load_article(path).text
        quotes = extract_quotes(text)
        for first, second in zip(quotes, quotes[1:]):
            if _SPLIT_BY_PRONOUN.match(text[first.end:second.start]):
                split += 1
                assert first.speaker == second.speaker, (path.name, first.quote, second.quote)
    assert split > 10


def test_a_sentence_adverb_before_a_name_is_no_part_of_it() -> None:
    assert [m.name for m in find_mentions("Maybe Lind is the candidate. Yes Lind can win.")] == ["Lind", "Lind"]


def test_what_a_speaker_did_is_no_role() -> None:
    text = ("“The dam will hold,” said Ada Lind, speaking at a rally in Harbor.\n\n"
            "Tom Berg, a retired worker from the plant, said the river “is rising.”\n\n"
            "“We will see,” said Mira Holm, told reporters at the dam.")
    quotes = extract_quotes(text)
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Ada Lind", None), ("Tom Berg", "retired worker from the plant"), ("Mira Holm", None)]


def test_roles_keep_abbreviations_and_leave_out_qualifiers_ages_and_adverbs() -> None:
    text = ("Tom Berg, a D.C.-based talk radio host, said the river “is rising.”\n\n"
            "Ada Lind, 49, said the dam “will hold.” Former Lind advisers disagreed.\n\n“It will,” she said.\n\n"
            "Mira Holm, however, said it was “a mess.”")
    assert [(q.speaker, q.role) for q in extract_quotes(text)] == [
        ("Tom Berg", "D.C.-based talk radio host"), ("Ada Lind", None), ("Ada Lind", None), ("Mira Holm", None)]


def test_a_contraction_plural_or_adjective_opening_a_sentence_is_no_clause_subject() -> None:
    text = ("Nobody had seen the film.\n\nCongregants watched the documentary, “Thirteen Dams,” on Monday.\n\n"
            "We’ve called the dam “a sieve” for years.\n\nThe NAACP called the dam “a disgrace.”\n\n"
            "Ada Lind spoke.\n\nLind called it “a triumph.”")
    assert [(q.quote, q.speaker) for q in extract_quotes(text)] == [
        ("a sieve", None), ("a disgrace.", "NAACP"), ("a triumph.", "Ada Lind")]


def test_a_place_s_people_are_no_person_that_she_refers_to() -> None:
    assert not is_person("Clevelanders") and is_person("Sanders") and is_person("Ada Clevelanders")
    text = ("Storms come and Clevelanders get nervous, said Ada Lind, director of the Harbor Trust. “It was "
            "supposed to be calm,” she said.")
    assert _find(extract_quotes(text), "It was supposed to be calm,").speaker == "Ada Lind"


def test_a_state_abbreviation_or_a_place_named_by_its_head_noun_is_no_person() -> None:
    assert not is_person("Va") and not is_person("Sandy Hook") and not is_person("Capitol Hill")
    assert is_person("Anita Hill") and is_person("Sandy Berg")
    text = ("Police officer Dale Reed was at the scene. Officials in Richmond, Va., said the area was closed.\n\n"
            "“It was a routine stop,” he said.")
    assert _find(extract_quotes(text), "It was a routine stop,").speaker == "Dale Reed"


def test_a_name_qualifying_a_noun_after_an_article_or_a_longer_title_is_no_subject() -> None:
    text = "The Lind campaign and Lind senior policy adviser Ada Berg met."
    assert [(m.name, m.subject) for m in find_mentions(text)] == [("Lind", False), ("Lind", False), ("Ada Berg", True)]
    text = ("Mara Lind ran a lean race this year.\n\n"
            "The Lind approach is made possible by money, said Ada Berg, a strategist. "
            "Others are “having to be leaner,” she said.")
    assert _find(extract_quotes(text), "having to be leaner,").speaker == "Ada Berg"


def test_a_name_after_a_verb_that_takes_it_as_object_is_no_subject() -> None:
    text = ("The mayor endorsed Ada Lind. Voters came to oppose Tom Reed, and polls say Eva Holm would beat "
            "Ivo Berg. The embattled Lind spoke. The report revealed Reed was ahead.")
    subjects = [(m.name, m.subject) for m in find_mentions(text)]
    assert subjects == [("Ada Lind", False), ("Tom Reed", False), ("Eva Holm", True), ("Ivo Berg", False),
                        ("Lind", True), ("Reed", True)]


def test_a_name_after_an_ing_verb_is_its_object_but_not_after_an_ing_noun() -> None:
    text = ("Despite voters holding Ada Lind responsible, Ivo Berg says she erred. Critics of the plan, "
            "including Tom Reed, left. Tuesday morning Eva Holm spoke, saying Ian Moss had won.")
    subjects = [(m.name, m.subject) for m in find_mentions(text)]
    assert subjects == [("Ada Lind", False), ("Ivo Berg", True), ("Tom Reed", False), ("Eva Holm", True),
                        ("Ian Moss", True)]
    text = ("Despite many people holding Ada Lind responsible for the deaths of Ambassador Ian Moss and others, "
            "Tom Reed says it is hard to blame any one person. He also says the scandal was dealt with.\n\n"
            "“I agree that she should be held accountable,” he said.")
    assert _find(extract_quotes(text), "I agree that she should be held accountable,").speaker == "Tom Reed"


def test_a_first_name_given_to_men_and_women_alike_tells_no_gender() -> None:
    text = ("Ada Lind spoke first.\n\nFormer governor Jan Holm calls security a priority. "
            "“That will resonate with voters,” she said.")
    assert _find(extract_quotes(text), "That will resonate with voters").speaker == "Jan Holm"


def test_gender_is_learned_past_names_in_passing_but_not_from_the_subjects_pronouns() -> None:
    text = ("Naureen Quist, a Porter supporter from Hemet, is among those who will not back the mayor. "
            "The Porter campaign was the first time she had been involved in politics.\n\n"
            "Senator Ada Lind wrote for The Valley Courier that the plan was dead. She promised to fight it.")
    genders = {e.name: e.gender for e in Registry(text, []).entities}
    assert genders["Naureen Quist"] == "f" and genders["Valley Courier"] is None


@pytest.mark.parametrize(("text", "phrase"), [
    ("a copy of the letter reviewed by The Post said", "a copy of the letter reviewed by The Post"),
    ("one Republican involved in the planning of the convention said", "one Republican involved in the planning"),
])
def test_a_described_speaker_takes_who_handled_the_document_and_never_ends_on_a_preposition(
        text: str, phrase: str) -> None:
    toks = tokens(text, 0, len(text))
    assert phrase_text(toks, 0, np_forward(toks, 0)[0]) == phrase


def test_an_honorific_tells_apart_people_who_share_a_surname() -> None:
    text = ("“It was great,” said Tom Lind. “She was wonderful,” Ada Lind said.\n\n"
            "“I agree,” Mrs. Lind said. “He is right,” Mr. Lind said.")
    quotes = extract_quotes(text)
    assert _find(quotes, "I agree").speaker == "Ada Lind"
    assert _find(quotes, "He is right").speaker == "Tom Lind"


def test_a_surname_with_an_honorific_is_a_mention_of_the_person_of_that_gender() -> None:
    text = "Tom Lind and Ada Lind spoke. Mrs. Lind left early."
    registry = Registry(text, [])
    [(mention, entity)] = [(m, e) for m, e in registry.resolved() if m.start == text.index("Mrs.")]
    assert entity.name == "Ada Lind"


def test_a_surname_with_a_joined_particle_is_part_of_the_name() -> None:
    text = ("Syrian President Bashar al-Assad spoke on state television.\n\n"
            "“We will not surrender,” Assad said.\n\n“The war is over,” al-Assad told reporters.\n\n"
            "“We are ready,” said Abu Bakr al-Baghdadi.")
    quotes = extract_quotes(text)
    assert [_find(quotes, q).speaker for q in ("We will not surrender", "The war is over", "We are ready")] == [
        "Bashar al-Assad", "Bashar al-Assad", "Abu Bakr al-Baghdadi"]


def test_a_given_name_alone_is_the_one_person_named_in_full_with_it() -> None:
    text = ("Ada Lind and Tom Berg debated on Monday, and Chinese envoy Xi Jinping watched.\n\n"
            "“I will fight,” Ada said. “We will win,” Tom told the crowd. “We want peace,” Xi said.")
    quotes = extract_quotes(text)
    assert [_find(quotes, q).speaker for q in ("I will fight", "We will win", "We want peace")] == [
        "Ada Lind", "Tom Berg", "Xi Jinping"]


def test_will_or_may_alone_before_a_reporting_verb_is_a_surname() -> None:
    text = ("Columnist George Will and Prime Minister Theresa May met on Monday.\n\n"
            "“The plan is dead,” Will wrote. “Britain will decide,” May said.")
    quotes = extract_quotes(text)
    assert [_find(quotes, q).speaker for q in ("The plan is dead", "Britain will decide")] == [
        "George Will", "Theresa May"]


def test_british_style_cues_after_a_quote_name_the_speaker() -> None:
    text = ("Villagers say the mine took their water.\n\n"
            "“Instead of a water system, they use our only source”, Mr Ivo Berg said.\n\n"
            "“We breathe dust every day”, Dr Ada Lind said.\n\n"
            "Untreated, the disease is “always fatal”, says WHO.")
    speakers = {q.quote: q.speaker for q in extract_quotes(text)}
    assert speakers == {"Instead of a water system, they use our only source": "Ivo Berg",
                        "We breathe dust every day": "Ada Lind", "always fatal": "WHO"}


def test_hyphened_modifiers_name_no_one_and_a_name_after_over_is_no_subject() -> None:
    text = "After Russian-backed forces took over Kherson, Obama-era rules and X-ray labs went, but Ban Ki-moon stayed."
    assert [(m.name, m.subject) for m in find_mentions(text)] == [("Kherson", False), ("Ban Ki-moon", True)]
    text = ("“I will never forget that evening,” says Oksana Hrytsenko, a vice-rector at the Kherson National "
            "University (KNU). In 2014, after Russian-backed forces took over Kherson, the capital of the region, "
            "Hrytsenko and many of her colleagues chose to leave. “We hoped that it would be one semester,” she says.")
    assert _find(extract_quotes(text), "We hoped that it would be one semester,").speaker == "Oksana Hrytsenko"


@pytest.mark.parametrize("text, expected", [
    ("Ada Lind — Yale Law-trained planner and radio host — has been praised by neighbours", "Ada Lind"),
    ("LISBON — Mayor Ada Lind opened the bridge on Friday", "Mayor Ada Lind"),
    ("Lisbon (AFP) – Mayor Ada Lind opened the bridge on Friday", "Mayor Ada Lind"),
])
def test_a_name_whose_dash_another_closes_is_the_subject_not_a_dateline(text: str, expected: str) -> None:
    toks = tokens(text, 0, len(text))
    found = subject(toks, len(toks))
    assert found is not None and found[0] == expected


def test_a_cue_after_and_an_auxiliary_and_an_adverb_is_the_pronouns() -> None:
    text = "Ada Lind spoke first. Later she took the chair in March, and has repeatedly declared, “We are not afraid.”"
    found = _find(extract_quotes(text), "We are not afraid.")
    assert (found.speaker, found.cue) == ("Ada Lind", "declared")


def test_a_pronoun_with_a_contraction_is_the_subject_of_a_coordinated_cue() -> None:
    text = ("Ada Lind slammed the plan in May, and she’s now revisited her comments and explained she feels "
            "“a certain level of disappointment” with it.")
    found = _find(extract_quotes(text), "a certain level of disappointment")
    assert (found.speaker, found.cue) == ("Ada Lind", "explained")


def test_the_and_a_capitalized_kind_of_person_is_a_description_not_a_name() -> None:
    text = "Otto Brenn spoke on Monday. “Those are skilled governors,” the Texan said."
    spans = find_quotes(text)
    traced = Attributor(text, [(s.start, s.end) for s in spans]).attribute_traced(spans)
    assert [(q.speaker, how) for q, how in traced] == [("Texan", "after/description")]


def test_a_body_named_with_of_runs_on_across_and() -> None:
    text = ("The Department of Health and Human Services said so. Sen. Ivo Cruz of Texas and Gov. Ada Lind of Ohio "
            "met. It is easy to think of Thatcherism and Reaganism as one. Ada Lind and Otto Brenn left.")
    assert [m.name for m in find_mentions(text)] == [
        "Department of Health and Human Services", "Ivo Cruz", "Ada Lind", "Thatcherism", "Reaganism", "Ada Lind",
        "Otto Brenn"]
