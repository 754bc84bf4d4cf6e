"""The session: load and lint a plan, read its data, place problems in the plan file, pick
the default ``as_of``, read and write snapshots; the CLI and the Python API both call it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from pacspec.calendar import CALENDAR_HINT, calendar_message, in_calendar
from pacspec.diagnostics import (
    EvaluationError,
    JsonPath,
    LedgerError,
    PacspecError,
    PlanError,
    Problem,
)
from pacspec.engine.actions import PlanActions, baseline_as_of, resolve_actions
from pacspec.engine.backends import Aggregator, get_engine
from pacspec.engine.backends.lines import ScannedLedger
from pacspec.engine.backends.source import choose_engine, open_for_engine
from pacspec.engine.pipeline import evaluate as evaluate_plan
from pacspec.engine.result import Evaluation
from pacspec.engine.steering import SteeringResult, check_steering_date
from pacspec.engine.steering import steer as steer_plan
from pacspec.fsio import UnreadableFile, regular_file, shown_path
from pacspec.ingest import Ledger, after_as_of_notes, load_ledger_for_plan
from pacspec.ingest.needs import register_needs
from pacspec.ingest.read import options_model
from pacspec.ingest.table import cannot_read
from pacspec.loader import LoadedPlan, SourceMap, load_plan
from pacspec.model.base import field_name
from pacspec.model.data import (
    ClientColumns,
    ClientSource,
    CsvOptions,
    DataSection,
    TransactionColumns,
)
from pacspec.model.plan import Plan
from pacspec.reasons import Reason

if TYPE_CHECKING:
    from pacspec.engine.scope import Scope
    from pacspec.sync import SyncResult

__all__ = ["PlanInput", "Session", "evaluate", "report", "resolve_plan", "steer", "sync"]

PlanInput = LoadedPlan | Plan | str | os.PathLike[str]
"""A plan file's path, a loaded plan, or a Plan built in Python."""


def _loaded(plan: PlanInput, allow_outside: bool = False) -> LoadedPlan:
    if isinstance(plan, LoadedPlan):
        return plan
    if isinstance(plan, Plan):
        return LoadedPlan(plan=plan, source="<plan>", base_dir=Path.cwd(),
                          sources=SourceMap(main="<plan>"))
    return load_plan(plan, allow_outside=allow_outside)


def _check_data_files(loaded: LoadedPlan, transactions: Any, clients: Any) -> None:
    """Refuse, before ingestion opens them, the data files that are not regular files (a
    FIFO would block, a device never end) or cannot be named (a NUL byte, a name over 255
    characters): :class:`LedgerError` with code ``io``, placed at the plan's ``data:`` path
    when the plan names the file."""
    data = loaded.plan.data
    problems: list[Problem] = []
    for kind, given, source in (("transactions", transactions, data.transactions),
                                ("clients", clients, data.clients)):
        where: JsonPath | None = None
        if given is None and source is not None and source.path is not None:
            given, where = loaded.base_dir / source.path, ("data", kind, "path")
        if not isinstance(given, str | os.PathLike):
            continue  # an in-memory table, or nothing
        try:
            regular_file(given)
        except UnreadableFile as exc:  # the plan's words when the reason has them
            hint = Reason("hint_regular_file") if exc.code == "not-a-file" else exc.hint
            problems += cannot_read(kind, exc.words or exc.reason, shown_path(given), hint,
                                    path=where).problems
    if problems:
        raise LedgerError(problems)


