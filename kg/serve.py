"""Serve a built store as a read-only SPARQL 1.1 Protocol endpoint, with Oxigraph's own server.

``kg serve`` runs ``oxigraph serve-read-only`` (the ``oxigraph`` package, the same
0.5 series as pyoxigraph, so both read the same RocksDB store) on the build's
``store/`` folder, with the union of the article graphs as the default graph
(as ``kg query`` sees it) and a per-query timeout (``--timeout-s``). Updates and
Graph Store writes are refused by the server with HTTP 403.

What Oxigraph 0.5's server does and does not do (checked with 0.5.13):

* ``--timeout-s`` cancels a running query, but results are streamed, so a
  query cancelled after its first bytes are sent ends with HTTP 200 and the
  text "The SPARQL operation has been cancelled" instead of the rest of the
  body; clients then see a truncated document. Sorting (ORDER BY) is not
  cancellable while it runs.
* A query that makes Oxigraph panic (e.g. ORDER BY over a column that mixes
  numbers and numeric-looking strings) ends the server process. ``serve``
  therefore supervises it: the server is started again when it dies, and also
  when ``kg build`` swaps in a new store, so the endpoint serves the latest build.

Endpoints: ``/query`` (SPARQL Protocol, GET or POST, results as JSON, XML, CSV
or TSV by the Accept header) and ``/store`` (Graph Store Protocol, read only).

>>> command(Path("build/store"), binary="oxigraph", port=7879)[1:]  # doctest: +NORMALIZE_WHITESPACE
['serve-read-only', '--location', 'build/store', '--bind', '127.0.0.1:7879', '--union-default-graph',
 '--timeout-s', '30']
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from .errors import ServerError, StoreError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30
_START_WAIT = 30.0  # seconds for the server to open its port
_RESTART_PAUSE = 1.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` program: next to this Python (a venv's bin/) or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError(
            "the 'oxigraph' server program is not installed; install it with "
            "pip install 'oxigraph>=0.5,<0.6' (the series of pyoxigraph)"
        )
    return found


def check_version(binary: str) -> str:
    """The server's version; ServerError unless its series (0.5) is pyoxigraph's, which wrote the store."""
    import pyoxigraph

    try:
        out = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as e:
        raise ServerError(
            f"{binary}: cannot run the oxigraph server program ({e}); reinstall it with "
            "pip install 'oxigraph>=0.5,<0.6'"
        ) from None
    version = out.split()[-1] if out.split() else "?"
    ours = str(pyoxigraph.__version__)
    if version.split(".")[:2] != ours.split(".")[:2]:
        series = ".".join(ours.split(".")[:2])
        raise ServerError(
            f"{binary} is oxigraph {version} but the store was written by pyoxigraph {ours}; "
            f"the two must be the same series: pip install 'oxigraph=={series}.*'"
        )
    return version


def command(
    store: Path,
    *,
    binary: str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: int = DEFAULT_TIMEOUT,
    writable: bool = False,
) -> list[str]:
    """The command line that serves ``store``; ``writable`` serves it read-write (for tests and push targets)."""
    cmd = [
        binary,
        "serve" if writable else "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"{host}:{port}",
        "--union-default-graph",
    ]
    if timeout > 0:  # oxigraph takes whole seconds
        cmd += ["--timeout-s", str(timeout)]
    return cmd


class Server:
    """One Oxigraph server process on ``store``; a context manager that stops it.

    >>> with Server(Path("build/store"), port=7878) as srv:  # doctest: +SKIP
    ...     print(srv.query_url)
    http://127.0.0.1:7878/query
    """

    def __init__(
        self,
        store: Path,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        timeout: int = DEFAULT_TIMEOUT,
        writable: bool = False,
    ) -> None:
        self.store = Path(store)
        self.host, self.port, self.timeout, self.writable = host, port, timeout, writable
        self.process: subprocess.Popen[bytes] | None = None
        self._log: Path | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    def start(self) -> Server:
        """Start the server and wait until it accepts connections."""
        if not self.writable and not self.store.is_dir():
            raise StoreError(
                f"{self.store}: no graph store here; run 'kg build ARTICLES --out "
                f"{self.store.parent}' first or pass --store BUILD_FOLDER"
            )
        binary = oxigraph_binary()
        check_version(binary)
        _check_free(self.host, self.port)
        fd, log = tempfile.mkstemp(prefix="kg-serve-", suffix=".log")
        self._log = Path(log)
        # The server's log goes to a file: an unread pipe would fill up and stall the server.
        with os.fdopen(fd, "wb") as sink:
            cmd = command(
                self.store,
                binary=binary,
                host=self.host,
                port=self.port,
                timeout=self.timeout,
                writable=self.writable,
            )
            self.process = subprocess.Popen(
                cmd,
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        deadline = time.monotonic() + _START_WAIT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = self.log().strip().splitlines()
                self.stop()
                raise ServerError(
                    f"the server on {self.host}:{self.port} stopped at once: "
                    f"{message[-1] if message else 'no message'}; is the port taken? "
                    "choose another with --port"
                )
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    pass
            except OSError:
                time.sleep(0.05)
                continue
            if self.process.poll() is None:
                return self
        self.stop()
        raise ServerError(f"the server did not open {self.host}:{self.port} within {_START_WAIT:.0f} s")

    def log(self) -> str:
        """What the server printed so far."""
        if self._log is None or not self._log.exists():
            return ""
        return self._log.read_text(encoding="utf-8", errors="replace")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 5 s)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.unlink(missing_ok=True)
            self._log = None

    def __enter__(self) -> Server:
        return self.start() if self.process is None else self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _check_free(host: str, port: int) -> None:
    """ServerError if something already listens on host:port (a connection would reach it, not us)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            raise ServerError(
                f"cannot listen on {host}:{port} ({e.strerror}); is the port taken? "
                "choose another with --port"
            ) from None


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to end the server when its parent dies, even by SIGKILL."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so that serve() stops its server on 'kill' as on Ctrl-C


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def serve(
    store: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: int = DEFAULT_TIMEOUT,
    say: Callable[[str], None] = print,
    poll: float = 1.0,
) -> None:
    """Serve ``store`` read-only until interrupted, restarting the server if it dies or the store is rebuilt.

    >>> serve(Path("build/store"), port=7878)  # doctest: +SKIP
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
    server = Server(store, host=host, port=port, timeout=timeout).start()
    limit = f"timeout {timeout} s" if timeout > 0 else "no timeout"
    say(f"serving {store} read-only at {server.query_url} (SPARQL 1.1 Protocol, {limit}); Ctrl-C stops")
    seen = _identity(store)
    try:
        while True:
            time.sleep(poll)
            now = _identity(store)
            if server.alive() and now == seen:
                continue
            if server.alive():
                say(f"{store} was rebuilt; restarting the server on the new store")
            else:
                code = server.process.returncode if server.process else None
                lines = server.log().strip().splitlines()
                reason = next((ln for ln in reversed(lines) if "panicked" in ln or "error" in ln.lower()), "")
                say(f"the server stopped (exit {code}){': ' + reason if reason else ''}; restarting it")
            server.stop()
            while _identity(store) is None:  # a rebuild is swapping the store in
                time.sleep(_RESTART_PAUSE)
            time.sleep(_RESTART_PAUSE)
            seen = _identity(store)
            server = Server(store, host=host, port=port, timeout=timeout).start()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        server.stop()


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "Server",
    "check_version",
    "command",
    "oxigraph_binary",
    "serve",
]
