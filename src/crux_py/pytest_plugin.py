"""The pytest plugin: options, collection of `@crux_test` functions, reports.

Under `--crux` each symbolic test is proved (`driver/`) and a failure shows
the rendered counterexample (`report/`); without it the test runs in CPython
on sampled inputs (`sampling.py`). Each report carries its outcome line in
`user_properties`, so the summary also works under pytest-xdist and the
outcome reaches JUnit XML.
"""

from __future__ import annotations

import json
import traceback
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crux_py.intrinsics import SpecHandle, crux_test_function, crux_test_options

SOLVERS = ("z3", "bitwuzla", "cvc5")
PROPERTY = "crux"
NOTES = "crux-notes"
JSON = "crux-json"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("crux", "crux_py symbolic tests")
    group.addoption("--crux", action="store_true", help="prove @crux_test functions for all inputs")
    group.addoption("--crux-solver", choices=SOLVERS, default="z3", help="SMT solver (default: z3)")
    group.addoption("--crux-timeout", type=float, default=60.0, metavar="S",
                    help="seconds per solver query; a timeout makes the goal unknown (default: 60)")
    group.addoption("--crux-unwind", type=int, default=64, metavar="N",
                    help="iterations of a loop with a symbolic exit before the test fails (default: 64)")
    group.addoption("--crux-samples", type=int, default=100, metavar="N",
                    help="sampled inputs per test when running without --crux (default: 100)")
    group.addoption("--crux-replay-dir", default=".crux/replays", metavar="DIR",
                    help="write each counterexample as a pytest file here (default: .crux/replays)")
    group.addoption("--crux-report", default=None, metavar="PATH", help="write the outcomes as JSON to PATH")
    group.addoption("--crux-dump-ir", action="store_true", help="show the IR of the functions each test ran")
    group.addoption("--crux-dump-smt", default=None, metavar="DIR", help="write every solver query as SMT-LIB")
    group.addoption("--crux-cryptol-path", action="append", default=[], metavar="DIR",
                    help="a root to search for imported Cryptol modules (may be repeated)")


