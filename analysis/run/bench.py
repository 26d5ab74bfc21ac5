"""Benchmark: the full profile against VADER's own per-sentence cost, parallel speedup, memory.

`python -m analysis bench [--articles N] [--quick]` (and `make bench`) prints, in one run:

1. ms per article of four things over the same N articles, in the same process, CPU time
   (`time.process_time`, so other programs on the machine do not skew the ratios; wall time is
   printed beside), each the best of three alternating rounds:
   - stock VADER: `vaderSentiment`'s `SentimentIntensityAnalyzer.polarity_scores` on each
     non-heading sentence (sentences segmented beforehand and not timed), the issue's yardstick;
   - the package's exact scorer (`analysis.metrics.vader.polarity_scores`) on the same sentences;
   - the full profile (`profile_article`: text layer, voice, quotes, every metric, readability);
   - directory load + profile: `load_corpus` of the same articles written as a corpus directory
     (`articles/<id>.md` with front matter, every validation rule), then `profile_article` on each.
   and the ratios full / stock, full / exact and (load + profile) / stock.
   Then the start-up of `python -m analysis check` on the bundled corpus: CPU time (user + system)
   of a fresh interpreter, best of three, wall time beside.
2. Articles per second through the chunked runner (`analysis.run.runner.run_table`, JSONL in, Parquet
   out, validation and combine included) with 1 and with `jobs` processes, and the speedup (wall;
   the best of two alternating runs each).
3. Peak memory of a streaming `run_table(..., jobs)` at each of `memory_sizes` articles, each in a
   fresh interpreter: peak RSS (`resource.getrusage` ru_maxrss) of the main process and of the
   largest worker process, in MiB. Streaming keeps it flat as N grows.

The corpus of N articles is built from the bundled ones with a seeded RNG: each synthetic article
takes a bundled article's paragraphs, replaces about a third of them with paragraphs of other
articles, shuffles their order and rotates the sentences of some paragraphs, and gets its own
id, outlet, date and title; so articles differ from each other and no per-article cache can help.
Their sentences do recur (200 articles hold 11,190 actor mentions but only 318 distinct
(sentence, mention) pairs), so a cache of sentence scores across articles would flatter this
benchmark: the package keeps none.
"""
from __future__ import annotations

import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator, TextIO

import yaml

from ..base import config
from ..base.io import atomic_path
from ..corpus import Article, iter_articles, load_corpus
from ..corpus.tables import DEFAULT_CHUNK_SIZE
from ..metrics.vader import polarity_scores
from ..profiling import profile_article
from ..text import Doc
from .parts import ArticleFunc
from .runner import run_table

#: Seed of the synthetic corpus (fixed: the same N gives the same bytes).
BENCH_SEED = 20260105
#: Targets (issue 15): full profile / stock VADER, directory load + profile / stock VADER, CPU
#: seconds of `python -m analysis check` on the bundled corpus; (issue 5) speedup of 2 jobs.
MAX_RATIO = 1.5
MAX_LOAD_RATIO = 2.5
MAX_CHECK_SECONDS = 1.0
MIN_SPEEDUP = 1.7
#: Peak RSS may differ by this much between the smallest and largest size and still be "flat".
FLAT_TOLERANCE_MIB = 16.0
DEFAULT_MEMORY_SIZES = (1000, 20000)


# ---------------------------------------------------------------- synthetic corpus
def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p.strip()]


def _rotate_sentences(paragraph: str, rng: random.Random) -> str:
    """The paragraph's sentences (the project's segmenter) rotated by a random step; headings kept."""
    if paragraph.lstrip().startswith(("#", "-")):
        return paragraph
    doc = Doc.from_text(paragraph)
    spans = [(s.start, s.end) for s in doc.sentences]
    if len(spans) < 2:
        return paragraph
    step = rng.randrange(1, len(spans))
    pieces = [paragraph[a:b] for a, b in spans]
    return " ".join(pieces[step:] + pieces[:step])


