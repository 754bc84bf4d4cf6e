"""The HTML PAC table's column widths: one per PAC column, adding up to the page width
(the printed PAC table is laid out with ``table-layout: fixed``)."""

from __future__ import annotations

from pacspec.report.html import _PAC_WIDTHS
from pacspec.report.sections.pac_table import PAC_COLUMNS


def test_every_pac_column_has_a_width_and_they_fill_the_page() -> None:
    assert set(_PAC_WIDTHS) == set(PAC_COLUMNS)
    assert abs(sum(_PAC_WIDTHS.values()) - 100) < 1e-9
    assert min(_PAC_WIDTHS.values()) >= 4  # a column narrower breaks its words
