"""The activity log as the engine reads it (DESIGN §5 "Qualitative axis"): one entry per
visit, call, meeting... with its client (a dense id of the ledger), day, who did it and
its kind, and the counts steering takes from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from pacspec.calendar import from_day, to_day

__all__ = ["KINDS", "MEETING_KINDS", "ActivityLog"]

KINDS = ("visit", "call", "meeting", "demo", "quote")
"""The kinds steering knows (other kinds are kept as written, and counted nowhere)."""

MEETING_KINDS = ("visit", "meeting", "demo")
"""The kinds that are a meeting held with the client (face to face): a call or a quote is
not."""


@dataclass(eq=False)
class ActivityLog:
    """Activity entries as numpy columns, aligned; ``client`` indexes the ledger's clients
    (entries whose client the ledger does not know are dropped when read, and counted)."""

    client: np.ndarray
    """Dense client id of each entry (int64)."""
    day: np.ndarray
    """Day of each entry, in days since 1970-01-01 (int64)."""
    kind: np.ndarray
    """Kind of each entry (object array of str: ``visit``, ``call``, ...)."""
    owner: np.ndarray | None = None
    """Who did it (object array of str, None missing); None when not recorded."""
    outcome: np.ndarray | None = None
    """Outcome text of each entry (object array), None when not recorded."""
    n_clients: int = 0
    """Clients of the ledger (the length of per-client counts)."""

    @property
    def first_date(self) -> dt.date | None:
        """Day of the earliest entry (None: an empty log)."""
        return from_day(int(self.day.min())) if len(self.day) else None

    def covers(self, d: dt.date) -> bool:
        """The log starts on or before ``d``."""
        first = self.first_date
        return first is not None and first <= d

    def mask(self, kinds: tuple[str, ...], start: dt.date, end: dt.date) -> np.ndarray:
        """The entries of these kinds in ``[start, end]``."""
        inside = (self.day >= to_day(start)) & (self.day <= to_day(end))
        return inside & np.isin(self.kind, np.array(kinds, dtype=object))

    def per_client(self, kinds: tuple[str, ...], start: dt.date, end: dt.date) -> np.ndarray:
        """Entries of these kinds in ``[start, end]`` per client (int64, ``n_clients``)."""
        keep = self.mask(kinds, start, end)
        return np.bincount(self.client[keep], minlength=self.n_clients).astype(np.int64)

    def by_owner(self, kinds: tuple[str, ...], start: dt.date, end: dt.date
                 ) -> dict[str, int]:
        """Entries of these kinds in ``[start, end]`` per person who did them."""
        if self.owner is None:
            return {}
        keep = self.mask(kinds, start, end)
        names, counts = np.unique(np.array([o if o is not None else "" for o in
                                            self.owner[keep].tolist()], dtype=object),
                                  return_counts=True)
        return {str(n): int(c) for n, c in zip(names.tolist(), counts.tolist(), strict=True)
                if n != ""}