@dataclass
class Session:
    """One plan and its data: every evaluation, steering and report of a command runs in
    one session, so the data is read once."""

    loaded: LoadedPlan
    ledger: Ledger
    warnings: list[Problem] = field(default_factory=list)
    """Lint warnings of the plan (errors stop :meth:`open`)."""
    engine: Aggregator | None = None
    """The aggregation engine (None: numpy; see :mod:`pacspec.engine.backends`)."""
    announcements: list[str] = field(default_factory=list)
    """One-line messages about how the data is processed (the engine ``auto`` chose)."""
    activity_source: Any = None
    """The activity log to read instead of the plan's ``data.activities.path`` (a path or an
    in-memory table), read on first use by :meth:`activities`."""
    _activities: tuple[Any, list[Problem]] | None = field(default=None, init=False, repr=False)
    plan_sha256: str = ""
    """sha256 of the plan file's bytes, read right after loading it (empty for a plan not
    read from a file); a working workbook records it (see :meth:`report`)."""
    _actions: PlanActions | None = field(default=None, init=False, repr=False)

    @classmethod
    def open(cls, plan: PlanInput, *, transactions: Any = None, clients: Any = None,
             ledger: Ledger | None = None, bad_rows: str | None = None,
             check: bool = True, allow_outside: bool = False,
             engine: str | Aggregator | None = None,
             spark_master: str | None = None, spark_session: Any = None,
             memory_limit: str | None = None, temp_directory: str | None = None,
             columns: Any = None, csv: Any = None, client_columns: Any = None,
             clients_csv: Any = None) -> Session:
        """Load ``plan`` and, with ``check``, lint it (errors raise :class:`PlanError`,
        warnings are kept in :attr:`warnings`); then read its data: ``ledger`` if given,
        else ``transactions``/``clients`` (paths, DataFrames, Arrow tables, mappings), else
        the plan's ``data:`` paths. Data problems caused by the plan are placed in it.

        ``engine`` (default: the plan's ``data.engine``, ``auto``) runs the per-client
        aggregation: ``numpy``, ``duckdb``, ``spark`` or an engine object; DuckDB and Spark
        read Parquet files (and Arrow tables, Spark DataFrames) where they are;
        ``memory_limit`` (``"4GB"``) bounds DuckDB's memory (past it, it spills to disk,
        into ``temp_directory``: default a ``pacspec-duckdb-<pid>`` folder in the system's
        temporary directory).

        ``columns``, ``csv``, ``client_columns`` and ``clients_csv`` (models or plain
        mappings) replace the plan's ``data.transactions.columns`` / ``.csv`` and
        ``data.clients.columns`` / ``.csv``."""
        loaded = _loaded(plan, allow_outside)
        sha256 = _file_sha256(plan)
        data = _data_options(loaded.plan.data, columns, csv, client_columns, clients_csv)
        warnings: list[Problem] = []
        if check:
            from pacspec.lint import lint

            problems = lint(loaded)
            errors = [p for p in problems if p.severity == "error"]
            if errors:
                raise PlanError(errors)
            warnings = [p for p in problems if p.severity == "warning"]
        if ledger is None:  # refuse a FIFO or a device before anything opens it
            try:
                _check_data_files(loaded, transactions, clients)
            except LedgerError as exc:
                raise LedgerError(_data_problems_in_plan(loaded, exc.problems)) from None
        aggregator, announcements = None, []
        if engine is not None and not isinstance(engine, str):
            aggregator = engine
        else:
            choice = choose_engine(engine or loaded.plan.data.engine, transactions
                                   if transactions is not None else _plan_path(loaded),
                                   data.transactions.columns)
            announcements += [choice.announcement] if choice.announcement else []
            aggregator = get_engine(choice.name, spark_master=spark_master,
                                    spark_session=spark_session, memory_limit=memory_limit,
                                    temp_directory=temp_directory)
        if ledger is None:
            try:
                ledger = open_for_engine(aggregator, data, loaded.base_dir,
                                         transactions=transactions, clients=clients,
                                         bad_rows=bad_rows)
            except LedgerError as exc:
                raise LedgerError(_data_problems_in_plan(loaded, exc.problems)) from None
        if ledger is None:
            try:
                ledger = load_ledger_for_plan(data, loaded.base_dir,
                                              transactions=transactions, clients=clients,
                                              bad_rows=bad_rows,  # type: ignore[arg-type]
                                              needs=register_needs(loaded.plan))
            except LedgerError as exc:
                raise LedgerError(_data_problems_in_plan(loaded, exc.problems)) from None
        return cls(loaded=loaded, ledger=ledger, warnings=warnings, engine=aggregator,
                   announcements=announcements, plan_sha256=sha256)

    @property
    def plan(self) -> Plan:
        return self.loaded.plan

    @property
    def source(self) -> str:
        return self.loaded.source

    # ------------------------------------------------------------------- problems
    def place(self, problems: Sequence[Problem]) -> list[Problem]:
        """The engine's problems placed in the plan file: a problem with a plan path gets its
        ``file:line:col``; one with no file is the plan's."""
        out = []
        for p in map(self._worded, problems):
            if p.file is None and p.path is not None:
                placed = self.loaded.sources.problem(p.severity, p.code, p.path, p.message,
                                                     p.hint, prefer_key=p.at_key)
                out.append(replace(placed, reason=p.reason, hint_lead=p.hint_lead))
            elif p.file is None:
                out.append(replace(p, file=self.source))
            else:
                out.append(p)
        return out

    def _worded(self, problem: Problem) -> Problem:
        return _worded(self.loaded, problem)

    @contextlib.contextmanager
    def _placing(self) -> Iterator[None]:
        try:
            yield
        except PacspecError as exc:
            raise type(exc)(self.place(exc.problems)) from None

    def _ledger_problems(self) -> list[Problem]:
        return [self._worded(p) for report in self.ledger.reports for p in report.problems()
                if p.severity != "error"]

    # -------------------------------------------------------------------- dates
    def _as_of(self, as_of: dt.date | None) -> dt.date:
        """``as_of``, or the default one; a date outside the calendar is a problem."""
        value = as_of or self.default_as_of()
        if not in_calendar(value):
            raise EvaluationError([Problem(
                "error", "date-range", calendar_message(value, "as_of"), self.source,
                hint=CALENDAR_HINT)])
        return value

    def default_as_of(self) -> dt.date:
        """The last transaction date, the default ``as_of``; an error when there is none."""
        if self.ledger.n_transactions == 0:
            raise EvaluationError([Problem(
                "error", "no-data", "there are no transactions, so as_of cannot default to "
                "the last one", self.source, hint="give --as-of YYYY-MM-DD")])
        last = self.ledger.last_date
        assert last is not None
        return last

    # ------------------------------------------------------------------ results
    def evaluate(self, as_of: dt.date | None = None) -> Evaluation:
        """The analysis at ``as_of`` (default: the last transaction date)."""
        return self._evaluate(self._as_of(as_of))

    def _evaluate(self, as_of: dt.date) -> Evaluation:
        from pacspec.report.words import category_names

        with self._placing():
            ev = evaluate_plan(self.plan, self.ledger, as_of, self.engine)
        ev.problems = [*self._ledger_problems(),
                       *self.place([*after_as_of_notes(self.ledger, as_of), *ev.problems])]
        ev.category_names = category_names(ev)
        return ev

    def actions(self) -> PlanActions:
        """The PAC table resolved on the baseline (the day before the plan starts)."""
        if self._actions is None:
            baseline = self._evaluate(baseline_as_of(self.plan))  # may be 1899-12-31
            # the rows after the baseline are the year being steered, not data left out
            baseline.problems = [p for p in baseline.problems if p.code != "rows-after-as-of"]
            with self._placing():
                resolved = resolve_actions(baseline)
            resolved.problems = sorted(self.place(resolved.problems), key=Problem.sort_key)
            self._actions = resolved
        return self._actions

    def steer(self, as_of: dt.date | None = None) -> SteeringResult:
        """Steering at ``as_of`` (default: the last transaction date; after the plan
        start)."""
        as_of = self._as_of(as_of)
        tables = getattr(self.engine, "tables", None)  # the engine reads the lines
        if isinstance(self.ledger, ScannedLedger) and tables is None:
            raise EvaluationError([Problem(
                "error", "engine-steering",
                f"steering reads every line in memory; the {self.ledger.source_engine} "
                "engine computes the analysis (evaluate) only", self.source,
                hint="steer with --engine numpy (the lines must fit in memory)")])
        with self._placing():
            check_steering_date(self.plan, as_of)  # before resolving anything
        actions = self.actions()  # first: a scanned ledger numbers its clients there
        log, log_problems = self.activities()
        with self._placing():
            result = steer_plan(self.plan, self.ledger, as_of, actions, log,
                                tables(self.ledger) if tables is not None else None)
        result.problems = [*self.place(after_as_of_notes(self.ledger, as_of)),
                           *result.problems, *log_problems]
        return result

    def activities(self) -> tuple[Any, list[Problem]]:
        """The activity log (``data.activities``, or :attr:`activity_source`) and its
        warnings placed in the plan; ``(None, [])`` when there is none."""
        if self._activities is None:
            from pacspec.activity_log import read_plan_activities
            from pacspec.model.data import ActivitySource

            section = self.plan.data.activities
            if section is None and self.activity_source is None:
                self._activities = (None, [])
                return self._activities
            reports = getattr(self.ledger, "reports", None)  # the policy the data was read with
            policy = reports[0].policy if reports else self.plan.data.bad_rows
            with self._placing():
                found = read_plan_activities(section or ActivitySource(),
                                             self.loaded.base_dir, self.ledger,
                                             self.activity_source, policy)
            log, problems = found if found is not None else (None, [])
            self._activities = (log, self.place(problems))
        return self._activities

    def view(self, result: SteeringResult, by: str) -> Any:
        """``result`` cut by ``by`` (``owner``, ``commercial``, ``region``, ``typology``;
        :func:`pacspec.engine.views.view`), its problems placed in the plan."""
        from pacspec.engine.views import view

        with self._placing():
            found = view(result, by)  # type: ignore[arg-type]
        found.problems = self.place(found.problems)
        return found

    # --------------------------------------------------------------- snapshots
    def save_snapshot(self, result: SteeringResult, folder: str | os.PathLike[str], *,
                      force: bool = False) -> Path:
        """Write the snapshot of ``result`` into ``folder``; returns its path."""
        from pacspec.history import write_snapshot

        return write_snapshot(result, self.source, folder, force=force)

    def history(self, result: SteeringResult, folder: str | os.PathLike[str]
                ) -> list[Any]:
        """The plan's snapshots in ``folder``, then ``result``'s own."""
        from pacspec.history import history

        return history(result, self.source, folder)

    # ------------------------------------------------------------------ reports
    def report(self, path: str | os.PathLike[str], *, as_of: dt.date | None = None,
               history: str | os.PathLike[str] | None = None, force: bool = False,
               fmt: str | None = None, owner: str | None = None,
               headers: Literal["labels", "ids"] = "labels", commercial: str | None = None
               ) -> Path:
        """Write the PAC document to ``path`` (``fmt``, a format name, or else the
        extension chooses the format): the
        analysis at ``as_of`` and, after the plan start, the steering dashboard (with the
        trends of the snapshots in ``history``). ``owner``: the PAC table (and the working
        workbook) holds only that owner's actions (an unknown owner is a
        :class:`~pacspec.report.ReportError`, code ``unknown-owner``). The document records
        the plan file and its hash (:class:`~pacspec.report.document.Origin`).
        ``commercial``: the document of that salesperson of the client register (see
        :meth:`scope`)."""
        from pacspec.report.formats import ahead
        from pacspec.report.scoped import check_scope
        from pacspec.report.sections.pac_table import check_owner

        check_scope(owner, commercial, self.plan.locale)
        check_owner(self.plan, owner)
        with ahead(path, fmt):  # the format's start-up (the PDF's browser) runs meanwhile
            return self._report(path, as_of=as_of, history=history, force=force, fmt=fmt,
                                owner=owner, headers=headers, commercial=commercial)

    def _report(self, path: str | os.PathLike[str], *, as_of: dt.date | None,
                history: str | os.PathLike[str] | None, force: bool, fmt: str | None,
                owner: str | None, headers: Literal["labels", "ids"], commercial: str | None
                ) -> Path:
        from pacspec.report import write_report
        from pacspec.report.document import Origin

        origin = Origin(plan="" if self.source == "<plan>" else Path(self.source).as_posix(),
                        sha256=self.plan_sha256,
                        generated=dt.datetime.now(dt.timezone.utc), owner=owner)
        ev = self.evaluate(as_of)
        steering = snapshots = None
        if ev.as_of > self.plan.header.plan_start:
            steering = self.steer(ev.as_of)
            if history is not None:
                snapshots = self.history(steering, history)
        # the PAC table's CA actuel and cible: resolved when the report is at the baseline
        actions = (self.actions() if steering is None and ev.as_of == baseline_as_of(self.plan)
                   else None)
        scope = (self.scope(owner=owner, commercial=commercial, steering=steering)
                 if owner is not None or commercial is not None else None)
        return write_report(ev, path, steering=steering, snapshots=snapshots, actions=actions,
                            source=self.source, force=force, fmt=fmt, origin=origin,
                            owner=owner, headers=headers, scope=scope)

    def scope(self, *, owner: str | None = None, commercial: str | None = None,
              steering: SteeringResult | None = None) -> Scope:
        """The document of one person (:mod:`pacspec.engine.scope`): the action owner
        ``owner`` or the register's salesperson ``commercial`` (one of them; both, or a
        name the plan or the register does not have, is a
        :class:`~pacspec.report.ReportError` with did-you-mean), on the actions resolved
        on the baseline and, with it, the steering result."""
        from pacspec.engine.scope import commercial_keys, commercial_scope, owner_scope
        from pacspec.report.scoped import check_commercial, check_scope
        from pacspec.report.sections.pac_table import check_owner

        check_scope(owner, commercial, self.plan.locale)
        actions = self.actions()
        if owner is not None:
            check_owner(self.plan, owner)
            return owner_scope(actions, owner, steering)
        assert commercial is not None
        with self._placing():
            keys = commercial_keys(actions)
        check_commercial(self.plan, commercial, keys)
        with self._placing():
            return commercial_scope(actions, commercial, steering)


