"""A file's columns decoded one ahead: while the reader parses one column, a second thread
decodes the next it will ask for (pyarrow releases the GIL), so a second core is used and
only one column more than the reader is parsing is held."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Generic, TypeVar

__all__ = ["ReadAhead"]

T = TypeVar("T")


class ReadAhead(Generic[T]):
    """``fetch(name)`` returns ``decode(name, helper)``; the column that follows ``name`` in
    ``order`` (the order the reader uses them) is then decoded in the background. A name
    out of that order, or asked again, is decoded when asked (queued behind the second
    thread's column while it has one: never two decoded at once). ``fetch`` may be called
    from several threads; ``decode`` must be safe to call from several at once. Its
    exceptions reach the caller of :meth:`fetch` for that name; a column decoded ahead
    and never asked for is dropped with this object. ``helper`` is the idle second
    thread when ``decode`` runs in the caller's (it may give it part of the column), None
    when it runs in the second."""

    def __init__(self, decode: Callable[[str, Executor | None], T],
                 order: Sequence[str]) -> None:
        self._decode = decode
        self._order = list(dict.fromkeys(order))
        self._started: set[str] = set()
        self._pending: dict[str, Future[T]] = {}
        self._running: list[Future[T]] = []  # submitted, maybe still decoding
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()  # fetch may be called from two threads
        self._inline = 0
        """Decodes running in a caller's thread (with the second thread as its helper)."""
        self._idle = threading.Condition(self._lock)

    def fetch(self, name: str) -> T:
        with self._lock:  # the state only: the waiting and decoding happen outside it
            while self._inline:  # another caller decodes, the second thread helping it:
                self._idle.wait()  # nothing else is decoded meanwhile
            future = self._pending.pop(name, None)
            self._started.add(name)
            self._running = [f for f in self._running if not f.done()]
            if future is None and (self._pending or self._running):  # one ahead or being
                future = self._submit(name)  # decoded for another thread: queued behind it
            inline = future is None
            helper = self._executor() if inline else None
            self._inline += inline
        try:
            value = future.result() if future is not None else self._decode(name, helper)
        finally:
            with self._lock:
                if inline:
                    self._inline -= 1
                    self._idle.notify_all()
        with self._lock:
            self._ahead(name)
        return value

    def _ahead(self, name: str) -> None:
        """Start decoding the first column after ``name`` in the order not yet started
        (not while a column is decoded ahead, or by a caller with the second thread's
        help: that caller starts it when done)."""
        if self._pending or self._inline or name not in self._order:
            return
        later = self._order[self._order.index(name) + 1:]
        following = next((n for n in later if n not in self._started), None)
        if following is None:
            if self._pool is not None:
                self._pool.shutdown(wait=False)
                self._pool = None
            return
        self._started.add(following)
        self._pending[following] = self._submit(following)

    def _submit(self, name: str) -> Future[T]:
        future = self._executor().submit(self._decode, name, None)
        self._running.append(future)
        return future

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pacspec-read")
        return self._pool
