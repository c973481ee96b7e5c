"""./tern test: the runner (__main__), what every test gets (harness) and how tests
compile user code per arch (toolchains). The tests themselves are tests/test_*.py."""