# ----------------------------------------------------------------- convenience API


def _data_options(data: DataSection, columns: Any, csv: Any, client_columns: Any,
                  clients_csv: Any) -> DataSection:
    """The plan's data section with the column mappings and read options given in Python
    (models or plain mappings) in place of the plan's."""
    if columns is None and csv is None and client_columns is None and clients_csv is None:
        return data
    tx = data.transactions
    if columns is not None:
        tx = tx.model_copy(update={"columns": options_model(TransactionColumns, columns, "columns")})
    if csv is not None:
        tx = tx.model_copy(update={"csv": options_model(CsvOptions, csv, "csv")})
    register = data.clients
    if client_columns is not None or clients_csv is not None:
        register = register or ClientSource()
        if client_columns is not None:
            register = register.model_copy(update={"columns": options_model(
                ClientColumns, client_columns, "client_columns")})
        if clients_csv is not None:
            register = register.model_copy(update={"csv": options_model(
                CsvOptions, clients_csv, "clients_csv")})
    return data.model_copy(update={"transactions": tx, "clients": register})


def evaluate(plan: PlanInput, *, transactions: Any = None, clients: Any = None,
             as_of: dt.date | None = None, bad_rows: str | None = None,
             ledger: Ledger | None = None, check: bool = True,
             engine: str | Aggregator | None = None, columns: Any = None, csv: Any = None,
             client_columns: Any = None, clients_csv: Any = None) -> Evaluation:
    """Evaluate ``plan`` against client data at ``as_of`` (default: the last transaction
    date). The data comes from ``ledger``, else ``transactions``/``clients``, else the
    plan's ``data:`` paths. ``engine`` runs the per-client aggregation (``auto``,
    ``numpy``, ``duckdb``, ``spark`` or an engine object; default: the plan's
    ``data.engine``). ``columns``, ``csv``, ``client_columns``, ``clients_csv`` (models or
    plain mappings: ``columns={"client": "Code client"}``) replace the plan's. Raises
    :class:`~pacspec.diagnostics.PacspecError` subclasses with positioned problems."""
    session = Session.open(plan, transactions=transactions, clients=clients, ledger=ledger,
                           bad_rows=bad_rows, check=check, engine=engine, columns=columns,
                           csv=csv, client_columns=client_columns, clients_csv=clients_csv)
    return session.evaluate(as_of)


