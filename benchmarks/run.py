"""Benchmarks of crux_py: prints a table of medians (of 3) with ratios.

Rows:
* every symbolic test under examples/, proved with each solver;
* the engine running `merge_vc` and one ChaCha20 block on concrete inputs,
  against CPython running them directly (how many times slower the engine is);
* the ChaCha20 block proof done compositionally (proving the `_rounds` spec,
  then the block with it) against monolithically;
* loading and typechecking each of our Cryptol specs, and SHA-256 of 1 KiB
  through the Cryptol evaluator against hashlib;
* one small real-style program per construct family (classes, closures,
  exceptions, dicts/sets, bytes/struct/BytesIO, symbolic lengths, imports,
  decorators/functools, memoryview/hex text, special methods/dataclasses);
* CRC-32 table = bitwise at 4, 16 and 64 bytes, against the same equivalence
  handed to raw Z3 (60 s cap);
* SHA-256 and SHA-1 compression equal to the reference, against the same
  equivalence handed to raw Z3 without our term layer (60 s cap), and the
  compositional SHA-256 proof against the monolithic one;
* vector-clock commutativity and ChaCha20 quarter-round equivalence, proved by
  crux_py and checked by CrossHair (`crosshair check --report_all
  --per_condition_timeout 60`, the main existing Python symbolic executor;
  install with `pip install -e '.[bench]'`); the ratio is CrossHair's time
  over ours.

Usage: python benchmarks/run.py [--no-crosshair] [--repeat N]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import resource
import statistics
import subprocess
import sys
import time
import timeit
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TARGETS = ROOT / "benchmarks" / "targets"
sys.path[:0] = [str(EXAMPLES), str(TARGETS)]

from crux_py.intrinsics import crux_test_options  # noqa: E402
from crux_py.driver import ProofSettings, Status, new_prover, prove_spec, run_symbolic_test  # noqa: E402
from crux_py.intrinsics import SpecHandle  # noqa: E402
from crux_py.frontend import translate_function  # noqa: E402
from crux_py.sim import BUILTIN_MODELS, BYTES_MODELS, SimSettings, Simulator  # noqa: E402
from crux_py.term.context import TermContext  # noqa: E402

from chacha20 import test_chacha  # noqa: E402
from chacha20.chacha import ChaCha20  # noqa: E402
from vector_clocks.clocks import merge_vc  # noqa: E402

CROSSHAIR_TIMEOUT = 60
RAW_Z3_CAP = 60.0


def median_time(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def example_tests() -> list[object]:
    tests = []
    for path in sorted(EXAMPLES.glob("*/test_*.py")):
        if (path.parent / "__init__.py").exists():
            module = importlib.import_module(f"{path.parent.name}.{path.stem}")
        else:  # a directory of modules (examples/codecs: a package `codecs` would hide the stdlib's)
            sys.path.insert(0, str(path.parent))
            module = importlib.import_module(path.stem)
        tests += [obj for obj in vars(module).values() if crux_test_options(obj) is not None]
    return tests


def prove(test: object, solver: str, repeat: int) -> tuple[float, str]:
    """Median time of a fresh proof (specs the test enables are proved again each time)."""
    def run() -> object:
        settings = ProofSettings(solver=solver)
        if isinstance(test, SpecHandle):
            return prove_spec(test, new_prover(settings))
        return run_symbolic_test(test, settings)  # type: ignore[arg-type]

    seconds, outcome = median_time(run, repeat)
    return seconds, outcome.status.value  # type: ignore[attr-defined]


def concrete_ratio(fn: types.FunctionType, repeat: int, runs: int) -> tuple[float, float]:
    """Seconds per run of `fn` (no arguments) by the engine, and by CPython."""
    def engine() -> None:
        Simulator(TermContext(), translate=translate_function, feasible=lambda pc: True, settings=SimSettings(),
                  models={**BUILTIN_MODELS, **BYTES_MODELS}).run_test(fn, [])

    engine()  # translate once, as a proof run does
    ours, _ = median_time(lambda: [engine() for _ in range(runs)], repeat)
    loops = runs * 1000
    cpython = statistics.median(timeit.repeat(fn, number=loops, repeat=repeat)) / loops
    return ours / runs, cpython


def run_merge_vc() -> list[int]:
    return merge_vc([3, 1, 4, 1, 5, 9, 2, 6], [2, 7, 1, 8, 2, 8, 1, 8])


def run_chacha_block() -> bytearray:
    out = bytearray(64)
    ChaCha20.new(bytes(range(32)), bytes(12)).generate(1, out)
    return out


def cryptol_rows(repeat: int) -> list[tuple[str, str, str, str, str]]:
    from crux_py.cryptol import modules
    from crux_py.cryptol.pyapi import load_cryptol

    rows = []
    for path in sorted((ROOT / "specs" / "cryptol").glob("*.cry")):
        def load(path: Path = path) -> object:
            modules._ENVS.clear()  # a cold load: parse, resolve and typecheck again
            return load_cryptol(path)

        seconds, _ = median_time(load, repeat)
        rows.append((f"load+typecheck {path.name}", f"{seconds * 1e3:.1f} ms", "", "", ""))
    sha256 = load_cryptol(ROOT / "specs" / "cryptol" / "SHA256.cry").hash
    message = bytes(range(256)) * 4
    cold, digest = median_time(lambda: sha256(message), 1)
    assert bytes(digest) == hashlib.sha256(message).digest()  # type: ignore[arg-type]
    warm, _ = median_time(lambda: sha256(message), repeat)
    native = statistics.median(timeit.repeat(lambda: hashlib.sha256(message).digest(), number=1000, repeat=repeat)) / 1000
    rows.append(("SHA-256 of 1 KiB, Cryptol evaluator", f"{warm * 1e3:.1f} ms (first {cold * 1e3:.0f} ms)",
                 "hashlib", f"{native * 1e6:.2f} us", f"{warm / native:.0f}x slower"))
    return rows


def sha_rows(repeat: int) -> list[tuple[str, str, str, str, str]]:
    """SHA compress equivalences against the same equivalence given to raw Z3
    (`targets/raw_z3.py`, one run: it is a timeout), and SHA-256 compress
    proved compositionally (per-round specs, their proofs included) against
    monolithically."""
    import raw_z3
    from sha1 import test_sha1
    from sha2 import test_sha256

    rows = []
    for name, test, case in (("SHA-256 compress = reference", test_sha256.compress_equals_reference,
                              "sha256 compress (raw z3)"),
                             ("SHA-1 compress = reference", test_sha1.compress_equals_reference,
                              "sha1 compress (raw z3)")):
        seconds, status = prove(test, "z3", repeat)
        verdict, raw = raw_z3.CASES[case](RAW_Z3_CAP)
        ratio = f"{raw / seconds:.0f}x" if verdict == "proved" else f"> {raw / seconds:.0f}x (no answer)"
        rows.append((name, f"{seconds:.3f} s {status}", f"raw Z3 ({RAW_Z3_CAP:.0f} s cap)",
                     f"{raw:.1f} s {verdict}", ratio))
    compositional, _ = prove(test_sha256.compress_compositional, "z3", repeat)
    monolithic, _ = prove(test_sha256.compress_equals_cryptol, "z3", repeat)
    rows.append(("SHA-256 compress: compositional (with spec proofs)", f"{compositional:.3f} s", "monolithic",
                 f"{monolithic:.3f} s", f"{compositional / monolithic:.2f}x"))
    return rows


def crc_rows(repeat: int) -> list[tuple[str, str, str, str, str]]:
    """CRC-32 table = bitwise at 4, 16 and 64 bytes against the same equivalence
    handed to raw Z3 (`targets/raw_z3_crc.py`, one run, capped)."""
    import crc_sizes
    import raw_z3_crc

    rows = []
    for n, test in crc_sizes.PROGRAMS.items():
        seconds, status = prove(test, "z3", repeat)
        verdict, raw = raw_z3_crc.prove(n, RAW_Z3_CAP)
        ratio = f"{raw / seconds:.0f}x" if verdict == "proved" else f"> {raw / seconds:.0f}x (no answer)"
        rows.append((f"CRC-32 table = bitwise, {n} bytes", f"{seconds:.3f} s {status}",
                     f"raw Z3 ({RAW_Z3_CAP:.0f} s cap)", f"{raw:.1f} s {verdict}", ratio))
    return rows


def coverage_rows(repeat: int) -> list[tuple[str, str, str, str, str]]:
    """One real-style program per construct family (`targets/language_coverage.py`)."""
    import language_coverage

    rows = []
    for program in language_coverage.PROGRAMS:
        seconds, status = prove(program, "z3", repeat)
        rows.append((f"coverage: {program.__name__}", f"{seconds:.3f} s {status}", "", "", ""))
    return rows


def crosshair(target: str) -> tuple[float, str]:
    """CPU seconds and verdict of `crosshair check` on a target file."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        proc = subprocess.run([sys.executable, "-m", "crosshair", "check", "--report_all",
                               f"--per_condition_timeout={CROSSHAIR_TIMEOUT}", str(TARGETS / target)],
                              capture_output=True, text=True, timeout=10 * CROSSHAIR_TIMEOUT,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        out = proc.stdout + proc.stderr
    except subprocess.TimeoutExpired:
        out = "timeout"
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if "No module named crosshair" in out:
        return cpu, "not installed (pip install -e '.[bench]')"
    if "Confirmed over all paths" in out:
        verdict = "confirmed"
    elif "error:" in out:
        verdict = "refuted: " + out.split("error:", 1)[1].strip().splitlines()[0][:40]
    else:
        verdict = "no verdict"
    return cpu, verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-crosshair", action="store_true", help="skip the CrossHair baseline (slow)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median reported)")
    args = parser.parse_args()

    rows: list[tuple[str, str, str, str, str]] = []
    for test in example_tests():
        # The SHA proofs take seconds to a minute each: z3 only.
        solvers = ("z3",) if test.__module__.startswith("sha") else ("z3", "bitwuzla", "cvc5")
        for solver in solvers:
            seconds, status = prove(test, solver, args.repeat)
            rows.append((f"{test.__module__}::{test.__name__} [{solver}]", f"{seconds:.3f} s {status}",
                         "", "", ""))

    rows += cryptol_rows(args.repeat)
    for name, fn, runs in (("merge_vc", run_merge_vc, 20), ("ChaCha20 block", run_chacha_block, 3)):
        per_run, cpython = concrete_ratio(fn, args.repeat, runs)
        rows.append((f"{name} on concrete inputs", f"{per_run * 1e3:.3f} ms", "CPython",
                     f"{cpython * 1e6:.2f} us", f"engine {per_run / cpython:.0f}x slower"))

    compositional, _ = prove(test_chacha.block_equiv, "z3", args.repeat)  # includes proving its spec
    monolithic, _ = prove(test_chacha.block_equiv_monolithic, "z3", args.repeat)
    rows.append(("ChaCha20 block: compositional (with spec proof)", f"{compositional:.3f} s", "monolithic",
                 f"{monolithic:.3f} s", f"{compositional / monolithic:.2f}x"))

    rows += sha_rows(args.repeat)
    rows += crc_rows(args.repeat)
    rows += coverage_rows(args.repeat)

    import quarter_round
    from vector_clocks.test_clocks import merge_vc_commutative

    for name, fn, target in (("vector-clock commutativity", merge_vc_commutative, "crosshair_vector_clock.py"),
                             ("ChaCha20 quarter round = RFC", quarter_round.quarter_round_equiv,
                              "quarter_round.py")):
        seconds, status = prove(fn, "z3", args.repeat)
        assert status == Status.PROVED.value, f"{name}: {status}"
        if args.no_crosshair:
            rows.append((name, f"{seconds:.3f} s {status}", "CrossHair", "skipped", ""))
            continue
        cpu, verdict = crosshair(target)
        ratio = f"{cpu / seconds:.0f}x" if verdict == "confirmed" else f"> {cpu / seconds:.0f}x (no answer)"
        rows.append((name, f"{seconds:.3f} s {status}", "CrossHair", f"{cpu:.1f} s CPU, {verdict}", ratio))

    headers = ("benchmark", "crux_py (median)", "baseline", "baseline result", "ratio")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = " | ".join(h.ljust(w) for h, w in zip(headers, widths))
    print(line)
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths)))


if __name__ == "__main__":
    main()
