#!/usr/bin/env python3
"""Run ecsguard policies under real OPA (the reference Rego engine).

ecsguard evaluates its policies with regorus. This script evaluates the same
policy directory with OPA's own Go engine, embedded through the PyPI package
``opa-golib-python-bindings`` (a ctypes wrapper around a c-shared build of
github.com/open-policy-agent/opa/v1/rego). It serves three purposes:

* ``test``: run every ``test_*`` rule of every ``*_test.rego`` package and
  print ``PASS``/``FAIL`` lines and a closing ``N passed, N failed`` line, so
  policy tests are checked against OPA as well as against ``ecsguard test``;
* ``deny``: judge one snapshot and print, as JSON, the ``deny`` and
  ``unknown`` pointers of every policy package (the OPA side of the parity
  test), with ``data.ecsguard.now_ns`` set from the snapshot's
  ``collected_at`` exactly as ecsguard does;
* timing for the benchmark comparison. By default ``deny`` evaluates every
  package in one query and reports ``read_s`` (Python reading the JSON),
  ``input_convert_s`` (a trivial query with the snapshot as input: encoding
  it and converting it to OPA values) and ``eval_s`` (the full query minus
  that conversion, so expect noise of the size of the conversion's
  variance). ``--per-policy`` instead stores the snapshot once in OPA's data
  (``input_to_data_s``), reads it with ``with input as``, and runs each
  package's query twice: ``cold_s`` includes OPA's query preparation and
  first read of the stored snapshot, ``warm_s`` is evaluation alone.

Only the standard library is needed, plus the bindings package. Its wheel is
tagged for Python 3.14 but is pure ctypes and runs on 3.11; fetch and unpack
it once::

    pip download --only-binary=:all: --python-version 3.14 --no-deps \\
        opa-golib-python-bindings -d /tmp/opawheel
    mkdir -p /tmp/opa-py && cd /tmp/opa-py && unzip -q /tmp/opawheel/*.whl

then point the script at the unpacked directory (the one holding
``opa_bindings/``) with ``--opa-py DIR`` or ``OPA_PY_PATH=DIR``. Written
against opa-golib-python-bindings 0.4.4 (``OpaEngine.add_policy``,
``add_data``, ``eval_query``).

Output of ``deny``: ``{"snapshot", "now_ns", "policies": {package: {"deny":
[pointer...], "unknown": [pointer...]}}, "timing"}``, pointers sorted;
``--findings`` gives the ``{pointer, msg}`` objects instead.

Data documents: the ``params`` defaults in ``DIR/data.yaml``, then each
``--data FILE`` (JSON or YAML, repeatable) merged over them, later files
winning. YAML is read with PyYAML when it is installed, else with a small built-in
reader that handles the subset ecsguard's data files use (nested mappings,
scalars, flow lists, comments); convert anything fancier to JSON.

Usage::

    OPA_PY_PATH=/tmp/opa-py python3 scripts/opa_eval.py test policies/
    OPA_PY_PATH=/tmp/opa-py python3 scripts/opa_eval.py deny snapshot.json policies/
    python3 scripts/opa_eval.py deny snapshot.json policies/ --opa-py /tmp/opa-py \\
        --per-policy --findings --now 2025-01-01T00:00:00Z

Exit status: ``test`` exits 1 when a test fails or none is found; ``deny``
exits 0 unless OPA reports an error (then 2).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

JUDGED_RE = re.compile(r"^(deny|unknown)\b", re.MULTILINE)
PACKAGE_RE = re.compile(r"^package\s+([A-Za-z_][A-Za-z0-9_.]*)\s*$", re.MULTILINE)
TEST_RULE_RE = re.compile(r"^(test_[A-Za-z0-9_]*)\b", re.MULTILINE)


# --------------------------------------------------------------------------
# OPA bindings


def load_opa(opa_py: str | None):
    """Import ``opa_bindings`` from --opa-py, $OPA_PY_PATH, or sys.path."""
    path = opa_py or os.environ.get("OPA_PY_PATH")
    if path:
        sys.path.insert(0, path)
    try:
        import opa_bindings  # noqa: PLC0415 (located at run time on purpose)
    except ImportError as e:
        sys.exit(
            f"opa_eval: cannot import opa_bindings ({e}); unpack the "
            "opa-golib-python-bindings wheel and pass its directory with "
            "--opa-py DIR or OPA_PY_PATH=DIR"
        )
    return opa_bindings


# --------------------------------------------------------------------------
# Data files


def read_data_file(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    try:
        import yaml  # noqa: PLC0415 (optional dependency)
    except ImportError:
        return parse_simple_yaml(text, str(path))
    return yaml.safe_load(text)


def parse_simple_yaml(text: str, name: str = "<yaml>"):
    """Read the YAML subset of ecsguard data files without PyYAML.

    Supports block mappings nested by indentation, plain or quoted scalars
    (int, float, true/false, null, strings), JSON-style flow lists and maps,
    and ``#`` comments. Raises ValueError on anything else.
    """
    root: dict = {}
    stack: list[tuple[int, dict]] = [(-1, root)]
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).rstrip()
        if not line.strip() or line.strip() == "---":
            continue
        indent = len(line) - len(line.lstrip(" "))
        if "\t" in line[: indent + 1]:
            raise ValueError(f"{name}:{lineno}: tabs are not allowed in YAML indentation")
        key, sep, value = line.strip().partition(":")
        if not sep or key.startswith("- ") or key == "-":
            raise ValueError(f"{name}:{lineno}: only 'key: value' lines are supported without PyYAML")
        key = _scalar(key.strip(), name, lineno)
        while indent <= stack[-1][0]:
            stack.pop()
        parent = stack[-1][1]
        if value.strip() == "":
            child: dict = {}
            parent[key] = child
            stack.append((indent, child))
        else:
            parent[key] = _scalar(value.strip(), name, lineno)
    return root


def _strip_comment(line: str) -> str:
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def _scalar(token: str, name: str, lineno: int):
    if token[:1] in "[{":
        try:
            return json.loads(token)
        except json.JSONDecodeError as e:
            raise ValueError(f"{name}:{lineno}: flow value must be JSON-compatible: {e}") from None
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'":
        return json.loads(token) if token[0] == '"' else token[1:-1].replace("''", "'")
    lowered = token.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("null", "~"):
        return None
    for conv in (int, float):
        try:
            return conv(token)
        except ValueError:
            pass
    return token


def deep_merge(base, override):
    """Objects merge key by key; any other value in override replaces base."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = deep_merge(base[key], value) if key in base else value
        return merged
    return override


