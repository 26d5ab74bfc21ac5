"""Run the notebooks headlessly (papermill) with deterministic output files.

`make figures` runs every `notebooks/NN_*.ipynb` in place, in order, and each notebook rewrites its
figures in `figures/`. One notebook can also run with other parameters into `reports/`, leaving the
committed copy alone. Volatile metadata (papermill's and nbclient's timings) is stripped, so the
same corpus gives byte-identical notebooks.
"""
from __future__ import annotations

import math
import sys
import time
from pathlib import Path
from typing import Any, Iterable

import nbformat

from ..base import config, plain_yaml
from ..base.io import atomic_path
from ..corpus import load_corpus

KERNEL = "python3"
#: Parameters every notebook accepts; a notebook's own knobs are validated against its parameters cell.
COMMON_PARAMETERS = ("corpus_dir", "event", "outlets", "figures_dir")


def notebook_paths(directory: Path | None = None) -> list[Path]:
    """The numbered notebooks, in order."""
    directory = directory or config.NOTEBOOKS_DIR
    return sorted(p for p in directory.glob("[0-9][0-9]_*.ipynb"))


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove run-dependent metadata (timings, papermill bookkeeping) from a notebook, in place."""
    for key in ("papermill", "execution", "widgets", "jupytext"):
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.get("cell_type") == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
    return nb


def parameters_of(path: Path) -> dict[str, Any]:
    """The names and default values in a notebook's `parameters` cell."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            namespace: dict[str, Any] = {}
            exec(compile(cell.source, f"{path.name}:parameters", "exec"), {}, namespace)  # our own file
            return {k: v for k, v in namespace.items() if not k.startswith("_")}
    return {}


def validate_parameters(path: Path, parameters: dict[str, Any]) -> None:
    """Raise ValueError naming the problem for an unknown parameter, event or outlet."""
    for name, value in parameters.items():
        check_parameter_value(name, value)
    known = parameters_of(path)
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise ValueError(f"{path.name}: unknown parameter(s) {', '.join(unknown)}; "
                         f"parameters: {', '.join(sorted(known))}")
    event, outlets = parameters.get("event"), parameters.get("outlets")
    if event is not None and not isinstance(event, str):
        raise ValueError(f"{path.name}: parameter event must be an event id (text) or null, not {event!r}")
    if outlets is not None and not (isinstance(outlets, str) or (
            isinstance(outlets, list) and all(isinstance(o, str) for o in outlets))):
        raise ValueError(f"{path.name}: parameter outlets must be a list of outlet names or null, not {outlets!r}")
    for name, value in parameters.items():
        default = known.get(name)
        if value is None or default is None:
            continue
        expected = (int, float) if isinstance(default, (int, float)) and not isinstance(default, bool) else type(default)
        if not isinstance(value, expected) or isinstance(value, bool) != isinstance(default, bool):
            raise ValueError(f"{path.name}: parameter {name} must be a {type(default).__name__} like "
                             f"{default!r}, not {value!r}")
    for name, value in parameters.items():
        if value is not None and name != "figures_dir" and (name.endswith(("_dir", "_file")) or name == "lexicon"):
            if not isinstance(value, str) or not Path(value).expanduser().exists():
                raise ValueError(f"{path.name}: parameter {name}: no such file or directory {value!r}")
    if {"event", "outlets", "corpus_dir"} & set(parameters):
        corpus = load_corpus(parameters.get("corpus_dir", known.get("corpus_dir")))
        outlets = parameters.get("outlets", known.get("outlets"))
        if isinstance(outlets, str):
            outlets = [outlets]
        selected = corpus.select(parameters.get("event", known.get("event")), outlets)
        if not selected.articles:
            raise ValueError(f"{path.name}: no article matches event={parameters.get('event')!r} "
                             f"and outlets={outlets!r}")


#: The kernel runs on this machine over loopback and warns at every start that its TCP transport is
#: unencrypted (six times per `make figures`); only errors of the kernel's own log are shown.
#: Cell output (and Python warnings in it) is unaffected.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


