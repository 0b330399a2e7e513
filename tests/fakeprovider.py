#!/usr/bin/env python3
"""Loopback test server for nicupdate: public-IP echo routes + dyndns2 provider.

Prints "PORT <n>" on stdout once listening, then serves until SIGTERM/SIGINT,
or until stdin hits EOF when stdin is a pipe or socket (so it dies with the
test process that spawned it), and then exits at once, whatever its
connections are doing.  Standard library only.

--config JSON keys: users {name: password}, hosts [names], dyndns2 [paths],
infomaniak bool, log_client bool, routes {path: route}; a route named "METHOD /path" serves
that method alone, before a route named by the path.  Route keys: status, body, headers,
content_type, delay, hang, drip, size, chunked_endless, redirect, sequence,
echo_client (the body is the client's address).
POST /_reset with a --config JSON body makes that the config, forgets every
address and sequence seen, and empties the log: one server serves a test
case's tests one after the other (tests/harness.c).
--log lines: METHOD TAB TARGET TAB AUTH TAB UA TAB BODY, then TAB CLIENT (the
client's address) when log_client is set (AUTH: Authorization,
else "Name: value" of the API-key headers in AUTH_HEADERS, joined by ", "; then those of
FILTER_HEADERS) ("-" when empty;
\\, tab, CR, LF escaped); paths starting with "/_" are not logged.
"""
import argparse
import base64
import http.server
import ipaddress
import json
import os
import signal
import socket
import socketserver
import stat
import sys
import threading
import traceback
from urllib.parse import parse_qs, urlsplit

STOP = threading.Event()  # set when the server is going down
ssl = None  # imported by main() for --cert alone: it is slow to import
MAX_HOSTS = 20
AUTH_HEADERS = ("X-Auth-Email", "X-Auth-Key", "X-API-Key", "X-Ovh-Application", "X-Ovh-Consumer",
                "X-Ovh-Timestamp", "X-Ovh-Signature")
FILTER_HEADERS = ("X-Filter", "X-Forwarded-For")


def warn(msg):
    try:
        sys.stderr.write("fakeprovider: %s\n" % msg)
        sys.stderr.flush()
    except Exception:
        pass


def escape(data):
    """Keep one request per log line, whatever the client sent."""
    return (data.replace(b"\\", b"\\\\").replace(b"\t", b"\\t")
            .replace(b"\n", b"\\n").replace(b"\r", b"\\r"))


