#!/usr/bin/env python3
"""Start and SIGTERM many fake providers; count those still alive 5 s later.

Usage: tests/fakestress.py [FAKEPROVIDER [COUNT [PARALLEL]]]
Each server gets SIGTERM a random 0-300 ms after it printed its port, with
its stdin (a pipe) still open, so only the signal can stop it. Exits 1 when
any survived (they are then killed with SIGKILL).
"""
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

here = os.path.dirname(os.path.abspath(__file__))
fake = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "fakeprovider.py")
count = int(sys.argv[2]) if len(sys.argv) > 2 else 600
parallel = int(sys.argv[3]) if len(sys.argv) > 3 else 8
python = os.environ.get("PYTHON3") or sys.executable


def one(_):
    p = subprocess.Popen([python, fake], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    line = p.stdout.readline()
    if not line.startswith(b"PORT "):
        p.kill()
        p.wait()
        return "nostart"
    time.sleep(random.uniform(0, 0.3))
    t0 = time.monotonic()
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return "survived"
    return time.monotonic() - t0


t0 = time.monotonic()
with ThreadPoolExecutor(parallel) as ex:
    res = list(ex.map(one, range(count)))
times = [r for r in res if isinstance(r, float)]
survived = res.count("survived")
print("%d started, %d survived SIGTERM by 5 s, %d did not start; exit after SIGTERM: "
      "max %.0f ms, mean %.0f ms; %.0f s in all"
      % (count, survived, res.count("nostart"), 1000 * max(times or [0]),
         1000 * sum(times) / max(len(times), 1), time.monotonic() - t0))
sys.exit(1 if survived or res.count("nostart") else 0)
