#!/usr/bin/env python3
"""Checks the standard open-data downloads of a built site with the validators portals use.

Usage: check_opendata.py PUBLIC_DIR CONTENT_DIR STANDARD_ZIP [--transparence BINARY]

The downloads are the ones the calendar and indicator pages link (public/entites/<slug>/
consultations/, public/groupes/<g>/consultations/, …/indicateurs/ and the pages below them),
which must be exactly the tables printed by `BINARY downloads` (default
.build/release/transparence), each file present; see downloads.py. Every linked file is read by
the check CHECKS names for it, here or in check_calendar.py and check_indicators.py; a download
of the tables that no checker's CHECKS names fails ("no end-to-end check for download <file>").
Here, for every calendar folder:

    consultations.ocds.json   libcoveocds (offline, with STANDARD_ZIP, the OCDS 1.1.5 schema):
                              no validation error, no value outside a closed codelist; one
                              release per consultation and edition, `planning` first then
                              `planningUpdate`, ocids matching the content's references
    datapackage.json          frictionless validate (Table Schema of consultations.csv and
                              consultations-approch.csv: dialect, types, formats, constraints);
                              every CSV of the folder described
    consultations-approch.csv APProch's column names; the same consultations as consultations.json

    consultations.ics         icalendar and vobject: refresh hints (REFRESH-INTERVAL P1D,
                              X-PUBLISHED-TTL P1D); an event whose launch day is not known
                              (month, quarter) says so in its SUMMARY and DESCRIPTION
    <reference>/<reference>.ics  (entity calendars) each consultation's own file, parsed by both,
                              one event with the calendar's UID, linked from the consultation page
    filtres/<kind>/<value>/   (every filter page) its atom.xml (feedparser) and consultations.ics
                              (icalendar and vobject) list exactly the page's rows; a group's
                              per-criterion files, the rows of its entities' pages for that filter

and, on the pages: every page of an entity site with a calendar (and every group page of the
index) announces the Atom feed and the calendar with <link rel="alternate">, and the calendar
pages offer a webcal:// subscribe link.

And for every indicator folder (entites/<slug>/indicateurs/, groupes/<g>/indicateurs/) its
datapackage.json, validated by frictionless.

Prints one line per failed check and ends with "N passed, M failed"; exits 1 on failure.
Needs: pip install libcoveocds frictionless icalendar vobject pyyaml
"""
import csv
import glob
import io
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import feedparser
    import icalendar
    import vobject
    import yaml
except ImportError as error:  # pragma: no cover
    print(f"check_opendata: missing Python module ({error}); pip install pyyaml libcoveocds frictionless icalendar vobject")
    print("0 passed, 1 failed")
    sys.exit(2)

import downloads


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
        if name == "consultations.yml" or (name.startswith("consultations-") and name.endswith(".yml")):
            with open(os.path.join(folder, name), encoding="utf-8-sig") as f:
                fm = yaml.safe_load(f) or {}
            result[str(fm.get("updated"))] = [str(c["reference"]).lower() for c in fm.get("consultations") or []]
    return result


def calendar_folders(public, linked):
    """(where, folder, entity slugs) of every calendar folder the pages link (`linked`, from
    downloads.audit)."""
    found = []
    for folder in sorted(linked):
        area, name = (os.path.relpath(folder, public).split(os.sep) + ["", ""])[:2]
        if area == "entites":
            found.append((f"entites/{name}", folder, [name]))
        elif area == "groupes":
            slugs = []
            if os.path.isfile(os.path.join(folder, "consultations.json")):
                with open(os.path.join(folder, "consultations.json"), encoding="utf-8") as f:
                    slugs = sorted({c["entity"]["slug"] for c in json.load(f)["consultations"]})
            found.append((f"groupes/{name}", folder, slugs))
    return found


