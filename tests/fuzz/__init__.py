"""The fuzz harness: hostile plans, includes, data paths, CSV and snapshot files run through
``pacspec.cli.main``; see :mod:`tests.fuzz.harness`. Run it by hand with
``python -m tests.fuzz --cases 20000`` (a short smoke run is part of the test suite)."""
