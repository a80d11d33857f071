"""Benchmarks and the sample-data synthesiser (not part of the installed package)."""
