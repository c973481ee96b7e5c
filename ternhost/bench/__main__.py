"""python3 -m ternhost.bench run|report ARGS: what ./tern bench and ./tern report call."""
import sys

if __name__ == "__main__":
    what, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if what == "run":
        from .runner import main
    elif what == "report":
        from .report import main
    else:
        print("usage: python3 -m ternhost.bench run|report ...", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(rest))