class CruxFailure(Exception):
    """A symbolic test that was not proved; carries the rendered outcome."""


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector: pytest.Collector, name: str, obj: object) -> pytest.Item | None:
    if crux_test_options(obj) is None:
        return None
    return CruxItem.from_parent(collector, name=name, callobj=obj)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Cryptol modules: `.cry` files under the given paths, literate `.md` files named explicitly."""
    if file_path.suffix == ".cry" or (file_path.suffix == ".md" and parent.session.isinitpath(file_path)):
        return CryptolFile.from_parent(parent, path=file_path)
    return None


class CryptolFile(pytest.File):
    """A Cryptol module; each of its `property` declarations is an item."""

    def collect(self) -> Iterator[pytest.Item]:
        from crux_py.cryptol.pyapi import load_cryptol
        from crux_py.errors import CryptolError

        roots = [str(p) for p in self.config.getoption("crux_cryptol_path")] + [str(self.config.rootpath)]
        try:
            module = load_cryptol(self.path, roots)
            if module.module.is_functor:
                return  # a parameterized module: its instantiations carry the properties
            properties = module.properties()
        except CryptolError as e:
            raise self.CollectError(str(e)) from None
        for prop in properties:
            yield CryptolPropertyItem.from_parent(self, name=prop.name, prop=prop)


class CryptolPropertyItem(pytest.Item):
    def __init__(self, *, prop: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.prop = prop

    def runtest(self) -> None:
        from crux_py.driver.cryptol_props import prove_property, sample_property

        if not self.config.getoption("crux"):
            ran = sample_property(self.prop, self.config.getoption("crux_samples"))
            self.user_properties.append((PROPERTY, f"sampled: {ran} inputs"))
            return
        from crux_py.driver import Status
        from crux_py.report import format_outcome, format_summary_line

        outcome = prove_property(self.prop, _session_prover(self.config).settings)
        self.user_properties.append((PROPERTY, format_summary_line(outcome)))
        if outcome.status is not Status.PROVED:
            raise CruxFailure(format_outcome(outcome))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        from crux_py.errors import CruxError

        if isinstance(excinfo.value, (CruxFailure, CruxError, *_sampling_errors())):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Any, int, str]:
        return self.path, self.prop.span.line - 1, f"cryptol property {self.name}"


def _sampling_errors() -> tuple[type, ...]:
    from crux_py.driver.sampling import AllSamplesRejected, SampleFailure

    return (AllSamplesRejected, SampleFailure)


class CruxItem(pytest.Item):
    """A `@crux_test` function or a `@crux_spec_for` spec."""

    def __init__(self, *, callobj: object, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.obj = callobj
        self.function: types.FunctionType = crux_test_function(callobj)  # type: ignore[assignment]

    def runtest(self) -> None:
        if self.config.getoption("crux"):
            self._prove()
        else:
            self._sample()

    def _prove(self) -> None:
        # Imported here so that plain pytest runs never load the engine.
        from crux_py.driver import Status, prove_spec, run_symbolic_test
        from crux_py.report import format_notes, format_outcome, format_summary_line, outcome_to_dict

        prover = _session_prover(self.config)
        progress = _ProgressLine(self.config)
        try:
            if isinstance(self.obj, SpecHandle):
                outcome = prove_spec(self.obj, prover)
            else:
                options = crux_test_options(self.obj)
                settings = prover.settings.with_overrides(unwind=options.unwind, timeout=options.timeout,  # type: ignore[union-attr]
                                                          solver=options.solver)  # type: ignore[union-attr]
                outcome = run_symbolic_test(self.function, settings, prover, progress.show if progress.live else None)
        finally:
            progress.clear()
        self.user_properties.append((PROPERTY, format_summary_line(outcome)))
        notes = format_notes(outcome)
        if notes:
            self.user_properties.append((NOTES, "\n".join(notes)))
        if self.config.getoption("crux_report"):
            self.user_properties.append((JSON, json.dumps(outcome_to_dict(outcome, self.nodeid))))
        if outcome.ir:
            self.add_report_section("call", "crux IR", outcome.ir)
        if outcome.status is not Status.PROVED:
            raise CruxFailure(format_outcome(outcome))

    def _sample(self) -> None:
        from crux_py.driver.run import parameter_shapes
        from crux_py.driver.sampling import run_sampled

        ran = run_sampled(self.function, parameter_shapes(self.function), self.config.getoption("crux_samples"))
        self.user_properties.append((PROPERTY, f"sampled: {ran} inputs"))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        from crux_py.driver.sampling import AllSamplesRejected, SampleFailure

        if isinstance(excinfo.value, (CruxFailure, AllSamplesRejected)):
            return str(excinfo.value)
        if isinstance(excinfo.value, SampleFailure):
            trace = "".join(traceback.format_exception(excinfo.value.error))
            return f"{excinfo.value}\n\n{trace}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Any, int, str]:
        return self.path, self.function.__code__.co_firstlineno - 1, f"crux: {self.name}"


_PROVER = pytest.StashKey[Any]()


def _session_prover(config: pytest.Config) -> Any:
    """One spec prover per session (per worker under pytest-xdist): each spec is proved once."""
    from crux_py.driver import ProofSettings
    from crux_py.driver.run import new_prover

    if _PROVER not in config.stash:
        config.stash[_PROVER] = new_prover(ProofSettings(
            solver=config.getoption("crux_solver"),
            timeout=config.getoption("crux_timeout"),
            unwind=config.getoption("crux_unwind"),
            replay_dir=str(config.rootpath / config.getoption("crux_replay_dir")),
            dump_smt=config.getoption("crux_dump_smt"),
            dump_ir=config.getoption("crux_dump_ir"),
        ))
    return config.stash[_PROVER]


def _crux_line(report: pytest.TestReport) -> str | None:
    for key, value in getattr(report, "user_properties", ()):
        if key == PROPERTY:
            return str(value)
    return None


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config) -> tuple[str, str, Any] | None:
    line = _crux_line(report)
    if line is None or report.when != "call" or not report.passed or not line.startswith("proved"):
        return None
    goals, seconds = line[len("proved: "):].split(", ")[:2]
    return "passed", ".", (f"PROVED ({goals}, {seconds})", {"green": True})


def _crux_reports(terminalreporter: Any) -> Iterator[tuple[pytest.TestReport, str]]:
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) == "call":
                line = _crux_line(report)
                if line is not None:
                    yield report, line


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    rows = sorted(_crux_reports(terminalreporter), key=lambda r: r[0].nodeid)
    if not rows:
        return
    terminalreporter.section("crux")
    for report, line in rows:
        terminalreporter.write_line(f"{report.nodeid}: {line}")
        for key, value in report.user_properties:
            if key == NOTES:
                for note in str(value).splitlines():
                    terminalreporter.write_line(f"    {note}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = session.config.getoption("crux_report", None)
    if not path or hasattr(session.config, "workerinput"):  # the xdist controller writes it
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    outcomes = []
    for reports in (reporter.stats.values() if reporter else ()):
        for report in reports:
            for key, value in getattr(report, "user_properties", ()):
                if key == JSON and getattr(report, "when", None) == "call":
                    outcomes.append(json.loads(value))
    outcomes.sort(key=lambda o: o["test"])
    with open(path, "w") as f:
        json.dump({"crux_py": 1, "tests": outcomes}, f, indent=2)


class _ProgressLine:
    """Live status of long proofs on the terminal (only on a real terminal, not under xdist)."""

    def __init__(self, config: pytest.Config) -> None:
        self.reporter = config.pluginmanager.get_plugin("terminalreporter")
        self.live = bool(self.reporter is not None and self.reporter.isatty and not hasattr(config, "workerinput")
                         and config.getoption("capture") != "no")
        self.width = 0

    def show(self, text: str) -> None:
        self.reporter.write("\r" + text.ljust(self.width))
        self.reporter.flush()
        self.width = len(text)

    def clear(self) -> None:
        if self.width:
            self.reporter.write("\r" + " " * self.width + "\r")
            self.width = 0
