"""Argument helpers shared by ./tern's subcommands."""
import argparse

from gen import config as gen_config
from gen.errors import SpecError


def split_args(argv):
    """(--config/--arch values, the remaining arguments)."""
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--config", default=str(gen_config.DEFAULT))
    ap.add_argument("--arch", default="")
    return ap.parse_known_args(argv)


def build_args(argv):
    return split_args(argv)[0]


def selected_arches(argv):
    """The arches a command will touch: --arch if given, else the config's list."""
    args = build_args(argv)
    if args.arch:
        return [a for a in args.arch.split(",") if a]
    return gen_config.load(args.config)["arches"]


def wants_arch(arch, argv):
    try:
        return arch in selected_arches(argv)
    except SpecError:
        return False            # the command itself will report the bad config
