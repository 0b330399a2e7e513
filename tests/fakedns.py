#!/usr/bin/env python3
"""Loopback DNS-over-HTTPS resolver for nicupdate's tests (RFC 8484 GET).

Same command line and readiness handshake as tests/fakeprovider.py (whose
server and shutdown it reuses): prints "PORT <n>" once listening, serves
until SIGTERM/SIGINT or EOF on a piped stdin. Standard library only.

--config JSON keys: zone_file (a JSON file read again for every question,
so a test can change the zone between runs), status (answer every question
with this HTTP status), delay (seconds before each answer), together (hold
every answer until this many questions are in: they came in one round trip;
after 5 s the held ones are answered anyway and logged "late").
With --cert and --key it serves HTTPS, and HTTP/2 (ALPN h2) when the h2
package (Debian's python3-h2) can be imported. With the config key plain
it serves plain DNS instead, over UDP and TCP on the same port (RFC 1035 section 4.2); the
config key truncate makes every UDP answer truncated (TC, no records), so
the client must ask again over TCP; spoof (an address) sends a datagram
with a wrong id and that address before each UDP answer. A TXT value "$client" is the asker's
address, as Google's name servers answer o-o.myaddr.l.google.com.
Zone file: {"name": {"A": [...], "AAAA": [...], "TXT": [...], "ttl": 300,
"class": "CH"}}; a name not in it is NXDOMAIN (SOA TTL "negative_ttl",
default 60); a name without the type asked for is an empty NOERROR answer.
--log lines: METHOD TAB PATH TAB NAME TAB TYPE TAB CLASS TAB ACCEPT TAB
CONNECTION (h1:ADDRESS:PORT or h2:ADDRESS:PORT, the client's) TAB
together|late|-.
"""
import argparse
import base64
import http.server
import ipaddress
import json
import os
import queue
import select
import signal
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
from urllib.parse import parse_qs, urlsplit

sys.dont_write_bytecode = True  # leave no __pycache__ in tests/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fakeprovider as fp  # noqa: E402

try:
    import h2.config
    import h2.connection
    import h2.events
except ImportError:
    sys.path.append("/usr/lib/python3/dist-packages")  # Debian's, for another python3
    try:
        import h2.config
        import h2.connection
        import h2.events
    except ImportError:
        h2 = None

TYPES = {1: "A", 5: "CNAME", 6: "SOA", 16: "TXT", 28: "AAAA"}
CLASSES = {1: "IN", 3: "CH"}


def question(msg):
    """(id, name, qtype, qclass, end offset) of a query, or None."""
    if len(msg) < 12 or struct.unpack("!H", msg[4:6])[0] != 1:
        return None
    off, labels = 12, []
    while True:
        if off >= len(msg):
            return None
        n = msg[off]
        off += 1
        if n == 0:
            break
        if n > 63 or off + n > len(msg):
            return None
        labels.append(msg[off:off + n].decode("ascii", "replace").lower())
        off += n
    if off + 4 > len(msg):
        return None
    qtype, qclass = struct.unpack("!HH", msg[off:off + 4])
    return struct.unpack("!H", msg[0:2])[0], ".".join(labels), qtype, qclass, off + 4


def rr(rtype, rclass, ttl, rdata):
    """A record whose name points at the question (offset 12)."""
    return struct.pack("!HHHIH", 0xC00C, rtype, rclass, ttl, len(rdata)) + rdata


def rdata(rtype, value):
    if rtype == 1:
        return ipaddress.IPv4Address(value).packed
    if rtype == 28:
        return ipaddress.IPv6Address(value).packed
    data = value.encode()
    return bytes([len(data)]) + data


def answer(msg, zone, client="-", truncate=False):
    qid, name, qtype, qclass, end = question(msg)
    if truncate:
        head = struct.pack("!HHHHHH", qid, 0x8380, 1, 0, 0, 0)
        return head + msg[12:end]
    entry = zone.get(name)
    records, auth, rcode = [], [], 0
    if entry is None:
        rcode = 3
    else:
        cls = {"IN": 1, "CH": 3}[entry.get("class", "IN")]
        for value in entry.get(TYPES.get(qtype, "?"), []) if qclass == cls else []:
            value = client if value == "$client" else value
            records.append(rr(qtype, qclass, entry.get("ttl", 300), rdata(qtype, value)))
    if not records:
        # SOA: mname ".", rname ".", serial, refresh, retry, expire, minimum
        soa = b"\x00\x00" + struct.pack("!IIIII", 1, 3600, 600, 86400, 60)
        ttl = zone.get("negative_ttl", 60)
        auth.append(rr(6, 1, ttl, soa))
    head = struct.pack("!HHHHHH", qid, 0x8180 | rcode, 1, len(records), len(auth), 0)
    return head + msg[12:end] + b"".join(records) + b"".join(auth)


def read_zone(cfg):
    if not cfg.get("zone_file"):
        return {}
    with open(cfg["zone_file"], encoding="utf-8") as f:
        return {k.lower(): v for k, v in json.load(f).items()}


def plain_answer(server, msg, proto, peer):
    """The answer to a plain DNS message, logged; None for no answer."""
    q = question(msg)
    if q is None:
        return None
    server.state.log_request([proto.upper().encode(), b"-", q[1].encode(),
                              TYPES.get(q[2], str(q[2])).encode(),
                              CLASSES.get(q[3], str(q[3])).encode(), b"-",
                              ("%s:%s:%d" % (proto, peer[0], peer[1])).encode(), b"-"])
    truncate = proto == "udp" and server.cfg.get("truncate")
    return answer(msg, read_zone(server.cfg), peer[0], truncate)


