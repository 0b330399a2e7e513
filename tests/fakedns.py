#!/usr/bin/env python3
"""Loopback DNS-over-HTTPS resolver for nicupdate's tests (RFC 8484 GET).

Same command line and readiness handshake as tests/fakeprovider.py (whose
server and shutdown it reuses): prints "PORT <n>" once listening, serves
until SIGTERM/SIGINT or EOF on a piped stdin. Standard library only.

--config JSON keys: zone_file (a JSON file read again for every question,
so a test can change the zone between runs), status (answer every question
with this HTTP status), delay (seconds before each answer).
Zone file: {"name": {"A": [...], "AAAA": [...], "TXT": [...], "ttl": 300,
"class": "CH"}}; a name not in it is NXDOMAIN (SOA TTL "negative_ttl",
default 60); a name without the type asked for is an empty NOERROR answer.
--log lines: METHOD TAB PATH TAB NAME TAB TYPE TAB CLASS TAB ACCEPT.
"""
import argparse
import base64
import http.server
import ipaddress
import json
import os
import signal
import socket
import struct
import sys
import time
from urllib.parse import parse_qs, urlsplit

sys.dont_write_bytecode = True  # leave no __pycache__ in tests/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fakeprovider as fp  # noqa: E402

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


def answer(msg, zone):
    qid, name, qtype, qclass, end = question(msg)
    entry = zone.get(name)
    records, auth, rcode = [], [], 0
    if entry is None:
        rcode = 3
    else:
        cls = {"IN": 1, "CH": 3}[entry.get("class", "IN")]
        for value in entry.get(TYPES.get(qtype, "?"), []) if qclass == cls else []:
            records.append(rr(qtype, qclass, entry.get("ttl", 300), rdata(qtype, value)))
    if not records:
        # SOA: mname ".", rname ".", serial, refresh, retry, expire, minimum
        soa = b"\x00\x00" + struct.pack("!IIIII", 1, 3600, 600, 86400, 60)
        ttl = zone.get("negative_ttl", 60)
        auth.append(rr(6, 1, ttl, soa))
    head = struct.pack("!HHHHHH", qid, 0x8180 | rcode, 1, len(records), len(auth), 0)
    return head + msg[12:end] + b"".join(records) + b"".join(auth)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body, ctype="application/dns-message"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        cfg = self.server.cfg
        url = urlsplit(self.path)
        accept = self.headers.get("Accept", "-")
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
        self.server.state.log_request(fields + [accept.encode()])
        if cfg.get("delay"):
            time.sleep(cfg["delay"])
        if cfg.get("status"):
            return self.reply(cfg["status"], b"no", "text/plain")
        if q is None or accept != "application/dns-message":
            return self.reply(400, b"bad request", "text/plain")
        zone = {}
        if cfg.get("zone_file"):
            with open(cfg["zone_file"], encoding="utf-8") as f:
                zone = {k.lower(): v for k, v in json.load(f).items()}
        self.reply(200, answer(msg, zone))


def main():
    # as the fake provider: stop signals taken in sigwait, never a handler
    signal.pthread_sigmask(signal.SIG_BLOCK, fp.STOP_SIGNALS)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--config", help="JSON config file")
    ap.add_argument("--log", help="append one line per question to this file")
    args = ap.parse_args()
    cfg = {}
    if args.config:
        with open(args.config, encoding="utf-8") as f:
            cfg = json.load(f)
    fp.Server.address_family = socket.AF_INET6 if ":" in args.bind else socket.AF_INET
    httpd = fp.Server((args.bind, args.port), Handler)
    httpd.cfg = cfg
    httpd.state = fp.State({}, args.log)
    fp.serve(httpd)


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError) as e:
        fp.warn(e)
        sys.exit(1)
