"""The rule API: a typed Rule class, the Report a rule yields, and its RuleContext."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from .findings import Confidence, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .facts import Facts
    from .lexicon import Lexicon
    from .model import Document

_CODE = re.compile(r"^[A-Z]{2,5}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass
class Report:
    """What a rule says about a document.  The engine turns it into a Finding.

    Point at a ``block`` (index in ``document.blocks``) when you can: the engine derives
    the page, section and table position from it.  ``section`` overrides the section
    title when the problem is a whole section (or its absence).  ``excerpt`` is a short
    quote of what the rule saw; the engine trims it and drops it under --no-excerpts.

    Never splice record text into ``message`` or ``fix``: write a ``{slot}`` and give
    the text in ``values`` (``Report("The entry for {name} has no role.", values={"name":
    p.name})``).  The engine fills the slots in double quotes, and ``--no-excerpts``
    masks every value whatever it contains.

    ``confidence`` says how sure the reading behind the finding is (default high): say
    ``medium`` or ``low`` when the record was laid out in a way the reading did not fully
    understand, rather than raise a confident error that may be wrong.
    """

    message: str
    fix: str | None = None
    block: int | None = None
    section: str | None = None
    excerpt: str | None = None
    severity: Severity | None = None
    confidence: Confidence | None = None
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Option:
    """A rule option users may set in config: a default, a type and one line of help."""

    default: Any
    help: str = ""

    def coerce(self, value: Any) -> Any:
        if self.default is None or isinstance(value, type(self.default)):
            return value
        if isinstance(self.default, (list, tuple)) and isinstance(value, (list, tuple)):
            return list(value)
        if isinstance(self.default, float) and isinstance(value, int):
            return float(value)
        raise TypeError(f"expected {type(self.default).__name__}, got {type(value).__name__}")


@dataclass
class RuleContext:
    """What a rule may use besides the document: its options, the lexicon and spaCy."""

    options: dict[str, Any]
    lexicon: Lexicon
    severity: Severity
    _nlp_factory: Any = field(default=None, repr=False)
    _facts: Any = field(default=None, repr=False)

    @property
    def facts(self) -> Facts:
        """The shared reading of the record being checked (:mod:`strategy_lint.facts`):
        meeting, request, child, participants, agencies, voice, actions, follow-ups,
        photographs — computed once per record, lazily, for every rule."""
        if self._facts is None:
            raise RuntimeError("ctx.facts is only available while the engine checks a record")
        return self._facts

    @property
    def nlp(self):
        """The shared spaCy pipeline, built on first use (only rules with needs_nlp)."""
        if self._nlp_factory is None:
            from .nlp import get_pipeline

            return get_pipeline(self.lexicon)
        return self._nlp_factory()


class Rule:
    """Base class for every rule, built-in or third-party.

    Subclasses set the class attributes and implement :meth:`check`, yielding
    :class:`Report` objects.  One rule instance is made per run; ``check`` must not keep
    state between documents.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    options: ClassVar[dict[str, Option]] = {}
    #: True if the rule uses ``ctx.nlp``: spaCy is loaded only when such a rule is selected.
    needs_nlp: ClassVar[bool] = False
    #: A one-line fix hint used when a Report gives none.
    fix: ClassVar[str | None] = None
    #: True for a rule that runs only when a selector names it (code, prefix or name), never
    #: through ALL: examples, experiments, checks for one template (like flake8's
    #: off-by-default extensions).  ``strategy-lint rules`` marks it.
    opt_in: ClassVar[bool] = False

    def check(self, document: Document, ctx: RuleContext) -> Iterable[Report]:
        raise NotImplementedError

    @classmethod
    def validate(cls) -> None:
        """Raise TypeError if the class does not describe itself properly."""
        for attr in ("code", "name", "summary"):
            if not isinstance(getattr(cls, attr, None), str):
                raise TypeError(f"rule {cls.__qualname__} has no {attr}")
        if not _CODE.match(cls.code):
            raise TypeError(f"rule code {cls.code!r} must look like SL123 (letters + 3 digits)")
        if not _NAME.match(cls.name):
            raise TypeError(f"rule name {cls.name!r} must be kebab-case")
        if not isinstance(cls.default_severity, Severity):
            raise TypeError(f"rule {cls.code} default_severity must be a Severity")

    @classmethod
    def resolve_options(cls, given: dict[str, Any] | None) -> dict[str, Any]:
        """Merge user options over defaults; unknown names and wrong types are errors."""
        from .errors import ConfigError

        given = dict(given or {})
        out = {k: (list(o.default) if isinstance(o.default, list) else o.default) for k, o in cls.options.items()}
        for key, value in given.items():
            if key not in cls.options:
                from .suggest import did_you_mean

                raise ConfigError(f"rule {cls.code} ({cls.name}) has no option {key!r}{did_you_mean(key, cls.options)}")
            try:
                out[key] = cls.options[key].coerce(value)
            except TypeError as exc:
                raise ConfigError(f"rule {cls.code} option {key!r}: {exc}") from None
        return out
