"""Atomic outputs (analysis/io.py): a run killed at any moment leaves the old file or the new one.

Decision on leftovers: an exception, SIGINT, or SIGTERM in the command line removes the temporary
file; SIGKILL cannot be caught, so it may leave one hidden `.<stem>.<pid>.<random>.tmp<suffix>`
beside the destination, which the next successful write to that destination removes (its writer
is dead). A temporary file of a live writer is never touched.
"""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.base.io import atomic_path, stale_temporaries, write_bytes, write_table, write_text

from conftest import PYTHON, PROJECT_ROOT, cli_env

OLD_ROWS = 3
NEW_ROWS = 1_500_000  # ~40 MB of CSV: writing takes long enough to be killed midway


def old_table(path: Path) -> str:
    write_table(pd.DataFrame({"a": range(OLD_ROWS), "b": ["old"] * OLD_ROWS}), path)
    return path.read_text(encoding="utf-8")


WRITER = textwrap.dedent(f"""
    import sys
    import numpy as np
    import pandas as pd
    from analysis.base.io import exit_on_sigterm, write_table
    if sys.argv[2] == "term":
        exit_on_sigterm()
    n = {NEW_ROWS}
    frame = pd.DataFrame({{"a": np.arange(n), "b": ["new"] * n, "c": np.linspace(0, 1, n)}})
    print("writing", flush=True)
    write_table(frame, sys.argv[1])
    print("done", flush=True)
""")


def start_writer(destination: Path, mode: str = "plain") -> subprocess.Popen:
    return subprocess.Popen([PYTHON, "-c", WRITER, str(destination), mode], cwd=PROJECT_ROOT,
                            env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def temporaries(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.name.startswith(".") and ".tmp" in p.name)


def wait_for_partial_temp(process: subprocess.Popen, directory: Path, timeout: float = 60) -> Path:
    """Block until the writer's temporary file exists and holds some bytes (so it is mid-write)."""
    assert process.stdout.readline().strip() == "writing"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        temps = temporaries(directory)
        if temps and temps[0].stat().st_size > 0:
            return temps[0]
        assert process.poll() is None, "the writer finished before it could be killed"
        time.sleep(0.005)
    raise AssertionError("no temporary file appeared")


def assert_complete_new(path: Path) -> None:
    frame = pd.read_csv(path)
    assert len(frame) == NEW_ROWS
    assert list(frame.columns) == ["a", "b", "c"]
    assert frame["a"].iloc[-1] == NEW_ROWS - 1 and frame["c"].iloc[-1] == 1


def test_sigkill_midway_leaves_the_old_file_then_next_run_cleans_up(tmp_path):
    destination = tmp_path / "table.csv"
    old = old_table(destination)
    process = start_writer(destination)
    temp = wait_for_partial_temp(process, tmp_path)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    # the destination is the old file, whole
    assert destination.read_text(encoding="utf-8") == old
    # the only other file is the killed writer's hidden temporary
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([temp.name, "table.csv"])
    assert temp.name.startswith(f".table.{process.pid}.") and temp.name.endswith(".tmp.csv")
    assert stale_temporaries(destination) == [temp]
    # a complete run replaces the file and removes the leftover
    process = start_writer(destination)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert_complete_new(destination)
    assert temporaries(tmp_path) == []


def test_sigterm_midway_with_handler_leaves_no_temporary(tmp_path):
    destination = tmp_path / "table.csv"
    old = old_table(destination)
    process = start_writer(destination, mode="term")
    wait_for_partial_temp(process, tmp_path)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM
    assert destination.read_text(encoding="utf-8") == old
    assert temporaries(tmp_path) == []


def test_kill_at_many_moments_never_corrupts(tmp_path):
    """Kill at staggered moments: the destination always parses as the old or the complete new file."""
    destination = tmp_path / "table.csv"
    old = old_table(destination)
    outcomes = set()
    for delay in (0.0, 0.2, 0.6):
        process = start_writer(destination)
        assert process.stdout.readline().strip() == "writing"
        time.sleep(delay)
        process.kill()
        process.wait(timeout=30)
        text = destination.read_text(encoding="utf-8")
        if text == old:
            outcomes.add("old")
        else:
            assert_complete_new(destination)
            outcomes.add("new")
    assert "old" in outcomes


def test_exception_midway_keeps_old_file_and_removes_temp(tmp_path):
    destination = tmp_path / "notes.txt"
    write_text(destination, "old\n")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_path(destination) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("boom")
    assert destination.read_text(encoding="utf-8") == "old\n"
    assert list(tmp_path.iterdir()) == [destination]


def test_temporary_keeps_the_suffix_and_lives_beside_the_destination(tmp_path):
    destination = tmp_path / "sub" / "figure.png"
    with atomic_path(destination) as tmp:
        assert tmp.parent == destination.parent  # same filesystem: the rename is atomic
        assert tmp.suffix == ".png" and tmp.name.startswith(f".figure.{os.getpid()}.")
        tmp.write_bytes(b"png")
    assert destination.read_bytes() == b"png"


def test_new_file_permissions_follow_umask_and_existing_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        write_text(fresh, "x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's 0600
        kept = tmp_path / "kept.txt"
        kept.write_text("y")
        kept.chmod(0o640)
        write_bytes(kept, b"z")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(umask)


def test_live_writers_temporaries_are_never_removed(tmp_path):
    destination = tmp_path / "t.csv"
    live = tmp_path / f".t.{os.getppid()}.abcdefgh.tmp.csv"  # our parent is alive
    live.write_text("in progress")
    write_table(pd.DataFrame({"a": [1]}), destination)
    assert live.exists()
    assert stale_temporaries(destination) == []


def test_write_table_formats(tmp_path):
    frame = pd.DataFrame({"article_id": ["b", "a"], "rate": [1 / 3, 2.0]})
    csv = write_table(frame, tmp_path / "t.csv")
    assert csv.read_text(encoding="utf-8") == "article_id,rate\nb,0.333333\na,2\n"
    parquet = write_table(frame, tmp_path / "t.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(parquet), frame)
    with pytest.raises(ValueError, match="unsupported table format .xlsx"):
        write_table(frame, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def test_cli_writes_atomically_and_refuses_bad_extension_first(tmp_path):
    from conftest import BUNDLED_CORPUS, metrics_pending, run_cli

    result = run_cli("profile", "--corpus", BUNDLED_CORPUS, "--out", tmp_path / "p.xlsx")
    assert result.returncode == 2 and "unsupported table format .xlsx" in result.stderr
    assert "Traceback" not in result.stderr
    if metrics_pending():
        pytest.skip(metrics_pending())
    out = tmp_path / "profile.csv"
    result = run_cli("profile", "--corpus", BUNDLED_CORPUS, "--out", out)
    assert result.returncode == 0, result.stderr
    assert len(pd.read_csv(out)) == 5
    assert temporaries(tmp_path) == []
