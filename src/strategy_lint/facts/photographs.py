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

INJURY_TERMS = [
    "mark", "marks", "marking", "markings", "bruise", "bruises", "bruised", "bruising", "injury", "injuries",
    "injured", "burn", "burns", "scald", "scalds", "scratch", "scratches", "cut", "cuts", "graze", "grazes",
    "wound", "wounds", "lesion", "lesions", "swelling", "welt", "welts", "bite mark", "bite marks",
    "red mark", "red marks", "fingertip marks", "slap mark", "handprint",
]
#: Photography that is expected practice, body maps (drawings, not photos), and wording that
#: names pictures without anyone photographing the child ("digital images policy", "video call").
EXPECTED_IMAGES = [
    "body map", "body maps", "body-map", "body-maps", "bodymap", "medical photography", "medical photograph",
    "medical photographs", "medical photographer", "clinical photography", "clinical photograph",
    "clinical photographs", "clinical photographer", "medical illustration", "medical illustrator",
    "images policy", "image policy", "digital images policy", "photography policy", "photo policy",
    "video call", "video calls", "video interview", "video-recorded interview",
]
#: Who took the photos in the expected way: a doctor as part of a medical assessment.
MEDICAL_TERMS = [
    "paediatrician", "pediatrician", "paediatric", "doctor", "dr", "consultant", "hospital", "clinician",
    "child protection medical", "cp medical", "medical examination", "medical assessment", "SARC",
    "sexual assault referral centre", "forensic medical", "FME", "A&E", "emergency department",
]
_NEGATION = re.compile(r"\b(?:no|not|never|nor|neither|without|refrain(?:ed)?|instead\s+of)\b|n't\b", re.I)
_POINTER = re.compile(r"\b(?:them|these|those|this|it|the\s+(?:marks?|bruis\w+|injur\w+))\b", re.I)




def read_photographs(facts: Facts) -> list[Photograph]:
    """Every sentence saying someone photographed marks or injuries: by whom where the
    sentence says, whether by medical staff (clinical photography, not this concern) and
    whether of the child (not an adult's injuries, a room or a phone screen)."""
    lex = facts.lexicon
    photos = phrase_pattern(lex.phrase_list("photo_terms"))
    injuries = phrase_pattern(lex.phrase_list("injury_terms") or INJURY_TERMS)
    expected = phrase_pattern(lex.phrase_list("expected_images") or EXPECTED_IMAGES)
    medical = phrase_pattern(lex.phrase_list("medical_photo_terms") or MEDICAL_TERMS)
    if photos is None or injuries is None:
        return []
    out = []
    for block in facts.document.body_blocks():
        hit = _photo_of_injury(facts, block.text or "", photos, injuries, expected, None)
        if not hit:
            continue
        by_medical = medical is not None and bool(medical.search(hit))
        keys = facts.agencies_named_in(hit)
        out.append(
            Photograph(block.index, hit, by=keys[0] if keys else "", medical=by_medical, of_child=not _ADULTS_INJURY.search(hit))
        )
    return out


#: "Police photographed Ms Reilly's injuries": an adult's injuries, not the child's.
_ADULTS_INJURY = re.compile(
    r"\b(?:Ms|Mrs|Mr|Miss|mum|mother|dad|father|step-?\w+|partner|grand\w+)\.?(?:\s+[A-Z][\w'-]+)?['’]s\s+"
    r"(?:\w+\s+){0,2}(?:injur\w*|bruis\w*|marks?|wounds?|face|arm|neck)",
    re.I,
)


def _photo_of_injury(ctx: Any, text, photos, injuries, expected, medical) -> str | None:
    """The first sentence that reports a non-medical photograph of the child's marks."""
    text = text.replace("’", "'")
    if not photos.search(text):
        return None
    previous = ""
    for sentence in sentences(ctx.nlp, text):
        about_injury = injuries.search(sentence) or (injuries.search(previous) and _POINTER.search(sentence))
        if about_injury and _takes_photo(sentence, photos, expected, medical):
            return sentence
        previous = sentence
    return None


def _takes_photo(sentence: str, photos, expected, medical) -> bool:
    if medical is not None and medical.search(sentence):
        return False
    covered = [m.span() for m in expected.finditer(sentence)] if expected is not None else []
    for m in photos.finditer(sentence):
        if any(a <= m.start() < b for a, b in covered):
            continue  # "body map", "medical photography"
        if _NEGATION.search(sentence[max(0, m.start() - 30) : m.start()]):
            continue  # "no photographs were taken", "advised not to photograph"
        if _NEGATION.search(sentence[m.end() : m.end() + 20]) and re.search(r"\bwere\s+not\b|\bwas\s+not\b", sentence, re.I):
            continue  # "photographs were not taken"
        return True
    return False


