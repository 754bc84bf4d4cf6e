"""The Spark engine: the shared expressions in ``DataFrame.groupBy().agg`` (partial
aggregation on the executors), on a session the user passes or a master URL; local mode
by default (``pip install 'pacspec[spark]'``, a Java runtime)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pacspec.calendar import to_day
from pacspec.engine.backends.lines import LineSource
from pacspec.engine.backends.query import SPARK, Dialect, aggregate_exprs, line_exprs
from pacspec.engine.backends.request import AggregateRequest
from pacspec.engine.backends.sql import SqlEngine, missing_extra

__all__ = ["SparkEngine"]

_VIEW = "pacspec_lines"


class SparkEngine(SqlEngine):
    """Spark through PySpark. ``session``: a ``SparkSession`` to use; else one is created
    on ``master`` (default ``local[*]``)."""

    name = "spark"

    def __init__(self, session: Any = None, master: str | None = None,
                 config: dict[str, str] | None = None) -> None:
        self._spark = session
        self.master = master
        self.config = dict(config or {})

    def session(self) -> Any:
        if self._spark is None:
            try:
                from pyspark.sql import SparkSession
            except ImportError:
                raise missing_extra("spark", "pyspark") from None
            builder = (SparkSession.builder.master(self.master or "local[*]")
                       .appName("pacspec").config("spark.ui.enabled", "false")
                       .config("spark.ui.showConsoleProgress", "false")
                       .config("spark.sql.session.timeZone", "UTC"))
            for key, value in self.config.items():
                builder = builder.config(key, value)
            self._spark = builder.getOrCreate()
            self._spark.sparkContext.setLogLevel("ERROR")
        return self._spark

    def frame(self, source: LineSource) -> Any:
        spark = self.session()
        if source.paths:
            return spark.read.parquet(*source.paths)
        if isinstance(source.table, str):
            return spark.table(source.table)
        if hasattr(source.table, "groupBy"):
            return source.table
        return spark.createDataFrame(source.table)

    def run(self, source: LineSource, request: AggregateRequest, trim: bool = True) -> Any:
        from pyspark.errors import PySparkException
        from pyspark.sql import functions as F

        try:
            frame = self.frame(source)
            cols = source.columns
            lines = frame.select(*[F.expr(e).alias(a)
                                   for a, e in line_exprs(cols, request, SPARK, trim)])
            grouped = lines.groupBy("client").agg(
                *[F.expr(e).alias(a) for a, e in aggregate_exprs(cols, request, SPARK)])
            return grouped.toArrow()
        except PySparkException as exc:
            raise self.failure(source, exc) from None

    def query(self, source: LineSource, build: Callable[[str, Dialect], str]) -> Any:
        from pyspark.errors import PySparkException

        try:
            self.frame(source).createOrReplaceTempView(_VIEW)
            return self.session().sql(build(_VIEW, SPARK)).toArrow()
        except PySparkException as exc:
            raise self.failure(source, exc) from None

    def count_after(self, source: LineSource, day: int) -> int:
        from pyspark.errors import PySparkException

        c = source.columns
        d = f"CAST({SPARK.ident(c.date)} AS DATE)"
        where = (f"{d} > date_add(DATE '1970-01-01', {int(day)}) AND "
                 f"{SPARK.ident(c.client)} IS NOT NULL AND {SPARK.ident(c.amount)} IS NOT NULL")
        try:
            return int(self.frame(source).where(where).count())
        except PySparkException as exc:
            raise self.failure(source, exc) from None

    def stats(self, source: LineSource) -> tuple[int, int | None, int | None]:
        from pyspark.errors import PySparkException
        from pyspark.sql import functions as F

        c = source.columns
        d = f"CAST({SPARK.ident(c.date)} AS DATE)"
        a = SPARK.ident(c.amount)
        try:
            row = self.frame(source).agg(
                F.count(F.lit(1)),
                F.expr(f"MIN(CASE WHEN {a} IS NOT NULL THEN {d} END)"),
                F.expr(f"MAX(CASE WHEN {a} IS NOT NULL THEN {d} END)")).collect()[0]
        except PySparkException as exc:
            raise self.failure(source, exc) from None
        return (int(row[0]), None if row[1] is None else to_day(row[1]),
                None if row[2] is None else to_day(row[2]))