def steer(plan: PlanInput, *, as_of: dt.date | None = None, transactions: Any = None,
          clients: Any = None, ledger: Ledger | None = None, bad_rows: str | None = None,
          check: bool = True, activities: Any = None) -> SteeringResult:
    """Resolve the plan's actions on the baseline and measure them and the KPIs at
    ``as_of`` (after the plan start; default: the last transaction date), with the
    activity log ``activities`` (default: the plan's ``data.activities``)."""
    session = Session.open(plan, transactions=transactions, clients=clients, ledger=ledger,
                           bad_rows=bad_rows, check=check)
    session.activity_source = activities
    return session.steer(as_of)


def resolve_plan(plan: PlanInput, *, transactions: Any = None, clients: Any = None,
                 ledger: Ledger | None = None, bad_rows: str | None = None,
                 check: bool = True, engine: str | Aggregator | None = None) -> PlanActions:
    """The PAC table resolved on the baseline (the day before the plan starts)."""
    session = Session.open(plan, transactions=transactions, clients=clients, ledger=ledger,
                           bad_rows=bad_rows, check=check, engine=engine)
    return session.actions()


def report(plan: PlanInput, path: str | os.PathLike[str], *, as_of: dt.date | None = None,
           transactions: Any = None, clients: Any = None, ledger: Ledger | None = None,
           history: str | os.PathLike[str] | None = None, bad_rows: str | None = None,
           force: bool = False, check: bool = True,
           engine: str | Aggregator | None = None, fmt: str | None = None,
           owner: str | None = None, commercial: str | None = None) -> Path:
    """Write the PAC document of ``plan`` to ``path`` (.html, .md, .xlsx, or the format
    named by ``fmt``); returns it. ``owner`` / ``commercial``: the document of that action
    owner / that salesperson of the client register (:meth:`Session.scope`)."""
    from pacspec.report.formats import ahead

    with ahead(path, fmt):  # the PDF's browser starts while the data is read, too
        session = Session.open(plan, transactions=transactions, clients=clients,
                               ledger=ledger, bad_rows=bad_rows, check=check, engine=engine)
        return session.report(path, as_of=as_of, history=history, force=force, fmt=fmt,
                              owner=owner, commercial=commercial)


