"""Block every non-loopback network connection in this Python process (tests only).

`install()` patches `socket.socket.connect`, `connect_ex`, `sendto` and `socket.getaddrinfo` so
that any address other than loopback (127.0.0.0/8, ::1, 'localhost') or a Unix socket raises
`NetworkBlocked`. Loopback stays open because Jupyter kernels talk over 127.0.0.1. The test
session installs it from conftest.py; CLI subprocesses get it through `sitecustomize.py` in this
directory when `ANALYSIS_BLOCK_NETWORK=1` and this directory is on PYTHONPATH.
"""
from __future__ import annotations

import ipaddress
import socket

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})

_original: dict[str, object] = {}


class NetworkBlocked(OSError):
    """Raised instead of opening a non-loopback connection."""


def is_loopback(host: object) -> bool:
    """True for loopback IP addresses and names (and None/'' meaning the local host)."""
    if host in (None, "", b""):
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%", 1)[0]  # drop an IPv6 zone id
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check(sock: socket.socket, address: object) -> None:
    if getattr(sock, "family", None) == getattr(socket, "AF_UNIX", object()):
        return
    host = address[0] if isinstance(address, tuple) and address else address
    if not is_loopback(host):
        raise NetworkBlocked(f"network access blocked in tests: {address!r}")


def _connect(self, address):
    _check(self, address)
    return _original["connect"](self, address)


def _connect_ex(self, address):
    _check(self, address)
    return _original["connect_ex"](self, address)


def _sendto(self, data, *args):
    _check(self, args[-1])
    return _original["sendto"](self, data, *args)


def _getaddrinfo(host, *args, **kwargs):
    if not is_loopback(host):
        raise NetworkBlocked(f"name lookup blocked in tests: {host!r}")
    return _original["getaddrinfo"](host, *args, **kwargs)


def install() -> None:
    """Patch the socket module (idempotent)."""
    if _original:
        return
    _original.update(connect=socket.socket.connect, connect_ex=socket.socket.connect_ex,
                     sendto=socket.socket.sendto, getaddrinfo=socket.getaddrinfo)
    socket.socket.connect = _connect
    socket.socket.connect_ex = _connect_ex
    socket.socket.sendto = _sendto
    socket.getaddrinfo = _getaddrinfo


def uninstall() -> None:
    """Undo `install()`."""
    if not _original:
        return
    socket.socket.connect = _original["connect"]
    socket.socket.connect_ex = _original["connect_ex"]
    socket.socket.sendto = _original["sendto"]
    socket.getaddrinfo = _original["getaddrinfo"]
    _original.clear()


def installed() -> bool:
    return bool(_original)
