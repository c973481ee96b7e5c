"""How host tests compile user code for each arch: clang with the kernel's target flags,
and the cached GCC for ia64 (clang has no ia64 target)."""
from ternhost.test.harness import Skip
from ternhost import archdata, toolchain

# Flags from port.toml [build] cflags that choose the target, not kernel policy.
TARGET_PREFIXES = ("--target=", "-march=", "-mabi=", "-mno-abicalls", "-G", "-msoft-float")


def compiler(arch, lang="c"):
    """(compiler path, target flags) for user code of `arch` in C or C++; Skip if none."""
    plan = archdata.load(arch)
    tools = toolchain.tools(plan["toolchain"])
    if tools is None:
        raise Skip(f"{plan['toolchain']} toolchain for {arch} is not installed (./tern setup)")
    flags = [f for f in plan["cflags"] if f.startswith(TARGET_PREFIXES)]
    if plan["toolchain"] == "ia64-gcc":
        if lang == "c++":
            raise Skip("the ia64 cross compiler is C-only and clang has no ia64 target")
        return tools["cc"], flags
    cc = tools["cc"] if lang == "c" else tools["cc"].replace("clang", "clang++")
    return cc, flags


def objdump(arch):
    return toolchain.tools(archdata.load(arch)["toolchain"])["objdump"]
