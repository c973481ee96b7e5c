"""Command line of the generator.

  python3 -m gen check [--arch A,...]            validate abi/, the ports and the config
  python3 -m gen render --arch A --out DIR       user + kernel headers into DIR/include
  python3 -m gen headers --arch A --out DIR      exportable user headers + pkg-config file
  python3 -m gen hash --arch A                   the ABI hash the kernel banner prints

--abi-dir and --kernel-dir read the ABI description and the ports (kernel/glue/<arch>/
port.toml and fragments.j2) from elsewhere (the malformed-input tests use copies).

Any problem is one line `file: key: reason` on stderr and exit status 2; nothing is
written then."""
import argparse
import sys
from pathlib import Path

from . import abi as abi_mod, config as config_mod, port as port_mod, render
from .errors import SpecError


def _arches(value):
    return [a for a in value.split(",") if a] if value else None


def main(argv=None):
    ap = argparse.ArgumentParser(prog="gen", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check")
    c.add_argument("--arch")
    c.add_argument("--config", default=str(config_mod.DEFAULT))
    c.add_argument("--abi-dir", default=str(abi_mod.ABI_DIR))
    c.add_argument("--kernel-dir", default=str(port_mod.KERNEL_DIR))
    for name in ("render", "headers"):
        r = sub.add_parser(name)
        r.add_argument("--arch", required=True)
        r.add_argument("--out", required=True)
        r.add_argument("--abi-dir", default=str(abi_mod.ABI_DIR))
        r.add_argument("--kernel-dir", default=str(port_mod.KERNEL_DIR))
    h = sub.add_parser("hash")
    h.add_argument("--arch", required=True)
    args = ap.parse_args(argv)
    try:
        if args.cmd == "check":
            arches = _arches(args.arch) or config_mod.load(args.config)["arches"]
            for a in arches:
                abi, _ = render.render(a, abi_dir=args.abi_dir, kernel_dir=args.kernel_dir)
                print(f"{a}: ok (ABI hash {abi['hash']})")
        elif args.cmd == "hash":
            print(abi_mod.load(args.arch)["hash"])
        else:
            which = ("user", "kernel", "build") if args.cmd == "render" else ("user",)
            abi, outputs = render.render(args.arch, which, abi_dir=args.abi_dir,
                                         kernel_dir=args.kernel_dir)
            if args.cmd == "headers":
                out = Path(args.out).resolve()
                outputs[f"lib/pkgconfig/tern-{args.arch}.pc"] = render.pkgconfig(args.arch, out, abi)
            for path in render.write_all(outputs, args.out):
                print(path)
    except SpecError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
