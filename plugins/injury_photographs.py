"""SL701 injury-photographs: a school or other non-medical professional photographed a child's marks."""

from __future__ import annotations

from collections.abc import Iterator

from strategy_lint import Confidence, Document, Option, Report, Rule, RuleContext, Severity, hookimpl


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
        "embedded_images": Option(True, "also flag pictures embedded in the document itself"),
    }
    needs_nlp = True

    def check(self, document: Document, ctx: RuleContext) -> Iterator[Report]:
        for photo in ctx.facts.photographs:
            if photo.medical or not photo.of_child:
                continue
            yield Report(
                message=(
                    "The record says photographs were taken of marks or injuries on the child by someone "
                    "other than medical staff. Check this against the digital images policy (body maps, "
                    "not photos; clinical photography by medical staff) and record who holds the images."
                ),
                block=photo.block,
                excerpt=photo.text,
            )
        images = [i for i in document.images if i.block is None or not document.blocks[i.block].is_furniture]
        if ctx.options["embedded_images"] and images:
            n = len(images)
            yield Report(
                message=(
                    f"The document contains {n} embedded picture{'' if n == 1 else 's'}. If any is a photograph of the "
                    "child or of an injury, remove it from the record, say where the image is held and who holds it, "
                    "and check it against the digital images policy."
                ),
                block=min((i.block for i in images if i.block is not None), default=None),
                confidence=Confidence.MEDIUM,
            )


@hookimpl
def strategy_lint_rules():
    return [InjuryPhotographs]
