"""Host-side helpers shared by the build (SConstruct), the test runner and the bench
runner: per-arch build/emulator data, toolchain lookup, running an emulator."""