def synthetic_articles(count: int, seed: int = BENCH_SEED, source: list[Article] | None = None) -> Iterator[dict]:
    """`count` varied article rows (table format: id, outlet, date, title, event, text), streamed."""
    source = source or load_corpus().articles
    rng = random.Random(seed)
    pools = [_paragraphs(a.body) for a in source]
    titles = [a.title for a in source if a.title]
    for i in range(count):
        template = source[i % len(source)]
        own = pools[i % len(source)]
        paragraphs = []
        for paragraph in own:
            if rng.random() < 0.33:
                other = pools[rng.randrange(len(pools))]
                paragraph = other[rng.randrange(len(other))]
            if rng.random() < 0.5:
                paragraph = _rotate_sentences(paragraph, rng)
            paragraphs.append(paragraph)
        head, rest = paragraphs[:1], paragraphs[1:]
        rng.shuffle(rest)
        keep = max(1, round(len(rest) * rng.uniform(0.7, 1.0)))
        outlet = template.outlet if rng.random() < 0.5 else f"Outlet {rng.randrange(50):02d}"
        day = 1 + rng.randrange(28)
        yield {"id": f"bench-{i:07d}", "outlet": outlet, "date": f"2026-0{1 + rng.randrange(6)}-{day:02d}",
               "title": rng.choice(titles) if rng.random() < 0.9 else None, "event": template.event,
               "text": "\n\n".join(head + rest[:keep])}


def write_synthetic_corpus(path: str | Path, count: int, seed: int = BENCH_SEED,
                           source: list[Article] | None = None) -> Path:
    """Write `count` synthetic articles as JSONL (one per line), streaming; returns the path.

    `source`: the articles to vary (default: the bundled corpus)."""
    path = Path(path)
    source = source or load_corpus().articles
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as handle:
        for row in synthetic_articles(count, seed, source):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def write_synthetic_directory(path: str | Path, rows: list[dict], corpus_dir: str | Path | None = None) -> Path:
    """Write article rows as a corpus directory (`articles/<id>.md`, and `events.yaml` of
    `corpus_dir`, default the bundled corpus)."""
    root = Path(path)
    articles = root / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    events = Path(corpus_dir) / "events.yaml" if corpus_dir else config.CORPUS_DIR / "events.yaml"
    (root / "events.yaml").write_bytes(events.read_bytes())
    for row in rows:
        front = {"id": row["id"], "outlet": row["outlet"], "title": row["title"], "date": row["date"],
                 "event": row["event"], "language": "en"}
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + row["text"] + "\n"
        (articles / f"{row['id']}.md").write_text(text, encoding="utf-8", newline="\n")
    return root


# ---------------------------------------------------------------- measurements
def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) spent in fn()."""
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def time_vader_and_profile(articles: list[Article], func: ArticleFunc, rounds: int = 3,
                           directory: Path | None = None) -> dict[str, float]:
    """ms per article (CPU and wall) of stock VADER, the exact scorer, `func`, and directory load + `func`.

    The four are timed in turn, `rounds` times, and each keeps its best round (as `timeit` does):
    on this shared 2-core machine one round of VADER alone was seen to vary by a quarter from one
    run to the next while the full profile varied by a few percent, and a ratio is only as good
    as its denominator. `func` builds every Doc afresh, so no round profits from an earlier one.
    `directory` (the same articles as a corpus directory) adds the `load_ms` figures.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    sentences = [[s.text for s in Doc.from_article(a).text_sentences] for a in articles]
    for article in articles[:3]:  # warm up: lexicons, gazetteer, syllables load once per process
        func(article)
    polarity_scores("warm up")

    def stock() -> None:
        for texts in sentences:
            for text in texts:
                vader.polarity_scores(text)

    def exact() -> None:
        for texts in sentences:
            for text in texts:
                polarity_scores(text)

    def full() -> None:
        for article in articles:
            func(article)

    def load_and_full() -> None:
        for article in load_corpus(directory).articles:
            func(article)

    timed = {"vader": stock, "exact": exact, "full": full}
    if directory is not None:
        timed["load"] = load_and_full
    best: dict[str, list[tuple[float, float]]] = {name: [] for name in timed}
    for _ in range(max(1, rounds)):
        for name, fn in timed.items():
            best[name].append(_timed(fn))
    n = len(articles)
    result = {"sentences": sum(map(len, sentences)) / n}
    for name, runs in best.items():
        cpu, wall = min(runs)
        result[f"{name}_ms"], result[f"{name}_wall_ms"] = 1e3 * cpu / n, 1e3 * wall / n
    return result


def check_startup(rounds: int = 3, corpus: str | Path | None = None) -> dict[str, float]:
    """Seconds of `python -m analysis check` on a corpus (None: the bundled one) in a fresh
    interpreter: best CPU (user + system of the child) and best wall of `rounds` runs."""
    target = str(corpus or config.CORPUS_DIR)
    cpus, walls = [], []
    for _ in range(max(1, rounds)):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analysis", "check", target], capture_output=True, check=True)
        walls.append(time.perf_counter() - wall)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"cpu_s": min(cpus), "wall_s": min(walls)}


