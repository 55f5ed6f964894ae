"""A guarding HTTP proxy in front of a SPARQL server on loopback (``toulmin serve``).

The Oxigraph server has no switch for federated queries and no protection of its
write endpoints, so ``toulmin serve`` runs it on a private loopback port and puts this
gateway (stdlib :mod:`http.server`, one thread a request) on the public one. The
gateway forwards every request unchanged, except that it refuses:

- a request body larger than ``max_body`` bytes (HTTP 413);
- a query or update that uses ``SERVICE`` (HTTP 403; a federated query makes the
  server fetch any URL for any caller), unless ``allow_service``;
- a write (anything but ``GET``/``HEAD`` and ``POST /query``) sent by a web page of
  another origin (HTTP 403): a browser marks such a request with an ``Origin`` header
  (or ``Sec-Fetch-Site: cross-site``) that is not the gateway's own, so a form on any
  web page cannot run ``DROP ALL``; clients that are not browsers send neither and
  pass. With a ``token``, every write needs ``Authorization: Bearer <token>``.

It imports only the standard library and :mod:`toulmin.errors`.

Examples
--------
>>> uses_service("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
True
>>> uses_service('SELECT ?service WHERE { ?s <urn:service> "SERVICE" } # SERVICE')
False
"""

from __future__ import annotations

import hmac
import http.server
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import ClassVar

__all__ = ["DEFAULT_MAX_BODY", "Gateway", "Policy", "start_gateway", "uses_service"]

#: The largest request body forwarded, in bytes (16 MiB).
DEFAULT_MAX_BODY = 16 * 1024 * 1024

# what cannot hold the keyword: strings, IRIs, comments (removed before the search)
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w?$:\-.])SERVICE(?![\w:\-])", re.IGNORECASE)
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


def uses_service(text: str) -> bool:
    """Whether a SPARQL query or update uses the ``SERVICE`` keyword (federation)."""
    return _SERVICE.search(_NOT_CODE.sub(" ", text)) is not None


@dataclass(frozen=True)
class Policy:
    """What the gateway refuses (see the module docstring)."""

    writable: bool = False
    allow_service: bool = False
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    upstream_timeout: float | None = None


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "toulmin-gateway"
    upstream: ClassVar[str]
    policy: ClassVar[Policy]
    origins: ClassVar[tuple[str, ...]]

    def log_message(self, _format: str, *_args: object) -> None:
        """Log nothing: the gateway's refusals are its answers, not its log."""
        return

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self) -> None:
        policy = self.policy
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._refuse(400, "toulmin serve: a bad Content-Length header")
        if length < 0 or length > policy.max_body:
            return self._refuse(
                413, f"toulmin serve: the request body is over {policy.max_body} bytes"
            )
        if self.headers.get("Transfer-Encoding"):
            return self._refuse(411, "toulmin serve: send a Content-Length (no chunked body)")
        body = self.rfile.read(length) if length else b""
        path = urllib.parse.urlsplit(self.path).path
        is_read = self.command in ("GET", "HEAD") or (self.command == "POST" and path == "/query")
        if not is_read:
            refusal = self._write_refusal()
            if refusal:
                return self._refuse(403, refusal)
        if not policy.allow_service and uses_service(self._sparql_text(body)):
            return self._refuse(
                403,
                "toulmin serve: SERVICE (federated query) is refused; "
                "start `toulmin serve --allow-service` to permit it",
            )
        self._forward(body)

    def _write_refusal(self) -> str | None:
        policy = self.policy
        if not policy.writable:
            return None  # the read-only server refuses it itself
        if policy.token is not None:
            given = self.headers.get("Authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {policy.token}".encode()):
                return "toulmin serve: a write needs the header `Authorization: Bearer <token>`"
            return None
        origin = self.headers.get("Origin")
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        if (origin is not None and origin.rstrip("/") not in self.origins) or site in (
            "cross-site",
            "same-site",
        ):
            return (
                f"toulmin serve: a write from another origin ({origin or site}) is refused; "
                "send it from a client that is not a web page, or with a token"
            )
        return None

    def _sparql_text(self, body: bytes) -> str:
        parts = [urllib.parse.unquote_plus(urllib.parse.urlsplit(self.path).query)]
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind in ("application/sparql-query", "application/sparql-update"):
            parts.append(body.decode("utf-8", "replace"))
        elif kind == "application/x-www-form-urlencoded":
            parts.append(urllib.parse.unquote_plus(body.decode("utf-8", "replace")))
        return "\n".join(parts)

    def _forward(self, body: bytes) -> None:
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS}
        request = urllib.request.Request(
            self.upstream + self.path.lstrip("/"),
            data=body if self.command not in ("GET", "HEAD") else None,
            headers=headers,
            method=self.command,
        )
        try:
            response = urllib.request.urlopen(request, timeout=self.policy.upstream_timeout)
        except urllib.error.HTTPError as err:
            response = err
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            return self._refuse(502, f"toulmin serve: the SPARQL server did not answer: {reason}")
        with response:
            self.send_response(response.status)
            for key, value in response.headers.items():
                if key.lower() not in _HOP_HEADERS:
                    self.send_header(key, value)
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command == "HEAD":
                return
            while chunk := response.read(65536):
                self.wfile.write(chunk)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = _handle


class _Server6(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


class Gateway:
    """A running gateway: ``host:port`` forwarding to ``upstream``; :meth:`stop` ends it."""

    def __init__(self, httpd: http.server.ThreadingHTTPServer, thread: threading.Thread) -> None:
        self._httpd = httpd
        self._thread = thread
        self.host, self.port = str(httpd.server_address[0]), int(httpd.server_address[1])

    def stop(self) -> None:
        """Stop accepting requests and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)


def start_gateway(host: str, port: int, upstream: str, policy: Policy) -> Gateway:
    """Listen on ``host:port`` and forward to ``upstream`` (``http://127.0.0.1:N/``).

    Raises
    ------
    OSError
        The port is taken.
    """
    shown = f"[{host}]" if ":" in host else host
    origins = {f"http://{shown}:{port}"}
    if host in ("127.0.0.1", "::1", "localhost"):
        origins |= {f"http://127.0.0.1:{port}", f"http://localhost:{port}", f"http://[::1]:{port}"}
    handler = type(
        "Handler",
        (_Handler,),
        {"upstream": upstream, "policy": policy, "origins": tuple(sorted(origins))},
    )
    server_class = _Server6 if ":" in host else http.server.ThreadingHTTPServer
    httpd = server_class((host, port), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="toulmin-gateway", daemon=True)
    thread.start()
    return Gateway(httpd, thread)
