"""./tern build [--config FILE] [--arch A,...] [SCONS ARGS]: run SCons for those arches."""
import os
import sys

from ternhost.cli import split_args

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def scons_command(argv, extra=()):
    args, rest = split_args(argv)
    cmd = ["/usr/bin/python3", "/usr/bin/scons", "-Q", f"-j{os.cpu_count() or 2}",
           f"--tern-config={os.path.abspath(args.config)}"]
    if args.arch:
        cmd.append(f"--arch={args.arch}")
    return cmd + list(extra) + rest


if __name__ == "__main__":
    os.chdir(ROOT)
    cmd = scons_command(sys.argv[1:])
    os.execv(cmd[0], cmd)
