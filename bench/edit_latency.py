"""Edit-to-visible latency of `transparence serve` (a script, not a test).

Usage (serve running on the same content):
    transparence serve --content OUT/content --today 2026-11-23 --port 8765 &
    python3 bench/edit_latency.py OUT/content ENTITY 8765 9

Appends a marked line to entities/ENTITY/pages/presentation.md, polls the page every 2 ms
until the marker shows, prints each delay and the median; the file is restored at the end.
Standard library only.
"""
import sys, time, urllib.request, os
root, entity, port, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
path = f"{root}/entities/{entity}/pages/presentation.md"
url = f"http://127.0.0.1:{port}/entites/{entity}/presentation/"
original = open(path).read()
times = []
try:
    for i in range(runs):
        marker = f"Marqueur-{i}-{time.time_ns()}"
        time.sleep(0.3)
        t0 = time.monotonic()
        with open(path, "a") as f: f.write(f"\n{marker}\n")
        while True:
            body = urllib.request.urlopen(url).read().decode()
            if marker in body: break
            time.sleep(0.002)
        times.append(1000 * (time.monotonic() - t0))
finally:
    open(path, "w").write(original)
times.sort()
print("edit → visible (ms):", " ".join(f"{t:.0f}" for t in times), f"median {times[len(times)//2]:.0f}")
