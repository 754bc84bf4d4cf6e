"""Columns decoded one ahead (pacspec.ingest.ahead): the values are the decoder's, in any
order asked, from one thread or two, one decode at a time for a single caller, errors
reach the caller who asks for that column."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Executor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.ingest.ahead import ReadAhead


class Decoder:
    """Records each decode: its thread, whether it got the helper, and how many ran at
    once."""

    def __init__(self, fail: str | None = None) -> None:
        self.calls: list[tuple[str, bool, bool]] = []
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()
        self.fail = fail

    def __call__(self, name: str, helper: Executor | None) -> str:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.001)
            in_caller = threading.current_thread() is threading.main_thread()
            self.calls.append((name, in_caller, helper is not None))
            if name == self.fail:
                raise ValueError(f"cannot decode {name}")
            return name.upper()
        finally:
            with self.lock:
                self.running -= 1


def test_the_next_column_is_decoded_in_the_second_thread() -> None:
    decode = Decoder()
    ahead = ReadAhead(decode, ["a", "b", "c"])
    assert [ahead.fetch(n) for n in ("a", "b", "c")] == ["A", "B", "C"]
    # the first in the caller's thread with the idle helper; the next two decoded ahead
    assert decode.calls == [("a", True, True), ("b", False, False), ("c", False, False)]
    assert decode.most == 1


def test_a_decoding_error_reaches_the_caller_of_that_column() -> None:
    decode = Decoder(fail="b")
    ahead = ReadAhead(decode, ["a", "b", "c"])
    assert ahead.fetch("a") == "A"
    with pytest.raises(ValueError, match="cannot decode b"):
        ahead.fetch("b")


def test_an_error_ahead_is_not_raised_when_that_column_is_never_asked() -> None:
    decode = Decoder(fail="b")
    ahead = ReadAhead(decode, ["a", "b"])
    assert ahead.fetch("a") == "A"
    assert ahead.fetch("z") == "Z"  # out of the order: decoded when asked


@settings(max_examples=60, deadline=None)
@given(order=st.lists(st.sampled_from("abcde"), max_size=5, unique=True),
       asked=st.lists(st.sampled_from("abcdef"), max_size=12))
def test_any_sequence_of_requests_gets_the_decoders_values(order: list[str],
                                                          asked: list[str]) -> None:
    """Columns asked out of order, twice, or never in the order: each answer is its
    column's, and decodes never overlap."""
    decode = Decoder()
    ahead = ReadAhead(decode, order)
    assert [ahead.fetch(n) for n in asked] == [n.upper() for n in asked]
    assert decode.most <= 1
    # one decode per request (a column asked again is decoded again: nothing is kept),
    # and at most one more: the column decoded ahead after the last request
    decoded = [name for name, *_ in decode.calls]
    assert len(asked) <= len(decoded) <= len(asked) + 1
    assert all(decoded.count(n) >= asked.count(n) for n in set(asked))


def test_two_threads_asking_at_once_each_get_their_column() -> None:
    """The reader parses two columns at once (client and order ids): each thread gets
    its own column's values, each column decoded once."""
    decode = Decoder()
    ahead = ReadAhead(decode, ["client", "order", "date"])
    got: dict[str, str] = {}
    start = threading.Barrier(2)

    def ask(name: str) -> None:
        start.wait()
        got[name] = ahead.fetch(name)

    threads = [threading.Thread(target=ask, args=(n,)) for n in ("client", "order")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == {"client": "CLIENT", "order": "ORDER"}
    assert ahead.fetch("date") == "DATE"
    decoded = sorted(name for name, *_ in decode.calls)
    assert decoded == ["client", "date", "order"]
