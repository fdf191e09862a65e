"""Small, predictable rules for the workflow tests (formatters, suppressions, annotate).

Loaded as a local plugin (``local-plugins`` in config) or registered directly, so those
tests do not depend on the built-in rules, which evolve on their own.
"""

from strategy_lint import Report, Rule, Severity, hookimpl


class TbcDeadline(Rule):
    """Flags a cell or paragraph saying "TBC": a deadline nobody can check."""

    code = "XD401"
    name = "demo-tbc-deadline"
    summary = "A deadline reads TBC."
    default_severity = Severity.ERROR
    fix = "Agree a date and write it in the By when column."

    def check(self, document, ctx):
        for block in document.body_blocks():
            if "TBC" in block.text:
                yield Report("An action's deadline is TBC.", block=block.index, excerpt=block.text)


class VoiceSection(Rule):
    """Flags a record with no section about the child's views: no block to point at."""

    code = "XD201"
    name = "demo-voice-missing"
    summary = "No child's voice section."
    default_severity = Severity.WARNING
    fix = "Add a section recording the child's views and how they were obtained."

    def check(self, document, ctx):
        if not document.sections_of("child_voice"):
            yield Report("There is no section recording the child's voice.", section="Child's voice")


class Note(Rule):
    """Flags a paragraph containing NOTE: something the author meant to come back to."""

    code = "XD902"
    name = "demo-note"
    summary = "A NOTE left in the record."
    default_severity = Severity.INFO

    def check(self, document, ctx):
        for block in document.body_blocks():
            if "NOTE" in block.text:
                yield Report(
                    "A NOTE was left in the record.",
                    block=block.index,
                    excerpt=block.text,
                    fix="Resolve the note and delete it.",
                )


@hookimpl
def strategy_lint_rules():
    return [TbcDeadline, VoiceSection, Note]
