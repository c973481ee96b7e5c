"""What every test module gets: the repository, the config, the arches under test, and
helpers to run commands and build once per test run."""
import contextlib
import re
import subprocess
import sys
import tempfile
from functools import cached_property
from pathlib import Path

sys.dont_write_bytecode = True


class Skip(Exception):
    """Raised by a test that cannot run here; the runner prints a SKIP line with the reason."""


class Context:
    def __init__(self, root, config, arches):
        self.root, self.config, self._arches = Path(root), config, arches
        self._built = {}
        self._boots = {}

    @cached_property
    def arches(self):
        if self._arches:
            return self._arches
        from gen import config
        return config.load(self.config)["arches"]

    def sh(self, cmd, check=True, timeout=600, **kw):
        """Run a command; on failure the assertion message carries its output."""
        p = subprocess.run(cmd, cwd=kw.pop("cwd", self.root), capture_output=True, text=True,
                           timeout=timeout, **kw)
        if check and p.returncode != 0:
            raise AssertionError(f"{' '.join(map(str, cmd))} exited {p.returncode}:\n"
                                 f"{(p.stdout + p.stderr).strip()[-3000:]}")
        return p

    def build(self, arch):
        """Build one arch's images once per run (SCons decides what is out of date)."""
        if arch not in self._built:
            from ternhost.build import scons_command
            p = self.sh(scons_command(["--config", self.config, "--arch", arch]), check=False)
            self._built[arch] = p
        p = self._built[arch]
        if p.returncode != 0:
            raise AssertionError(f"build of {arch} failed:\n{(p.stdout + p.stderr)[-3000:]}")
        image = self.root / "build" / arch / "kernel.img"
        return image if image.exists() else self.root / "build" / arch / "kernel.elf"

    @contextlib.contextmanager
    def built_with(self, arch, option, value):
        """arch's images rebuilt with one kernel option of the config changed (`option =
        value`, TOML text), for the body; then rebuilt from the config under test."""
        from ternhost.build import scons_command
        text = Path(self.config).read_text()
        changed, n = re.subn(rf"^{option}\s*=.*$", f"{option} = {value}", text, flags=re.M)
        assert n == 1, f"{option} not found in {self.config}"
        with tempfile.TemporaryDirectory() as tmp:
            cfg = Path(tmp) / f"{option}.toml"
            cfg.write_text(changed)
            try:
                self.sh(scons_command(["--config", str(cfg), "--arch", arch]))
                yield
            finally:
                self.sh(scons_command(["--config", self.config, "--arch", arch]))

    def boot(self, arch, timeout=120):
        """Boot one arch's image once per run; the boot and guest tests share the run."""
        if arch not in self._boots:
            from ternhost import emulator
            self._boots[arch] = emulator.run(arch, self.build(arch), timeout=timeout)
        return self._boots[arch]
