"""The schema of the configuration's nested tables: ``[rules.X]`` and ``[lexicon.*]``.

Why: the top-level keys were checked, but a typo one level down (``child_vocie`` in
``[lexicon.sections]``, ``severty`` in ``[rules.SL401]``) was accepted and silently did
nothing, and one such typo made "child voice missing" fire on every record.  Every name is
now checked, with a "did you mean" suggestion and the file it came from.

Two passes, because the vocabulary is not all known when a file is parsed: shapes and field
names are checked with the file (:func:`check_lexicon_shape`); section kinds, column kinds,
phrase lists and agency keys are checked against the lexicon with every plugin's additions
(:func:`check_lexicon_names`), when the rules are planned.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .findings import Severity
from .suggest import did_you_mean

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import Lexicon
    from .rules import Rule

#: fields of ``[lexicon.agencies.<key>]`` and ``[lexicon.roles.<key>]``
#: ``suffixes``: words that make "<Capitalised name> <suffix>" this agency ("Parkside Medical Centre");
#: ``weak_names``: names that alone do not say which service of the agency (a hospital trust);
#: ``advice_only``: an agency consulted for advice (the CPS on charging), never a contributor
AGENCY_FIELDS = {
    "name": str,
    "group": str,
    "names": list,
    "abbreviations": list,
    "suffixes": list,
    "weak_names": list,
    "advice_only": bool,
}
ROLE_FIELDS = {"name": str, "agency": str, "names": list, "abbreviations": list}
#: agency groups the lexicon documents (agencies.toml); groups in the lexicon itself count too
AGENCY_GROUPS = (
    "social_care",
    "police",
    "health",
    "education",
    "housing",
    "justice",
    "domestic_abuse",
    "voluntary",
    "legal",
    "other",
)


def where(path: Any) -> str:
    """' in /x/strategy-lint.toml', or '' for a configuration built in code."""
    return f" in {path}" if path else ""


# -- [rules.X] ---------------------------------------------------------------------------------


def check_rule_settings(key: str, settings: dict[str, Any], rule: type[Rule], path: Any) -> None:
    """``severity`` and the rule's own options only; a typo gets the closest of either."""
    allowed = ["severity", *rule.options]
    for name in settings:
        if name not in allowed:
            raise ConfigError(
                f"[rules.{key}]{where(path)}: rule {rule.code} ({rule.name}) has no option {name!r}"
                f"{did_you_mean(name, allowed)}; it takes: {', '.join(allowed)}"
            )
    if "severity" in settings:
        try:
            Severity.parse(settings["severity"])
        except ValueError as exc:
            raise ConfigError(f"[rules.{key}]{where(path)}: {exc}") from None


# -- [lexicon.*]: shapes, with the file ---------------------------------------------------------


def check_lexicon_shape(table: dict[str, Any]) -> None:
    """Raise ValueError naming the first malformed entry (the caller adds the file)."""
    from .lexicon import LEXICON_KEYS

    for key, value in table.items():
        if key not in LEXICON_KEYS:
            raise ValueError(f"unknown lexicon table {key!r}{did_you_mean(key, LEXICON_KEYS)}")
        _need(isinstance(value, dict), f"lexicon.{key} must be a table")
        for name, entry in value.items():
            at = f"lexicon.{key}.{name}"
            if key in ("sections", "columns", "phrases"):
                _need(_strings(entry), f"{at} must be a string or a list of strings")
            elif key == "abbreviations":
                _need(isinstance(entry, str), f"{at} must be an agency key (a string)")
            else:
                fields = AGENCY_FIELDS if key == "agencies" else ROLE_FIELDS
                _need(isinstance(entry, dict), f"{at} must be a table ({', '.join(fields)})")
                for field_name, field_value in entry.items():
                    if field_name not in fields:
                        raise ValueError(f"{at}: unknown field {field_name!r}{did_you_mean(field_name, fields)}")
                    kind = fields[field_name]
                    ok = (
                        _strings(field_value) and not isinstance(field_value, str)
                        if kind is list
                        else isinstance(field_value, str)
                    )
                    _need(ok, f"{at}.{field_name} must be {'a list of strings' if kind is list else 'a string'}")


def _strings(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _need(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


# -- [lexicon.*]: names, against the lexicon plugins extended -----------------------------------


def check_lexicon_names(table: dict[str, Any], lexicon: Lexicon, path: Any) -> None:
    """Every kind, list, group and agency key named must exist (plugins may add kinds)."""
    known = {
        "sections": (lexicon.sections, "section kind"),
        "columns": (lexicon.columns, "column kind"),
        "phrases": (lexicon.phrases, "phrase list"),
    }
    agencies = set(lexicon.agencies) | set(table.get("agencies", {}))
    groups = set(AGENCY_GROUPS) | {str(a.get("group")) for a in lexicon.agencies.values() if a.get("group")}
    for key, value in table.items():
        if key in known:
            names, what = known[key]
            for name in value:
                _known(name, names, f"lexicon.{key}", what, path)
        elif key == "abbreviations":
            for abbr, agency in value.items():
                _known(agency, agencies, f"lexicon.abbreviations.{abbr}", "agency", path)
        elif key == "agencies":
            for name, spec in value.items():
                if "group" in spec:
                    _known(spec["group"], groups, f"lexicon.agencies.{name}.group", "agency group", path)
        elif key == "roles":
            for name, spec in value.items():
                if spec.get("agency"):  # "" is a role with no agency
                    _known(spec["agency"], agencies, f"lexicon.roles.{name}.agency", "agency", path)


def _known(name: str, names: Iterable[str], at: str, what: str, path: Any) -> None:
    names = sorted(names)
    if name not in names:
        raise ConfigError(
            f"{at}{where(path)}: no {what} {name!r}{did_you_mean(name, names)}; "
            f"known: {', '.join(names) if len(names) <= 20 else ', '.join(names[:20]) + ', …'}"
        )
