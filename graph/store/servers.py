"""Start and stop SPARQL servers on loopback: the Oxigraph server and Virtuoso.

Used by ``toulmin serve``, by the remote-store tests and by the benchmarks. Every
server is a child process bound to ``127.0.0.1`` (unless told otherwise) on a free
port, polled until it answers a SPARQL query (bounded by a time-out), and stopped
with SIGTERM, then SIGKILL after a grace period. Its output goes to a log file whose
tail is shown when it fails to start. On Linux the Oxigraph child is also asked
(``prctl(PR_SET_PDEATHSIG)``) to receive SIGTERM when its parent dies, so a parent
killed without a chance to clean up does not leave a server listening on the port.

Virtuoso gets its own ``virtuoso.ini`` in a working folder (see :func:`virtuoso_ini`
and docs/store.md for why each setting): HTTP and SQL ports on loopback only,
``ResultSetMaxRows`` far above 10,000 (Debian's default 10,000 silently cuts
results), ``MaxQueryExecutionTime = 0`` (no "anytime" partial answers after 60 s),
and SPARQL Update granted to the anonymous SPARQL user when asked.

Examples
--------
>>> import tempfile
>>> with start_oxigraph(None) as server:
...     print(server.query_url)
http://127.0.0.1:.../query
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from toulmin.errors import MissingToolError, StoreError

__all__ = [
    "OXIGRAPH_HINT",
    "VIRTUOSO_HINT",
    "Server",
    "die_with_parent",
    "free_port",
    "oxigraph_command",
    "start_oxigraph",
    "start_virtuoso",
    "virtuoso_command",
    "virtuoso_ini",
    "wait_ready",
]

#: What to run when the Oxigraph server is missing.
OXIGRAPH_HINT = "pip install oxigraph (it is a dependency of toulmin: `make install`)"
#: What to run when Virtuoso is missing.
VIRTUOSO_HINT = "make virtuoso (or: apt-get install -y virtuoso-opensource)"


@dataclass
class Server:
    """A running SPARQL server (a child process).

    Attributes
    ----------
    name : str
        ``"oxigraph"`` or ``"virtuoso"``.
    process : subprocess.Popen
    host, port : str, int
        Where it listens (HTTP).
    query_url, update_url : str
        The SPARQL 1.1 Protocol URLs (``update_url`` is ``None`` when read-only).
    store_url : str or None
        The Graph Store Protocol URL.
    log : Path
        Its output.
    workdir : Path or None
        A folder it owns (removed by :meth:`stop` when ``cleanup`` is set).
    """

    name: str
    process: subprocess.Popen[bytes]
    host: str
    port: int
    query_url: str
    update_url: str | None
    store_url: str | None
    log: Path
    workdir: Path | None = None
    cleanup: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    temporary_log: bool = False

    @property
    def base_url(self) -> str:
        """``http://host:port/``."""
        return f"http://{_url_host(self.host)}:{self.port}/"

    def running(self) -> bool:
        """Whether the process is still alive."""
        return self.process.poll() is None

    def stop(self, timeout: float = 20.0) -> None:
        """Stop the server: SIGTERM, then SIGKILL after ``timeout`` seconds."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=timeout)
        if self.cleanup and self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
        if self.temporary_log and self.process.returncode in (0, -signal.SIGTERM, -signal.SIGINT):
            self.log.unlink(missing_ok=True)  # kept when the server failed, to be read

    def wait(self) -> int:
        """Wait until the server exits (``toulmin serve``); its exit code."""
        return self.process.wait()

    def log_tail(self, lines: int = 20) -> str:
        """The last lines of its log."""
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> Server:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def die_with_parent() -> None:
    """Ask the kernel to send this process SIGTERM when its parent dies (Linux only).

    Meant for ``subprocess.Popen(preexec_fn=...)`` and for worker initialisers; does
    nothing where ``prctl`` is not available.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no prctl
        return


_PR_SET_PDEATHSIG = 1


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _check_port(host: str, port: int) -> None:
    """Fail early when ``host:port`` is taken (a readiness poll would reach the other server)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as err:
            raise StoreError(
                f"cannot listen on {host}:{port}: {err.strerror or err}; choose another --port"
            ) from None


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def oxigraph_command() -> str:
    """The ``oxigraph`` server program (from the ``oxigraph`` package on PyPI).

    Looked up beside the running Python first (a virtual environment need not be
    activated), then on the ``PATH``.

    Raises
    ------
    MissingToolError
        It is not installed.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise MissingToolError(f"the Oxigraph server (`oxigraph`) is not installed: {OXIGRAPH_HINT}")