def sync(workbooks: Sequence[str | os.PathLike[str]], plan: str | os.PathLike[str] | None = None,
         *, on: dt.date | None = None, write: bool = False, allow_outside: bool = False
         ) -> SyncResult:
    """Read the cells a team edited in working workbooks (``pacspec report PLAN -o
    pac.xlsx``) and write them back into ``plan`` (default: the plan the workbooks name):
    progress and spent as readings dated ``on`` (default: each workbook's save date),
    comments and results as texts; see :mod:`pacspec.sync`. Returns a
    :class:`~pacspec.sync.SyncResult` (its ``diff``, and the new text); the plan file is
    replaced, atomically, only with ``write``. Raises :class:`~pacspec.sync.SyncError`
    naming the cells (``pac.xlsx!PAC!H12``) for bad cells and conflicts."""
    from pacspec.i18n import label
    from pacspec.sync import SyncError

    locale = ["fr"]  # the workbooks', then the plan's: the words of the hints' lead
    try:
        return _sync(workbooks, plan, on, write, allow_outside, locale)
    except SyncError as exc:
        raise SyncError([replace(p, hint_lead=label("hint_lead", locale[0]))
                         for p in exc.problems]) from None


def _sync(workbooks: Sequence[str | os.PathLike[str]], plan: str | os.PathLike[str] | None,
          on: dt.date | None, write: bool, allow_outside: bool, locale: list[str]
          ) -> SyncResult:
    from pacspec.fsio import read_bounded
    from pacspec.i18n import label
    from pacspec.lint import file_locale
    from pacspec.sync import SyncError, read_workbooks, sync_plan
    from pacspec.yamlio import DEFAULT_MAX_BYTES

    # a workbook that cannot be opened (no openpyxl...) is said in the given plan's language
    locale[0] = file_locale(plan) if plan is not None else "fr"
    books = read_workbooks(workbooks, locale[0])
    loc = locale[0] = books[0].locale if books else locale[0]
    if plan is None:
        named = sorted({b.plan for b in books if b.plan})
        if len(named) != 1:
            where = books[0].name if books else "pacspec"
            raise SyncError([Problem(
                "error", "sync-plan-missing" if not named else "sync-plans-differ",
                label("sync_plans_differ", loc, plans=", ".join(named)) if named
                else label("sync_plan_missing", loc, plan="?"), where,
                hint=label("sync_plans_differ_hint", loc) if named
                else label("sync_plan_missing_hint", loc))])
        plan = named[0]
    path = Path(plan)
    try:
        data = read_bounded(path, DEFAULT_MAX_BYTES)
    except (UnreadableFile, OSError) as exc:
        reason = exc.reason if isinstance(exc, UnreadableFile) else str(exc)
        raise SyncError([Problem(
            "error", "sync-plan-missing", label("sync_plan_missing", loc, plan=str(plan))
            + f" ({reason})", str(plan), hint=label("sync_plan_missing_hint", loc))]) from None
    from pacspec.validation import message_language

    with message_language(file_locale(path)):  # its problems in its own words
        loaded = load_plan(path, allow_outside=allow_outside)
    locale[0] = loaded.plan.locale
    result = sync_plan(loaded, data, path, books, on=on, allow_outside=allow_outside)
    if write:
        result.write()
    return result


