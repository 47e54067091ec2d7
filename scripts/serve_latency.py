#!/usr/bin/env python3
"""Measure `briefgen serve` latencies on a corpus (a benchmark, not a test).

Usage:
    scripts/serve_latency.py BRIEFGEN_BIN SITE_DIR [--edits 15]

Works on a copy of SITE_DIR (the original is not touched). Reports:
  - first page served: from process start to the first 200 for "/";
  - one-article edit → reload event: median, p90, max over --edits saves;
  - template edit (article.html) → reload event;
and prints the serve log's "Rebuilt N files in M ms" lines for the edits.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def sse_events(host, port, out, stop):
    sock = socket.create_connection((host, port))
    sock.sendall(f"GET /__briefgen/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    buf = b""
    event = None
    sock.settimeout(0.5)
    while not stop.is_set():
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            line = line.decode(errors="replace").strip()
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event:
                out.append((time.perf_counter(), event))
    sock.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=15)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="briefgen-latency-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        for part in ["site.toml", "content", "templates", "static"]:
            src = os.path.join(args.site, part)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(work, part))
            elif os.path.exists(src):
                shutil.copy(src, os.path.join(work, part))
        started = time.perf_counter()
        proc = subprocess.Popen([args.bin, "serve", "--port", "0", "--root", work], stderr=subprocess.PIPE, text=True)
        log = []
        url = None
        while url is None:
            line = proc.stderr.readline()
            if not line:
                sys.exit("serve exited:\n" + "".join(log))
            log.append(line)
            m = re.search(r"at (http://[^ ]+/)", line)
            if m:
                url = m.group(1)
        threading.Thread(target=lambda: [log.append(l) for l in proc.stderr], daemon=True).start()
        urllib.request.urlopen(url).read()
        first_page = time.perf_counter() - started
        host, port = re.match(r"http://([^:/]+):(\d+)/", url).groups()

        events, stop = [], threading.Event()
        threading.Thread(target=sse_events, args=(host, int(port), events, stop), daemon=True).start()
        while not events:
            time.sleep(0.01)

        def wait_reload(since, timeout=60):
            deadline = time.perf_counter() + timeout
            while time.perf_counter() < deadline:
                for t, name in events:
                    if t > since and name in ("reload", "build-error"):
                        return t - since, name
                time.sleep(0.002)
            raise SystemExit("no reload event")

        briefings = sorted(os.listdir(os.path.join(work, "content", "briefings")))
        briefings = [b for b in briefings if b.endswith(".md") and not b.startswith("_")]
        latencies = []
        for i in range(args.edits):
            path = os.path.join(work, "content", "briefings", briefings[(i * 7919) % len(briefings)])
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\n\nEdited for the latency benchmark, save {i}.\n")
            t0 = time.perf_counter()
            dt, name = wait_reload(t0)
            if name != "reload":
                raise SystemExit("an edit failed to build")
            latencies.append(dt * 1000)
            time.sleep(0.3)  # let the debouncer settle so saves are measured one by one

        template = os.path.join(work, "templates", "article.html")
        template_ms = None
        if os.path.exists(template):
            with open(template, "a", encoding="utf-8") as f:
                f.write("\n{# latency benchmark #}\n")
            t0 = time.perf_counter()
            dt, _ = wait_reload(t0, timeout=300)
            template_ms = dt * 1000

        stop.set()
        proc.terminate()
        proc.wait(timeout=10)
        latencies.sort()
        print(f"first page served: {first_page * 1000:.0f} ms after start")
        print(
            f"one-article edit → reload: median {statistics.median(latencies):.0f} ms, "
            f"p90 {latencies[int(len(latencies) * 0.9) - 1]:.0f} ms, max {latencies[-1]:.0f} ms ({len(latencies)} edits)"
        )
        if template_ms is not None:
            print(f"template edit (article.html) → reload: {template_ms:.0f} ms")
        rebuilt = [l.strip() for l in log if l.startswith(("Built", "Rebuilt"))]
        print("serve log: " + "; ".join(rebuilt[:3]) + (" …" if len(rebuilt) > 3 else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