def load_data(engine, policy_dir: Path, data_files: list[str]) -> None:
    """DIR/data.yaml (or data.json) holds the defaults; each --data file is
    merged over them in order, later files winning, as ecsguard's --data does."""
    paths = [p for p in (policy_dir / "data.yaml", policy_dir / "data.json") if p.exists()]
    paths += [Path(p) for p in data_files]
    doc: dict = {}
    for path in paths:
        doc = deep_merge(doc, read_data_file(path) or {})
    if doc:
        engine.add_data(doc)


# --------------------------------------------------------------------------
# Policies


def rego_files(policy_dir: Path, include_tests: bool) -> list[Path]:
    files = sorted(policy_dir.rglob("*.rego"))
    if not include_tests:
        files = [f for f in files if not f.name.endswith("_test.rego")]
    return files


def package_of(source: str, path: Path) -> str:
    m = PACKAGE_RE.search(source)
    if not m:
        raise ValueError(f"{path}: no package line")
    return m.group(1)


def load_policies(engine, policy_dir: Path, include_tests: bool) -> list[tuple[Path, str, str]]:
    """Add every .rego file under policy_dir; returns (path, package, source)."""
    loaded = []
    for path in rego_files(policy_dir, include_tests):
        source = path.read_text(encoding="utf-8")
        engine.add_policy(str(path.relative_to(policy_dir)), source)
        loaded.append((path, package_of(source, path), source))
    return loaded


