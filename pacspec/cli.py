"""The ``pacspec`` command. It parses arguments and calls the library; nothing else."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pacspec import __version__
from pacspec.diagnostics import (
    PROBLEM_FORMATS,
    PacspecError,
    Problem,
    format_text,
    has_errors,
)
from pacspec.engine.backends import ENGINE_NAMES

if TYPE_CHECKING:
    from pacspec.session import Session

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70

#: Problem codes that are usage or I/O errors (exit 2), not problems of the plan or data.
USAGE_CODES = frozenset({"io", "exists", "output-format", "snapshot-exists", "symlink",
                         "unknown-owner", "unknown-commercial", "scope-both"})


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"pacspec: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


class _NotBuilt:
    """Stands for the parser of a command that is not run (see :class:`_Commands`): takes
    every call, builds nothing."""

    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: self


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The commands; with ``only`` set, the parsers of the others are not built (argparse
    spends ~0.1 ms per option on a formatter and a gettext lookup: a ``pacspec validate``
    from a pre-commit hook builds its own parser, not all twelve)."""

    only: str | None = None

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser:
        if self.only is not None and name != self.only:
            return _NotBuilt()  # type: ignore[return-value]
        return super().add_parser(name, **kwargs)  # type: ignore[arg-type]


def _summary(problems: Sequence[Problem], lang: str) -> str:
    """``3 erreurs, 1 avertissement`` (in ``lang``); ``ok`` when there is no problem."""
    from pacspec.i18n import label

    counts = {s: sum(p.severity == s for p in problems) for s in ("error", "warning", "note")}
    parts = [label(f"count_{s}_one" if n == 1 else f"count_{s}", lang, n=n)
             for s, n in counts.items() if n]
    return ", ".join(parts) if parts else "ok"


def _lang(args: argparse.Namespace) -> str:
    """The language of a command's own lines: ``--lang`` where the command has it, else the
    plan's ``locale`` (its YAML read once per command), else French, the default locale."""
    if getattr(args, "lang", None):
        return str(args.lang)
    if "_lang" not in vars(args):
        plan = getattr(args, "plan", None)
        if isinstance(plan, str):
            from pacspec.lint import file_locale

            args._lang = file_locale(plan)
        else:
            args._lang = "fr"
    return str(args._lang)


def _text(args: argparse.Namespace, key: str, **values: object) -> str:
    """The line ``key`` in the command's language (see :func:`_lang`)."""
    from pacspec.i18n import label

    return label(key, _lang(args), **values)


def _say(args: argparse.Namespace, key: str, **values: object) -> str:
    """``pacspec: `` and the line ``key`` in the command's language."""
    return "pacspec: " + _text(args, key, **values)


def _explained(problems: Sequence[Problem], args: argparse.Namespace | None = None) -> str:
    """The text of problems that stopped a command, YAML syntax errors explained: in the
    language of the plan they name, else the command's (:func:`_lang`: an output file that
    exists is said in the language of the plan being reported), else French."""
    from pacspec.lint import file_locale
    from pacspec.validation import explain_yaml_problems

    plans = [p.file for p in problems if p.file and p.file.endswith((".pac.yaml", ".pac.yml"))]
    lang = file_locale(plans[0]) if plans else _lang(args) if args is not None else "fr"
    return format_text(explain_yaml_problems(problems, lang))


def _validate_one(name: str, allow_outside: bool,
                  lang: str | None = None) -> tuple[list[Problem], str]:
    """The problems of one plan or rule file and their language; ``allow_outside`` lets its
    includes leave its repository (``--allow-outside``); messages in ``lang`` (default:
    the plan's)."""
    from pacspec.lint import validate_file_in

    return validate_file_in(name, lang=lang, allow_outside=allow_outside)


