"""Loaded by Python at start-up when this directory is on PYTHONPATH (CLI subprocesses in tests)."""
import os

if os.environ.get("ANALYSIS_BLOCK_NETWORK") == "1":
    import no_network

    no_network.install()
