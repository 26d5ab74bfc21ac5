"""Atomic file writing: every file the suite writes goes to a temporary file, then is renamed.

A run killed at any moment leaves either the old file or the new one, never a half-written file:
the data goes to a hidden temporary file beside the destination (same directory, so the rename
is atomic on POSIX and Windows), is flushed to disk, and only then replaces the destination.

What a killed run leaves behind:
- an exception, Ctrl-C (SIGINT) or, in the command line, SIGTERM: nothing (the temporary file is
  removed on the way out);
- SIGKILL or a power cut: the destination is intact (old or new) and one hidden temporary file
  `.<stem>.<pid>.<random>.tmp<suffix>` may remain beside it. The next successful write to the
  same destination removes such leftovers whose process is gone (never one a live process owns).
"""
from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .lazy import pandas as pd


def _default_mode() -> int:
    """0o666 minus the process umask: the mode an ordinary `open(path, 'w')` would give."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists but not ours, or cannot tell: keep its file
    return True


def stale_temporaries(path: str | Path) -> list[Path]:
    """Temporary files of `path` left by writers that no longer run (e.g. killed with SIGKILL)."""
    path = Path(path)
    pattern = re.compile(rf"^\.{re.escape(path.stem)}\.(\d+)\.[^.]+\.tmp{re.escape(path.suffix)}$")
    stale = []
    if path.parent.is_dir():
        for candidate in sorted(path.parent.iterdir()):
            match = pattern.match(candidate.name)
            if match and not _pid_alive(int(match.group(1))):
                stale.append(candidate)
    return stale


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path` (same suffix); on success it replaces `path` atomically.

    Write the whole file to the yielded path. If the block raises, the temporary file is removed
    and `path` is untouched. The new file gets the old file's permissions, or the umask default.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.{os.getpid()}.", suffix=f".tmp{path.suffix}",
                               dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        try:
            yield tmp_path
            try:
                mode = stat.S_IMODE(path.stat().st_mode)
            except FileNotFoundError:
                mode = _default_mode()
            os.chmod(tmp_path, mode)  # mkstemp makes 0600; outputs are shared files
            _fsync(tmp_path)
            os.replace(tmp_path, path)
            _fsync_directory(path.parent)
        except OSError as exc:
            if exc.filename is None and exc.errno is not None:  # "No space left on device": where?
                raise OSError(exc.errno, exc.strerror or os.strerror(exc.errno), str(path)) from exc
            raise
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
    for leftover in stale_temporaries(path):
        try:
            leftover.unlink()
        except OSError:
            pass


def _fsync(path: Path) -> None:
    """Flush a file's data to disk, so the rename never publishes an empty file after a crash."""
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 text atomically (LF line endings)."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write bytes atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


TABLE_SUFFIXES = (".csv", ".parquet")


def check_table_path(path: str | Path) -> Path:
    """`path` as a Path if its extension names a table format (.csv, .parquet), else ValueError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise ValueError(f"{path}: unsupported table format {suffix or '(none)'}; use .csv or .parquet")
    return path


#: First characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _neutralised(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` for CSV output: a text cell starting with =, +, -, @, tab or CR gets a leading `'`,
    so a spreadsheet shows it as text instead of running it as a formula (OWASP's rule). Only
    text cells change: numbers (-0.5 in a numeric column) stay numbers. Parquet is written as is."""
    changed = {}
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            mapped = column.map(_neutralised)
            if not mapped.equals(column):
                changed[name] = mapped
    if not changed:
        return frame
    frame = frame.copy()
    for name, column in changed.items():
        frame[name] = column
    return frame


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as CSV (text cells neutralised, see `csv_safe`) or Parquet, by the extension, atomically."""
    path = check_table_path(path)
    with atomic_path(path) as tmp:
        if path.suffix.lower() == ".csv":
            csv_safe(frame).to_csv(tmp, index=False, lineterminator="\n", float_format="%.6g")
        else:
            frame.to_parquet(tmp, index=False)
    return path


def exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit(143) so `finally` blocks (temporary-file cleanup) run.

    Call once from a command-line entry point, in the main thread; a no-op elsewhere.
    """
    def _handler(signum, frame):  # noqa: ARG001
        raise SystemExit(128 + signum)

    try:
        signal.signal(signal.SIGTERM, _handler)
    except (ValueError, AttributeError, OSError):  # not the main thread, or no SIGTERM
        pass


class OutputLocked(OSError):
    """Another run is writing the same output."""


@contextmanager
def output_lock(path: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock on `path` (an output) for the block: a second run on the same output
    gets `OutputLocked` at once, naming the output, instead of racing the first one for its files.

    The lock is `flock` on a hidden `.<name>.lock` beside `path`, so it ends with the process, even
    a killed one (the file may stay; an unlocked one is simply reused). No lock where `fcntl` is
    missing (Windows).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield Path(path)
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(f".{path.name}.lock")
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLocked(f"{path}: another run is writing this output now (lock {lock}); wait for "
                               "it to finish or choose another --out") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino  # not a lock file removed meanwhile
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield lock
    finally:
        try:
            lock.unlink()
        except OSError:
            pass
        os.close(fd)
