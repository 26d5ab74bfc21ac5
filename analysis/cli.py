"""Command line: `python -m analysis {check,profile,quotes,import,figures,report,columns,bench}` (alias: `framing`).

The top layer. Each command imports the layers it needs when it runs (all of them lower layers),
so that `check` starts without loading the metrics, the notebook runner or Dask.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .base import config
from .base.io import check_table_path, exit_on_sigterm
from .corpus import CorpusError, is_table_file, load_corpus, validate_corpus


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a corpus: one line per problem as `path:line: message`; exit 1 if any."""
    articles, problems, _, _ = validate_corpus(args.corpus)
    for problem in problems:
        print(problem)
    target = args.corpus or config.CORPUS_DIR
    if problems:
        print(f"{len(problems)} problem(s) in {target}; {len(articles)} valid article(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(articles)} article(s) in {target}", file=sys.stderr)
    return 0


def _load(args: argparse.Namespace):
    return load_corpus(args.corpus, skip_invalid=args.skip_invalid)


def _report_skipped(corpus) -> None:
    for problem in corpus.skipped:
        print(f"skipped: {problem}", file=sys.stderr)


def _emit(frame, out: str | None) -> None:
    from .base.io import csv_safe, write_table

    if out:
        write_table(frame, out)
        print(f"wrote {len(frame)} row(s) to {out}", file=sys.stderr)
    else:
        csv_safe(frame).to_csv(sys.stdout, index=False, lineterminator="\n")


def _wants_runner(args: argparse.Namespace) -> bool:
    """The chunked runner (analysis.run) serves --jobs, --engine dask and a table file written to --out."""
    return args.jobs is not None or args.engine != "local" or bool(args.out and is_table_file(args.corpus))


def _run_chunked(args: argparse.Namespace, func) -> int:
    """Stream the corpus through `func` in chunks (parallel, resumable) into --out."""
    from .run.runner import run_table

    if not args.out:
        raise ValueError("--jobs and --engine write chunk by chunk: give --out FILE.csv or FILE.parquet")
    if args.scheduler and args.engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    options = {"chunk_size": args.chunk_size} if args.chunk_size else {}
    result = run_table(args.corpus or config.CORPUS_DIR, args.out, func, jobs=args.jobs or 1,
                       resume=args.resume, skip_invalid=args.skip_invalid, progress=args.progress,
                       engine=args.engine, scheduler=args.scheduler, **options)
    for problem in result.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    rate = result.articles / result.seconds if result.seconds else float("nan")
    print(f"wrote {result.rows} row(s) to {args.out}: {result.articles} article(s), "
          f"{result.computed_chunks} chunk(s) computed, {result.reused_chunks} reused from an earlier run, "
          f"{result.seconds:.1f} s ({rate:.0f} articles/s overall)", file=sys.stderr)
    return 0


def _table_command(args: argparse.Namespace, per_article, whole_corpus) -> int:
    """`profile` and `quotes`: the chunked runner for large or parallel runs, else the whole table."""
    if _wants_runner(args):
        return _run_chunked(args, per_article)
    corpus = _load(args)
    _report_skipped(corpus)
    _emit(whole_corpus(corpus), args.out)
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    from .profiling import profile, profile_article

    return _table_command(args, profile_article, profile)


def cmd_quotes(args: argparse.Namespace) -> int:
    from .quotes import quotes_table
    from .run.runner import quote_rows

    return _table_command(args, quote_rows, quotes_table)


def cmd_figures(args: argparse.Namespace) -> int:
    from .present.notebooks import run_figures

    return run_figures(notebook=args.notebook, parameters=args.parameter or [], out_dir=args.out_dir)


