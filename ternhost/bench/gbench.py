"""Google Benchmark 1.7 JSON: reading what a guest printed, the schema every published
file must meet, and helpers over entries (the headline figures, medians)."""
import json
import re

BEGIN, END = "BENCH-JSON-BEGIN", "BENCH-JSON-END"

# The headline figures: the summary table and the report's trend plots.
HEADLINES = [
    ("null syscall", "null_syscall"),
    ("register IPC, 0 MRs", "ipc_register/inter/fast/mrs:0"),
    ("register IPC, slow path", "ipc_register/inter/slow/mrs:0"),
    ("UTCB IPC, 63 MRs", "ipc_utcb/inter/fast/mrs:63"),
    ("string IPC, 4 KiB", "ipc_string/inter/fast/bytes:4096"),
    # the largest string: 4 MiB, or 4 MiB - 1 where the length field has 22 bits (ia32)
    ("string IPC, 4 MiB", ("ipc_string/inter/fast/bytes:4194304", "ipc_string/inter/fast/bytes:4194303")),
    ("touch, TLB holds it", "tlb_touch/pairs:16"),
    ("touch, TLB miss each", "tlb_touch/pairs:1024"),
    ("map, 1 page", "map/pages:1"),
    ("map, 1024 pages", "map/pages:1024"),
    ("unmap, chain of 8", "unmap/depth:8"),
    ("grant, 1 page", "grant/pages:1"),
    ("interrupt to its handler", "irq_latency/iterations:200/manual_time"),
]

_number = {"type": "number"}
SCHEMA = {
    "type": "object",
    "required": ["context", "benchmarks"],
    "additionalProperties": False,
    "properties": {
        "context": {
            "type": "object",
            "required": ["date", "host_name", "executable", "num_cpus", "mhz_per_cpu",
                         "cpu_scaling_enabled", "caches", "load_avg", "library_build_type"],
            "properties": {
                "date": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"},
                "host_name": {"type": "string"},
                "executable": {"type": "string"},
                "num_cpus": {"type": "integer", "minimum": 1},
                "mhz_per_cpu": {"type": "integer", "minimum": 0},
                "cpu_scaling_enabled": {"type": "boolean"},
                "caches": {"type": "array", "items": {
                    "type": "object", "required": ["type", "level", "size", "num_sharing"]}},
                "load_avg": {"type": "array", "items": _number},
                "library_build_type": {"enum": ["release", "debug"]},
            },
            "additionalProperties": {"type": "string"},
        },
        "benchmarks": {"type": "array", "items": {
            "type": "object",
            "required": ["name", "family_index", "per_family_instance_index", "run_name", "run_type",
                         "repetitions", "threads", "iterations", "real_time", "cpu_time", "time_unit"],
            "properties": {
                "name": {"type": "string"},
                "family_index": {"type": "integer", "minimum": 0},
                "per_family_instance_index": {"type": "integer", "minimum": 0},
                "run_name": {"type": "string"},
                "run_type": {"enum": ["iteration", "aggregate"]},
                "repetitions": {"type": "integer", "minimum": 1},
                "repetition_index": {"type": "integer", "minimum": 0},
                "threads": {"type": "integer", "minimum": 1},
                "aggregate_name": {"enum": ["mean", "median", "stddev", "cv"]},
                "aggregate_unit": {"enum": ["time", "percentage"]},
                "error_occurred": {"type": "boolean"},
                "error_message": {"type": "string"},
                "iterations": {"type": "integer", "minimum": 0},
                "real_time": _number, "cpu_time": _number,
                "time_unit": {"enum": ["ns", "us", "ms", "s"]},
                "label": {"type": "string"},
            },
            "additionalProperties": _number,            # user counters
            "allOf": [
                {"if": {"properties": {"run_type": {"const": "aggregate"}}},
                 "then": {"required": ["aggregate_name", "aggregate_unit"],
                          "not": {"required": ["repetition_index"]}},
                 "else": {"required": ["repetition_index"],
                          "not": {"anyOf": [{"required": ["aggregate_name"]},
                                            {"required": ["aggregate_unit"]}]}}},
            ],
        }},
    },
}


class BenchError(Exception):
    pass


def extract(output):
    """The JSON document a guest printed between the markers."""
    if BEGIN not in output or END not in output:
        tail = "\n".join(output.strip().split("\n")[-8:])
        raise BenchError(f"the guest printed no complete JSON document; its last lines:\n{tail}")
    text = output.split(BEGIN, 1)[1].split(END, 1)[0]
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BenchError(f"the guest's JSON does not parse: {e}") from None


def validate(doc):
    """Raise BenchError unless doc is Google Benchmark 1.7 JSON (schema and naming rules)."""
    import jsonschema
    try:
        jsonschema.validate(doc, SCHEMA)
    except jsonschema.ValidationError as e:
        where = "/".join(str(p) for p in e.absolute_path)
        raise BenchError(f"not Google Benchmark JSON at {where or 'top'}: {e.message}") from None
    for b in doc["benchmarks"]:
        if b["run_type"] == "aggregate":
            if b["name"] != f"{b['run_name']}_{b['aggregate_name']}":
                raise BenchError(f"aggregate {b['name']!r} is not named <run_name>_{b['aggregate_name']}")
            if (b["aggregate_unit"] == "percentage") != (b["aggregate_name"] == "cv"):
                raise BenchError(f"{b['name']}: only cv is a percentage")
        elif b["name"] != b["run_name"]:
            raise BenchError(f"iteration {b['name']!r} differs from its run_name")
    return doc


def counters(entry):
    """User counters of an entry (everything Google Benchmark does not define)."""
    fixed = SCHEMA["properties"]["benchmarks"]["items"]["properties"]
    return {k: v for k, v in entry.items() if k not in fixed}


def figure(doc, run_name):
    """The entry that stands for run_name (or the first of a tuple of names that has one):
    its median aggregate, else its only run."""
    if not isinstance(run_name, str):
        return next((f for f in (figure(doc, n) for n in run_name) if f is not None), None)
    best = None
    for b in doc["benchmarks"]:
        if b["run_name"] != run_name or b.get("error_occurred"):
            continue
        if b["run_type"] == "aggregate" and b["aggregate_name"] == "median":
            return b
        if b["run_type"] == "iteration" and best is None:
            best = b
    return best


def select(names, pattern):
    """Google Benchmark's --benchmark_filter: a regex searched in each name, '-RE' negates."""
    if not pattern:
        return list(names)
    negate = pattern.startswith("-")
    rx = re.compile(pattern[1:] if negate else pattern)
    return [n for n in names if bool(rx.search(n)) != negate]