def check_ocds(where, path, standard_zip, content_dir, slugs):
    where = f"{where}/consultations.ocds.json"
    if not R.check(os.path.isfile(path), where, "missing"):
        return
    with tempfile.TemporaryDirectory() as out:
        offline = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libcoveocds_offline.py")
        run = subprocess.run([sys.executable, offline, "-e", "-d", "-o", os.path.join(out, "cove"), "--standard-zip", standard_zip, path],
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
    if "records" in package:
        # A group's package: a record package linking to its entities' release packages.
        listed = set(package.get("packages", []))
        R.check(len(listed) == len(slugs), where, f"packages {sorted(listed)} for entities {slugs}")
        all_releases = []
        for record in package["records"]:
            for link in record["releases"]:
                url, _, release_id = link["url"].partition("#")
                R.check(url in listed and release_id.startswith(record["ocid"] + "-"), where, f"linked release {link['url']}")
                all_releases.append({"ocid": record["ocid"], "id": release_id, "date": link["date"], "tag": link["tag"]})
    else:
        all_releases = package["releases"]
    for release in all_releases:
        prefix, _, rest = release["ocid"].partition("-")[2].partition("-")
        R.check(prefix and release["ocid"].startswith("ocds-"), where, f"ocid {release['ocid']} has no ocds-<prefix>")
        got.setdefault("-" + rest, []).append((release["date"][:10], release["tag"]))
    R.check(sorted(got) == sorted(expected), where, f"ocids {sorted(set(got) ^ set(expected))} differ from the content")
    for ocid, releases in got.items():
        R.check([d for d, _ in releases] == expected.get(ocid), where, f"{ocid}: release dates {[d for d, _ in releases]}, expected {expected.get(ocid)}")
        R.check([t for _, t in releases] == [["planning"]] + [["planningUpdate"]] * (len(releases) - 1), where, f"{ocid}: tags {releases}")
    ids = [r["id"] for r in all_releases]
    R.check(len(ids) == len(set(ids)), where, "release ids are not unique")


APPROCH = ["libelle", "categorie_d_achat", "date_previsionnelle_de_publication", "type_de_procedure",
           "montant_estime_du_marche", "duree_previsionnelle_du_marche", "departement_s_d_execution_du_marche",
           "lien_vers_la_consultation", "code_s_cpv"]


def check_datapackage(where, folder):
    where = f"{where}/datapackage.json"
    path = os.path.join(folder, "datapackage.json")
    if not R.check(os.path.isfile(path), where, "missing"):
        return
    run = subprocess.run(["frictionless", "validate", "--json", "datapackage.json"], cwd=folder, capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        R.check(False, where, f"frictionless failed: {run.stderr[-500:]}")
        return
    for task in report.get("tasks", []):
        R.check(task["valid"], f"{where} ({task['name']})",
                "; ".join(f"row {e.get('rowNumber')} {e.get('fieldName', '')}: {e['message']}" for e in task["errors"][:5]))
    R.check(report.get("valid") is True and report.get("tasks"), where, "invalid package")
    with open(path, encoding="utf-8") as f:
        described = {r["path"] for r in json.load(f)["resources"]}
    present = {os.path.basename(p) for p in glob.glob(os.path.join(folder, "*.csv"))}
    R.check(described == present, where, f"describes {sorted(described)}, the folder holds {sorted(present)}")


def check_approch(where, folder):
    where = f"{where}/consultations-approch.csv"
    path = os.path.join(folder, "consultations-approch.csv")
    if not R.check(os.path.isfile(path), where, "missing"):
        return
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(io.StringIO(f.read()), delimiter=";"))
    with open(os.path.join(folder, "consultations.json"), encoding="utf-8") as f:
        consultations = json.load(f)["consultations"]
    R.check(rows and all(name in rows[0] for name in APPROCH), where, f"APProch columns missing: {[n for n in APPROCH if rows and n not in rows[0]]}")
    R.check([r["reference"] for r in rows] == [c["reference"] for c in consultations], where, "not the consultations of consultations.json")
    for row, c in zip(rows, consultations):
        R.check(row["libelle"] == c["object"].lstrip("'") or row["libelle"] == "'" + c["object"], where, f"{c['reference']}: libelle")
        R.check(row["date_previsionnelle_de_publication"] == c["launch"]["start"], where, f"{c['reference']}: date")
        R.check(row["lien_vers_la_consultation"] == (c["noticeURL"] or c["url"]), where, f"{c['reference']}: lien")
        R.check(row["duree_previsionnelle_du_marche"] == (str(c["durationMonths"]) if c["durationMonths"] else ""), where, f"{c['reference']}: durée")


def parse_both(where, raw):
    """The events of an iCalendar file as (uid, summary, description), by icalendar and by vobject
    (which must agree); None when either fails."""
    try:
        cal = icalendar.Calendar.from_ical(raw)
        by_icalendar = [(str(e["UID"]), str(e["SUMMARY"]), str(e.get("DESCRIPTION", ""))) for e in cal.walk("VEVENT")]
    except Exception as error:  # noqa: BLE001
        R.check(False, where, f"icalendar cannot parse: {error}")
        return None, None
    try:
        vcal = vobject.readOne(raw.decode("utf-8"))
        events = vcal.contents.get("vevent", [])
        by_vobject = [(e.uid.value, e.summary.value, e.description.value if hasattr(e, "description") else "") for e in events]
    except Exception as error:  # noqa: BLE001
        R.check(False, where, f"vobject cannot parse: {error}")
        return None, None
    R.check(by_icalendar == by_vobject, where, "icalendar and vobject read different events")
    return cal, by_icalendar


def check_ics(where, folder, site_folder):
    where_ics = f"{where}/consultations.ics"
    with open(os.path.join(folder, "consultations.ics"), "rb") as f:
        raw = f.read()
    cal, events = parse_both(where_ics, raw)
    if cal is None:
        return
    R.check(str(cal.get("REFRESH-INTERVAL", "")) != "" and "P1D" in raw.decode().split("REFRESH-INTERVAL;VALUE=DURATION:")[1][:4],
            where_ics, "no REFRESH-INTERVAL;VALUE=DURATION:P1D")
    R.check(str(cal.get("X-PUBLISHED-TTL", "")) == "P1D", where_ics, "no X-PUBLISHED-TTL:P1D")
    with open(os.path.join(folder, "consultations.json"), encoding="utf-8") as f:
        consultations = json.load(f)["consultations"]
    R.check(len(events) == len(consultations), where_ics, f"{len(events)} events for {len(consultations)} consultations")
    for (uid, summary, description), c in zip(events, consultations):
        unknown = c["launch"]["kind"] != "day"
        R.check(("date à préciser" in summary) == unknown, where_ics, f"{c['reference']}: SUMMARY {summary!r} (launch {c['launch']['kind']})")
        R.check(("jour non connu" in description) == unknown, where_ics, f"{c['reference']}: DESCRIPTION does not say whether the day is known")
        if unknown:
            R.check(c["launch"]["label"] in summary, where_ics, f"{c['reference']}: SUMMARY does not name the period")
        if site_folder is None:
            continue
        # The consultation's own file, beside its page.
        reference = c["reference"].lower()
        page = os.path.join(site_folder, "consultations", reference)
        own = os.path.join(page, f"{reference}.ics")
        where_own = f"{where}/{reference}/{reference}.ics"
        if not R.check(os.path.isfile(own), where_own, "missing"):
            continue
        with open(own, "rb") as f:
            _, own_events = parse_both(where_own, f.read())
        R.check(own_events is not None and [e[0] for e in own_events] == [uid], where_own, f"events {own_events and [e[0] for e in own_events]}, expected [{uid}]")
        with open(os.path.join(page, "index.html"), encoding="utf-8") as f:
            html = f.read()
        R.check(f'href="{reference}.ics"' in html and "Ajouter à mon agenda" in html, f"{where}/{reference}/", "no « Ajouter à mon agenda » link")


ALTERNATE = re.compile(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">')


def check_alternates(where, pages, calendar_folder, public):
    """Every page in `pages` announces the Atom feed and the calendar of `calendar_folder`
    (the 404 page with root-absolute links, as it is served at any depth)."""
    for page in pages:
        with open(page, encoding="utf-8") as f:
            head = f.read().split("</head>")[0]
        found = {(t, os.path.normpath(os.path.join(public, h.lstrip("/")) if h.startswith("/") else os.path.join(os.path.dirname(page), h)))
                 for t, h in ALTERNATE.findall(head)}
        R.check(("application/atom+xml", os.path.join(calendar_folder, "atom.xml")) in found
                and ("text/calendar", os.path.join(calendar_folder, "consultations.ics")) in found,
                f"{where}: {os.path.relpath(page, calendar_folder)}", f"head announces {found}")
        # A filter page also announces its own feeds (not the list of filters, filtres/index.html).
        if "/filtres/" in page and not page.endswith("/filtres/index.html"):
            folder = os.path.dirname(page)
            R.check(("application/atom+xml", os.path.join(folder, "atom.xml")) in found
                    and ("text/calendar", os.path.join(folder, "consultations.ics")) in found,
                    f"{where}: {os.path.relpath(page, calendar_folder)}", f"head does not announce its own feeds: {found}")


def check_webcal(where, folder):
    with open(os.path.join(folder, "index.html"), encoding="utf-8") as f:
        html = f.read()
    R.check(re.search(r'href="webcal://[^"]+/consultations\.ics"', html), where, "no webcal:// subscribe link")


ROW = re.compile(r'<th scope="row">(?:<a href="([^"]+)">)?')


def page_rows(path):
    """(entity slug, reference lowercased) of each row of a calendar page, from its link."""
    with open(path, encoding="utf-8") as f:
        html = f.read()
    rows = []
    for href in ROW.findall(html):
        parts = [p for p in href.split("/") if p not in ("", "..")]
        if "consultations" in parts and parts.index("consultations") + 1 < len(parts):
            i = parts.index("consultations")
            rows.append((parts[i - 1] if i > 0 else None, parts[i + 1]))
    return rows


def feed_entries(where, folder):
    """(slug, reference) of the entries of a filter's atom.xml (feedparser) and consultations.ics
    (icalendar and vobject, which must agree); None when a file is missing or unreadable."""
    atom_path, ics_path = os.path.join(folder, "atom.xml"), os.path.join(folder, "consultations.ics")
    if not R.check(os.path.isfile(atom_path) and os.path.isfile(ics_path), where, "no atom.xml or consultations.ics"):
        return None, None
    d = feedparser.parse(atom_path)
    if not R.check(d.bozo == 0 and d.version == "atom10", f"{where}/atom.xml", f"feedparser: {d.get('bozo_exception')!r} {d.version!r}"):
        return None, None
    atom = []
    for entry in d.entries:
        parts = [p for p in entry.get("id", "").split("/") if p]
        R.check(entry.get("link") == entry.get("id"), f"{where}/atom.xml", f"link {entry.get('link')!r} != id")
        atom.append((parts[-3], parts[-1]))
    with open(ics_path, "rb") as f:
        raw = f.read()
    cal, events = parse_both(f"{where}/consultations.ics", raw)
    if cal is None:
        return atom, None
    R.check(str(cal.get("X-PUBLISHED-TTL", "")) == "P1D", f"{where}/consultations.ics", "no X-PUBLISHED-TTL:P1D")
    ics = []
    for uid, summary, description in events:
        local = uid.split("@")[0]
        reference, _, slug = local.partition(".")
        ics.append((slug, reference))
        unknown = "date à préciser" in summary
        R.check(("jour non connu" in description) == unknown, f"{where}/consultations.ics", f"{uid}: the day is not known, says the SUMMARY but not the DESCRIPTION")
    return atom, ics


def check_filter_feeds(public, folders):
    """Every filter page's feed and calendar list exactly its rows; a group's per-criterion ones
    the rows of its entities' pages for that criterion."""
    by_group = {}
    for where, folder, slugs in folders:
        if where.startswith("groupes/"):
            by_group[folder] = slugs
            continue
        slug = slugs[0]
        for page in sorted(glob.glob(os.path.join(folder, "filtres", "*", "*", "index.html"))):
            filter_folder = os.path.dirname(page)
            w = os.path.relpath(filter_folder, public)
            rows = sorted((slug, r) for _, r in page_rows(page))
            atom, ics = feed_entries(w, filter_folder)
            if atom is not None:
                R.check(sorted(atom) == rows, f"{w}/atom.xml", f"entries {sorted(set(atom) ^ set(rows))[:5]} differ from the page's rows")
            if ics is not None:
                R.check(sorted(ics) == rows, f"{w}/consultations.ics", f"events {sorted(set(ics) ^ set(rows))[:5]} differ from the page's rows")
            with open(page, encoding="utf-8") as f:
                html = f.read()
            R.check(re.search(r'href="webcal://[^"]+/filtres/[^"]+/consultations\.ics"', html), w, "no webcal:// link to its own calendar")
    for folder, slugs in by_group.items():
        expected = {}
        for slug in slugs:
            for page in glob.glob(os.path.join(public, "entites", slug, "consultations", "filtres", "*", "*", "index.html")):
                criterion = os.path.relpath(os.path.dirname(page), os.path.join(public, "entites", slug, "consultations"))
                expected.setdefault(criterion, []).extend((slug, r) for _, r in page_rows(page))
        found = {os.path.relpath(os.path.dirname(p), folder) for p in glob.glob(os.path.join(folder, "filtres", "*", "*", "atom.xml"))}
        R.check(found == set(expected), os.path.relpath(folder, public), f"criteria {sorted(found ^ set(expected))[:5]} differ from the entities' filters")
        with open(os.path.join(folder, "index.html"), encoding="utf-8") as f:
            overview = f.read()
        for criterion, rows in sorted(expected.items()):
            w = os.path.relpath(os.path.join(folder, criterion), public)
            atom, ics = feed_entries(w, os.path.join(folder, criterion))
            if atom is not None:
                R.check(sorted(atom) == sorted(rows), f"{w}/atom.xml", "entries differ from the entities' filter pages")
            if ics is not None:
                R.check(sorted(ics) == sorted(rows), f"{w}/consultations.ics", "events differ from the entities' filter pages")
            R.check(f"{criterion}/consultations.ics\"" in overview and f"{criterion}/atom.xml\"" in overview, w, "not linked from the group's calendar")


class Folder:
    """A download folder and what its checks need."""

    def __init__(self, where, path, slugs=(), standard_zip=None, content_dir=None):
        self.where, self.path, self.slugs = where, path, list(slugs)
        self.standard_zip, self.content_dir = standard_zip, content_dir
        # An entity's calendar: its site, where each consultation has its own page and file.
        self.site_folder = os.path.dirname(path) if where.startswith("entites/") else None


def ocds_download(f):
    check_ocds(f.where, os.path.join(f.path, "consultations.ocds.json"), f.standard_zip, f.content_dir, f.slugs)


def datapackage_download(f):
    check_datapackage(f.where, f.path)


def approch_download(f):
    check_approch(f.where, f.path)


def ics_download(f):
    check_ics(f.where, f.path, f.site_folder)


# The real-tool check of each download this checker reads. The others are check_calendar.py's
# and check_indicators.py's.
CHECKS = {
    "calendar": {
        "consultations.ocds.json": ocds_download,            # libcoveocds
        "datapackage.json": datapackage_download,            # frictionless
        "consultations-approch.csv": approch_download,       # Python csv
        "consultations.ics": ics_download,                   # icalendar and vobject
    },
    "indicators": {
        "datapackage.json": datapackage_download,            # frictionless
    },
}


def main(argv):
    argv, binary = downloads.binary_option(argv)
    if len(argv) != 4:
        print(__doc__)
        return 2
    public, content_dir, standard_zip = os.path.abspath(argv[1]), argv[2], argv[3]
    linked = downloads.audit(public, binary, "calendar", CHECKS["calendar"], R.check, "check_opendata.py")
    folders = calendar_folders(public, linked)
    R.check(folders, public, "no calendar found")
    for where, folder, slugs in folders:
        downloads.run_checks(CHECKS["calendar"], linked[folder], folder, Folder(where, folder, slugs, standard_zip, content_dir))
        check_webcal(where, folder)
        scope = os.path.dirname(folder)  # the entity site, or the group's folder on the index
        check_alternates(where, sorted(glob.glob(os.path.join(scope, "**", "*.html"), recursive=True)), folder, public)
    check_filter_feeds(public, folders)
    indicator_folders = downloads.audit(public, binary, "indicators", CHECKS["indicators"], R.check, "check_opendata.py")
    R.check(indicator_folders, public, "no indicator folder found")
    for folder in sorted(indicator_folders):
        downloads.run_checks(CHECKS["indicators"], indicator_folders[folder], folder, Folder(os.path.relpath(folder, public), folder))
    print(f"{R.passed} passed, {R.failed} failed")
    return 1 if R.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