def new_engine(opa, policy_dir: Path, data_files: list[str], include_tests: bool):
    engine = opa.OpaEngine()
    loaded = load_policies(engine, policy_dir, include_tests)
    load_data(engine, policy_dir, data_files)
    return engine, loaded


# --------------------------------------------------------------------------
# test mode


def run_tests(opa, args) -> int:
    policy_dir = Path(args.policy_dir)
    engine, loaded = new_engine(opa, policy_dir, args.data, include_tests=True)
    passed = failed = 0
    for path, package, source in loaded:
        if not path.name.endswith("_test.rego"):
            continue
        names = list(dict.fromkeys(TEST_RULE_RE.findall(source)))
        # One query per test package: every query recompiles all modules,
        # so a query per test grows with tests x modules. A test that is
        # not true in the package's value is run again on its own, for the
        # reason (and so that one erroring test cannot hide the others).
        try:
            rs = engine.eval_query(f"x := data.{package}")
            values = rs[0].get("x") if rs else None
        except opa.OpaError:
            values = None
        if not isinstance(values, dict):
            values = {}
        for name in names:
            label = f"{package}.{name}"
            if values.get(name) is True:
                ok, detail = True, ""
            else:
                try:
                    rs = engine.eval_query(f"x := data.{package}.{name}")
                    ok = bool(rs) and rs[0].get("x") is True
                    detail = "" if ok else " (undefined or not true)"
                except opa.OpaError as e:
                    ok, detail = False, f" ({e})"
            if ok:
                passed += 1
                print(f"PASS {label}")
            else:
                failed += 1
                print(f"FAIL {label}{detail}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


# --------------------------------------------------------------------------
# deny mode


def rfc3339_to_ns(text: str) -> int:
    """RFC 3339 timestamp to Unix nanoseconds (what time.parse_rfc3339_ns gives)."""
    m = re.fullmatch(
        r"(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", text.strip()
    )
    if not m:
        raise ValueError(f"not an RFC 3339 timestamp: {text!r}")
    date, clock, frac, zone = m.groups()
    zone = "+00:00" if zone in ("Z", "z") else zone
    dt = datetime.fromisoformat(f"{date}T{clock}{zone}").astimezone(timezone.utc)
    seconds = int(dt.timestamp())
    nanos = int((frac or ".0")[1:].ljust(9, "0")[:9])
    return seconds * 1_000_000_000 + nanos


def findings_out(value, with_msg: bool):
    items = sorted(value or [], key=lambda f: (str(f.get("pointer")), str(f.get("msg"))))
    if with_msg:
        return items
    return [f.get("pointer") for f in items]


def run_deny(opa, args) -> int:
    policy_dir = Path(args.policy_dir)
    timing: dict = {}

    t0 = time.perf_counter()
    with open(args.snapshot, "rb") as fh:
        snapshot = json.load(fh)
    timing["read_s"] = time.perf_counter() - t0

    now_text = args.now or snapshot.get("collected_at")
    if not now_text:
        sys.exit("opa_eval: the snapshot has no collected_at; pass --now")
    now_ns = rfc3339_to_ns(now_text)

    engine, loaded = new_engine(opa, policy_dir, args.data, include_tests=False)
    engine.add_data({"ecsguard": {"now_ns": now_ns}})
    # Library packages (no deny/unknown) are loaded but not judged.
    packages = list(dict.fromkeys(pkg for _, pkg, source in loaded if JUDGED_RE.search(source)))

    out: dict = {"snapshot": str(args.snapshot), "now_ns": now_ns, "policies": {}}
    try:
        if args.per_policy:
            run_per_policy(engine, snapshot, packages, args, out, timing)
        else:
            # Cost of handing the snapshot to OPA as input (JSON encoding in
            # Python, decoding and conversion to OPA values in Go) with next
            # to no evaluation; eval_s is the full query's time minus this.
            t0 = time.perf_counter()
            engine.eval_query("x := is_object(input)", snapshot)
            timing["input_convert_s"] = time.perf_counter() - t0
            parts = ", ".join(
                f'"{pkg}": {{"deny": data.{pkg}.deny, "unknown": data.{pkg}.unknown}}' for pkg in packages
            )
            t0 = time.perf_counter()
            rs = engine.eval_query(f"r := {{{parts}}}", snapshot)
            elapsed = time.perf_counter() - t0
            timing["eval_s"] = max(elapsed - timing["input_convert_s"], 0.0)
            timing["eval_with_input_s"] = elapsed
            result = rs[0]["r"] if rs else {}
            for pkg in packages:
                r = result.get(pkg, {})
                out["policies"][pkg] = {
                    "deny": findings_out(r.get("deny"), args.findings),
                    "unknown": findings_out(r.get("unknown"), args.findings),
                }
    except opa.OpaError as e:
        print(f"opa_eval: OPA error: {e}", file=sys.stderr)
        return 2
    out["timing"] = timing
    json.dump(out, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")
    return 0


# Where --per-policy stores the snapshot in OPA's data document. Queries read
# it with `with input as data.<this>`, so the snapshot is converted once and
# not once per query.
INPUT_DATA_PATH = "ecsguard_opa_eval_input"


def run_per_policy(engine, snapshot, packages, args, out, timing) -> None:
    """Evaluate each package on its own, twice: cold (first run of the query,
    including OPA's query preparation and first read of the stored snapshot)
    and warm (the same query again: evaluation only)."""
    t0 = time.perf_counter()
    engine.add_data(snapshot, path=INPUT_DATA_PATH)
    timing["input_to_data_s"] = time.perf_counter() - t0
    per: dict[str, dict[str, float]] = {}
    for pkg in packages:
        query = f"d := data.{pkg}.deny with input as data.{INPUT_DATA_PATH}; u := data.{pkg}.unknown with input as data.{INPUT_DATA_PATH}"
        runs = []
        for _ in range(2):
            t0 = time.perf_counter()
            rs = engine.eval_query(query)
            runs.append(time.perf_counter() - t0)
        per[pkg] = {"cold_s": runs[0], "warm_s": runs[1]}
        b = rs[0] if rs else {}
        out["policies"][pkg] = {
            "deny": findings_out(b.get("d"), args.findings),
            "unknown": findings_out(b.get("u"), args.findings),
        }
    timing["eval_warm_s"] = sum(p["warm_s"] for p in per.values())
    timing["per_policy"] = per


# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run ecsguard policies under OPA.")
    parser.add_argument("--opa-py", help="directory holding the unpacked opa_bindings package (else $OPA_PY_PATH)")
    sub = parser.add_subparsers(dest="mode", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", action="append", default=[], metavar="FILE",
                        help="data document (JSON or YAML) merged over DIR/data.yaml; repeatable")
    common.add_argument("--opa-py", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    t = sub.add_parser("test", parents=[common], help="run test_* rules of *_test.rego packages")
    t.add_argument("policy_dir")

    d = sub.add_parser("deny", parents=[common], help="print deny/unknown pointers per policy for a snapshot")
    d.add_argument("snapshot")
    d.add_argument("policy_dir")
    d.add_argument("--now", help="RFC 3339 time to judge at (default: the snapshot's collected_at)")
    d.add_argument("--per-policy", action="store_true",
                   help="evaluate and time each package on its own (snapshot stored once as data)")
    d.add_argument("--findings", action="store_true", help="print {pointer, msg} findings instead of pointers")

    args = parser.parse_args(argv)
    opa = load_opa(args.opa_py)
    if args.mode == "test":
        return run_tests(opa, args)
    return run_deny(opa, args)


if __name__ == "__main__":
    sys.exit(main())
