"""The plan's ``data:`` section: where the client data lives and how to read it.

French spreadsheet exports are the common case and work with the defaults: ``;`` separator,
decimal comma, space / no-break space / dot as thousands separators, ``dd/mm/yyyy`` dates,
UTF-8 (with or without BOM) or cp1252.

Example::

    data:
      transactions:
        path: data/transactions.csv
        columns: {client: client, date: date, amount: amount, order: invoice,
                  quantity: quantity, product: product}
      clients:
        path: data/clients.csv
      bad_rows: error
"""

from typing import Literal

from pydantic import Field

from pacspec.model.base import StrictModel

__all__ = [
    "ActivityColumns",
    "ActivitySource",
    "ClientColumns",
    "ClientSource",
    "CsvOptions",
    "DataSection",
    "TransactionColumns",
    "TransactionSource",
]


class CsvOptions(StrictModel):
    """How to read a delimited text file (or which sheet of a workbook). Every option
    defaults to automatic detection."""

    delimiter: str | None = Field(default=None, min_length=1, max_length=1)
    """Field separator. None: sniffed among ``;``, ``,``, tab and ``|`` from the first lines."""

    decimal: Literal[".", ","] | None = None
    """Decimal mark of numbers. None: inferred, ``,`` when the delimiter is ``;`` and ``.``
    otherwise, unless the column's values clearly use the other mark (``12,50`` / ``12.5``)."""

    thousands: str | None = None
    """Thousands separator. None: accept a space, a no-break space (U+00A0), a narrow
    no-break space (U+202F), and ``.`` when the decimal mark is ``,`` (``,`` when it is
    ``.``). A separator must sit between digits and be followed by exactly three digits.
    An empty string accepts no separator."""

    encoding: str = "auto"
    """Text encoding. ``auto``: UTF-8 with or without BOM (UTF-16 with a BOM), else cp1252;
    otherwise any Python codec name such as ``latin-1``."""

    date_format: str | None = None
    """Date format. None: accept ISO ``yyyy-mm-dd`` and French ``dd/mm/yyyy`` (also
    ``d/m/yyyy`` and a trailing time); otherwise a ``strptime`` format such as ``%d.%m.%Y``."""

    sheet: str | int | None = None
    """For a workbook (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``; needs
    ``pip install 'pacspec[xlsx]'``): the sheet, by name or 0-based index. None: the first.
    Its first non-empty row names the columns."""


class TransactionColumns(StrictModel):
    """Which column of the transactions file holds each field."""

    client: str = "client"
    """Column with the client id (read as text: ``00001`` stays ``00001``)."""

    date: str = "date"
    """Column with the invoice or order date."""

    amount: str = "amount"
    """Column with the net amount excluding tax; negative amounts are credit notes."""

    order: str | None = None
    """Column with the order or invoice number, used to count orders. None: each
    purchase day of a client counts as one order."""

    quantity: str | None = None
    """Column with the quantity (units sold; negative on credit notes)."""

    product: str | None = None
    """Column with the product or product family."""

    margin: str | None = None
    """Column with the line's gross margin amount (*marge brute*, excluding tax; negative
    on credit notes), read like the amount. ``abc: {measure: margin}`` ranks on it."""


class ClientColumns(StrictModel):
    """Which columns of the client register hold the id and the name. Every other column
    becomes a client attribute (typology, region, owner, potential, criteria notes...)."""

    id: str = "client"
    """Column with the client id, matching the transactions' client column."""

    name: str | None = "name"
    """Column with the client's name. Optional unless set explicitly."""

    commercial: str | None = None
    """Column with the client's salesperson (*commercial*), such as ``owner``: the
    ``pacspec track --by commercial`` view and the quotas ``targets: {by: commercial}``
    read it. The column stays an attribute under its own name."""


