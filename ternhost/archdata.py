"""How each port is built and run: the [port], [build], [emulator] and [bench] parts of
kernel/glue/<arch>/port.toml (gen/port.py validates them with the same `file: key:
reason` errors as the ABI description)."""
from gen import port as gen_port


def load(arch):
    p = gen_port.load(arch)
    return {"arch": arch, "bench": p["bench"], "core": p["core"], "sources": p["sources"],
            "link_script": p["link_script"], "emulator": p["emulator"], **p["build"]}
