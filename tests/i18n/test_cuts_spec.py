"""The ``cuts`` spec: cut points in the locale's number format, joined by ``|`` (a decimal
comma would be ambiguous beside a comma-separated list)."""

from __future__ import annotations

from pacspec.i18n import explain

VALUES = {"score": "F", "metric": "rfm_frequency", "levels": "2, 3", "bins": 5,
          "n_active": 1200, "cuts": (1.0, 72.4, 111.8, 1500.0)}


def test_cut_points_in_french() -> None:
    text = explain("problem_score_unreached", VALUES, "fr")
    assert "sur les 1\u202f200 clients actifs sont 1 | 72,4 | 111,8 | 1\u202f500," in text


def test_cut_points_in_english() -> None:
    text = explain("problem_score_unreached", VALUES, "en")
    assert "over the 1,200 active clients are 1 | 72.4 | 111.8 | 1,500," in text