def cmd_report(args: argparse.Namespace) -> int:
    from .present.report import build_report

    path = build_report(out_dir=Path(args.out_dir) if args.out_dir else None)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Saved pages and text files into the corpus: one line per file; exit 0 if every article is
    complete, 1 when a file was not imported or an article still lacks a required field."""
    from .corpus.pageimport import import_pages

    corpus_dir = args.corpus or config.CORPUS_DIR
    results = import_pages(args.paths, corpus_dir, outlet=args.outlet, event=args.event,
                           force=args.force, date=args.date)
    for result in results:
        print(result, file=sys.stdout if result.problem is None else sys.stderr)
    done = sum(r.problem is None for r in results)
    print(f"imported {done} of {len(results)} file(s) into {corpus_dir}", file=sys.stderr)
    return 0 if results and all(r.ok for r in results) else 1


def cmd_columns(args: argparse.Namespace) -> int:
    """Print the codebook of profile columns (or rewrite the README's table from it)."""
    from .base.io import write_text
    from .profiling import codebook

    if args.write_readme:
        readme = config.PROJECT_ROOT / "README.md"
        write_text(readme, codebook.readme_section(readme.read_text(encoding="utf-8")))
        print(f"wrote the codebook table into {readme}", file=sys.stderr)
        return 0
    if args.corpus:
        from .profiling import profile

        columns = list(profile(_load(args)).columns)
        table = codebook.codebook_frame(columns)
        missing = codebook.missing_columns(columns)
        if args.format == "csv":
            table.to_csv(sys.stdout, index=False, lineterminator="\n")
        else:
            for row in table.itertuples():
                print(f"{row.column}  [{row.unit or '?'}; {row.voice or '?'}]  {row.definition or 'NOT IN THE CODEBOOK'}")
        if missing:
            print(f"{len(missing)} column(s) not in the codebook: {', '.join(missing)}", file=sys.stderr)
            return 1
        return 0
    if args.format == "markdown":
        print(codebook.markdown_table())
    elif args.format == "csv":
        codebook.codebook_frame().to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        print(codebook.text_listing())
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .run.bench import run_bench

    if args.quick:
        return run_bench(articles=args.articles or 100, memory_sizes=(200, 2000), jobs=args.jobs)
    return run_bench(articles=args.articles or 1000, jobs=args.jobs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate a corpus directory")
    check.add_argument("corpus", nargs="?", default=None, help="corpus directory (default: the bundled corpus)")
    check.set_defaults(func=cmd_check)

    for name, func, what in (("profile", cmd_profile, "one row per article"), ("quotes", cmd_quotes, "one row per quote")):
        table = sub.add_parser(name, help=f"write the {name} table ({what})")
        table.add_argument("--corpus", default=None,
                           help="corpus directory, or a .jsonl/.csv/.parquet file with one article per row "
                                "(default: the bundled corpus)")
        table.add_argument("--out", default=None, help="output file, .csv or .parquet (default: CSV to stdout)")
        table.add_argument("--skip-invalid", action="store_true", help="skip invalid articles and list them")
        table.add_argument("--jobs", type=int, default=None, metavar="N",
                           help="processes (chunked, resumable run into --out; rows keep input order)")
        table.add_argument("--engine", choices=("local", "dask"), default="local",
                           help="local processes, or a Dask cluster over Parquet partitions")
        table.add_argument("--scheduler", default=None, metavar="ADDRESS",
                           help="Dask scheduler address (tcp://host:8786); default: a local cluster of --jobs workers")
        table.add_argument("--chunk-size", type=int, default=None, metavar="ROWS",
                           help="input rows per chunk / part file (default 500)")
        table.add_argument("--resume", action=argparse.BooleanOptionalAction, default=True,
                           help="reuse the finished chunks of an interrupted run with the same output (default: yes)")
        table.add_argument("--progress", action=argparse.BooleanOptionalAction, default=True,
                           help="progress bar on stderr (default: yes)")
        table.set_defaults(func=func)

    page_import = sub.add_parser("import", help="import saved HTML pages and text files into a corpus")
    page_import.add_argument("paths", nargs="+", metavar="PATH",
                             help="saved HTML pages (.html, .htm), UTF-8 text files (.txt) or folders of them")
    page_import.add_argument("--corpus", default=None,
                             help="corpus directory to import into (default: the bundled corpus)")
    page_import.add_argument("--outlet", default=None, help="the outlet's name (default: the page's site name)")
    page_import.add_argument("--event", default=None,
                             help="event id from the corpus's events.yaml (required when it has one)")
    page_import.add_argument("--date", default=None, metavar="YYYY[-MM[-DD]]",
                             help="publication date for every PATH (default: the page's own date)")
    page_import.add_argument("--force", action="store_true", help="replace an existing article of the same id")
    page_import.set_defaults(func=cmd_import)

    figures = sub.add_parser("figures", help="execute the notebooks headlessly and rewrite figures/")
    figures.add_argument("--notebook", default=None, help="run one notebook (e.g. 05_compare) into reports/")
    figures.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                         help="notebook parameter (with --notebook); VALUE is parsed as YAML")
    figures.add_argument("--out-dir", default=None, help="where --notebook writes (default: reports/)")
    figures.set_defaults(func=cmd_figures)

    report = sub.add_parser("report", help="write reports/index.html from the notebooks")
    report.add_argument("--out-dir", default=None)
    report.set_defaults(func=cmd_report)

    columns = sub.add_parser("columns", help="print the codebook of profile columns")
    columns.add_argument("--format", choices=("text", "markdown", "csv"), default="text")
    columns.add_argument("--corpus", default=None,
                         help="list the columns the profile of this corpus has, each with its entry")
    columns.add_argument("--skip-invalid", action="store_true", help=argparse.SUPPRESS)
    columns.add_argument("--write-readme", action="store_true",
                         help="rewrite the codebook table of README.md from analysis/data/codebook.yaml")
    columns.set_defaults(func=cmd_columns)

    bench = sub.add_parser("bench", help="benchmark the profile against VADER alone")
    bench.add_argument("--articles", type=int, default=None,
                       help="articles for the timings (default 1000; --quick: 100)")
    bench.add_argument("--quick", action="store_true",
                       help="small sizes for CI (memory at 200 and 2,000 articles instead of 1,000 and 20,000)")
    bench.add_argument("--jobs", type=int, default=2, help="processes for the parallel timing (default 2)")
    bench.set_defaults(func=cmd_bench)
    return parser


#: Set to 1 to let unexpected errors show their traceback (for developers).
TRACEBACK_ENV = "ANALYSIS_TRACEBACK"


def main(argv: list[str] | None = None) -> int:
    """Run one command; errors become one-line messages and an exit status, never a traceback.

    Exit status: 0 ok, 1 invalid corpus (every problem listed, nothing written), 2 bad argument or
    unreadable/unwritable file, 3 unexpected internal error, 130 interrupted.
    """
    args = build_parser().parse_args(argv)
    exit_on_sigterm()  # a terminated run removes its temporary files like an interrupted one
    try:
        if getattr(args, "out", None):
            check_table_path(args.out)  # refuse a bad --out before any work
        return args.func(args)
    except CorpusError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"error: {len(exc.problems)} problem(s); nothing written", file=sys.stderr)
        return 1
    except (ValueError, OSError) as exc:
        if isinstance(exc, BrokenPipeError):  # `... | head`: the reader left; not an error
            _silence_stdout()
            return 0
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        if os.environ.get(TRACEBACK_ENV) == "1":
            raise
        print(f"error: internal error {type(exc).__name__}: {exc} "
              f"(a bug; set {TRACEBACK_ENV}=1 to see the traceback)", file=sys.stderr)
        return 3


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
