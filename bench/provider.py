#!/usr/bin/env python3
"""tests/fakeprovider.py as bench/run uses it: same options, same routes.

Two changes, both to make the fake behave like a real web server under load:
- TCP_NODELAY on accepted connections. http.server writes the headers and the
  body of an answer in two send() calls; with Nagle on, the body waits for the
  client's delayed ACK of the headers, which adds ~40 ms to every answer on
  Linux loopback, whatever the client.
- a deeper listen queue, so a client opening 100 connections at once does not
  lose SYNs (and wait the 1 s SYN retransmit) on a queue of 64.
And one addition: BENCH_DYNDNS2_DELAY (seconds, default 0) delays every
answer of the built-in dyndns2 endpoint, as "delay" does for routes.
"""
import os
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in tests/
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import fakeprovider as fp  # noqa: E402

fp.Handler.disable_nagle_algorithm = True
fp.Server.request_queue_size = 1024

DELAY = float(os.environ.get("BENCH_DYNDNS2_DELAY", "0") or 0)
if DELAY > 0:
    serve = getattr(fp.Handler, "serve_dyndns2", None)
    if serve is None:
        sys.exit("bench/provider.py: tests/fakeprovider.py has no Handler.serve_dyndns2 any more")

    def delayed(self):
        if fp.STOP.wait(DELAY):
            self.close_connection = True
            return None
        return serve(self)

    fp.Handler.serve_dyndns2 = delayed

if __name__ == "__main__":
    try:
        fp.main()
    except (OSError, ValueError) as e:
        fp.warn(e)
        sys.exit(1)
