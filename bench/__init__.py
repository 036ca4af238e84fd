"""Benchmarks (`make bench`): speed targets live here, not in timed unit tests."""
