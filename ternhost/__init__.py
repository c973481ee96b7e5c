"""Tern's host side, one package: the ports' build and run data (archdata), toolchains,
emulators, the build command (build), the benchmark runner and report (bench) and the
test runner (test); ./tern calls them with the repository on PYTHONPATH."""
