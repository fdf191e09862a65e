"""The ``strategy-lint`` command.  Keep imports here light: ``--help`` must be instant."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import ConfigError, PluginLoadError, StrategyLintError
from .terminal import CHOICES

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
log = logging.getLogger("strategy_lint")
COMMANDS = ("check", "dump", "plugins", "rules", "rule", "config", "new-rule", "serve")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config", type=Path, metavar="FILE", help="use this configuration file instead of searching for one"
    )
    p.add_argument(
        "--strict-plugins", action="store_true", help="stop if a plugin fails to load (default: report it and go on)"
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="-v: the configuration, plugins, rules and timings on stderr; -vv: per-check timings and debug (never record text)",
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print the problems only: no summary, no list of ready records, no progress",
    )


class _Parser(argparse.ArgumentParser):
    """The top-level parser, which keeps its subcommands' parsers (for their own usage)."""

    subcommands: dict[str, argparse.ArgumentParser]


def build_parser() -> _Parser:
    from . import __version__

    parser = _Parser(
        prog="strategy-lint",
        description="Check strategy discussion records (.docx, PDF) before they are circulated.",
        epilog="Exit codes: 0 no problems at or above --fail-on; 1 problems found; "
        "2 a file could not be read, a check crashed, or a usage/configuration error.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"strategy-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=argparse.ArgumentParser)
    parser.subcommands = sub.choices  # main() shows a subcommand's own usage

    check = sub.add_parser(
        "check", help="check records (the default command)", description="Check records and report problems."
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="record files or folders (searched recursively); - reads one record from standard input",
    )
    check.add_argument(
        "--format",
        "-f",
        default="text",
        type=str.lower,
        metavar="NAME",
        help="output format: text (default), json, or any plugin format",
    )
    check.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write the report to FILE instead of the screen"
    )
    check.add_argument(
        "--fail-on",
        type=str.lower,
        choices=["info", "warning", "error"],
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    check.add_argument(
        "--min-confidence",
        type=str.lower,
        choices=["low", "medium", "high"],
        help="least sure findings that count for the exit code and the verdict (default: high); less sure ones are still shown",
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when problems are found (unreadable files still exit 2)"
    )
    check.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these rules (codes, prefixes like SL2, or names; comma-separated)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="skip these rules (codes, prefixes or names; comma-separated)",
    )
    check.add_argument("--no-excerpts", action="store_true", help="never quote document text in the report")
    check.add_argument(
        "--baseline", type=Path, metavar="FILE", help="do not report findings recorded in this baseline file"
    )
    check.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record the current findings in FILE as accepted (exit 0 unless a file could not be read or a check crashed)",
    )
    check.add_argument(
        "--annotate",
        type=Path,
        metavar="DIR",
        help="write a copy of each checked .docx to DIR with a Word comment at each problem",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="check N records at a time in parallel processes (0: one per CPU; default 1); the report order does not change",
    )
    check.add_argument(
        "--max-memory-mb",
        type=float,
        metavar="MB",
        help="memory limit of each process checking records (default: max-memory-mb in the configuration, 2048)",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print how many problems each rule found instead of the report (text or json)",
    )
    check.add_argument(
        "--stdin-filename",
        type=Path,
        metavar="NAME",
        help="read one record from standard input and report it as NAME (its configuration, ignores and baseline apply)",
    )
    check.add_argument(
        "--color",
        type=str.lower,
        choices=CHOICES,
        default="auto",
        help="colour in the text report: auto (default: on a terminal), always, never; NO_COLOR and FORCE_COLOR are read too",
    )
    _common(check)

    dump = sub.add_parser(
        "dump",
        help="print the document model as JSON (what rules see)",
        description="Print the document model as JSON: what the checks see. It contains the record's text, "
        "including reviewer comments (never deleted or hidden text): treat it like the record.",
    )
    dump.add_argument("path", type=Path, metavar="FILE")
    dump.add_argument(
        "--facts",
        action="store_true",
        help="print the shared reading of the record (ctx.facts: meeting, request, participants, agencies, voice, actions, ...) instead of the document model",
    )
    _common(dump)

    plugins = sub.add_parser("plugins", help="list the plugins that loaded")
    _common(plugins)
    rules = sub.add_parser("rules", help="list every rule with its summary")
    _common(rules)
    rule = sub.add_parser("rule", help="explain one rule")
    rule.add_argument("code", metavar="CODE")
    _common(rule)
    config = sub.add_parser("config", help="print the resolved configuration and where it came from")
    config.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH")
    _common(config)
    new_rule = sub.add_parser(
        "new-rule",
        help="start a plugin package with one rule, its docs page and tests",
        description="Write strategy-lint-NAME/: a plugin package with one working rule, its docs page, "
        "tests using strategy_lint.testing and a README (see docs/writing-plugins.md).",
    )
    new_rule.add_argument("name", metavar="NAME", help="the rule's name in kebab-case, e.g. chair-not-named")
    new_rule.add_argument(
        "--code", metavar="CODE", help="the rule's code, e.g. XA001 (default: the name's initials + 001)"
    )
    new_rule.add_argument(
        "--dir", type=Path, default=Path("."), metavar="PATH", help="folder to create the package in (default: here)"
    )
    _common(new_rule)
    _serve_parser(sub)
    return parser


