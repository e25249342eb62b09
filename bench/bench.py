#!/usr/bin/env python3
"""Interleaved build benchmark: Transparence vs Hugo on the plain corpus, Transparence alone on
the group corpus. Called by bench/run.sh, which builds the binary and generates the corpora.

Why not hyperfine: hyperfine (1.15 here, and upstream, see sharkdp/hyperfine#483) runs every run
of the first command, then every run of the second (A A A B B B); it does not interleave, and this
version does not report memory. This script runs A B A B …, each run as a direct child (no shell),
and reads the child's own resource usage with os.wait4: wall time (perf_counter around spawn and
reap), user and system CPU time, and peak resident memory (ru_maxrss).

For the "no change" and "one file edited" scenarios it also lists the output tree before and after
each run (find OUT -type f -printf '%i %T@ %P\\n') and counts the files whose inode or mtime
changed, plus the files that appeared or disappeared.
"""

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

TODAY = "2026-11-23"


class Tool:
    """One generator building one corpus into its own work folder."""

    def __init__(self, name, argv, work, edit_file):
        self.name = name
        self.argv = argv          # the build command; writes into work/public
        self.work = work          # everything the tool writes lives here (output, manifest, staging, cache)
        self.edit_file = edit_file
        self.original = edit_file.read_bytes()
        self.edits = 0
        self.broken = False       # a cold build timed out: no later scenario can run

    @property
    def output(self):
        return self.work / "public"

    def wipe(self):
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)

    def edit(self):
        """Appends a new line to one Markdown page: its content differs from every earlier run."""
        self.edits += 1
        self.edit_file.write_bytes(self.original + f"\nLigne ajoutée pour la mesure n° {self.edits}.\n".encode())

    def restore(self):
        self.edit_file.write_bytes(self.original)


class TimedOut(Exception):
    pass