# ------------------------------------------------------------- data problems


def _file_sha256(plan: PlanInput) -> str:
    """sha256 hex of the plan file's bytes (empty for a plan not given as a path, or a file
    that cannot be read again)."""
    import hashlib

    if not isinstance(plan, str | os.PathLike):
        return ""
    try:
        return hashlib.sha256(Path(plan).read_bytes()).hexdigest()
    except OSError:
        return ""


def _plan_path(loaded: LoadedPlan) -> Path | None:
    """The transactions file the plan names, relative to the plan's folder."""
    path = loaded.plan.data.transactions.path
    return None if path is None else Path(loaded.base_dir) / path


def _plan_value(plan: Plan, path: JsonPath) -> tuple[bool, Any]:
    """Whether the plan file sets ``path`` (False when a default is used), and the value."""
    node: Any = plan
    explicit = True
    for part in path:
        if not isinstance(part, str) or not isinstance(node, BaseModel):
            return False, None
        name = field_name(type(node), part)
        if name is None:
            return False, None
        explicit = explicit and name in node.model_fields_set
        node = getattr(node, name)
    return explicit, node


def _worded(loaded: LoadedPlan, problem: Problem) -> Problem:
    """A problem given as a reason code (the engine's, the ingestion's), written in the
    plan's locale: its message, and its hint when the label table has
    ``problem_<problem code>_hint``."""
    reason = problem.reason
    if reason is None:
        return problem
    from pacspec.i18n import TEXTS, explain, fields, label, template

    loc, currency = loaded.plan.locale, loaded.plan.header.currency
    hint_key = f"{reason.code}_hint"  # the reason's own hint, else one per problem code
    if hint_key not in TEXTS:
        hint_key = f"problem_{problem.code.replace('-', '_')}_hint"
    hinted = hint_key in TEXTS and all(  # a variant without the hint's values: none
        name in reason.values for name, _ in fields(template(hint_key, loc)))
    return replace(
        problem, message=explain(reason.code, reason.values, loc, currency),
        hint=explain(hint_key, reason.values, loc, currency) if hinted else problem.hint,
        hint_lead=label("hint_lead", loc))


