"""Small checkers over parsed TOML tables. Each names the file and the dotted key path
of what it checks, so every complaint reads `file: key: reason`."""
import tomllib
from pathlib import Path

from .errors import SpecError

TYPE_NAMES = {str: "a string", int: "an integer", bool: "a boolean", list: "a list",
              dict: "a table"}


def load_toml(path):
    path = Path(path)
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise SpecError(path, "(file)", "no such file") from None
    except tomllib.TOMLDecodeError as e:
        raise SpecError(path, "(syntax)", f"not valid TOML: {e}") from None


class Table:
    """A TOML table with the file and key path it came from."""

    def __init__(self, data, file, path=""):
        self.data, self.file, self.path = data, file, path

    def key(self, name):
        return f"{self.path}.{name}" if self.path else str(name)

    def fail(self, name, reason):
        raise SpecError(self.file, self.key(name), reason)

    def get(self, name, typ, default=None, required=True):
        if name not in self.data:
            if required:
                self.fail(name, "missing")
            return default
        value = self.data[name]
        # bool is an int in Python; keep them apart.
        if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
            self.fail(name, f"must be {TYPE_NAMES.get(typ, typ.__name__)}, "
                            f"not {type(value).__name__} {value!r}")
        return value

    def table(self, name, required=True):
        value = self.get(name, dict, {}, required)
        return Table(value, self.file, self.key(name))

    def tables(self, name):
        items = self.get(name, list)
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                self.fail(f"{name}[{i}]", f"must be a table, not {type(item).__name__}")
            out.append(Table(item, self.file, f"{self.key(name)}[{i}]"))
        return out

    def strings(self, name, required=True):
        items = self.get(name, list, [], required)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                self.fail(f"{name}[{i}]", f"must be a string, not {type(item).__name__}")
        return items

    def only(self, *allowed):
        """Reject keys we do not know: a typo must not pass silently."""
        for name in self.data:
            if name not in allowed:
                self.fail(name, f"unknown key (expected one of: {', '.join(allowed)})")
