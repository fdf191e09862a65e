"""Photographs of the child's marks or injuries that the record mentions.

The audit found a school had photographed a child's injuries.  A sentence counts when it
says someone took pictures of marks or injuries; medical photography (a paediatrician, a
medical photographer, a SARC) is recorded as medical, and body maps are not photographs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..extract.phrases import phrase_pattern
from ..nlp import sentences
from .model import Photograph

if TYPE_CHECKING:  # pragma: no cover
    from . import Facts

__all__ = ["read_photographs"]

_NEGATION = re.compile(
    r"\b(?:no|not|never|nor|neither|without|refrain(?:ed)?|instead\s+of|nobody|no[\s-]one|none)\b|n't\b", re.I
)
_POINTER = re.compile(r"\b(?:them|these|those|this|it|the\s+(?:marks?|bruis\w+|injur\w+))\b", re.I)


def read_photographs(facts: Facts) -> list[Photograph]:
    """Every sentence saying someone photographed marks or injuries: by whom where the
    sentence says, whether by medical staff (clinical photography, not this concern) and
    whether of the child (not an adult's injuries, a room or a phone screen)."""
    lex = facts.lexicon
    photos = phrase_pattern(lex.phrase_list("photo_terms"))
    injuries = phrase_pattern(lex.phrase_list("injury_terms"))
    expected = phrase_pattern(lex.phrase_list("expected_images"))
    medical = phrase_pattern(lex.phrase_list("medical_photo_terms"))
    parts = _of_body_part(lex.phrase_list("body_part_terms"))
    if photos is None or injuries is None:
        return []
    out = []
    # the blocks just before: "4 bruises to the left arm" then "- took photos of both arms";
    # a form's rows: "What happened | bruising to both ears" two rows above "Immediate action
    # taken | Nursery manager photographed both ears and the back of Ruby's hand"
    recent: list[bool] = []
    for block in facts.document.body_blocks():
        near = any(recent[-_NEAR_BLOCKS:])
        if len((block.text or "").split()) > 3:
            recent.append(_injury_in((block.text or "").replace("’", "'"), injuries))
        hit = _photo_of_injury(facts, block.text or "", photos, injuries, expected, None, parts, near)
        if not hit:
            continue
        by_medical = medical is not None and bool(medical.search(hit))
        keys = facts.agencies_named_in(hit)
        out.append(
            Photograph(
                block.index,
                hit,
                by=keys[0] if keys else "",
                medical=by_medical,
                of_child=not _ADULTS_INJURY.search(hit) and not _someone_else_hurt(facts, hit),
            )
        )
    return out


#: How many blocks of text before a photograph a description of the marks still speaks for it
#: (a form's rows: the incident, the explanation, who raised it, then the action taken).
_NEAR_BLOCKS = 4

#: "photographs of her injuries", "both sides of her neck": whose marks, by a pronoun.
#: Marks a photograph may be of, as the possessive readings below name them.
_MARKS = r"injur\w*|bruis\w*|marks?|wounds?|cuts?|burns?"
#: Where on someone marks are photographed, in the same readings: "her neck", "Chloe's neck".
_WHERE = r"neck|face|arms?"
_PRONOUN_INJURY = re.compile(rf"\b(?P<pronoun>her|his)\s+(?:\w+\s+){{0,2}}(?:{_MARKS}|{_WHERE})\b", re.I)
_TOOK = re.compile(r"(?:\w+\s+){0,2}?(?:took|takes|has\s+taken|photographed|photographs|filmed)\b", re.I)
#: A sentence that opens with an adult by title and surname ("Ms Ellis has given ...").
_TITLED_SUBJECT = re.compile(r"^\W*(?P<title>Ms|Mrs|Miss|Mr)\.?\s+[A-Z][\w'’-]+\s+(?!said|told)")


def _child_pronoun(facts: Facts) -> str:
    """ "his" or "her" when the lines naming the child speak of them one way clearly."""
    first = (facts.child.name or "").split()[:1]
    if not first or len(first[0]) < 2:
        return ""
    name = re.compile(rf"\b{re.escape(first[0])}\b")
    his = hers = 0
    for block in facts.document.body_blocks():
        text = block.text or ""
        if not name.search(text):
            continue
        his += len(re.findall(r"\b(?:he|his|him)\b", text, re.I))
        hers += len(re.findall(r"\b(?:she|her)\b", text, re.I))
    if his >= 3 and his >= 3 * max(hers, 1):
        return "his"
    if hers >= 3 and hers >= 3 * max(his, 1):
        return "her"
    return ""


#: "photographs of Chantelle's neck injuries": marks someone is named as having.
_NAMED_INJURY = re.compile(rf"\b(?P<who>[A-Z][a-z'’-]+)['’]s\s+(?:\w+\s+){{0,2}}(?:{_MARKS})\b")
#: "photographs of Chloe's neck": where on someone, when the record names them as an adult.
_NAMED_PLACE = re.compile(rf"(?<![\w-])(?P<who>[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*)['’]s\s+(?:\w+\s+){{0,2}}(?:{_WHERE})\b")
#: How a record introduces a grown-up of the family: "Chloe Mercer (mother, 20)".
_RELATION = r"mother|mum|father|dad|partner|step-?\w+|grand\w+|aunt|uncle|boyfriend|girlfriend"
#: "CW had visible red mark to upper arm, photos taken ...": whose the marks are.
_HURT_SUBJECT = re.compile(
    r"(?:^|[.:;]\s+)(?P<who>[A-Z]{2,3}|[A-Z][a-z'’-]+)\s+(?:had|has|sustained|suffered|received)\b"
)


def _someone_else_hurt(facts: Facts, text: str) -> bool:
    """The marks photographed are someone else's, named by initials that are not the
    child's ("CW had visible red mark to upper arm, photos taken ..." about the mother), or
    by a first name that is not the child's ("photographs of Chantelle's neck injuries")."""
    child_words = {w.lower() for w in re.split(r"[\s-]+", facts.child.name or "") if w}
    owner = _NAMED_INJURY.search(text)
    if owner and child_words and owner.group("who").lower() not in child_words:
        return True
    place = _NAMED_PLACE.search(text)
    if place and place.group("who").lower() not in child_words and _introduced_as_adult(facts, place.group("who")):
        return True
    pronoun = _PRONOUN_INJURY.search(text)
    first = (facts.child.name or "").split()[:1]  # the family name is the mother's too
    if pronoun and not (first and re.search(rf"\b{re.escape(first[0])}\b", text)):
        said = pronoun.group("pronoun").lower()
        # "Ms Ellis has given a first account and photographs of her injuries were taken":
        # the titled adult the sentence opens with is whose injuries they are
        adult = _TITLED_SUBJECT.match(text)
        photographer = adult and _TOOK.match(text[adult.end() :])  # "Mrs Patel took photos of her arm"
        if adult and not photographer and (said == "her") == (adult.group("title").lower() in ("ms", "mrs", "miss")):
            return True
        # "Red marks to both sides of her neck, photographed ..." in a record about a boy
        if _child_pronoun(facts) not in ("", said):
            return True
    m = _HURT_SUBJECT.search(text)
    if m is not None and not m.group("who").isupper():
        # "Chloe had red marks on both sides of her neck, which officers photographed": the
        # record introduced Chloe as the mother; a first name may otherwise be the child's own
        who = m.group("who")
        return who.lower() not in child_words and _introduced_as_adult(facts, who)
    if m is None:
        return False
    words = [w for w in re.split(r"[\s-]+", facts.child.name or "") if w[:1].isalpha()]
    if not words:
        return False  # whose initials the child's are is not known
    child = {"".join(w[0] for w in words).upper(), words[0][0].upper(), (words[0][0] + words[-1][0]).upper()}
    return m.group("who") not in child


def _introduced_as_adult(facts: Facts, who: str) -> bool:
    """The record names ``who`` with a family relation beside them ("Chloe Mercer (mother,
    20)", "Chloe, Isla's mother"): a grown-up, not a second child of the record."""
    pattern = re.compile(
        rf"(?<![\w-]){re.escape(who)}(?![\w-])[^.;()\n]{{0,30}}[(,]\s*(?:\w+['’]s\s+)?(?:{_RELATION})\s*(?:[,.;)]|\d|$)",
        re.I,
    )
    return any(pattern.search(b.text or "") for b in facts.document.body_blocks())


#: "Police photographed Ms Reilly's injuries": an adult's injuries, not the child's.
_ADULTS_INJURY = re.compile(
    r"\b(?:Ms|Mrs|Mr|Miss|mum|mother|dad|father|step-?\w+|partner|grand\w+)\.?(?:\s+[A-Z][\w'-]+)?['’]s\s+"
    r"(?:\w+\s+){0,2}(?:injur\w*|bruis\w*|marks?|wounds?|face|arm|neck)",
    re.I,
)


def _of_body_part(words: list[str]) -> re.Pattern[str] | None:
    """'of (the / both / her) arms': a photograph's object that is a part of the body."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        # "took photos of both arms", "photographed both arms and the neck"
        rf"\b(?:of|photographed|filmed)\s+(?:the\s+|both\s+|his\s+|her\s+|their\s+|[A-Z][\w'-]*'s\s+)*"
        rf"(?:left\s+|right\s+)?(?:{alternatives})\b",
        re.I,
    )


def _photo_of_injury(
    ctx: Any, text, photos, injuries, expected, medical, parts=None, injured_before: bool = False
) -> str | None:
    """The first sentence that reports a non-medical photograph of the child's marks: one
    that names the marks, points back at them ("photographed them"), photographs the part
    of the body where the text describes them ("took photos of both arms"), or follows the
    sentence describing them without naming anything else ("3 bruises across both
    buttocks. Key worker took photos on the nursery tablet")."""
    text = text.replace("’", "'")
    if not photos.search(text):
        return None
    injured = injured_before or _injury_in(text, injuries)
    previous = ""
    for sentence in sentences(ctx.nlp, text):
        about_injury = (
            _injury_in(sentence, injuries)
            or (_injury_in(previous, injuries) and (_POINTER.search(sentence) or not re.search(r"\bof\b", sentence)))
            or (injured and parts is not None and bool(parts.search(sentence)))
        )
        if about_injury and _takes_photo(sentence, photos, expected, medical):
            return sentence
        previous = sentence
    return None


def _injury_in(text: str, injuries) -> bool:
    """An injury word that is not part of a name ("Mark Dyer will pass on any images")."""
    for m in injuries.finditer(text):
        if m.group(0)[:1].isupper() and _NAME_AFTER.match(text, m.end()):
            continue
        if re.search(r"\b(?:no|without)\s+(?:\w+\s+)?$", text[max(0, m.start() - 16) : m.start()], re.I):
            continue  # "no injuries are alleged", "no visible marks": nothing to photograph
        return True
    return False


#: A picture someone looked at ("saw the video", "was shown a photo of"): nobody took it here.
_VIEWED = re.compile(r"\b(?:saw|seen|see|sees|viewed|watched|shown|showed)\b(?:\s+[\w'’]+){0,3}\s*$", re.I)
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z'’-]+\b")
#: Pictures put online or made as media ("a video posted by", "drill video"): what someone
#: published, not a worker photographing the child's marks.
_POSTED = re.compile(r"\b(?:posted|posting|uploaded|online|social\s+media|drill|music\s+video)\b", re.I)


def _takes_photo(sentence: str, photos, expected, medical) -> bool:
    if medical is not None and medical.search(sentence):
        return False
    covered = [m.span() for m in expected.finditer(sentence)] if expected is not None else []
    for m in photos.finditer(sentence):
        if any(a <= m.start() < b for a, b in covered):
            continue  # "body map", "medical photography"
        if _NEGATION.search(sentence[max(0, m.start() - 30) : m.start()]):
            continue  # "no photographs were taken", "advised not to photograph"
        if _VIEWED.search(sentence[max(0, m.start() - 40) : m.start()]):
            continue  # "staff saw the Snapchat video on a student's phone": seen, not taken
        if _POSTED.search(sentence[max(0, m.start() - 30) : m.end() + 30]):
            continue  # "a video posted by Tayo has threatened the group": put online, not taken of the child
        if _NEGATION.search(sentence[m.end() : m.end() + 20]) and re.search(
            r"\b(?:were|was|are|is|have|has)\s+not\b|\bnot\s+(?:taken|held|kept)\b", sentence, re.I
        ):
            continue  # "photographs were not taken", "School photographs are not held"
        return True
    return False
