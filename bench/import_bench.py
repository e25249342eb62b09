#!/usr/bin/env python3
"""Import benchmark: `transparence import consultations` on generated spreadsheets.

    python3 bench/import_bench.py BINARY [--rows 500,5000,5001,100000] [--runs 3]

For each row count, writes a CSV of that many distinct, valid consultations (about 110 bytes a
row; 100 000 rows is the 11 MB file of the original report), copies the example content to a
scratch folder, and runs the import (`--dry-run`, then a real write when the file is accepted).
Each run is a direct child process: `os.wait4` gives its own wall time, CPU time and peak memory.
Prints a Markdown table (medians) and the first line of each refusal. Standard library only; the
scratch folder is removed at the end.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

HEADER = "Référence;Objet;Catégorie;Procédure;Lancement;Montant;Départements;État\n"


def sheet(path, rows):
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for i in range(rows):
            out.write(f"R-{i:06d};Nettoyage des parties communes {i};Services;Appel d’offres ouvert;T1 2027;96 500 €;75;prévue\n")


def run(binary, arguments):
    """(status, wall s, user+sys s, max RSS MB, stderr) of one run."""
    started = time.monotonic()
    process = subprocess.Popen([binary] + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, errors.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--rows", default="500,5000,5001,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--content", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content"))
    options = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="transparence-import-bench.")
    try:
        print("| rows | CSV bytes | mode | exit | wall (median) | CPU | max RSS | runs |")
        print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        refusals = []
        for rows in [int(r) for r in options.rows.split(",")]:
            csv = os.path.join(scratch, f"consultations-{rows}.csv")
            sheet(csv, rows)
            size = os.path.getsize(csv)
            for mode in ["--dry-run", "write"]:
                results = []
                for _ in range(options.runs):
                    content = os.path.join(scratch, "content")
                    shutil.rmtree(content, ignore_errors=True)
                    shutil.copytree(options.content, content)
                    arguments = ["import", "consultations", csv, "--entity", "seqens", "--content", content, "--today", "2027-06-01"]
                    if mode == "--dry-run":
                        arguments.append("--dry-run")
                    results.append(run(options.binary, arguments))
                status = results[0][0]
                median = lambda i: statistics.median(r[i] for r in results)
                print(f"| {rows} | {size} | {mode} | {status} | {median(1):.2f} s | {median(2):.2f} s | {median(3):.0f} MB | {len(results)} |", flush=True)
                if status != 0:
                    refusals.append((rows, results[0][4].splitlines()[0] if results[0][4] else ""))
                    break  # refused: the write mode would be the same refusal
        for rows, line in refusals:
            print(f"\n{rows} rows: `{line[:300]}`")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
