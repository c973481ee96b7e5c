"""Host side of the benchmarks: the runner (./tern bench) and the report (./tern report)."""