def _serve_parser(sub) -> None:
    """``serve``: the local page for business support staff (code in strategy_lint.web, imported on use)."""
    from .web import DEFAULT_MAX_UPLOAD_MB, DEFAULT_PORT  # constants only: keeps --help fast

    serve = sub.add_parser(
        "serve",
        help="open a page in your browser where records can be checked (this computer only)",
        description="Start a page on this computer where records are checked by choosing or dropping them; "
        "records are not kept. See docs/web.md.",
    )
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)"
    )
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow an address other computers can reach: only behind your own sign-on and TLS (docs/web.md)",
    )
    serve.add_argument("--no-browser", action="store_true", help="do not open the page in a browser")
    serve.add_argument(
        "--token",
        action="store_true",
        help="put a new random secret in the page's address each time it starts (for computers shared by "
        "several people, e.g. a remote desktop server; use with --port 0)",
    )
    serve.add_argument(
        "--max-upload-mb",
        type=float,
        default=DEFAULT_MAX_UPLOAD_MB,
        metavar="MB",
        help=f"largest record accepted (default {DEFAULT_MAX_UPLOAD_MB})",
    )
    _common(serve)


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list:
        parser.print_help()
        return EXIT_ERROR
    args_list = _command_first(args_list)
    first = args_list[0]
    if first not in COMMANDS and first not in TOP_LEVEL_OPTIONS:
        typo = mistyped_command(first)
        if typo is not None:
            parser.error(
                f'unknown command {first!r} (did you mean "{typo}"?); '
                f"to check a record of that name, use: strategy-lint check {first}"
            )
        args_list.insert(0, "check")  # "check" is the default command
    args, extras = parser.parse_known_args(args_list)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    if extras:  # the subcommand's own usage, not the top-level one
        parser.subcommands[args.command].error(f"unrecognized arguments: {' '.join(extras)}")
    if args.command == "check":
        _check_usage(parser.subcommands["check"], args)
    logging.basicConfig(level=logging.WARNING, format="strategy-lint: %(levelname)s: %(message)s", stream=sys.stderr)
    # Only our own logger speaks, at -v/-vv: third-party logs (pdfminer's) can quote document text.
    for handler in logging.getLogger().handlers:
        handler.addFilter(only_ours)
    logging.getLogger("strategy_lint").setLevel(logging.WARNING - 10 * min(args.verbose, 2))
    try:
        return _COMMANDS[args.command](args)
    except (ConfigError, PluginLoadError) as exc:
        print(f"strategy-lint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except StrategyLintError as exc:
        print(f"strategy-lint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("strategy-lint: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # a bug in strategy-lint: one line (details with -vv), never a traceback
        from .budget import traceback_without_messages
        from .engine import _where

        logging.getLogger("strategy_lint").debug("internal error:\n%s", traceback_without_messages(exc))
        print(
            f"strategy-lint: internal error ({_where(exc)}); run with -vv for details and please report it",
            file=sys.stderr,
        )
        return EXIT_ERROR


TOP_LEVEL_OPTIONS = ("-h", "--help", "-V", "--version")


def _command_first(args: list[str]) -> list[str]:
    """``-v rules`` → ``rules -v``: options given before a command belong to it.

    Only when the first word that is not an option is a command and no such path exists.
    """
    if not args or not args[0].startswith("-") or args[0] in TOP_LEVEL_OPTIONS:
        return args
    for i, word in enumerate(args):
        if not word.startswith("-"):
            if word in COMMANDS and not Path(word).exists():
                return [word, *args[:i], *args[i + 1 :]]
            break
    return args


def mistyped_command(word: str) -> str | None:
    """The command ``word`` is a typo of ("chek" → "check"), if it cannot be a path.

    Only for a word that is no existing path and has no path-like characters, and that is
    close to a command: anything else is still taken as a path to check.
    """
    import difflib

    if word.startswith("-") or any(c in word for c in "./\\") or Path(word).exists():
        return None
    match = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.75)
    return match[0] if match else None


def _check_usage(check: argparse.ArgumentParser, args) -> None:
    """Usage errors argparse cannot see: how paths, standard input and options combine."""
    stdin = [p for p in args.paths if str(p) == "-"]
    if stdin and len(args.paths) > 1:
        check.error("'-' (a record on standard input) cannot be mixed with other paths")
    if not args.paths and args.stdin_filename is None:
        check.error("give at least one record or folder to check (or - and --stdin-filename for standard input)")
    if args.stdin_filename is not None and args.paths and not stdin:
        check.error("--stdin-filename reads standard input: give no paths, or only -")
    if (stdin or args.stdin_filename is not None) and args.annotate is not None:
        check.error("--annotate needs records on disk, not standard input")


def only_ours(record: logging.LogRecord) -> bool:
    """Log filter: strategy-lint's own messages only (they never contain document text)."""
    return record.name == "strategy_lint" or record.name.startswith("strategy_lint.")


def _linter(args, *, quiet: bool = False, **kw):
    from .engine import Linter

    linter = Linter(config_path=args.config, strict_plugins=args.strict_plugins, **kw)
    if not quiet:
        for failure in linter.plugins.failures:
            print(f"strategy-lint: warning: {failure.describe()}", file=sys.stderr)
    return linter


def cmd_check(args) -> int:
    """Check records in supervised workers; write the report, then the baseline, then copies."""
    from .checkrun import run_check

    return run_check(args)


def exit_code_of(results: list, *, exit_zero: bool = False) -> int:
    """2 if a file could not be read or a check crashed (SL000); 1 for problems at or above
    each record's fail-on (unless ``exit_zero``); else 0."""
    from .findings import CRASHED

    if any(r.status == "error" or any(f.code == CRASHED for f in r.findings) for r in results):
        return EXIT_ERROR
    if not exit_zero and any(f.severity.rank >= r.fail_on.rank for r in results for f in r.counted()):
        return EXIT_FINDINGS
    return EXIT_OK


def _formatter(linter, args):
    """The formatter class for ``--format``, any case; unknown names are usage errors."""
    from .suggest import did_you_mean

    formatters = linter.plugins.formatters
    by_lower = {name.lower(): cls for name, cls in formatters.items()}
    if args.format not in by_lower:
        raise ConfigError(
            f"unknown format {args.format!r}{did_you_mean(args.format, by_lower)}; available: {', '.join(sorted(formatters))}"
        )
    if args.statistics:
        from .statistics import FORMATS

        if args.format not in FORMATS:
            raise ConfigError(f"--statistics prints {' or '.join(FORMATS)}, not {args.format!r}")
    return by_lower[args.format]


def _write(text: str, args) -> None:
    """The report to stdout, or to ``--output`` with one "wrote" line on stderr."""
    from .output import write_output

    write_output(text, args.output)
    if args.output is not None and not args.quiet:
        print(f"strategy-lint: wrote {args.output}", file=sys.stderr)


def _only_lock_files(paths: list[Path]) -> bool:
    """True when every path given was a Word lock file (a commit that staged only ``~$x.docx``)."""
    from .engine import _skippable

    return bool(paths) and all(p.is_file() and _skippable(p) for p in paths)


def _log_setup(linter) -> None:
    """-v: which configuration, which plugins (by package) and which rules (never record text)."""
    if not log.isEnabledFor(logging.INFO):
        return
    from collections import Counter

    from .engine import all_rules

    cfg = linter.default_config
    log.info("configuration: %s", cfg.path or "defaults (no configuration file found)")
    packages = Counter(
        f"{i.distribution} {i.version}" if i.distribution else f"local file {i.module}" for i in linter.plugins.infos
    )
    log.info("plugins: %s", "; ".join(f"{name} ({n})" for name, n in sorted(packages.items())) or "none")
    rules = all_rules(linter.plugins)
    log.info("rules: %d installed, %d selected here", len(rules), len(linter.selected_codes()))


def _status(result) -> str:
    from .verdict import verdict

    return verdict(result).label


def cmd_dump(args) -> int:
    import json

    from .errors import ReadError
    from .model_json import document_to_dict

    linter = _linter(args)
    try:
        doc = linter.read(args.path)
    except ReadError as err:
        from .display import shown

        print(f"strategy-lint: {shown(args.path)}: {err.message}", file=sys.stderr)
        return EXIT_ERROR
    if getattr(args, "facts", False):
        from .facts import Facts

        config = linter.config_for(args.path)
        facts = Facts(doc, linter._plan_for(config).lexicon)
        print(json.dumps(facts.to_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(json.dumps(document_to_dict(doc), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_plugins(args) -> int:
    linter = _linter(args, quiet=True)
    rules_by_plugin: dict[str, list[str]] = {}
    for code, reg in linter.plugins.rules.items():
        rules_by_plugin.setdefault(reg.plugin, []).append(code)
    formats_by_plugin: dict[str, list[str]] = {}
    for impl in linter.plugins.pm.hook.strategy_lint_formatters.get_hookimpls():
        formats_by_plugin[impl.plugin_name] = sorted((impl.function() or {}).keys())
    readers = {impl.plugin_name for impl in linter.plugins.pm.hook.strategy_lint_read_document.get_hookimpls()}
    for info in linter.plugins.infos:
        dist = f"{info.distribution} {info.version}" if info.distribution else "local"
        provides = rules_by_plugin.get(info.name, []) + [f"format:{f}" for f in formats_by_plugin.get(info.name, [])]
        if info.name in readers:
            provides.append("reader")
        print(f"{info.name:<22} {dist:<24} {' '.join(provides)}")
    for failure in linter.plugins.failures:
        print(f"FAILED {failure.describe()}")
    return EXIT_OK


def cmd_rules(args) -> int:
    from .engine import all_rules

    linter = _linter(args)
    for code, reg in all_rules(linter.plugins).items():
        r = reg.rule
        off = " (off unless selected)" if getattr(r, "opt_in", False) else ""
        print(f"{code}  {r.name:<36} {r.default_severity.value:<8} {r.summary}{off}")
    return EXIT_OK


def cmd_rule(args) -> int:
    from .docs import rule_help
    from .engine import all_rules
    from .suggest import did_you_mean

    linter = _linter(args)
    wanted = args.code.strip()
    rules = all_rules(linter.plugins)
    for code, reg in rules.items():
        if wanted.upper() == code or wanted.lower() == reg.rule.name:
            print(rule_help(reg.rule, reg.plugin))
            return EXIT_OK
    known = list(rules) + [r.rule.name for r in rules.values()]
    print(f"strategy-lint: no rule {wanted!r}{did_you_mean(wanted, known)}", file=sys.stderr)
    return EXIT_ERROR


def cmd_config(args) -> int:
    import json

    from .config import load_config

    cfg = load_config(args.config, args.path)
    linter = _linter(args, config=cfg)  # validates rule codes and options against loaded plugins
    del linter
    print(f"# configuration from: {cfg.path if cfg.path else '(defaults: no configuration file found)'}")
    print(json.dumps(cfg.to_dict(), indent=2))
    return EXIT_OK


def cmd_new_rule(args) -> int:
    from .plugins import create_plugin_manager
    from .scaffold import create

    installed = create_plugin_manager(strict=args.strict_plugins).rules
    taken = set(installed) | {reg.rule.name for reg in installed.values()}
    target = create(args.name, args.code, args.dir, taken=taken)
    print(f'Created {target}: next, cd there and run  pip install -e ".[test]"  then  pytest')
    return EXIT_OK


def cmd_serve(args) -> int:
    from .web.server import run

    return run(args)


_COMMANDS = {
    "check": cmd_check,
    "dump": cmd_dump,
    "plugins": cmd_plugins,
    "rules": cmd_rules,
    "rule": cmd_rule,
    "config": cmd_config,
    "new-rule": cmd_new_rule,
    "serve": cmd_serve,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
