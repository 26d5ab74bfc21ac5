"""Command line: `python -m analysis {check,profile,quotes,figures,report,bench}` (alias: `framing`)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config
from .corpus import CorpusError, validate_corpus


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
    from .corpus import load_corpus

    return load_corpus(args.corpus, skip_invalid=args.skip_invalid)


def _report_skipped(corpus) -> None:
    for problem in corpus.skipped:
        print(f"skipped: {problem}", file=sys.stderr)


def _emit(frame, out: str | None) -> None:
    from .io import write_table

    if out:
        write_table(frame, out)
        print(f"wrote {len(frame)} row(s) to {out}", file=sys.stderr)
    else:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")


def cmd_profile(args: argparse.Namespace) -> int:
    from .profile import profile

    corpus = _load(args)
    _report_skipped(corpus)
    _emit(profile(corpus), args.out)
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from .quotes import quotes_table

    corpus = _load(args)
    _report_skipped(corpus)
    _emit(quotes_table(corpus), args.out)
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    from .notebooks import run_figures

    return run_figures(notebook=args.notebook, parameters=args.parameter or [], out_dir=args.out_dir)


def cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report

    path = build_report(out_dir=Path(args.out_dir) if args.out_dir else None)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    return run_bench(articles=args.articles)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate a corpus directory")
    check.add_argument("corpus", nargs="?", default=None, help="corpus directory (default: the bundled corpus)")
    check.set_defaults(func=cmd_check)

    for name, func, what in (("profile", cmd_profile, "one row per article"), ("quotes", cmd_quotes, "one row per quote")):
        table = sub.add_parser(name, help=f"write the {name} table ({what})")
        table.add_argument("--corpus", default=None, help="corpus directory (default: the bundled corpus)")
        table.add_argument("--out", default=None, help="output file, .csv or .parquet (default: CSV to stdout)")
        table.add_argument("--skip-invalid", action="store_true", help="skip invalid articles and list them")
        table.set_defaults(func=func)

    figures = sub.add_parser("figures", help="execute the notebooks headlessly and rewrite figures/")
    figures.add_argument("--notebook", default=None, help="run one notebook (e.g. 05_compare) into reports/")
    figures.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                         help="notebook parameter (with --notebook); VALUE is parsed as YAML")
    figures.add_argument("--out-dir", default=None, help="where --notebook writes (default: reports/)")
    figures.set_defaults(func=cmd_figures)

    report = sub.add_parser("report", help="write reports/index.html from the notebooks")
    report.add_argument("--out-dir", default=None)
    report.set_defaults(func=cmd_report)

    bench = sub.add_parser("bench", help="benchmark the profile against VADER alone")
    bench.add_argument("--articles", type=int, default=1000)
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CorpusError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"error: {len(exc.problems)} problem(s); nothing written", file=sys.stderr)
        return 1
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