def run(tool, log, timeout):
    """Runs the tool once; returns (wall s, user s, sys s, max RSS KiB). A failed build stops the
    benchmark (its output is shown); a run longer than `timeout` seconds is killed (TimedOut)."""
    with open(log, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(tool.argv, cwd=tool.work, stdin=subprocess.DEVNULL, stdout=err, stderr=err)
        killer = threading.Timer(timeout, lambda: os.kill(child.pid, signal.SIGKILL))
        killer.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        killer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode == -signal.SIGKILL and wall >= timeout:
        raise TimedOut()
    if child.returncode != 0:
        sys.stderr.write(Path(log).read_text(errors="replace")[-4000:])
        sys.exit(f"{tool.name} failed (exit {child.returncode}): {' '.join(map(str, tool.argv))}")
    return wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss


def listing(root):
    out = subprocess.run(["find", str(root), "-type", "f", "-printf", r"%i %T@ %P\n"],
                         check=True, capture_output=True, text=True).stdout
    result = {}
    for line in out.splitlines():
        inode, mtime, path = line.split(" ", 2)
        result[path] = (inode, mtime)
    return result


def changed(before, after):
    """Files written (new inode or mtime, or new path) and files removed."""
    written = sum(1 for p, v in after.items() if before.get(p) != v)
    removed = sum(1 for p in before if p not in after)
    return written, removed


def benchmark(tools, scenario, limits, logs):
    """Interleaved runs of one scenario; returns {tool name: [samples]}.

    Each tool gets up to limits.runs runs, but stops early (after at least one run) when one more
    run would take its total time in this scenario past limits.budget seconds."""
    samples = {t.name: [] for t in tools}
    active = [t for t in tools if not t.broken]
    if scenario != "cold":
        for t in list(active):  # untimed: output present and up to date (and the tool's own state written)
            t.restore()
            try:
                run(t, logs / f"{t.name}-{scenario}-warmup.log", limits.timeout)
            except TimedOut:
                t.broken = True
                active.remove(t)
                samples[t.name].append({"timeout": True})
    for i in range(limits.runs):
        for t in list(active):
            if scenario == "cold":
                t.wipe()
            elif scenario == "edit":
                t.edit()
            before = listing(t.output) if scenario != "cold" else None
            try:
                wall, user, system, rss = run(t, logs / f"{t.name}-{scenario}-{i + 1}.log", limits.timeout)
            except TimedOut:
                print(f"  {scenario:8} run {i + 1} {t.name}: killed after {limits.timeout:g} s", file=sys.stderr)
                samples[t.name].append({"timeout": True})
                active.remove(t)
                if scenario == "cold":
                    t.broken = True  # no complete output to rebuild from
                continue
            sample = {"wall": wall, "user": user, "sys": system, "rss": rss}
            if before is not None:
                after = listing(t.output)
                sample["written"], sample["removed"] = changed(before, after)
                sample["files"] = len(after)
            samples[t.name].append(sample)
            print(f"  {scenario:8} run {i + 1}/{limits.runs} {t.name:13} wall {wall:7.3f} s  user {user:7.3f} s  "
                  f"sys {system:6.3f} s  rss {rss / 1024:7.1f} MiB"
                  + (f"  files written {sample['written']}/{sample['files']}" if before is not None else ""),
                  file=sys.stderr, flush=True)
            spent = sum(x["wall"] for x in samples[t.name])
            if spent + statistics.median(x["wall"] for x in samples[t.name]) > limits.budget and i + 1 < limits.runs:
                active.remove(t)
                print(f"  {scenario:8} {t.name}: stops after {i + 1} run(s), time budget {limits.budget:g} s",
                      file=sys.stderr, flush=True)
    for t in tools:
        t.restore()
    return samples


def done(samples):
    return [x for x in samples if not x.get("timeout")]


def median(samples, key):
    return statistics.median(x[key] for x in done(samples))


def fmt_s(v):
    return f"{v:.3f} s" if v < 10 else f"{v:.1f} s"


def fmt_mib(kib):
    return f"{kib / 1024:.0f} MiB"


def fmt_ratio(a, b):
    return f"{a / b:.2f}×" if b > 0 else "—"


def cells(samples, timeout):
    """Runs, wall, user, sys, max RSS and files written for one tool in one scenario."""
    ok = done(samples)
    if not ok:
        if samples:
            return [f"0 (killed)", f"> {timeout:g} s", "—", "—", "—", "—"]
        return ["0", "—", "—", "—", "—", "—"]
    runs = f"{len(ok)}" + (" + 1 killed" if len(ok) < len(samples) else "")
    cell = [runs, fmt_s(median(samples, "wall")), fmt_s(median(samples, "user")), fmt_s(median(samples, "sys")),
            fmt_mib(median(samples, "rss"))]
    if "written" in ok[0]:
        w, removed = median(samples, "written"), median(samples, "removed")
        cell.append(f"{w:g} / {ok[-1]['files']}" + (f" (and {removed:g} removed)" if removed else ""))
    else:
        cell.append("—")
    return cell


SCENARIOS = [("cold", "cold build (empty output)"), ("nochange", "rebuild, nothing changed"),
             ("edit", "rebuild, one Markdown file edited")]


def output_summary(tool):
    if tool.broken or not tool.output.is_dir():
        return None
    files = listing(tool.output)
    html = sum(1 for p in files if p.endswith(".html"))
    # Bytes written (apparent sizes, as `du -sb` counts them) and the heaviest HTML page.
    sizes = {p: os.path.getsize(tool.output / p) for p in files}
    largest = max((p for p in sizes if p.endswith(".html")), key=lambda p: sizes[p], default=None)
    heaviest = f"; largest page {sizes[largest] / 1024:.0f} KiB ({largest})" if largest else ""
    html_bytes = sum(size for p, size in sizes.items() if p.endswith(".html"))
    return (f"{tool.name} output: {len(files)} files, of which {html} HTML; {sum(sizes.values()) / 1e6:.1f} MB written, "
            f"of which {html_bytes / 1e6:.1f} MB of HTML" + heaviest)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, type=Path, help="transparence binary")
    ap.add_argument("--templates", required=True, type=Path)
    ap.add_argument("--hugo", default="hugo")
    ap.add_argument("--plain", required=True, type=Path, help="corpus from generate.py --plain")
    ap.add_argument("--group", type=Path, help="corpus from generate.py --group (omit to measure corpus (a) only)")
    ap.add_argument("--work", required=True, type=Path, help="scratch folder for outputs and logs")
    ap.add_argument("--runs", type=int, default=5, help="runs per tool and scenario (default 5)")
    ap.add_argument("--budget", type=float, default=180,
                    help="seconds per tool and scenario: no new run once it would exceed them (default 180)")
    ap.add_argument("--timeout", type=float, default=600, help="kill a single run after this many seconds (default 600)")
    ap.add_argument("--results", type=Path, help="also write the Markdown report here")
    ap.add_argument("--baseline", type=Path,
                    help="another transparence binary (e.g. an older build) run interleaved on both corpora, with ratios")
    ap.add_argument("--baseline-templates", type=Path, help="the baseline's templates (default: --templates)")
    limits = ap.parse_args()
    args = limits

    logs = args.work / "logs"
    logs.mkdir(parents=True, exist_ok=True)

    def transparence(name, content, edit, binary=None, label="Transparence", templates=None):
        work = args.work / name
        return Tool(label, [str(binary or args.bin), "build", "--content", str(content), "--templates", str(templates or args.templates),
                                     "--output", str(work / "public"), "--today", TODAY, "--quiet"], work, edit)

    plain_t = transparence("plain-transparence", args.plain / "transparence" / "content",
                           args.plain / "transparence" / "content" / "entities" / "corpus" / "pages" / "page-1000.md")
    # The baseline builds the same corpus into its own work folder (each edits the same page).
    plain_b = transparence("plain-baseline", args.plain / "transparence" / "content",
                           args.plain / "transparence" / "content" / "entities" / "corpus" / "pages" / "page-1000.md",
                           binary=args.baseline, label="Baseline", templates=args.baseline_templates) if args.baseline else None
    hugo_work = args.work / "plain-hugo"
    plain_h = Tool("Hugo", [args.hugo, "--quiet", "--source", str(args.plain / "hugo"), "--destination",
                            str(hugo_work / "public"), "--cacheDir", str(hugo_work / "cache")],
                   hugo_work, args.plain / "hugo" / "content" / "page-1000.md")
    group_t = None
    if args.group:
        first = sorted((args.group / "content" / "entities").iterdir())[0]
        group_t = transparence("group-transparence", args.group / "content", first / "pages" / "presentation.md")
    group_b = transparence("group-baseline", args.group / "content", first / "pages" / "presentation.md", binary=args.baseline,
                           label="Baseline", templates=args.baseline_templates) if group_t and args.baseline else None

    started = time.perf_counter()
    results = {}
    print(f"Corpus (a), plain Markdown: Transparence vs Hugo, interleaved", file=sys.stderr)
    for key, _ in SCENARIOS:
        results[("plain", key)] = benchmark([plain_t, plain_h] + ([plain_b] if plain_b else []), key, limits, logs)
    plain_out = [output_summary(t) for t in (plain_t, plain_h)]
    if group_t:
        print(f"Corpus (b), synthetic group: Transparence", file=sys.stderr)
        for key, _ in SCENARIOS:
            results[("group", key)] = benchmark([group_t] + ([group_b] if group_b else []), key, limits, logs)
        group_out = output_summary(group_t)
        group_b_out = output_summary(group_b) if group_b else None
    elapsed = time.perf_counter() - started

    # ---- report ----
    def cpu_model():
        try:
            for line in open("/proc/cpuinfo"):
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return platform.processor() or "?"

    def git(*a):
        return subprocess.run(["git", "-C", str(repo), *a], capture_output=True, text=True).stdout.strip()

    repo = Path(__file__).resolve().parent.parent
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "Sources", "site-templates", "Package.swift")
    hugo_version = subprocess.run([args.hugo, "version"], capture_output=True, text=True).stdout.split(" BuildDate")[0]
    load = os.getloadavg()
    def baseline_table(corpus):
        """The baseline's rows for `corpus` ("plain", "group"), with its ratios to Transparence."""
        rows = ["| Scenario | Generator | Runs | Wall | User | Sys | Max RSS | Files written |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for key, label in SCENARIOS:
            t, b = results[(corpus, key)]["Transparence"], results[(corpus, key)]["Baseline"]
            rows.append(f"| {label} | Baseline | " + " | ".join(cells(b, args.timeout)) + " |")
            if done(t) and done(b):
                rows.append(f"| {label} | **Transparence / Baseline** | | **{fmt_ratio(median(t, 'wall'), median(b, 'wall'))}** | "
                            f"{fmt_ratio(median(t, 'user'), median(b, 'user'))} | {fmt_ratio(median(t, 'sys'), median(b, 'sys'))} | "
                            f"{fmt_ratio(median(t, 'rss'), median(b, 'rss'))} | |")
        return rows

    md = ["# Build benchmark results", ""]
    md.append(f"- Date: {time.strftime('%Y-%m-%d %H:%M %Z')}; {os.cpu_count()} CPUs ({cpu_model()}), Linux {platform.release()}; "
              f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min)")
    md.append(f"- Transparence: commit {git('rev-parse', '--short', 'HEAD') or '?'}"
              f"{' with uncommitted changes' if dirty else ''}, release build; {hugo_version}")
    md.append(f"- Up to {args.runs} runs per generator and scenario, fewer when the next run would exceed the "
              f"{args.budget:g} s budget; medians. Runs interleaved (Transparence, Hugo, Transparence, Hugo…); "
              f"warm file cache; Transparence with `--today {TODAY} --quiet`. Measuring took {elapsed / 60:.1f} min.")
    md.append("- Wall = elapsed time; User / Sys = CPU time of the process, all threads; "
              "Max RSS = peak resident memory; Files written = files of the output whose inode or mtime changed "
              "(or that appeared), out of all files of the output.")
    md.append("")
    md.append("## (a) Plain Markdown corpus: 2 000 pages of ~2 KB")
    md.append("")
    md += [f"- {line}" for line in plain_out if line]
    md.append("")
    md.append("| Scenario | Generator | Runs | Wall | User | Sys | Max RSS | Files written |")
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key, label in SCENARIOS:
        r = results[("plain", key)]
        t, h = r["Transparence"], r["Hugo"]
        for name, x in (("Transparence", t), ("Hugo", h)):
            md.append(f"| {label} | {name} | " + " | ".join(cells(x, args.timeout)) + " |")
        if done(t) and done(h):
            md.append(f"| {label} | **Transparence / Hugo** | | **{fmt_ratio(median(t, 'wall'), median(h, 'wall'))}** | "
                      f"{fmt_ratio(median(t, 'user'), median(h, 'user'))} | {fmt_ratio(median(t, 'sys'), median(h, 'sys'))} | "
                      f"{fmt_ratio(median(t, 'rss'), median(h, 'rss'))} | |")
    if plain_b:
        md.append("")
        md.append(f"Baseline: `{args.baseline}`, run interleaved with the two above (Transparence, Hugo, Baseline, …).")
        md.append("")
        md += baseline_table("plain")
    if group_t:
        md.append("")
        md.append("## (b) Synthetic group: 60 entities × (20 pages of ~5 KB, 300 consultations, 3 years of indicators)")
        md.append("")
        if group_out:
            md.append(f"- {group_out}")
            md.append("")
        md.append("| Scenario | Runs | Wall | User | Sys | Max RSS | Files written |")
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for key, label in SCENARIOS:
            md.append(f"| {label} | " + " | ".join(cells(results[("group", key)]["Transparence"], args.timeout)) + " |")
        if group_b:
            md.append("")
            md.append(f"Baseline: `{args.baseline}` (templates `{args.baseline_templates or args.templates}`), run interleaved "
                      "with the above (Transparence, Baseline, …).")
            md.append("")
            if group_b_out:
                md.append(f"- {group_b_out}")
                md.append("")
            md += baseline_table("group")
    text = "\n".join(md) + "\n"
    sys.stdout.write(text)
    if args.results:
        args.results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