def _data_problems_in_plan(loaded: LoadedPlan, problems: list[Problem]) -> list[Problem]:
    """Place the problems caused by the plan's ``data:`` section in the plan file: a problem
    about a data file gets a note at the plan line that names or maps it; a problem with no
    file of its own is positioned in the plan."""
    from pacspec.i18n import label

    loc = loaded.plan.locale
    problems = [_worded(loaded, p) for p in problems]  # in the plan's locale
    out: list[Problem] = []
    notes: list[Problem] = []
    noted: set[JsonPath] = set()
    for problem in problems:
        path = problem.path
        if path is not None and path[:1] != ("data",) and problem.file is None:
            # a register column the analysis needs (ingest.needs), read from a frame
            out.append(replace(loaded.sources.problem(problem.severity, problem.code, path,
                                                      problem.message, problem.hint),
                               hint_lead=problem.hint_lead))
            continue
        if path is None or path[:1] != ("data",):
            out.append(problem)
            continue
        if problem.file is None:  # nothing else to point at: the plan is the place
            out.append(replace(loaded.sources.problem(problem.severity, problem.code, path,
                                                      problem.message, problem.hint),
                               hint_lead=problem.hint_lead))
            continue
        out.append(problem)
        if path in noted:
            continue
        noted.add(path)
        key = ".".join(str(part) for part in path)
        if path[-1] == "path":
            message = label("data_note_path", loc, setting=key, file=problem.file)
        else:
            explicit, value = _plan_value(loaded.plan, path)
            shown = isinstance(value, str)
            which = ("set" if explicit else "default") + ("_value" if shown else "")
            message = label(f"data_note_{which}", loc, setting=key, value=value)
        notes.append(loaded.sources.problem("note", problem.code, path, message))
    return [*out, *notes]