def cmd_validate(args: argparse.Namespace) -> int:
    from pacspec.lint._repository import includers, iter_unique, tree_files

    files = list(args.files)
    if args.all:
        files += tree_files(".")
        if not files:
            print(_say(args, "cli_no_files"), file=sys.stderr)
            return EXIT_OK
    elif not files:
        args.parser.error("give plan or rule files (FILE...), or --all")
    if args.with_includers:
        files += includers(files, ".")
    fmt = PROBLEM_FORMATS[args.format]
    all_problems: list[Problem] = []
    io_error = False
    for name in iter_unique(files):
        problems, lang = _validate_one(name, args.allow_outside, args.lang)
        io_error |= any(p.code == "io" for p in problems)
        all_problems.extend(problems)
        if fmt.per_file:
            if problems:
                print(fmt.render(problems))
            if not args.quiet or problems:
                print(f"{name}: {_summary(problems, lang)}")
    if not fmt.per_file and (all_problems or fmt.empty):
        print(fmt.render(all_problems))
    if io_error:
        return EXIT_USAGE
    return EXIT_PROBLEMS if has_errors(all_problems, strict=args.strict) else EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from pacspec.diff import diff_git, diff_plans, render_diff
    from pacspec.loader import load_plan

    impact = args.data or args.transactions is not None or args.clients
    try:
        if args.git is not None:
            diffs = diff_git(args.git, args.plans, impact=impact,
                             transactions=args.transactions, with_clients=args.clients)
        elif len(args.plans) != 2:
            args.parser.error("give two plan files (OLD NEW), or --git REV [PLAN...]")
        else:
            old, new = load_plan(args.plans[0]), load_plan(args.plans[1])
            diff = diff_plans(old, new)
            if impact and not diff.equal:
                from dataclasses import replace

                from pacspec.diff import client_impact

                diff = replace(diff, impact=client_impact(
                    old, new, transactions=args.transactions, with_clients=args.clients))
            diffs = [diff]
    except PacspecError as exc:  # a plan that does not load, git trouble: not a difference
        print(_explained(exc.problems) or str(exc), file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        sys.stdout.write(render_diff(diffs, args.format))
    return EXIT_OK if all(d.equal for d in diffs) else EXIT_PROBLEMS


def cmd_rules(args: argparse.Namespace) -> int:
    from pacspec import rulesets
    from pacspec.diagnostics import did_you_mean
    from pacspec.yamlio import load_yaml

    if args.action == "list":
        for name in rulesets.NAMES:
            data = load_yaml(rulesets.path(name).read_text(encoding="utf-8")).data
            sections = [k for k in ("profiles", "segments", "typologies", "recommendations")
                        if data.get(k)]
            counts = ", ".join(_text(args, f"cli_rules_count_{k}", n=len(data[k]))
                               for k in sections)
            print(f"pacspec:{name}  ({counts})")
            description = " ".join(str(data.get("description") or "").split())
            if description:
                print(f"    {description}")
        print("\n" + _text(args, "cli_rules_footer"))
        return EXIT_OK
    name = args.name.removeprefix("pacspec:") if args.name else ""
    if name not in rulesets.NAMES:
        guess = did_you_mean(name, rulesets.NAMES)
        hint = (_text(args, "cli_did_you_mean", guess=guess) if guess
                else _text(args, "cli_see_rules_list"))
        print(_say(args, "cli_no_ruleset", name=args.name or "", hint=hint), file=sys.stderr)
        return EXIT_USAGE
    text = rulesets.path(name).read_text(encoding="utf-8")
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from pacspec.output import write_text_output

    out = write_text_output(args.output, text, force=args.force, what="the rule set")
    print(_text(args, "cli_wrote_rules", path=out, ref=args.output))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from pacspec.output import write_text_output
    from pacspec.schema import dumps, plan_schema, rules_schema

    text = dumps(rules_schema() if args.rules else plan_schema())
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    out = write_text_output(args.output, text, force=args.force, what="the schema",
                            keep_same=True)
    print(_text(args, "cli_wrote", path=out))
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from pacspec.output import write_text_output
    from pacspec.starter import starter_plan

    args.lang = args.locale  # the starter plan's language is the command's
    out = Path(args.path)
    with contextlib.suppress(OSError, ValueError):  # a bad name: write_text_output says why
        if out.is_dir():
            out = out / "plan.pac.yaml"
    if not out.name.endswith((".pac.yaml", ".pac.yml")):
        if args.path.endswith(("/", os.sep)) or not out.suffix:  # meant as a folder
            folder = args.path.rstrip("/" + os.sep) or args.path
            print(_say(args, "cli_no_folder", path=folder), file=sys.stderr)
        else:
            print(_say(args, "cli_plan_name", name=out.name), file=sys.stderr)
        return EXIT_USAGE
    write_text_output(out, starter_plan(company=args.company, locale=args.locale),
                      force=False, what="the plan",
                      exists_hint=_text(args, "cli_choose_another_name"))
    print(_text(args, "cli_wrote_plan", path=out))
    return EXIT_OK


def _date_arg(text: str) -> dt.date:
    from pacspec.calendar import CALENDAR_HINT, calendar_message, in_calendar

    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, found '{text}'") from None
    if not in_calendar(value):
        raise argparse.ArgumentTypeError(f"{calendar_message(value)} ({CALENDAR_HINT})")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found '{text}'")
    return value


PROGRESS_AFTER = 1.0
"""Seconds a step runs before :class:`_Progress` says on stderr what is running."""


class _Progress:
    """Says on stderr what is running when a step takes more than :data:`PROGRESS_AFTER`
    seconds, then how long it took."""

    def __init__(self, args: argparse.Namespace, key: str, enabled: bool = True,
                 **values: object) -> None:
        self.args = args
        self.message = _text(args, key, **values)
        self.enabled = enabled
        self.timer: threading.Timer | None = None
        self.shown = False
        self.start = 0.0

    def _show(self) -> None:
        self.shown = True
        print(f"pacspec: {self.message}...", file=sys.stderr, flush=True)

    def __enter__(self) -> _Progress:
        self.start = time.perf_counter()
        if self.enabled:
            self.timer = threading.Timer(PROGRESS_AFTER, self._show)
            self.timer.daemon = True
            self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.shown:
            print(_say(self.args, "cli_step_done", step=self.message,
                       seconds=time.perf_counter() - self.start), file=sys.stderr, flush=True)


def _memory_size(text: str) -> str:
    """A DuckDB memory size (``4GB``, ``512 MiB``); argparse reports any other text."""
    import re

    if not re.fullmatch(r"\s*\d+(\.\d+)?\s*([KMGT]i?B|B)\s*", text, re.IGNORECASE):
        raise argparse.ArgumentTypeError(
            f"expected a size such as 4GB or 512MB, found {text!r}")
    return text.strip()


def _open(args: argparse.Namespace) -> Session:
    """The session of a data command: the plan loaded and linted (errors stop, warnings are
    printed on stderr; both in the plan's locale, like ``validate``), its data read."""
    from pacspec.session import Session
    from pacspec.validation import message_language

    with message_language(_lang(args)):  # the locale the progress line already read
        session = Session.open(args.plan, transactions=args.transactions, clients=args.clients,
                               bad_rows="skip" if args.skip_bad_rows else None,
                               engine=args.engine, spark_master=args.spark_master,
                               memory_limit=args.memory_limit,
                               temp_directory=args.temp_directory,
                               allow_outside=args.allow_outside)
    from pacspec.engine.backends.lines import ScannedLedger

    if getattr(args, "_program", False) and isinstance(session.ledger, ScannedLedger):
        from pacspec.program import malloc_keeps_freed_memory

        # the lines stay in the engine: the per-client arrays after its query are the
        # work, each one's memory reused, not zeroed afresh (on the numpy path it kept
        # about 40 MB more of a 10 M-line Parquet read resident, for no time won)
        malloc_keeps_freed_memory()
    if session.warnings:
        print(format_text(session.warnings), file=sys.stderr)
    for line in session.announcements:
        print(f"pacspec: {line}", file=sys.stderr)
    return session


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pacspec.output import prepare_output, table_format

    if args.output:  # a wrong output name fails now, not after the evaluation
        table_format(args.output)
        prepare_output(args.output, force=args.force, what="the client table")
    with _Progress(args, "cli_step_evaluate", not args.quiet):
        ev = _open(args).evaluate(args.as_of)
    # each layout imported when it is asked for: the text one alone is 15-20 ms of imports
    if args.format == "json":
        import json

        from pacspec.report.summary import evaluation_summary

        print(json.dumps(evaluation_summary(ev), ensure_ascii=False, indent=2))
    elif not args.quiet:
        from pacspec.report.text import render_evaluation

        sys.stdout.write(render_evaluation(ev, top=args.top))
    if args.quiet and ev.problems:  # skipped rows and other warnings are never silent
        print(format_text(ev.problems), file=sys.stderr)
    if args.output:
        from pacspec.report.tables import write_table

        write_table(ev, args.output, labels=args.labels, force=args.force,
                    headers=args.headers)
        print(_text(args, "cli_wrote_clients", n=ev.n_clients, path=args.output),
              file=sys.stderr)
    return EXIT_OK


def cmd_track(args: argparse.Namespace) -> int:
    from pacspec.history import check_history_folder, trend
    from pacspec.report.steering import owner_records, render_steering, render_view, view_records
    from pacspec.report.summary import steering_summary

    if args.history is not None:
        check_history_folder(args.history)
    with _Progress(args, "cli_step_track", args.format == "text" and not args.quiet):
        session = _open(args)
        session.activity_source = args.activities
        result = session.steer(args.as_of)
        found = session.view(result, args.by) if args.by else None
    saved = session.save_snapshot(result, args.save, force=args.force) if args.save else None
    folder = args.history or args.save
    evolution = None
    if folder:
        evolution = trend(session.history(result, folder))
        if len(evolution.dates) < 2:
            evolution = None
    if args.format == "json":
        summary = steering_summary(result, session.source)
        summary["trend"] = evolution.to_dict() if evolution is not None else None
        if found is not None and found.by == "owner":
            summary["steering"]["by_owner"] = owner_records(result, found.groups)
        elif found is not None:
            summary["steering"][f"by_{found.by}"] = view_records(result, found)
        import json

        print(json.dumps(summary, ensure_ascii=False, indent=2))
    elif args.quiet:  # a scheduled --save run: its warnings are never silent
        problems = [*result.problems, *(found.problems if found is not None else ())]
        if problems:
            print(format_text(problems), file=sys.stderr)
    elif found is not None:
        sys.stdout.write(render_view(result, found))
    else:
        sys.stdout.write(render_steering(result, evolution))
    if saved is not None:
        print(_text(args, "cli_wrote", path=saved), file=sys.stderr)
    # an error found while steering (a CA cible that resolves to 0) fails the command
    return EXIT_PROBLEMS if any(p.severity == "error" for p in result.problems) else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from pacspec.output import prepare_output
    from pacspec.report import ReportError
    from pacspec.report.formats import resolve

    # a wrong output name or format or history folder fails now, not after the evaluation
    kind = resolve(args.output, args.format)
    if kind.require is not None:  # a missing openpyxl or Chromium fails now, too
        kind.require()
    prepare_output(args.output, force=args.force, what="the report", error=ReportError)
    if args.history is not None:
        from pacspec.history import check_history_folder

        check_history_folder(args.history)
    # a format's own start-up (the PDF's browser) runs beside the analysis
    ahead = kind.ahead() if kind.ahead is not None else contextlib.nullcontext()
    with _Progress(args, "cli_step_report", not args.quiet), ahead:
        path = _open(args).report(args.output, as_of=args.as_of, history=args.history,
                                  force=args.force, fmt=args.format, owner=args.owner,
                                  headers=args.headers, commercial=args.commercial)
    print(_text(args, "cli_wrote", path=path), file=sys.stderr)
    return EXIT_OK


def _sync_files(args: argparse.Namespace) -> tuple[list[str], str | None]:
    """The workbooks and the plan of ``pacspec sync FILE...``: a ``*.pac.yaml`` file is the
    plan (or ``--plan``), every other file a workbook."""
    plans = [f for f in args.files if f.endswith((".pac.yaml", ".pac.yml"))]
    books = [f for f in args.files if f not in plans]
    if args.plan is not None:
        plans.append(args.plan)
    if len(plans) > 1:
        args.parser.error("give one plan (PLAN.pac.yaml or --plan PLAN)")
    if not books:
        args.parser.error("give the workbooks to sync (FILE.xlsx...)")
    return books, plans[0] if plans else None


def cmd_sync(args: argparse.Namespace) -> int:
    from pacspec.diff import render_diff
    from pacspec.i18n import label
    from pacspec.session import sync

    books, plan = _sync_files(args)
    try:
        result = sync(books, plan, on=args.on, allow_outside=args.allow_outside)
        loc = result.locale
        if result.notes:
            print(format_text(result.notes), file=sys.stderr)
        if not result.changed:
            if not args.quiet:
                print(label("sync_nothing", loc, plan=result.source), file=sys.stderr)
            return EXIT_OK
        if not args.quiet:
            sys.stdout.write(render_diff(result.diff, args.format))
        write = args.write
        if not write and sys.stdin.isatty() and sys.stdout.isatty():
            answer = input(label("sync_ask", loc, plan=result.source))
            write = answer.strip().lower() in ("y", "yes", "o", "oui")
        if write:
            result.write()
            print(label("sync_written", loc, plan=result.source, n=str(len(result.updates))),
                  file=sys.stderr)
        else:
            print(label("sync_not_written", loc, plan=result.source), file=sys.stderr)
    except PacspecError as exc:  # bad cells, conflicts, a plan that does not load: trouble
        print(_explained(exc.problems) or str(exc), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_PROBLEMS


def cmd_convert(args: argparse.Namespace) -> int:
    from pacspec.ingest.convert import convert_transactions
    from pacspec.output import OutputError, format_of, prepare_output

    format_of(args.output, {".parquet": "parquet", ".pq": "parquet"}, "the lines",
              OutputError)
    prepare_output(args.output, force=args.force, what="the Parquet file")
    columns = csv = None
    policy = "skip" if args.skip_bad_rows else "error"
    if args.plan:  # the plan's column mapping and CSV options (its data.transactions)
        from pacspec.loader import load_plan

        plan = load_plan(args.plan, allow_outside=args.allow_outside).plan
        columns, csv = plan.data.transactions.columns, plan.data.transactions.csv
        policy = "skip" if args.skip_bad_rows else plan.data.bad_rows
    with _Progress(args, "cli_step_convert", not args.quiet, source=args.source):
        result = convert_transactions(args.source, args.output, columns=columns, csv=csv,
                                      bad_rows=policy,  # type: ignore[arg-type]
                                      force=args.force, block_bytes=args.block_mb << 20)
    if result.notes:
        print(format_text(result.notes), file=sys.stderr)
    left_out = result.rows_read - result.rows_written
    print(_text(args, "cli_wrote_lines_bad" if left_out else "cli_wrote_lines",
                n=result.rows_written, path=args.output, bad=left_out), file=sys.stderr)
    return EXIT_OK


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with ``command``, one that builds only that command's
    parser (the same help, errors and arguments for it), or every one when no command has
    that name."""
    parser = _Parser(
        prog="pacspec",
        description="Plans d'Action Commerciale as versioned, validated YAML, evaluated on data.",
    )
    parser.add_argument("--version", action="version", version=f"pacspec {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser,
                                action=_Commands)
    sub.only = command  # type: ignore[attr-defined]

    p = sub.add_parser("validate", help="check plan files (schema and semantic lint)")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="plan files (*.pac.yaml) and rule files (*.rules.yaml)")
    p.add_argument("--all", action="store_true",
                   help="also every plan and rule file under the current folder (hidden "
                        "folders skipped)")
    p.add_argument("--with-includers", action="store_true",
                   help="also the plans under the current folder that include a given rule "
                        "file, directly or through other rule files")
    p.add_argument("--format", choices=tuple(PROBLEM_FORMATS), default="text",
                   help="how problems are printed: " + "; ".join(
                       f"{f.name}: {f.description}" for f in PROBLEM_FORMATS.values()))
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("--allow-outside", action="store_true",
                   help="let includes reach outside the plan's repository (trusted plans only)")
    p.add_argument("--lang", choices=("fr", "en"),
                   help="language of the messages and hints (default: the plan's locale; "
                        "French for rule files and files that cannot be read); the codes do "
                        "not change")
    p.add_argument("-q", "--quiet", action="store_true", help="say nothing for clean files")
    p.set_defaults(func=cmd_validate, parser=p)

    p = sub.add_parser("diff", help="what a change to a plan does: actions, budget, "
                                    "objectives, rule sets (exit 1 when different)")
    p.add_argument("plans", nargs="*", metavar="PLAN",
                   help="OLD NEW: two plan files; with --git: the plans to compare (default: "
                        "every plan of the repository)")
    p.add_argument("--git", metavar="REV",
                   help="compare the plans at git revision REV (a commit, branch or tag) with "
                        "the working tree")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                   help="text, markdown (for a pull-request comment) or json")
    p.add_argument("--data", action="store_true",
                   help="also the impact on the clients of the new plan's data: clients "
                        "moving between profiles and segments, each action's target clients "
                        "and CA actuel / cible (counts and totals)")
    p.add_argument("--transactions", metavar="FILE",
                   help="the transactions for the impact (implies --data; default: the new "
                        "plan's data.transactions)")
    p.add_argument("--clients", action="store_true",
                   help="with the impact, list the clients themselves (ids and CA); without "
                        "it, a comment on a shared pull request carries no client data")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print nothing; the exit code says whether the plans differ")
    p.set_defaults(func=cmd_diff, parser=p)

    p = sub.add_parser("rules", help="the built-in rule sets: list them, show one to copy")
    rules = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser,
                             required=True)
    lang = _Parser(add_help=False)
    lang.add_argument("--lang", choices=("fr", "en"),
                      help="language of pacspec's own lines (default: French)")
    rules.add_parser("list", parents=[lang],
                     help="the built-in rule sets, for include: [pacspec:NAME]")
    show = rules.add_parser("show", parents=[lang],
                            help="print a built-in rule set (or write it with -o)")
    show.add_argument("name", metavar="NAME", help="profiles-fr, rfm-segments...")
    show.add_argument("-o", "--output", metavar="FILE", help="write a copy to FILE")
    show.add_argument("--force", action="store_true", help="replace an existing FILE")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("schema", help="print or write the JSON Schema of plan files")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--rules", action="store_true", help="the schema of rule files instead")
    p.add_argument("--force", action="store_true", help="replace an existing different FILE")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("init", help="write a commented starter plan")
    p.add_argument("path", metavar="PATH", help="new file (*.pac.yaml) or existing folder")
    p.add_argument("--company", default="Mon entreprise", help="company name")
    p.add_argument("--locale", choices=("fr", "en"), default="fr")
    p.set_defaults(func=cmd_init)

    data = _Parser(add_help=False)  # what every data command shares
    data.add_argument("plan", metavar="PLAN", help="plan file (*.pac.yaml)")
    data.add_argument("--transactions", metavar="FILE",
                      help="transactions (CSV or Parquet); default: the plan's "
                           "data.transactions")
    data.add_argument("--clients", metavar="FILE",
                      help="client register (CSV or Parquet); default: the plan's data.clients")
    data.add_argument("--skip-bad-rows", action="store_true",
                      help="skip unreadable rows (they are reported) instead of failing")
    data.add_argument("--engine", choices=ENGINE_NAMES, default=None,
                      help="what computes the per-client table: numpy (in memory), duckdb "
                      "(out of core), spark (a cluster), auto (default: the plan's "
                      "data.engine, else duckdb for Parquet too large for memory)")
    data.add_argument("--spark-master", metavar="URL",
                      help="Spark master URL for --engine spark (default local[*])")
    data.add_argument("--memory-limit", metavar="SIZE", type=_memory_size,
                      help="memory DuckDB may use (e.g. 4GB, 512MB) before it spills to "
                           "disk, for --engine duckdb or auto (default: DuckDB's, 80%% of "
                           "the RAM)")
    data.add_argument("--temp-directory", metavar="DIR",
                      help="folder DuckDB spills to past --memory-limit, for --engine duckdb "
                           "or auto (default: a pacspec-duckdb-<pid> folder in the system's "
                           "temporary directory; put it on a disk with room: tens of GB at "
                           "hundreds of millions of lines)")
    data.add_argument("--allow-outside", action="store_true",
                      help="let includes reach outside the plan's repository (trusted plans "
                           "only)")

    p = sub.add_parser("evaluate", parents=[data],
                       help="evaluate a plan against client data (ABC, RFM...)")
    p.add_argument("--as-of", type=_date_arg, metavar="YYYY-MM-DD",
                   help="evaluation date (default: the last transaction date)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the per-client table (.csv, .json, .parquet)")
    p.add_argument("--labels", action="store_true",
                   help="write category names in the plan's language instead of ids")
    p.add_argument("--headers", choices=("labels", "ids"), default="labels",
                   help="column headers of the client table: titles in the plan's language "
                        "(default) or stable ids (revenue, region, p2025_01_revenue...)")
    p.add_argument("--force", action="store_true", help="replace an existing output file")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="summary format on stdout")
    p.add_argument("--top", type=_positive_int, default=3, metavar="N",
                   help="top clients per class (at least 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="print no summary")
    p.set_defaults(func=cmd_evaluate, reads_data=True)

    p = sub.add_parser("track", parents=[data],
                       help="steer a plan: actions, coverage, KPIs at a date, snapshots")
    p.add_argument("--as-of", type=_date_arg, metavar="YYYY-MM-DD",
                   help="steering date, after the plan start (default: the last transaction "
                        "date)")
    p.add_argument("--save", metavar="DIR",
                   help="write a snapshot <plan>.<as_of>.snapshot.json into DIR (created if "
                        "missing) and show the trend over the snapshots there")
    p.add_argument("--history", metavar="DIR",
                   help="show the trend over the snapshots in DIR (default: the --save folder)")
    p.add_argument("--force", action="store_true", help="replace an existing snapshot")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="output format on stdout")
    p.add_argument("--activities", metavar="FILE",
                   help="activity log (visits, calls, meetings) instead of the plan's "
                        "data.activities.path")
    p.add_argument("--by", choices=("owner", "commercial", "region", "typology"),
                   help="cut the dashboard by action owner (the plan's roles), or by the "
                        "client register's salesperson (the column mapped as commercial), "
                        "region or typology; the groups add up to the whole")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print no dashboard (a scheduled --save run): only the warnings, "
                        "on stderr, and the snapshot written")
    p.set_defaults(func=cmd_track, reads_data=True)

    p = sub.add_parser("report", parents=[data],
                       help="the PAC as a document: HTML, Excel or Markdown")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="report file; the extension chooses the format (.html, .xlsx, .md)")
    p.add_argument("--format", metavar="NAME",
                   help="report format, whatever the extension: html, markdown (md) or xlsx")
    p.add_argument("--as-of", type=_date_arg, metavar="YYYY-MM-DD",
                   help="evaluation date (default: the last transaction date); after the plan "
                   "start the report includes the steering dashboard")
    p.add_argument("--history", metavar="DIR",
                   help="folder of snapshots (pacspec track --save) for the KPI trends")
    p.add_argument("--owner", metavar="NAME",
                   help="the document of one action owner (the plan's roles: KAM, SED1...): "
                        "his actions and their budget, the clients they target, his steering; "
                        "a working workbook for him")
    p.add_argument("--commercial", metavar="NAME",
                   help="the document of one salesperson of the client register (the column "
                        "mapped as data.clients.columns.commercial): his clients, the actions "
                        "that target them with his clients' figures, his quotas")
    p.add_argument("--headers", choices=("labels", "ids"), default="labels",
                   help="column headers of the workbook's Clients sheet: titles in the "
                        "plan's language (default) or stable ids")
    p.add_argument("--force", action="store_true", help="replace an existing report")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    p.set_defaults(func=cmd_report, reads_data=True)

    p = sub.add_parser("sync", help="write what a team typed in working workbooks (pacspec "
                                    "report -o pac.xlsx) back into the plan: dated readings "
                                    "of progress and spent, comments, results")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="the workbooks (*.xlsx), and optionally the plan (*.pac.yaml; default: "
                        "the plan the workbooks name)")
    p.add_argument("--plan", metavar="PLAN", help="the plan file to update")
    p.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD",
                   help="date of the new readings (default: each workbook's save date)")
    p.add_argument("--write", action="store_true",
                   help="write the plan (default: show the change as a diff and ask on a "
                        "terminal, else write nothing)")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                   help="how the change is shown: text, markdown (for a pull request) or json")
    p.add_argument("--allow-outside", action="store_true",
                   help="let includes reach outside the plan's repository (trusted plans only)")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the diff")
    p.set_defaults(func=cmd_sync, parser=p)

    p = sub.add_parser("convert", help="convert transactions (a CSV export, a workbook...) "
                                       "to typed Parquet for --engine duckdb|spark")
    p.add_argument("source", metavar="SRC", help="the transactions file (CSV, XLSX, Parquet)")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the Parquet file to write (.parquet)")
    p.add_argument("--plan", metavar="PLAN",
                   help="read SRC with this plan's data.transactions columns and csv options "
                        "(default: columns client, date, amount)")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="leave out unreadable rows (counted, with their lines) instead of "
                        "failing")
    p.add_argument("--force", action="store_true", help="replace an existing FILE")
    p.add_argument("--block-mb", type=_positive_int, default=64, metavar="N",
                   help="read SRC N MB at a time (bounds the memory; default 64)")
    p.add_argument("--allow-outside", action="store_true",
                   help="let the plan's includes reach outside its repository")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress message")
    p.set_defaults(func=cmd_convert)

    if command is not None and command not in sub.choices:
        return build_parser()
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(words[0] if words and not words[0].startswith("-") else None)
    args = parser.parse_args(argv)
    args._program = argv is None  # the pacspec program itself, not a call from Python
    if args._program:
        from pacspec.program import arrow_system_pool, numpy_small_pages

        arrow_system_pool()  # before pyarrow loads: Arrow's freed buffers reused by numpy
        numpy_small_pages()  # before numpy loads: no wait for huge pages' compaction
        if getattr(args, "reads_data", False) and args.engine != "spark":
            from pacspec.program import arrow_without_pandas

            arrow_without_pandas()  # no DataFrame held: pandas would be 0.2 s, 130 MB
        if getattr(args, "reads_data", False) and args.engine in (None, "auto", "numpy"):
            from pacspec.sheet_ahead import start

            start(args.plan, args.transactions)  # a workbook parsed while the modules load
    if getattr(args, "command", None) is None:
        parser.print_help()
        return EXIT_USAGE
    code = _run(args)
    if args._program:
        from pacspec.sheet_ahead import finish

        finish(code)  # a sheet parse an error made useless is not waited for
    return code


def _run(args: argparse.Namespace) -> int:
    """The command's exit code; a user's mistake is worded, a bug says so."""
    try:
        code: int = args.func(args)
        return code
    except PacspecError as exc:
        print(_explained(exc.problems, args) or str(exc), file=sys.stderr)
        usage = any(p.code in USAGE_CODES for p in exc.problems)
        return EXIT_USAGE if usage else EXIT_PROBLEMS
    except KeyboardInterrupt:
        print(_say(args, "cli_interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception:  # a bug, not a user mistake: say so plainly
        try:
            line = _say(args, "cli_internal_error")
        except Exception:  # the bug may be in the plan's reading itself
            line = "pacspec: internal error (please report it with the lines below)"
        print(line, file=sys.stderr)
        import traceback

        traceback.print_exc()
        return EXIT_INTERNAL
    finally:
        if args._program:
            _leave_to_exit()


def _leave_to_exit() -> None:
    """The program's work is done: move every object to the collector's permanent
    generation (:func:`gc.freeze`), so that the collection the interpreter runs as it exits
    does not walk them all (the plan models, pydantic's schemas, numpy and pyarrow: 50-60
    ms of a ``validate`` that pre-commit runs on every commit, about 0.1 s of an
    ``evaluate``). Objects are still freed by their reference counts as the modules are
    cleared, standard streams flushed and ``atexit`` handlers run (temporary folders,
    Spark's session); only garbage in reference cycles is left to the end of the process,
    and every file the command writes is closed before it returns."""
    import gc

    gc.freeze()


if __name__ == "__main__":
    raise SystemExit(main())