class TransactionSource(StrictModel):
    """The transactions (invoice lines) file."""

    path: str | None = None
    """Path of a CSV or Parquet file, relative to the plan file. May be given on the
    command line instead."""

    columns: TransactionColumns = Field(default_factory=TransactionColumns)
    """Column mapping."""

    csv: CsvOptions = Field(default_factory=CsvOptions)
    """How to read the file when it is delimited text."""

    sql: str | None = None
    """A SQL query whose result holds the rows, instead of ``path`` (run through
    ``connection``)."""

    connection: str | None = None
    """Where ``sql`` runs: ``sqlite:///FILE`` or ``duckdb:///FILE`` (a relative FILE is
    relative to the plan file), or ``env:NAME`` for a URL kept in the environment
    variable NAME, so that no password sits in the plan. From Python, pass
    ``SqlQuery(sql, connection)`` with a DB-API connection instead."""


class ClientSource(StrictModel):
    """The client register: one row per client, including prospects who never bought."""

    path: str | None = None
    """Path of a CSV or Parquet file, relative to the plan file. May be given on the
    command line instead."""

    columns: ClientColumns = Field(default_factory=ClientColumns)
    """Column mapping."""

    csv: CsvOptions = Field(default_factory=CsvOptions)
    """How to read the file when it is delimited text."""

    sql: str | None = None
    """A SQL query whose result holds the rows, instead of ``path`` (run through
    ``connection``)."""

    connection: str | None = None
    """Where ``sql`` runs: ``sqlite:///FILE`` or ``duckdb:///FILE`` (a relative FILE is
    relative to the plan file), or ``env:NAME`` for a URL kept in the environment
    variable NAME, so that no password sits in the plan. From Python, pass
    ``SqlQuery(sql, connection)`` with a DB-API connection instead."""


class ActivityColumns(StrictModel):
    """Which column of the activity log holds each field."""

    date: str = "date"
    """Column with the day of the visit, call or meeting."""

    client: str = "client"
    """Column with the client (or prospect) id, as in the transactions and the register."""

    owner: str | None = "owner"
    """Column with who did it (a salesperson, a role such as KAM). None: not recorded."""

    kind: str = "kind"
    """Column with what was done: ``visit``, ``call``, ``meeting``, ``demo``, ``quote``
    (French words are read too: visite, appel, rendez-vous, démo, devis); any other value
    is kept as written."""

    outcome: str | None = None
    """Column with the outcome (free text), shown but not counted."""


class ActivitySource(StrictModel):
    """The activity log (*journal d'activité*): one row per visit, call or meeting. It
    gives the visits done against the actions' ``workload.visits_per_month``, the meetings
    with prospects (the per-meeting conversion) and the ``visits`` KPI."""

    path: str | None = None
    """Path of a CSV, Excel or Parquet file, relative to the plan file. May be given on the
    command line instead (``--activities``)."""

    columns: ActivityColumns = Field(default_factory=ActivityColumns)
    """Column mapping."""

    csv: CsvOptions = Field(default_factory=CsvOptions)
    """How to read the file when it is delimited text (or which sheet of a workbook)."""


class DataSection(StrictModel):
    """Where the client data lives and how to read it."""

    transactions: TransactionSource = Field(default_factory=TransactionSource)
    """The transactions file."""

    clients: ClientSource | None = None
    """The client register (optional). Clients only in the register are kept: they are
    the prospects and the inactive clients."""

    activities: ActivitySource | None = None
    """The activity log (optional): visits, calls and meetings per client, person and day."""

    bad_rows: Literal["error", "skip"] = "error"
    """What to do with rows that cannot be read (missing client, bad date, amount or
    quantity): ``error`` stops with the list, ``skip`` drops them and reports them.
    Rows dated after the evaluation date are not bad: they are kept for later steering."""

    engine: Literal["auto", "numpy", "duckdb", "spark"] = "auto"
    """Which engine computes the per-client table, the one step that reads every line:
    ``numpy`` (in memory), ``duckdb`` (embedded, out of core; ``pacspec[duckdb]``) or
    ``spark`` (a cluster; ``pacspec[spark]``). ``auto``: DuckDB when the transactions are
    Parquet whose lines would take more than half the available memory, else numpy. The
    results are the same client by client; steering still reads the lines in memory."""
