"""Steering's data cache: N−1 orders of a client subset, summed per client once, equal the
orders of the daily table's rows of those clients (the definition), on the example."""

from __future__ import annotations

import functools

import numpy as np
from conftest import EXAMPLE_PLAN
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.engine.steering import _Data
from pacspec.session import Session


@functools.cache
def _data() -> _Data:
    session = Session.open(EXAMPLE_PLAN)
    return _Data(session.plan, session.ledger, session.actions())


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(), ("GPS*",), ("AIS*", "SON*")]))
def test_n1_orders_are_the_orders_of_the_subsets_rows(seed: int, patterns: tuple[str, ...]
                                                     ) -> None:
    data = _data()
    rng = np.random.default_rng(seed)
    clients = rng.random(data.tables.n_clients) < rng.random()
    _, orders = data.series("orders", clients, patterns)  # the rows of those clients
    assert data.n1_orders(clients, patterns) == round(float(orders.sum()))
    assert data.n1_orders(np.zeros_like(clients), patterns) == 0