def serve_udp(server, sock):
    spoof = server.cfg.get("spoof")
    while True:
        msg, peer = sock.recvfrom(65535)
        out = plain_answer(server, msg, "udp", peer)
        if out is None:
            continue
        if spoof:  # a forger's guess first: another id, another address
            sock.sendto(struct.pack("!H", out[0] << 8 ^ 0xff00 | out[1]) +
                        answer(msg, {question(msg)[1]: {"TXT": [spoof]}})[2:], peer)
        sock.sendto(out, peer)


class PlainHandler(socketserver.BaseRequestHandler):
    """DNS over TCP: two bytes of length, then the message."""

    def handle(self):
        sock = self.request
        while True:
            head = sock.recv(2, socket.MSG_WAITALL)
            if len(head) < 2:
                return
            msg = sock.recv(struct.unpack("!H", head)[0], socket.MSG_WAITALL)
            out = plain_answer(self.server, msg, "tcp", self.client_address)
            if out is None:
                return
            sock.sendall(struct.pack("!H", len(out)) + out)


class Together:
    """Holds answers until n questions are in, 5 s at most."""

    def __init__(self, n):
        self.n, self.seen, self.cv = n, 0, threading.Condition()

    def wait(self):
        with self.cv:
            self.seen += 1
            self.cv.notify_all()
            return self.cv.wait_for(lambda: self.seen >= self.n, timeout=5)


def respond(server, path, accept, conn):
    """(status, body, content type) for GET path; logs the question."""
    cfg = server.cfg
    url = urlsplit(path)
    try:
        b64 = parse_qs(url.query).get("dns", [""])[0]
        msg = base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4))
        q = question(msg)
    except ValueError:
        q = None
    fields = [b"GET", url.path.encode()]
    if q is None:
        fields += [b"-", b"-", b"-"]
    else:
        fields += [q[1].encode(), TYPES.get(q[2], str(q[2])).encode(),
                   CLASSES.get(q[3], str(q[3])).encode()]
    held = b"-"
    if server.together is not None:
        held = b"together" if server.together.wait() else b"late"
    server.state.log_request(fields + [accept.encode(), conn.encode(), held])
    if cfg.get("delay"):
        time.sleep(cfg["delay"])
    if cfg.get("status"):
        return cfg["status"], b"no", "text/plain"
    if q is None or accept != "application/dns-message":
        return 400, b"bad request", "text/plain"
    return 200, answer(msg, read_zone(cfg)), "application/dns-message"


def serve_h2(sock, server, conn_tag):
    """One HTTP/2 connection: every stream answered in its own thread, the
    frames read and written by this one (an SSL socket is not shared)."""
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(
        client_side=False, header_encoding="utf-8"))
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())
    done = queue.Queue()
    wake_r, wake_w = socket.socketpair()

    def work(sid, headers):
        done.put((sid, respond(server, headers.get(":path", "/"),
                               headers.get("accept", "-"), conn_tag)))
        wake_w.send(b"x")

    try:
        while True:
            ready = [sock] if sock.pending() else \
                select.select([sock, wake_r], [], [], 1)[0]
            if wake_r in ready:
                wake_r.recv(4096)
            while not done.empty():
                sid, (status, body, ctype) = done.get()
                conn.send_headers(sid, [(":status", str(status)), ("content-type", ctype),
                                        ("content-length", str(len(body)))])
                conn.send_data(sid, body, end_stream=True)
            if sock in ready:
                data = sock.recv(65536)
                if not data:
                    return
                for ev in conn.receive_data(data):
                    if isinstance(ev, h2.events.RequestReceived):
                        threading.Thread(target=work, args=(ev.stream_id, dict(ev.headers)),
                                         daemon=True).start()
                    elif isinstance(ev, h2.events.ConnectionTerminated):
                        return
            sock.sendall(conn.data_to_send())
    finally:
        wake_r.close()
        wake_w.close()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        pass

    def handle(self):
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
            if self.request.selected_alpn_protocol() == "h2":
                return serve_h2(self.request, self.server,
                                "h2:%s:%d" % self.client_address[:2])
        super().handle()

    def do_GET(self):
        status, body, ctype = respond(self.server, self.path,
                                      self.headers.get("Accept", "-"),
                                      "h1:%s:%d" % self.client_address[:2])
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    # as the fake provider: stop signals taken in sigwait, never a handler
    signal.pthread_sigmask(signal.SIG_BLOCK, fp.STOP_SIGNALS)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--config", help="JSON config file")
    ap.add_argument("--log", help="append one line per question to this file")
    ap.add_argument("--cert", help="TLS certificate (PEM); needs --key")
    ap.add_argument("--key", help="TLS private key (PEM)")
    args = ap.parse_args()
    if bool(args.cert) != bool(args.key):
        ap.error("--cert and --key go together")
    cfg = {}
    if args.config:
        with open(args.config, encoding="utf-8") as f:
            cfg = json.load(f)
    fp.Server.address_family = socket.AF_INET6 if ":" in args.bind else socket.AF_INET
    httpd = fp.Server((args.bind, args.port), PlainHandler if cfg.get("plain") else Handler)
    httpd.cfg = cfg
    httpd.state = fp.State({}, args.log)
    httpd.together = Together(cfg["together"]) if cfg.get("together") else None
    if cfg.get("plain"):
        udp = socket.socket(fp.Server.address_family, socket.SOCK_DGRAM)
        udp.bind((args.bind, httpd.server_port))
        threading.Thread(target=serve_udp, args=(httpd, udp), daemon=True).start()
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        ctx.set_alpn_protocols(["h2", "http/1.1"] if h2 is not None else ["http/1.1"])
        httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True,
                                       do_handshake_on_connect=False)
    fp.serve(httpd)


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError) as e:
        fp.warn(e)
        sys.exit(1)
