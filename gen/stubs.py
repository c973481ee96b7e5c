"""Plan the inline-asm system call stubs from the register binding: which C variable
lives in which register, what goes in, what comes out, and what the call clobbers.
The template only prints the plan, so every arch gets its stubs the same way."""
import re


def _cname(reg):
    return "r_" + re.sub(r"[^0-9A-Za-z]", "_", reg).strip("_")


class _Plan:
    def __init__(self, abi):
        self.abi, self.vars, self.outs = abi, {}, []

    def var(self, reg):
        return self.vars.setdefault(reg, {"reg": reg, "name": _cname(reg), "init": None,
                                          "when": None})

    def put(self, reg, expr, when=None):
        """reg = expr before the call; only `when` that C condition holds, if given (else
        the register is left as it is, at no cost)."""
        v = self.var(reg)
        v["init"], v["when"] = expr, when

    def get(self, target, reg, when=None):
        self.var(reg)
        self.outs.append({"target": target, "var": _cname(reg), "when": when})

    def finish(self, asm):
        regs = self.abi["registers"]
        operands = []
        for v in self.vars.values():
            v["constraint"] = "+r" if v["init"] is not None else "=r"
            operands.append(v)
        bound = set(self.vars)
        clobbers = [r for r in regs["caller_saved"] + regs["kernel_reserved"]
                    if r not in bound and r not in regs["compiler_reserved"]]
        clobbers = list(dict.fromkeys(clobbers)) + ["memory"]
        if regs["asm_prefix"] == "%":
            clobbers.append("cc")
        return {"vars": operands, "outs": self.outs, "clobbers": clobbers,
                "asm": [line for line in asm]}


def ipc_stub(abi):
    """MR1.. move between mr[] and their registers only up to the counts `send` and
    `recv` (untyped words): constants, and the other moves vanish at compile time."""
    ipc, p = abi["ipc"], _Plan(abi)
    if ipc["passes_number"]:
        p.put(abi["entry"]["number"], "TERN_SYS_IPC")
    for arg in ("to", "from_specifier", "timeouts"):
        p.put(ipc[arg], arg)
    p.put(ipc["utcb"], "(tern_word_t)utcb")
    for m in ipc["mr"]:
        if m["in"]:
            i = m["index"]
            p.put(m["reg"], f"mr[{i}]", when=f"send >= {i}" if i else None)
    for m in ipc["mr"]:
        if m["out"]:
            i = m["index"]
            p.get(f"mr[{i}]", m["via"] or m["reg"], when=f"recv >= {i}" if i else None)
    p.get("from_value", ipc["from"])
    plan = p.finish(abi["entry"]["ipc"])
    plan["clobbers"][-1:-1] = abi["entry"]["ipc_clobbers"]     # before "memory"
    return plan


def syscall_stub(abi, call):
    p = _Plan(abi)
    p.put(abi["entry"]["number"], f"TERN_SYS_{call['name'].upper()}")
    for a in call["args"]:
        if "reg" in a:
            p.put(a["reg"], a["name"])
        else:
            a["expr"] = f"block[{a['slot']}]"
    if call["block"]:
        p.put(call["block"]["reg"], "(tern_word_t)block")
    results = call["results"]
    for r in results:
        target = "result" if r is results[0] else f"*out_{r['name']}"
        if "reg" in r:
            p.get(target, r["reg"])
    plan = p.finish(abi["entry"]["other"])
    plan["spilled_out"] = [
        {"target": "result" if r is results[0] else f"*out_{r['name']}", "slot": r["slot"]}
        for r in results if "slot" in r]
    plan["spilled_in"] = [a for a in call["args"] if "slot" in a]
    return plan


def plan_all(abi):
    return {"ipc": ipc_stub(abi),
            "calls": [{**c, "plan": syscall_stub(abi, c)} for c in abi["syscall"]["calls"]]}