def runner_rate(path: Path, jobs: int, func: ArticleFunc, chunk_size: int, workdir: Path) -> float:
    """Articles per second (wall) of a full chunked run with `jobs` processes."""
    out = workdir / f"rate-{jobs}.parquet"
    result = run_table(path, out, func, jobs=jobs, chunk_size=chunk_size, resume=False, progress=False)
    out.unlink()
    return result.articles / result.seconds


def _function_path(func: ArticleFunc) -> str:
    return f"{func.__module__}:{func.__qualname__}"


def peak_memory(path: Path, jobs: int, func: ArticleFunc, chunk_size: int, workdir: Path) -> dict[str, float]:
    """Peak RSS in MiB (main, largest worker) of a streaming run, measured in a fresh interpreter."""
    out = workdir / "memory.parquet"
    completed = subprocess.run(
        [sys.executable, "-m", "analysis.run.bench", "--memory-probe", str(path), str(out), str(jobs),
         str(chunk_size), _function_path(func)],
        capture_output=True, text=True, check=True, cwd=workdir,
    )
    out.unlink(missing_ok=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _memory_probe(path: str, out: str, jobs: int, chunk_size: int, function: str) -> dict[str, float]:
    """In a fresh interpreter: run, then report ru_maxrss (KiB on Linux) of self and of children."""
    import importlib

    module, _, name = function.partition(":")
    func = getattr(importlib.import_module(module), name)
    started = time.perf_counter()
    result = run_table(path, out, func, jobs=jobs, chunk_size=chunk_size, resume=False, progress=False)
    per_mib = 2**20 if sys.platform == "darwin" else 2**10  # ru_maxrss: bytes on macOS, KiB on Linux
    return {"main_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / per_mib,
            "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / per_mib,
            "articles": result.articles, "seconds": time.perf_counter() - started}


def machine() -> str:
    """One line describing the machine: CPU model, cores, memory, OS, Python."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{model}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def _load() -> str:
    try:
        return "load average %.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        return "load average n/a"


def _default_func() -> ArticleFunc:
    return profile_article


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _say_timings(timing: dict[str, float], say: Callable[[str], None]) -> None:
    """Print the per-article CPU times and the ratios against stock and exact VADER."""
    def ms(name: str) -> str:
        return f"{timing[name + '_ms']:.2f} ms/article CPU ({timing[name + '_wall_ms']:.2f} wall)"

    say(f"stock VADER (vaderSentiment polarity_scores, {timing['sentences']:.1f} sentences/article, "
        f"best of 3): {ms('vader')}")
    say(f"exact VADER (analysis.metrics.vader, same sentences, best of 3): {ms('exact')}")
    say(f"full profile (profile_article, best of 3): {ms('full')}")
    say(f"directory load + profile (load_corpus, then profile_article, best of 3): {ms('load')}")
    ratio = timing["full_ms"] / timing["vader_ms"]
    load_ratio = timing["load_ms"] / timing["vader_ms"]
    say(f"ratio full / stock VADER: {ratio:.2f}  [target <= {MAX_RATIO:g}: {_verdict(ratio <= MAX_RATIO)}]")
    say(f"ratio full / exact VADER: {timing['full_ms'] / timing['exact_ms']:.2f}")
    say(f"ratio (load + profile) / stock VADER: {load_ratio:.2f}  "
        f"[target <= {MAX_LOAD_RATIO:g}: {_verdict(load_ratio <= MAX_LOAD_RATIO)}]")


def _say_speedup(corpus: Path, jobs: int, func: ArticleFunc, rate_chunk: int, work: Path,
                 say: Callable[[str], None]) -> None:
    """Print the runner's articles per second with 1 and with `jobs` processes, and the speedup.

    `rate_chunk` gives at least 8 chunks per process, so the parallel run can balance its load.
    Best of two alternating runs each: on a 2-core machine one run was seen to vary by a fifth
    from the next, and the speedup divides two such numbers.
    """
    rates_1, rates_n = [], []
    for _ in range(2):
        rates_1.append(runner_rate(corpus, 1, func, rate_chunk, work))
        rates_n.append(runner_rate(corpus, jobs, func, rate_chunk, work))
    rate_1, rate_n = max(rates_1), max(rates_n)
    speedup = rate_n / rate_1
    say(f"runner, 1 job: {rate_1:.0f} articles/s; {jobs} jobs: {rate_n:.0f} articles/s; "
        f"speedup {speedup:.2f} (chunks of {rate_chunk}, best of 2 runs each)  "
        f"[target >= {MIN_SPEEDUP:g}: {_verdict(speedup >= MIN_SPEEDUP)}]")


def _say_memory(sizes: tuple[int, ...], source: list, jobs: int, func: ArticleFunc, chunk_size: int,
                work: Path, say: Callable[[str], None]) -> None:
    """Print the peak RSS of a streaming run of each size, and the growth from the first to the last."""
    peaks = []
    for size in sizes:
        path = write_synthetic_corpus(work / f"memory-{size}.jsonl", size, source=source)
        peak = peak_memory(path, jobs, func, chunk_size, work)
        path.unlink()
        peaks.append(peak)
        say(f"peak RSS, streaming run of {size} articles, {jobs} jobs, chunks of {chunk_size} (getrusage ru_maxrss): "
            f"main {peak['main_mib']:.0f} MiB, largest worker {peak['worker_mib']:.0f} MiB "
            f"({peak['articles'] / peak['seconds']:.0f} articles/s)")
    if len(peaks) >= 2:
        growth = max(peaks[-1]["main_mib"] - peaks[0]["main_mib"],
                     peaks[-1]["worker_mib"] - peaks[0]["worker_mib"])
        say(f"memory growth {sizes[0]} -> {sizes[-1]} articles: {growth:+.1f} MiB  "
            f"[target flat (<= {FLAT_TOLERANCE_MIB:g} MiB): {_verdict(growth <= FLAT_TOLERANCE_MIB)}]")


def run_bench(articles: int = 1000, memory_sizes: tuple[int, ...] = DEFAULT_MEMORY_SIZES, jobs: int = 2,
              chunk_size: int = DEFAULT_CHUNK_SIZE, func: ArticleFunc | None = None,
              out: TextIO | None = None, workdir: str | Path | None = None,
              corpus_dir: str | Path | None = None) -> int:
    """Run every measurement and print the report (see the module docstring); returns 0.

    `corpus_dir`: the corpus whose articles the synthetic ones vary (default: the bundled one).

    Targets are printed as ok/MISSED: full / stock VADER <= 1.5, (load + profile) / stock VADER
    <= 2.5, `check` start-up under 1 s CPU (issue 15), speedup with `jobs` >= 1.7, peak RSS flat (within FLAT_TOLERANCE_MIB) from the smallest to the largest memory size.
    """
    out = out or sys.stdout
    func = func or _default_func()
    say = lambda text="": print(text, file=out, flush=True)  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="bench-", dir=workdir) as tmp:
        work = Path(tmp)
        say(f"machine: {machine()}")
        say(f"start: {_load()}")
        source = load_corpus(corpus_dir).articles
        corpus = write_synthetic_corpus(work / f"bench-{articles}.jsonl", articles, source=source)
        loaded = list(iter_articles(corpus))
        words = sum(len(a.body.split()) for a in loaded) / len(loaded)
        say(f"corpus: {articles} synthetic articles from the bundled ones (seed {BENCH_SEED}), "
            f"{words:.0f} words per article on average")

        directory = write_synthetic_directory(work / "directory", list(synthetic_articles(articles, source=source)),
                                              corpus_dir)
        timing = time_vader_and_profile(loaded, func, directory=directory)
        shutil.rmtree(directory)
        _say_timings(timing, say)
        startup = check_startup()
        say(f"start-up of `python -m analysis check` on the bundled corpus (fresh interpreter, best of 3): "
            f"{startup['cpu_s']:.2f} s CPU ({startup['wall_s']:.2f} s wall)  "
            f"[target < {MAX_CHECK_SECONDS:g} s: {_verdict(startup['cpu_s'] < MAX_CHECK_SECONDS)}]")
        say(f"after timings: {_load()}")
        _say_speedup(corpus, jobs, func, max(5, min(chunk_size, articles // (8 * jobs))), work, say)
        corpus.unlink()
        _say_memory(memory_sizes, source, jobs, func, chunk_size, work, say)
        say(f"end: {_load()}")
    return 0


if __name__ == "__main__":  # the memory probe's entry point (run in a fresh interpreter)
    if len(sys.argv) == 7 and sys.argv[1] == "--memory-probe":
        _, _, in_path, out_path, n_jobs, size, function = sys.argv
        print(json.dumps(_memory_probe(in_path, out_path, int(n_jobs), int(size), function)))
    else:
        sys.exit("usage: python -m analysis bench [--articles N] [--quick]")
