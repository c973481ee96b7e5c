"""The one error the generator reports: which file, which key, what is wrong."""


from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _shown(file):
    """Paths inside the repository are shown relative to it."""
    try:
        return str(Path(file).resolve().relative_to(ROOT))
    except ValueError:
        return str(file)


class SpecError(Exception):
    def __init__(self, file, key, reason):
        self.file, self.key, self.reason = _shown(file), key, reason
        super().__init__(f"{self.file}: {key}: {reason}")
