#!/usr/bin/env python3
"""Checks the standard open-data downloads of a built site with the validators portals use.

Usage: check_opendata.py PUBLIC_DIR CONTENT_DIR STANDARD_ZIP

For every calendar folder (public/entites/<slug>/consultations/, public/groupes/<g>/consultations/):

    consultations.ocds.json   libcoveocds (offline, with STANDARD_ZIP, the OCDS 1.1.5 schema):
                              no validation error, no value outside a closed codelist; one
                              release per consultation and edition, `planning` first then
                              `planningUpdate`, ocids matching the content's references

Prints one line per failed check and ends with "N passed, M failed"; exits 1 on failure.
Needs: pip install libcoveocds pyyaml
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError as error:  # pragma: no cover
    print(f"check_opendata: missing Python module ({error}); pip install pyyaml libcoveocds")
    print("0 passed, 1 failed")
    sys.exit(2)


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, where, message):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {where}: {message}")
        return bool(condition)


R = Results()


def front_matter(path):
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().replace("\r\n", "\n").split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return yaml.safe_load("\n".join(lines[1:end])) or {}


def editions(content_dir, slug):
    """{edition date: [reference lowercased]} of an entity: the current list and its archives."""
    folder = os.path.join(content_dir, "entities", slug)
    result = {}
    for name in sorted(os.listdir(folder)):
        if name == "consultations.md" or (name.startswith("consultations-") and name.endswith(".md")):
            fm = front_matter(os.path.join(folder, name))
            result[str(fm.get("updated"))] = [str(c["reference"]).lower() for c in fm.get("consultations") or []]
    return result


def calendar_folders(public):
    """(where, folder, entity slugs) of every calendar."""
    found = []
    entities = os.path.join(public, "entites")
    for slug in sorted(os.listdir(entities)) if os.path.isdir(entities) else []:
        folder = os.path.join(entities, slug, "consultations")
        if os.path.isfile(os.path.join(folder, "consultations.csv")):
            found.append((f"entites/{slug}", folder, [slug]))
    groups = os.path.join(public, "groupes")
    for group in sorted(os.listdir(groups)) if os.path.isdir(groups) else []:
        folder = os.path.join(groups, group, "consultations")
        if os.path.isfile(os.path.join(folder, "consultations.csv")):
            with open(os.path.join(folder, "consultations.json"), encoding="utf-8") as f:
                slugs = sorted({c["entity"]["slug"] for c in json.load(f)["consultations"]})
            found.append((f"groupes/{group}", folder, slugs))
    return found


def check_ocds(where, path, standard_zip, content_dir, slugs):
    where = f"{where}/consultations.ocds.json"
    if not R.check(os.path.isfile(path), where, "missing"):
        return
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run(["libcoveocds", "-e", "-d", "-o", os.path.join(out, "cove"), "--standard-zip", standard_zip, path],
                             capture_output=True, text=True)
    if not R.check(run.returncode == 0, where, f"libcoveocds failed: {run.stderr[-500:]}"):
        return
    report = json.loads(run.stdout)
    R.check(report["validation_errors"] == [], where, f"validation errors: {json.dumps(report['validation_errors'], ensure_ascii=False)[:800]}")
    R.check(report["additional_closed_codelist_values"] == {}, where,
            f"values outside closed codelists: {report['additional_closed_codelist_values']}")
    R.check(str(report.get("version_used")) == "1.1", where, f"version used {report.get('version_used')}")
    with open(path, encoding="utf-8") as f:
        package = json.load(f)
    # One release per consultation and edition, tags in edition order.
    expected = {}
    for slug in slugs:
        for date, references in sorted(editions(content_dir, slug).items()):
            for reference in references:
                expected.setdefault(f"-{slug}-{reference}", []).append(date)
    got = {}
    for release in package["releases"]:
        prefix, _, rest = release["ocid"].partition("-")[2].partition("-")
        R.check(prefix and release["ocid"].startswith("ocds-"), where, f"ocid {release['ocid']} has no ocds-<prefix>")
        got.setdefault("-" + rest, []).append((release["date"][:10], release["tag"]))
    R.check(sorted(got) == sorted(expected), where, f"ocids {sorted(set(got) ^ set(expected))} differ from the content")
    for ocid, releases in got.items():
        R.check([d for d, _ in releases] == expected.get(ocid), where, f"{ocid}: release dates {[d for d, _ in releases]}, expected {expected.get(ocid)}")
        R.check([t for _, t in releases] == [["planning"]] + [["planningUpdate"]] * (len(releases) - 1), where, f"{ocid}: tags {releases}")
    ids = [r["id"] for r in package["releases"]]
    R.check(len(ids) == len(set(ids)), where, "release ids are not unique")


def main(argv):
    if len(argv) != 4:
        print(__doc__)
        return 2
    public, content_dir, standard_zip = argv[1], argv[2], argv[3]
    folders = calendar_folders(public)
    R.check(folders, public, "no calendar found")
    for where, folder, slugs in folders:
        check_ocds(where, os.path.join(folder, "consultations.ocds.json"), standard_zip, content_dir, slugs)
    print(f"{R.passed} passed, {R.failed} failed")
    return 1 if R.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