class State:
    """Config plus the mutable state shared by all connections."""

    def __init__(self, cfg, log_path, log_mode="ab"):
        self.log_path = log_path
        self.users = dict(cfg.get("users", {}))
        self.hosts = {h.lower() for h in cfg.get("hosts", [])}
        self.dyndns2 = set(cfg.get("dyndns2", ["/nic/update"]))
        self.infomaniak = bool(cfg.get("infomaniak", False))
        self.log_client = bool(cfg.get("log_client", False))
        self.routes = dict(cfg.get("routes", {}))
        self.lock = threading.Lock()
        self.seq = {}      # path -> requests seen so far (for "sequence")
        self.addrs = {}    # host -> last stored address
        self.log = open(log_path, log_mode) if log_path else None

    def log_request(self, fields):
        if self.log is None:
            return
        line = b"\t".join(escape(f) if f else b"-" for f in fields) + b"\n"
        with self.lock:
            self.log.write(line)
            self.log.flush()

    def next_in_sequence(self, path, seq):
        with self.lock:
            n = self.seq.get(path, 0)
            self.seq[path] = n + 1
        return seq[min(n, len(seq) - 1)]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go in separate writes: without this each answer
    # waits ~40 ms for the client's delayed ACK
    disable_nagle_algorithm = True

    def version_string(self):
        return "fakeprovider/1"

    def setup(self):
        # TLS handshake here, in the connection's own thread, so a slow or
        # broken client cannot stall accept() for everybody else.
        if ssl is not None and isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(10)
            self.request.do_handshake()
            self.request.settimeout(None)
        super().setup()

    def log_request(self, code="-", size="-"):
        pass  # requests go to --log; stderr is for problems only

    def do_GET(self):
        self.handle_any()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_GET

    # -- request side -------------------------------------------------------

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass  # trailers
                    return bytes(body)
                body += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        if n < 0:
            raise ValueError("negative Content-Length")
        return self.rfile.read(n) if n else b""

    def auth_field(self):
        value = self.headers.get("Authorization")
        if value is None:
            keys = ["%s: %s" % (k, self.headers[k]) for k in AUTH_HEADERS if k in self.headers]
            return ", ".join(keys).encode("latin-1", "replace") if keys else None
        scheme, _, cred = value.partition(" ")
        if scheme.lower() == "basic":
            try:
                return base64.b64decode(cred.strip(), validate=True)
            except ValueError:
                pass
        return value.encode("latin-1", "replace")

    def logged_auth(self):
        """The auth field, then the filter headers a request carries."""
        parts = [self.auth_field()] + ["%s: %s" % (k, self.headers[k]) for k in FILTER_HEADERS
                                       if k in self.headers]
        parts = [p.encode("latin-1", "replace") if isinstance(p, str) else p for p in parts if p]
        return b", ".join(parts) if parts else None

    def handle_any(self):
        try:
            body = self.read_body()
        except ValueError:
            self.close_connection = True
            self.send_error(400, "bad request body")
            return
        path = urlsplit(self.path).path
        if path == "/_reset" and self.command == "POST":
            return self.reset(body)
        st = self.server.state
        if not path.startswith("/_"):
            ua = self.headers.get("User-Agent")
            st.log_request([self.command.encode(), self.path.encode("latin-1", "replace"),
                            self.logged_auth(),
                            ua.encode("latin-1", "replace") if ua is not None else None,
                            body] +
                           ([self.client_address[0].encode()] if st.log_client else []))
        verb_path = "%s %s" % (self.command, path)
        if verb_path in st.routes:
            self.serve_route(st.routes[verb_path], verb_path)
        elif path in st.routes:
            self.serve_route(st.routes[path], path)
        elif path in st.dyndns2:
            self.serve_dyndns2()
        else:
            self.answer(404, b"not found")

    def reset(self, body):
        """A fresh State from the config in body; the log emptied."""
        old = self.server.state
        with old.lock:
            try:
                new = State(json.loads(body), old.log_path, "wb")
            except (ValueError, AttributeError, TypeError) as e:
                return self.answer(400, ("bad config: %s\n" % e).encode())
            if old.log is not None:
                old.log.close()
            self.server.state = new
        self.answer(200, b"reset\n")

    # -- response side ------------------------------------------------------

    def start(self, status, length=None, ctype="text/plain", headers=None):
        headers = dict(headers or {})
        names = {k.lower() for k in headers}
        self.send_response(status)
        if "content-type" not in names:
            self.send_header("Content-Type", ctype)
        if length is not None and "content-length" not in names:
            self.send_header("Content-Length", str(length))
        for k, v in headers.items():
            self.send_header(k, str(v))
        self.end_headers()

    def write(self, data):
        if self.command != "HEAD":
            self.wfile.write(data)

    def answer(self, status, body, **kw):
        self.start(status, len(body), **kw)
        self.write(body)

    def serve_route(self, route, path):
        if "sequence" in route:
            return self.serve_route(self.server.state.next_in_sequence(path, route["sequence"]), path)
        if route.get("delay") and STOP.wait(float(route["delay"])):
            self.close_connection = True
            return
        if route.get("hang"):
            return self.hang()
        headers = dict(route.get("headers", {}))
        status = int(route.get("status", 302 if "redirect" in route else 200))
        if "redirect" in route:
            headers["Location"] = route["redirect"]
        kw = {"ctype": route.get("content_type", "text/plain"), "headers": headers}
        if route.get("chunked_endless"):
            return self.endless(status, kw)
        if "size" in route:
            return self.big(status, int(route["size"]), kw)
        body = str(self.client_address[0] if route.get("echo_client")
                   else route.get("body", "")).encode()
        if route.get("drip"):
            self.start(status, len(body), **kw)
            for i in range(len(body)):
                if STOP.wait(float(route["drip"])):
                    break
                self.write(body[i:i + 1])
        else:
            self.answer(status, body, **kw)

    def hang(self):
        # Never answer; notice when the client goes away so the thread ends.
        self.close_connection = True
        self.request.settimeout(0.2)
        while not STOP.is_set():
            try:
                if not self.request.recv(4096):
                    return
            except socket.timeout:
                continue
            except OSError as e:
                if ssl is not None and isinstance(e, ssl.SSLWantReadError):
                    continue
                return

    def big(self, status, size, kw):
        chunk = b"1" * 65536
        self.start(status, size, **kw)
        while size > 0 and not STOP.is_set():
            n = min(size, len(chunk))
            self.write(chunk if n == len(chunk) else chunk[:n])
            size -= n

    def endless(self, status, kw):
        self.close_connection = True
        kw["headers"]["Transfer-Encoding"] = "chunked"
        self.start(status, None, **kw)
        if self.command == "HEAD":
            return
        frame = b"%x\r\n%s\r\n" % (4096, b"1" * 4096)
        while not STOP.is_set():
            self.write(frame)  # ends with BrokenPipe/reset when the client quits

    def serve_dyndns2(self):
        st = self.server.state
        auth = self.auth_field()
        user, sep, password = (auth or b"").decode("utf-8", "replace").partition(":")
        if (not sep or not self.headers.get("Authorization", "").lower().startswith("basic ")
                or st.users.get(user) != password):
            return self.answer(401, b"badauth\n",
                               headers={"WWW-Authenticate": 'Basic realm="fake"'})
        query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        names = query.get("hostname", [""])[0]
        if not names.strip():
            return self.answer(200, b"notfqdn\n")
        names = [n.strip().lower() for n in names.split(",")]
        if len(names) > MAX_HOSTS:
            return self.answer(200, b"numhost\n")
        try:
            ip = str(ipaddress.ip_address(query.get("myip", [self.client_address[0]])[0].strip()))
        except ValueError:
            return self.answer(200, b"dnserr\n")
        good, nochg = ("successfully_changed", "no_change") if st.infomaniak else ("good", "nochg")
        lines = []
        with st.lock:
            for name in names:
                if not name:
                    lines.append("notfqdn")
                elif name not in st.hosts:
                    lines.append("nohost")
                elif st.addrs.get(name) == ip:
                    lines.append("%s %s" % (nochg, ip))
                else:
                    st.addrs[name] = ip
                    lines.append("%s %s" % (good, ip))
        self.answer(200, ("\n".join(lines) + "\n").encode())


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # never wait for hanging connections on exit
    request_queue_size = 1024

    def server_bind(self):
        # Skip HTTPServer.server_bind: its getfqdn() can stall on DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):  # resets, TLS failures, timeouts
            warn("%s: %s: %s" % (client_address[0], type(exc).__name__, exc))
        else:
            warn("%s: internal error\n%s" % (client_address[0], traceback.format_exc()))