def virtuoso_command() -> str:
    """Virtuoso's server program ``virtuoso-t`` (Debian package ``virtuoso-opensource``).

    Raises
    ------
    MissingToolError
        It is not installed; the message says how to install it.
    """
    for candidate in (shutil.which("virtuoso-t"), "/usr/bin/virtuoso-t"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise MissingToolError(f"Virtuoso (`virtuoso-t`) is not installed: {VIRTUOSO_HINT}")


def _isql_command() -> str:
    for candidate in (shutil.which("isql-vt"), "/usr/bin/isql-vt", shutil.which("isql")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise MissingToolError(f"Virtuoso's `isql-vt` is not installed: {VIRTUOSO_HINT}")


def wait_ready(server: Server, timeout: float) -> None:
    """Poll the server with ``ASK {}`` until it answers 200, or fail after ``timeout`` s.

    Raises
    ------
    StoreError
        The process exited, or it did not answer in time (it is stopped then); the
        message includes the tail of its log.
    """
    url = server.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        if not server.running():
            raise StoreError(
                f"{server.name} exited with code {server.process.returncode} while starting; "
                f"its log ({server.log}):\n{server.log_tail()}"
            )
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                answered = response.status == 200
        except (urllib.error.URLError, OSError):
            answered = False
        if answered:
            time.sleep(0.1)
            if server.running():  # not another server that holds the port
                return
            continue
        if time.monotonic() > deadline:
            server.stop()
            raise StoreError(
                f"{server.name} did not answer on {server.query_url} within {timeout:.0f} s; "
                f"its log ({server.log}):\n{server.log_tail()}"
            )
        time.sleep(delay)
        delay = min(delay * 1.5, 0.5)


def start_oxigraph(
    location: Path | None,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    read_only: bool = False,
    timeout: float = 30.0,
    log: Path | None = None,
    union_default_graph: bool = False,
    query_timeout: float | None = None,
) -> Server:
    """Start ``oxigraph serve`` (or ``serve-read-only``) on ``host:port``.

    Parameters
    ----------
    location : Path or None
        The store directory (``None``: an in-memory store; not allowed read-only).
    host : str
        The address to bind (default loopback only).
    port : int, optional
        Default: a free port.
    read_only : bool
        Serve with ``serve-read-only``: updates are refused.
    timeout : float
        Seconds to wait for it to answer.
    log : Path, optional
        Where its output goes (default: a temporary file).
    union_default_graph : bool
        Queries without ``GRAPH`` see the union of all graphs.
    query_timeout : float, optional
        Server-side time limit of a query, in seconds (rounded up to whole seconds;
        ``None``: no limit).

    Returns
    -------
    Server
        With ``query_url`` ``.../query``, ``update_url`` ``.../update`` and
        ``store_url`` ``.../store`` (Graph Store Protocol).
    """
    program = oxigraph_command()
    if read_only and location is None:
        raise StoreError("a read-only Oxigraph server needs a store directory")
    if read_only and location is not None and not (Path(location) / "CURRENT").is_file():
        raise StoreError(f"there is no store in {location} to serve")
    port = port or free_port(host)
    _check_port(host, port)
    args = [program, "serve-read-only" if read_only else "serve"]
    if location is not None:
        args += ["--location", str(location)]
    args += ["--bind", f"{_url_host(host)}:{port}"]
    if union_default_graph:
        args.append("--union-default-graph")
    if query_timeout is not None:
        args += ["--timeout-s", str(max(1, math.ceil(query_timeout)))]
    temporary = log is None
    if log is None:
        handle, name = tempfile.mkstemp(prefix="toulmin-oxigraph-", suffix=".log")
        os.close(handle)
        log = Path(name)
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, stdout=out, stderr=subprocess.STDOUT, preexec_fn=die_with_parent
        )
    base = f"http://{_url_host(host)}:{port}"
    server = Server(
        "oxigraph",
        process,
        host,
        port,
        f"{base}/query",
        None if read_only else f"{base}/update",
        f"{base}/store",
        log,
        temporary_log=temporary,
    )
    try:
        wait_ready(server, timeout)
    except BaseException:  # including Ctrl-C while waiting: never leave the server behind
        server.stop()
        raise
    return server


def virtuoso_ini(
    workdir: Path,
    *,
    host: str = "127.0.0.1",
    http_port: int,
    sql_port: int,
    max_rows: int = 10_000_000,
    buffers: int = 20_000,
) -> str:
    """A ``virtuoso.ini`` for a private server in ``workdir`` (docs/store.md explains it).

    >>> ini = virtuoso_ini(Path("/tmp/v"), http_port=8890, sql_port=1111)
    >>> "ResultSetMaxRows           = 10000000" in ini, "127.0.0.1:8890" in ini
    (True, True)
    """
    d = workdir
    return f"""\
; toulmin: a private Virtuoso for tests and benchmarks (docs/store.md)
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
; SQL (isql) port on loopback only
ServerPort               = {host}:{sql_port}
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
AllowOSCalls             = 0
DirsAllowed              = ., {d}
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
SingleCPU                = 0
PrefixResultNames        = 0
; 8 KiB pages: {buffers} buffers = {buffers * 8 // 1024} MiB of page cache
NumberOfBuffers          = {buffers}
MaxDirtyBuffers          = {buffers * 3 // 4}
MaxQueryMem              = 1G
VADInstallDir            = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
; SPARQL endpoint on loopback only
ServerPort                  = {host}:{http_port}
ServerRoot                  = {d}/vsp
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
; Debian's default 10000 silently truncates larger results
ResultSetMaxRows           = {max_rows}
; 0: no "anytime" answers, which return partial results once the time is up
MaxQueryExecutionTime      = 0
; 0: never refuse a query on the optimiser's (often wrong) cost estimate
MaxQueryCostEstimationTime = 0
"""


def start_virtuoso(
    workdir: Path | None = None,
    *,
    host: str = "127.0.0.1",
    http_port: int | None = None,
    sql_port: int | None = None,
    timeout: float = 90.0,
    allow_update: bool = True,
    max_rows: int = 10_000_000,
    buffers: int = 20_000,
) -> Server:
    """Start a private Virtuoso with its own ``virtuoso.ini`` in ``workdir``.

    Parameters
    ----------
    workdir : Path, optional
        Its database folder (default: a temporary folder, removed on :meth:`Server.stop`).
    host : str
        Address of both the HTTP (SPARQL) and the SQL port.
    http_port, sql_port : int, optional
        Default: free ports.
    timeout : float
        Seconds to wait for the SPARQL endpoint to answer.
    allow_update : bool
        Grant SPARQL Update to the anonymous ``SPARQL`` user (for tests; never on
        a server that others can reach).
    max_rows : int
        ``ResultSetMaxRows``.
    buffers : int
        ``NumberOfBuffers`` (8 KiB pages).

    Returns
    -------
    Server
        With ``query_url`` and ``update_url`` both ``http://host:port/sparql`` and
        ``extra["sql"]`` the ``host:port`` of the SQL interface (user ``dba``,
        password ``dba`` in a new database).

    Raises
    ------
    MissingToolError
        Virtuoso is not installed (the message says how to install it).
    StoreError
        It did not start in time (the message includes its log).
    """
    program = virtuoso_command()
    cleanup = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="toulmin-virtuoso-")) if workdir is None else workdir
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "vsp").mkdir(exist_ok=True)
    http_port = http_port or free_port(host)
    sql_port = sql_port or free_port(host)
    while sql_port == http_port:
        sql_port = free_port(host)
    _check_port(host, http_port)
    _check_port(host, sql_port)
    ini = workdir / "virtuoso.ini"
    ini.write_text(
        virtuoso_ini(
            workdir,
            host=host,
            http_port=http_port,
            sql_port=sql_port,
            max_rows=max_rows,
            buffers=buffers,
        )
    )
    log = workdir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [program, "+foreground", "+configfile", str(ini)],
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://{_url_host(host)}:{http_port}/sparql"
    server = Server(
        "virtuoso",
        process,
        host,
        http_port,
        url,
        url if allow_update else None,
        f"http://{_url_host(host)}:{http_port}/sparql-graph-crud",
        log,
        workdir=workdir,
        cleanup=cleanup,
        extra={"sql": f"{host}:{sql_port}"},
    )
    try:
        wait_ready(server, timeout)
        if allow_update:
            _isql(server, 'GRANT SPARQL_UPDATE TO "SPARQL";', timeout=30)
            _isql(server, "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);", timeout=30)
    except BaseException:
        server.stop()
        raise
    return server


def _isql(server: Server, statement: str, timeout: float) -> str:
    """Run one SQL statement as ``dba`` through ``isql-vt``."""
    args = [_isql_command(), server.extra["sql"], "dba", "dba", f"exec={statement}"]
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise StoreError(f"isql did not finish `{statement}` within {timeout:.0f} s") from None
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    if done.returncode != 0 or "*** Error" in output:
        raise StoreError(f"isql failed on `{statement}`:\n{output.strip()}")
    return output
