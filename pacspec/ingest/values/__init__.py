"""Value parsers shared by every source: French and ISO dates, French and English numbers."""

from pacspec.ingest.values.dates import parse_dates
from pacspec.ingest.values.numbers import parse_number_texts, parse_numbers

__all__ = ["parse_dates", "parse_number_texts", "parse_numbers"]