def execute(path: Path, output: Path, parameters: dict[str, Any] | None = None) -> None:
    """Execute one notebook with papermill and write it (stripped) to `output`, atomically."""
    import papermill as pm

    for name, value in (parameters or {}).items():
        check_parameter_value(name, value)  # papermill writes these as literals: plain data only
    with atomic_path(output) as scratch:
        pm.execute_notebook(
            str(path), str(scratch), parameters=parameters or {}, kernel_name=KERNEL,
            cwd=str(path.parent), progress_bar=False, log_output=False, report_mode=False,
            extra_arguments=KERNEL_ARGUMENTS,
        )
        nb = nbformat.read(scratch, as_version=4)
        strip_volatile(nb)
        scratch.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_parameter_value(name: str, value: Any) -> None:
    """ValueError naming the parameter unless `value` is one of the declared types: text, a finite
    number, true/false, null, a list of text, or a mapping of text to numbers.

    Only these reach papermill, which writes each as a Python literal (text escaped); anything
    else (a tuple from YAML's !!omap or !!pairs, a set, bytes, a date) could be written unescaped.
    """
    if value is None or type(value) in (str, bool) or (type(value) in (int, float) and _is_number(value)):
        return
    if type(value) is list and all(type(v) is str for v in value):
        return
    if type(value) is dict and all(type(k) is str and type(v) in (int, float) and _is_number(v)
                                   for k, v in value.items()):
        return
    raise ValueError(f"parameter {name}: must be text, a number, true/false, null, a list of text or a "
                     f"mapping of text to numbers, not a {type(value).__name__}")


def _parse_cli_parameters(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """`-p NAME VALUE` pairs, each VALUE read as plain YAML; ValueError naming the parameter if not."""
    params = {}
    for name, value in pairs:
        try:
            params[name] = plain_yaml.load(value, f"parameter {name}")
        except plain_yaml.PlainYamlError as exc:
            raise ValueError(f"parameter {name}: not a YAML value ({exc.message}): {value[:80]!r}") from None
        check_parameter_value(name, params[name])
    return params


def run_figures(notebook: str | None = None, parameters: Iterable[tuple[str, str]] = (),
                out_dir: str | Path | None = None) -> int:
    """`python -m analysis figures`: every notebook in place, or one into reports/ with parameters."""
    from papermill.exceptions import PapermillExecutionError

    params = _parse_cli_parameters(parameters)
    if notebook is None:
        if params:
            print("error: -p/--parameter needs --notebook (the committed notebooks run with their defaults)",
                  file=sys.stderr)
            return 2
        jobs = [(path, path, {}) for path in notebook_paths()]
    else:
        matches = [p for p in notebook_paths() if p.stem == notebook or p.stem.split("_", 1)[0] == notebook
                   or p.name == notebook]
        if not matches:
            names = ", ".join(p.stem for p in notebook_paths())
            print(f"error: no notebook {notebook!r}; notebooks: {names}", file=sys.stderr)
            return 2
        path = matches[0]
        target = Path(out_dir) if out_dir else config.REPORTS_DIR
        params.setdefault("figures_dir", str((target / "figures").resolve()))
        try:
            validate_parameters(path, params)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        jobs = [(path, target / path.name, params)]
    total = time.perf_counter()
    for number, (path, output, job_params) in enumerate(jobs, start=1):
        started = time.perf_counter()
        print(f"[{number}/{len(jobs)}] {path.stem} ...", end="", flush=True, file=sys.stderr)
        try:
            execute(path, output, job_params)
        except PapermillExecutionError as exc:
            print(f" failed\nerror: {path.name}: {exc.ename}: {exc.evalue}", file=sys.stderr)
            return 1
        print(f" {time.perf_counter() - started:.1f} s -> {_shown(output)}", file=sys.stderr)
    print(f"done: {len(jobs)} notebook(s) in {time.perf_counter() - total:.1f} s", file=sys.stderr)
    return 0


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(config.PROJECT_ROOT))
    except ValueError:
        return str(path)
