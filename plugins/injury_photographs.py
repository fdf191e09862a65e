"""SL701 injury-photographs: a school or other non-medical professional photographed a child's marks."""

from __future__ import annotations

import re

from strategy_lint import Option, Report, Rule, Severity, hookimpl
from strategy_lint.extract.phrases import phrase_pattern
from strategy_lint.nlp import sentences

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


class InjuryPhotographs(Rule):
    """## What it checks
    Two things:

    1. The record says that someone other than a doctor (a school, a nursery, a
       childminder, a social worker, a police officer) took photographs of marks,
       bruises or injuries on the child: "the DSL photographed the bruises on her
       phone", "nursery staff took pictures of the marks".
    2. The document itself contains embedded pictures (which may be photographs of the
       child).

    It does not fire on body maps, on photography by a paediatrician or medical
    photographer as part of a child protection medical, on "no photographs were taken",
    or on photographs of something else (the home, a message).

    ## Why it matters
    In one audited case a school had photographed marks on a child. Local guidance
    tells schools and early-years settings not to photograph injuries but to use a body
    map and describe the mark; definitive images are medical photographs taken as part
    of a safeguarding medical. Photos taken on a phone are sensitive personal data that
    can be kept, shared or lost outside any records system, and their provenance may be
    questioned later.

    ## Example
    A record that fires:

    ```markdown
    ## Reason for the strategy discussion
    The class teacher saw bruises on Leo's arm and the DSL photographed them on the
    school iPad.
    ```

    A record that passes:

    ```markdown
    ## Reason for the strategy discussion
    The class teacher saw bruises on Leo's arm. The DSL completed a body map; no
    photographs were taken. Dr Lim will arrange medical photography at the CP medical.
    ```

    ## How to fix
    Check the images against the digital images policy (body maps, not photos; clinical
    photography by medical staff). Record who took the images, on what device, who holds
    them now and whether they were shared, and ask for them to be deleted from personal
    devices once secured. Do not embed photographs in the record: refer to where they
    are held instead.
    """

    code = "SL701"
    name = "injury-photographs"
    summary = "A non-medical professional photographed the child's marks or injuries, or the record embeds images."
    default_severity = Severity.WARNING
    fix = (
        "Check the digital images policy (body maps, not photos; clinical photography by medical staff) and "
        "record who took the images, on what device, and who holds them now."
    )
    options = {
        "photo_terms": Option(None, "words for taking or holding pictures (default: lexicon phrase list `photo_terms`)"),
        "injury_terms": Option(INJURY_TERMS, "words for marks or injuries on the child"),
        "ignore_terms": Option(EXPECTED_IMAGES, "body maps, medical photography, 'images policy', 'video call': never flagged"),
        "medical_terms": Option(MEDICAL_TERMS, "a sentence naming these is about a medical photograph: not flagged"),
        "embedded_images": Option(True, "also flag pictures embedded in the document itself"),
    }
    needs_nlp = True

    def check(self, document, ctx):
        opts = ctx.options
        photos = phrase_pattern(opts.get("photo_terms") or ctx.lexicon.phrase_list("photo_terms"))
        injuries = phrase_pattern(opts["injury_terms"])
        expected = phrase_pattern(opts["ignore_terms"])
        medical = phrase_pattern(opts["medical_terms"])
        if photos is not None and injuries is not None:
            for block in document.body_blocks():
                hit = _photo_of_injury(ctx, block.text or "", photos, injuries, expected, medical)
                if hit:
                    yield Report(
                        message=(
                            "The record says photographs were taken of marks or injuries on the child by someone "
                            "other than medical staff. Check this against the digital images policy (body maps, "
                            "not photos; clinical photography by medical staff) and record who holds the images."
                        ),
                        block=block.index,
                        excerpt=hit,
                    )
        if opts["embedded_images"] and document.images:
            yield _embedded(document)


def _photo_of_injury(ctx, text, photos, injuries, expected, medical) -> str | None:
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


def _embedded(document) -> Report:
    n = len(document.images)
    blocks = sorted(i.block for i in document.images if i.block is not None)
    return Report(
        message=(
            f"The document contains {n} embedded picture{'' if n == 1 else 's'}. If any is a photograph of the "
            "child or of an injury, remove it from the record, say where the image is held and who holds it, "
            "and check it against the digital images policy."
        ),
        block=blocks[0] if blocks else None,
    )


@hookimpl
def strategy_lint_rules():
    return [InjuryPhotographs]