def watch_stdin():
    # os.read, not sys.stdin: a daemon thread blocked inside a buffered
    # reader can abort interpreter shutdown.
    try:
        while os.read(0, 65536):
            pass
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGTERM)  # taken by main()'s sigwait


STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def main():
    # The stop signals are blocked in every thread (threads inherit the mask,
    # so this comes before any is started) and taken by the main thread in
    # sigwait(). No Python-level handler: one runs between two bytecodes of
    # the main thread, and if that thread holds the lock the handler needs
    # (threading.Event.set takes the Event's lock) the process deadlocks and
    # survives SIGTERM.
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--config", help="JSON config file")
    ap.add_argument("--log", help="append one line per request to this file")
    ap.add_argument("--cert", help="TLS certificate (PEM); needs --key")
    ap.add_argument("--key", help="TLS private key (PEM)")
    args = ap.parse_args()
    if bool(args.cert) != bool(args.key):
        ap.error("--cert and --key go together")

    cfg = {}
    if args.config:
        with open(args.config, encoding="utf-8") as f:
            cfg = json.load(f)

    Server.address_family = socket.AF_INET6 if ":" in args.bind else socket.AF_INET
    httpd = Server((args.bind, args.port), Handler)
    httpd.state = State(cfg, args.log)
    if args.cert:
        global ssl
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True,
                                       do_handshake_on_connect=False)

    serve(httpd)


def serve(httpd):
    """Serve until SIGTERM/SIGINT (or stdin closing), then exit at once.
    The caller blocked STOP_SIGNALS before starting any thread."""
    # Only a pipe/socket means "a parent holds the other end"; /dev/null
    # (what `cmd &` gets in scripts) or a tty would stop us at once / never.
    try:
        mode = os.fstat(0).st_mode
    except OSError:
        mode = 0
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                     daemon=True).start()

    sys.stdout.write("PORT %d\n" % httpd.server_port)
    sys.stdout.flush()
    signal.sigwait(STOP_SIGNALS)
    STOP.set()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    # No shutdown(): it waits for serve_forever, and daemon threads may be
    # stuck in hanging sockets. The request log is flushed line by line.
    os._exit(0)


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError) as e:  # bad config, port in use, bad cert...
        warn(e)
        sys.exit(1)
