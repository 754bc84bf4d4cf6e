"""Problem records, the exception family, and the output formats of problems.

Every user-facing problem (a YAML syntax error, a schema violation, a lint finding, a bad
row in a ledger) is a :class:`Problem`. Problems render as one line each::

    plans/x.pac.yaml:12:5: error[unknown-key] $.actions[0].ownr: unknown key 'ownr' (did you mean 'owner'?)

or in one of the :data:`PROBLEM_FORMATS` by name (``text``, ``json``, ``github``, ``sarif``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import Literal

from pacspec.reasons import Reason

Severity = Literal["error", "warning", "note"]

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "note": 2}

PathPart = str | int
JsonPath = tuple[PathPart, ...]


def format_path(path: Sequence[PathPart]) -> str:
    """Render a path tuple as a JSON path: ``('actions', 0, 'due')`` -> ``$.actions[0].due``."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            import json  # imported when needed: the validate path does without it

            out += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return out


@dataclass(frozen=True)
class Problem:
    """One finding about a user's input, with its position when known.

    ``line`` and ``col`` are 1-based. ``path`` is the place in the plan as a tuple such as
    ``("actions", 0, "due")``; it is formatted (``$.actions[0].due``) only on output.
    """

    severity: Severity
    code: str
    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    path: JsonPath | None = None
    hint: str | None = None
    at_key: bool = field(default=False, compare=False, repr=False)
    """Placed at the key of ``path`` rather than at its value (when the plan places it)."""
    hint_lead: str = field(default="hint: ", compare=False, repr=False)
    """What introduces the hint in text output, in the language of the message
    (``conseil : `` in French), set by whoever writes the message in a locale."""
    reason: Reason | None = field(default=None, compare=False, repr=False)
    """The engine's words as a code: the label ``reason.code`` (and the hint
    ``problem_<code>_hint`` when the table has it) filled with ``reason.values``; the session
    writes them in the plan's locale into ``message`` and ``hint``."""

    @property
    def json_path(self) -> str:
        """The path as a JSON path (``$.actions[0].due``), or "" when there is none."""
        return format_path(self.path) if self.path is not None else ""

    def format(self) -> str:
        where = self.file or "pacspec"  # a problem with no file: the command's own word
        if self.file is not None and self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: {self.severity}[{self.code}]"
        if self.path is not None:
            text += f" {self.json_path}:"
        text += f" {self.message or (self.reason.code if self.reason else '')}"
        if self.hint:
            text += f" ({self.hint_lead}{self.hint})"
        return text

    def to_dict(self) -> dict[str, object]:
        out = {k: v for k, v in asdict(self).items() if v is not None and v != "" and k not in ("path", "at_key", "reason", "hint_lead")}
        if self.path is not None:
            out["path"] = self.json_path
        return out

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (
            self.file or "",
            self.line or 0,
            self.col or 0,
            SEVERITY_ORDER[self.severity],
            self.code,
        )


@dataclass
class PacspecError(Exception):
    """Base of every error pacspec raises for a user's mistake. Carries its problems."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        if not self.problems:
            return self.__class__.__name__
        return "\n".join(p.format() for p in self.problems)


class PlanError(PacspecError):
    """A plan file could not be read, parsed or validated."""


class LedgerError(PacspecError):
    """Client data could not be read or has bad rows."""


class EvaluationError(PacspecError):
    """A plan could not be evaluated against the data."""


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``word``, for "did you mean" hints, or None."""
    import difflib

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    """True when any problem is an error (or a warning, with ``strict``)."""
    failing = {"error", "warning"} if strict else {"error"}
    return any(p.severity in failing for p in problems)


def format_text(problems: Sequence[Problem]) -> str:
    return "\n".join(p.format() for p in problems)


def format_json(problems: Sequence[Problem]) -> str:
    import json

    return json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands (``::error file=...,line=...::message``)."""
    lines = []
    for p in problems:
        level = {"error": "error", "warning": "warning", "note": "notice"}[p.severity]
        props = []
        if p.file:
            props.append(f"file={_gh_escape(p.file, True)}")
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.col is not None:
            props.append(f"col={p.col}")
        props.append(f"title={_gh_escape('pacspec ' + p.code, True)}")
        msg = (p.json_path + ": " if p.path is not None else "") + p.message
        if p.hint:
            msg += f" ({p.hint_lead}{p.hint})"
        lines.append(f"::{level} {','.join(props)}::{_gh_escape(msg)}")
    return "\n".join(lines)


_SARIF_LEVELS = {"error": "error", "warning": "warning", "note": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def format_sarif(problems: Sequence[Problem]) -> str:
    """SARIF 2.1.0 (static analysis results), for code scanning dashboards: one run of the
    ``pacspec`` tool, one rule per problem code, one result per problem."""
    from pacspec import __version__

    rules: dict[str, int] = {}
    results: list[dict[str, object]] = []
    for p in problems:
        index = rules.setdefault(p.code, len(rules))
        text = (p.json_path + ": " if p.path is not None else "") + p.message
        if p.hint:
            text += f" ({p.hint_lead}{p.hint})"
        result: dict[str, object] = {
            "ruleId": p.code, "ruleIndex": index, "level": _SARIF_LEVELS[p.severity],
            "message": {"text": text},
        }
        if p.file is not None:
            physical: dict[str, object] = {"artifactLocation": {"uri": p.file.replace("\\", "/")}}
            if p.line is not None:
                region: dict[str, int] = {"startLine": p.line}
                if p.col is not None:
                    region["startColumn"] = p.col
                physical["region"] = region
            location: dict[str, object] = {"physicalLocation": physical}
            if p.path is not None:
                location["logicalLocations"] = [{"fullyQualifiedName": p.json_path}]
            result["locations"] = [location]
        results.append(result)
    driver = {
        "name": "pacspec", "version": __version__,
        "rules": [{"id": code, "name": code} for code in rules],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": driver}, "results": results,
                     "columnKind": "unicodeCodePoints"}]}
    import json

    return json.dumps(log, ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class ProblemFormat:
    """One output format of problems: its name (``--format NAME``) and its renderer."""

    name: str
    description: str
    render: Callable[[Sequence[Problem]], str]
    """All the problems of a run as one text (without a final line break)."""
    per_file: bool = False
    """True for the terminal format: each file's problems are printed as it is checked,
    followed by a one-line summary; the others print everything once at the end."""
    empty: bool = True
    """Whether the format prints something when there are no problems (``[]`` in JSON)."""


PROBLEM_FORMATS: MappingProxyType[str, ProblemFormat] = MappingProxyType({
    f.name: f for f in (
        ProblemFormat("text", "one line per problem, then a summary per file", format_text,
                      per_file=True, empty=False),
        ProblemFormat("json", "a JSON list of problems", format_json),
        ProblemFormat("github", "GitHub Actions annotations (workflow commands)", format_github,
                      empty=False),
        ProblemFormat("sarif", "SARIF 2.1.0, for code scanning", format_sarif),
    )
})
"""The output formats of problems, by name."""


def render_problems(problems: Sequence[Problem], format_name: str = "text") -> str:
    """The problems in the format named ``format_name`` (see :data:`PROBLEM_FORMATS`)."""
    return PROBLEM_FORMATS[format_name].render(problems)
