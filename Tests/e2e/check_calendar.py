#!/usr/bin/env python3
"""Checks the consultation calendar downloads of a built site with independent, real parsers.

Usage: check_calendar.py PUBLIC_DIR CONTENT_DIR [--transparence BINARY]

The downloads are the ones the calendar pages link (public/entites/<slug>/consultations/,
public/groupes/<group>/consultations/ and the pages below them), which must be exactly the
calendar table printed by `BINARY downloads` (default .build/release/transparence), each file
present; see downloads.py. Every linked file is read by the check CHECKS names for it, here

    consultations.csv   Python csv (';', after stripping the UTF-8 BOM)
    consultations.json  json, validated against schema.json (jsonschema, draft 2020-12, formats)
    schema.json
    consultations.ics   icalendar
    atom.xml            feedparser (must not be bozo)

or in check_opendata.py; a download of the table that no checker's CHECKS names fails
("no end-to-end check for download <file>"). The files are compared with the source
content/entities/<slug>/consultations.yml (PyYAML): same references, objects, statuses, launch
start dates, changed dates, cancelled <=> abandonnée, unique UIDs. A group calendar is the union
of its entities' calendars.

Prints one line per failed check and ends with "N passed, M failed"; exits 1 on failure.
Needs: pip install pyyaml jsonschema icalendar feedparser
"""
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from urllib.parse import urlparse

try:
    import feedparser
    import icalendar
    import yaml
    from jsonschema import Draft202012Validator
except ImportError as error:  # pragma: no cover
    print(f"check_calendar: missing Python module ({error}); pip install pyyaml jsonschema icalendar feedparser")
    print("0 passed, 1 failed")
    sys.exit(2)

import downloads

CSV_HEADER = [
    "Entité", "Référence", "Objet", "Catégorie", "Codes CPV", "Procédure", "Technique", "Marché réservé",
    "Marché innovant", "Considérations sociales", "Considérations environnementales", "Lancement prévu",
    "Date de lancement (début de période, JJ/MM/AAAA)", "Montant estimé min (€ HT)", "Montant estimé max (€ HT)",
    "Durée (mois)", "Lots", "Allotissement", "Lieux", "Départements", "Contact", "État", "Avis publié",
    "Dernière modification", "Page", "Montant (libellé de l'organisme)", "Note", "Motif du report du lancement",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ICAL_STATUS = {"prévue": "TENTATIVE", "publiée": "CONFIRMED", "attribuée": "CONFIRMED", "abandonnée": "CANCELLED"}


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


# ---------------------------------------------------------------- source content

def front_matter(path):
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError(f"{path}: no front matter")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return yaml.safe_load("\n".join(lines[1:end])) or {}


def as_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def launch_start(value):
    """2027-03-15 (a YAML date or text), "2027-03", "T2 2027" -> first day of the period."""
    if isinstance(value, (dt.date, dt.datetime)):
        return as_date(value)
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), 1)
    m = re.fullmatch(r"[Tt]([1-4]) (\d{4})", text)
    if m:
        return dt.date(int(m.group(2)), (int(m.group(1)) - 1) * 3 + 1, 1)
    raise ValueError(f"launch {value!r}")


def amount_range(value):
    if value is None:
        return None
    if isinstance(value, dict):
        return float(value["min"]), float(value["max"])
    return float(value), float(value)


def load_entity(content_dir, slug):
    """(entity.yml, {(slug, reference): expected}, edition date) or None without consultations.yml."""
    folder = os.path.join(content_dir, "entities", slug)
    with open(os.path.join(folder, "entity.yml"), encoding="utf-8-sig") as f:
        entity = yaml.safe_load(f) or {}
    path = os.path.join(folder, "consultations.yml")
    if not os.path.exists(path):
        return entity, None, None
    with open(path, encoding="utf-8-sig") as f:
        fm = yaml.safe_load(f) or {}
    expected = {}
    for c in fm.get("consultations") or []:
        reference = str(c["reference"])
        expected[(slug, reference)] = {
            "slug": slug,
            "entity": str(entity.get("name", "")),
            "reference": reference,
            "object": str(c["object"]),
            "category": str(c["category"]),
            "status": str(c["status"]),
            "start": launch_start(c["launch"]),
            # Without `changed` (a first edition has no history), the edition date.
            "changed": as_date(c.get("changed", fm["updated"])),
            "amount": amount_range(c.get("amount")),
            "note": c.get("note"),
        }
    return entity, expected, as_date(fm["updated"])


# ---------------------------------------------------------------- downloads

def is_absolute_url(text):
    u = urlparse(text or "")
    return u.scheme in ("http", "https") and bool(u.netloc)


def check_csv(where, raw, expected):
    R.check(raw.startswith(b"\xef\xbb\xbf"), where, "no UTF-8 BOM")
    R.check(raw.endswith(b"\r\n"), where, "last row does not end with CRLF")
    R.check(raw.split(b"\n", 1)[0].endswith(b"\r"), where, "header does not end with CRLF")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    if not R.check(rows and rows[0] == CSV_HEADER, where, f"header is {rows[0] if rows else None}"):
        return
    col = {name: i for i, name in enumerate(CSV_HEADER)}
    body = rows[1:]
    R.check(all(len(r) == len(CSV_HEADER) for r in body), where, "a row has the wrong number of fields")
    cells = [cell for r in body for cell in r]
    R.check(not any(cell.startswith(FORMULA_START) for cell in cells), where, "a cell starts like a formula")
    by_name = {(e["entity"], e["reference"]): e for e in expected.values()}
    seen = {(r[col["Entité"]], r[col["Référence"]]): r for r in body if len(r) == len(CSV_HEADER)}
    R.check(set(seen) == set(by_name), where, f"references differ: csv {sorted(seen)} vs source {sorted(by_name)}")
    for key, r in seen.items():
        e = by_name.get(key)
        if not e:
            continue
        w = f"{where} {e['reference']}"
        obj = e["object"]
        want_object = "'" + obj if obj.startswith(FORMULA_START) else obj
        R.check(r[col["Objet"]] == want_object, w, f"object {r[col['Objet']]!r} != {want_object!r}")
        R.check(r[col["État"]] == e["status"], w, f"status {r[col['État']]!r} != {e['status']!r}")
        R.check(r[col["Catégorie"]] == e["category"], w, f"category {r[col['Catégorie']]!r}")
        start = r[col["Date de lancement (début de période, JJ/MM/AAAA)"]]
        R.check(start == e["start"].strftime("%d/%m/%Y"), w, f"launch start {start!r} != {e['start']}")
        changed = r[col["Dernière modification"]]
        R.check(changed == e["changed"].strftime("%d/%m/%Y"), w, f"changed {changed!r} != {e['changed']}")
        R.check(r[col["Note"]] == (e["note"] or ""), w, f"note {r[col['Note']]!r} != {e['note']!r}")
        low, high = r[col["Montant estimé min (€ HT)"]], r[col["Montant estimé max (€ HT)"]]
        if e["amount"] is None:
            R.check(low == "" and high == "", w, f"amount {low!r}/{high!r} without amount in source")
        else:
            ok = re.fullmatch(r"\d+(,\d+)?", low) and re.fullmatch(r"\d+(,\d+)?", high)
            if R.check(ok, w, f"amount {low!r}/{high!r} is not a plain French number"):
                got = (float(low.replace(",", ".")), float(high.replace(",", ".")))
                R.check(got == e["amount"], w, f"amount {got} != {e['amount']}")
        R.check(is_absolute_url(r[col["Page"]]), w, f"page {r[col['Page']]!r}")


def check_json(where, raw, schema_raw, expected, updated):
    """Returns {(slug, reference): url} for the other checks."""
    urls = {}
    try:
        doc = json.loads(raw.decode("utf-8"))
        schema = json.loads(schema_raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        R.check(False, where, f"not JSON: {error}")
        return urls
    try:
        Draft202012Validator.check_schema(schema)
        R.check(True, where, "")
    except Exception as error:  # jsonschema.SchemaError
        R.check(False, where, f"schema.json is not a valid draft 2020-12 schema: {error}")
        return urls
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    R.check(not errors, where, "; ".join(f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]))
    R.check(doc.get("$schema") == "schema.json", where, f"$schema is {doc.get('$schema')!r}")
    R.check(doc.get("updated") == updated.isoformat(), where, f"updated {doc.get('updated')!r} != {updated}")
    R.check(is_absolute_url(doc.get("page")), where, f"page {doc.get('page')!r}")
    items = doc.get("consultations") or []
    keys = [(c.get("launch", {}).get("start", ""), c.get("entity", {}).get("slug", ""), c.get("reference", "")) for c in items]
    R.check(keys == sorted(keys), where, "entries are not sorted by launch, entity, reference")
    seen = {(c.get("entity", {}).get("slug"), c.get("reference")): c for c in items}
    R.check(len(seen) == len(items), where, "duplicate entries")
    R.check(set(seen) == set(expected), where, f"references differ: json {sorted(seen)} vs source {sorted(expected)}")
    for key, c in seen.items():
        e = expected.get(key)
        if not e:
            continue
        w = f"{where} {e['reference']}"
        R.check(c.get("object") == e["object"], w, f"object {c.get('object')!r}")
        R.check(c.get("status") == e["status"], w, f"status {c.get('status')!r} != {e['status']!r}")
        R.check(c.get("category") == e["category"], w, f"category {c.get('category')!r}")
        R.check(c.get("launch", {}).get("start") == e["start"].isoformat(), w, f"launch {c.get('launch')!r} != {e['start']}")
        R.check(c.get("changed") == e["changed"].isoformat(), w, f"changed {c.get('changed')!r} != {e['changed']}")
        R.check(c.get("note") == e["note"], w, f"note {c.get('note')!r} != {e['note']!r}")
        R.check(c.get("entity", {}).get("name") == e["entity"], w, f"entity {c.get('entity')!r}")
        amount = c.get("amount")
        got = None if amount is None else (float(amount["min"]), float(amount["max"]))
        R.check(got == e["amount"], w, f"amount {amount!r} != {e['amount']}")
        R.check(is_absolute_url(c.get("url")), w, f"url {c.get('url')!r}")
        if c.get("noticeURL") is not None:
            R.check(is_absolute_url(c["noticeURL"]), w, f"noticeURL {c['noticeURL']!r}")
        urls[key] = c.get("url")
    return urls


def check_ics(where, raw, expected, urls, lean=False):
    crlf = all(raw[i - 1:i] == b"\r" for i in range(len(raw)) if raw[i:i + 1] == b"\n")
    lone_cr = any(raw[i + 1:i + 2] != b"\n" for i in range(len(raw)) if raw[i:i + 1] == b"\r")
    R.check(crlf and not lone_cr and raw.endswith(b"\r\n"), where, "line ends are not all CRLF")
    lines = raw.split(b"\r\n")
    R.check(all(len(line) <= 75 for line in lines), where, f"line longer than 75 octets: {max(lines, key=len)[:80]!r}")
    bad = []
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(line)
    R.check(not bad, where, f"a fold splits a UTF-8 sequence: {bad[:1]!r}")
    try:
        cal = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    except Exception as error:
        R.check(False, where, f"icalendar cannot parse: {error}")
        return
    R.check(str(cal.get("VERSION")) == "2.0", where, f"VERSION {cal.get('VERSION')!r}")
    R.check(bool(cal.get("PRODID")), where, "no PRODID")
    events = cal.walk("VEVENT")
    uids = [str(ev.get("UID")) for ev in events]
    R.check(len(set(uids)) == len(uids), where, "duplicate UIDs")
    by_uid_prefix = {f"{e['reference'].lower()}.{e['slug']}": e for e in expected.values()}
    found = set()
    for ev in events:
        uid = str(ev.get("UID"))
        local = uid.rsplit("@", 1)[0]
        e = by_uid_prefix.get(local)
        if not R.check(e is not None and "@" in uid, where, f"UID {uid!r} matches no source consultation"):
            continue
        found.add(local)
        w = f"{where} {e['reference']}"
        # A group's calendar is lean (no DTEND: an all-day DTSTART lasts one day; no LAST-MODIFIED;
        # no SEQUENCE when 0): what it has must agree.
        start = ev.get("DTSTART").dt
        end = ev.get("DTEND").dt if ev.get("DTEND") is not None else start + dt.timedelta(days=1)
        all_day = isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        R.check(all_day and start == e["start"], w, f"DTSTART {start!r} != {e['start']}")
        R.check(end == e["start"] + dt.timedelta(days=1), w, f"DTEND {end!r}")
        status = str(ev.get("STATUS"))
        R.check((status == "CANCELLED") == (e["status"] == "abandonnée"), w, f"STATUS {status} for {e['status']}")
        R.check(status == ICAL_STATUS[e["status"]], w, f"STATUS {status} for {e['status']}")
        R.check(e["object"] in str(ev.get("SUMMARY")), w, f"SUMMARY {str(ev.get('SUMMARY'))!r}")
        for name in ("DTSTAMP", "LAST-MODIFIED"):
            stamp = ev.get(name)
            if stamp is None and name == "LAST-MODIFIED" and lean:
                continue
            got = stamp.dt.date() if stamp is not None and isinstance(stamp.dt, dt.datetime) else None
            R.check(got == e["changed"], w, f"{name} {stamp.dt if stamp is not None else None!r} != {e['changed']}")
        sequence = ev.get("SEQUENCE", 0 if lean else None)
        R.check(sequence is not None and int(sequence) >= 0, w, f"SEQUENCE {sequence!r}")
        url = urls.get((e["slug"], e["reference"]))
        if url:
            R.check(str(ev.get("URL")) == url, w, f"URL {str(ev.get('URL'))!r} != {url!r}")
    R.check(found == set(by_uid_prefix), where, f"events missing: {sorted(set(by_uid_prefix) - found)}")


def check_atom(where, raw, expected, urls, lean=False):
    d = feedparser.parse(raw)
    if not R.check(d.bozo == 0, where, f"feedparser bozo: {d.get('bozo_exception')!r}"):
        return
    R.check(d.version == "atom10", where, f"not Atom 1.0 ({d.version!r})")
    R.check(len(d.entries) == len(expected), where, f"{len(d.entries)} entries for {len(expected)} consultations")
    ids = [entry.get("id") for entry in d.entries]
    R.check(len(set(ids)) == len(ids), where, "duplicate entry ids")
    self_links = [l.get("href") for l in d.feed.get("links", []) if l.get("rel") == "self"]
    R.check(len(self_links) == 1 and d.feed.get("id") == self_links[0], where, "feed id is not its rel=self link")
    latest = max((e["changed"] for e in expected.values()), default=None)
    feed_updated = d.feed.get("updated_parsed")
    if latest and feed_updated:
        R.check(dt.date(*feed_updated[:3]) >= latest, where, f"feed updated {d.feed.get('updated')} before latest change {latest}")
    by_url = {url: expected[key] for key, url in urls.items() if key in expected}
    by_object = {}
    for e in expected.values():
        by_object.setdefault(e["object"], []).append(e)
    for entry in d.entries:
        e = by_url.get(entry.get("id"))
        if e is None and len(by_object.get(entry.get("title"), [])) == 1:
            e = by_object[entry.get("title")][0]
        if not R.check(e is not None, where, f"entry {entry.get('id')!r} matches no source consultation"):
            continue
        w = f"{where} {e['reference']}"
        R.check(entry.get("title") == e["object"], w, f"title {entry.get('title')!r}")
        updated = entry.get("updated_parsed")
        R.check(updated is not None and dt.date(*updated[:3]) == e["changed"], w, f"updated {entry.get('updated')!r} != {e['changed']}")
        R.check(entry.get("link") == entry.get("id"), w, f"alternate link {entry.get('link')!r} != id")
        terms = [t.get("term") for t in entry.get("tags", [])]
        R.check(e["category"] in terms or (lean and not terms), w, f"category terms {terms}")


class Folder:
    """A calendar's download folder and what its checks share."""

    def __init__(self, where, path, expected, updated):
        self.where, self.path, self.expected, self.updated = where, path, expected, updated
        self.lean = where.startswith("groupes/")  # a group's feeds have lean entries
        self.urls = {}  # (slug, reference) -> url, from consultations.json

    def read(self, name):
        with open(os.path.join(self.path, name), "rb") as f:
            return f.read()


def csv_download(f):
    check_csv(f"{f.where}/consultations.csv", f.read("consultations.csv"), f.expected)


def json_download(f):
    f.urls = check_json(f"{f.where}/consultations.json", f.read("consultations.json"), f.read("schema.json"), f.expected, f.updated)


def ics_download(f):
    check_ics(f"{f.where}/consultations.ics", f.read("consultations.ics"), f.expected, f.urls, f.lean)


def atom_download(f):
    check_atom(f"{f.where}/atom.xml", f.read("atom.xml"), f.expected, f.urls, f.lean)


# The real-tool check of each calendar download this checker reads, run in this order (the JSON
# first: its URLs are the iCalendar's and the feed's). The others are check_opendata.py's.
CHECKS = {
    "calendar": {
        "consultations.json": json_download,  # jsonschema, and the content
        "schema.json": json_download,         # jsonschema (a valid draft 2020-12 schema)
        "consultations.csv": csv_download,    # Python csv
        "consultations.ics": ics_download,    # icalendar
        "atom.xml": atom_download,            # feedparser
    },
}


def check_folder(where, folder, expected, updated, files):
    """Runs the CHECKS of the downloads the pages link (`files`) in `folder`."""
    downloads.run_checks(CHECKS["calendar"], files, folder, Folder(where, folder, expected, updated))


def main(argv):
    argv, binary = downloads.binary_option(argv)
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2])
        return 64
    public, content = argv[1], argv[2]
    linked = downloads.audit(public, binary, "calendar", CHECKS["calendar"], R.check, "check_calendar.py")
    entities_dir = os.path.join(content, "entities")
    groups = {}  # group -> [(expected, updated)]
    for slug in sorted(os.listdir(entities_dir)):
        if not os.path.isfile(os.path.join(entities_dir, slug, "entity.yml")):
            continue
        entity, expected, updated = load_entity(content, slug)
        if expected is None:
            continue
        groups.setdefault(str(entity.get("group")), []).append((expected, updated))
        site = os.path.join(public, "entites", slug)
        if not os.path.isdir(site):
            continue
        folder = os.path.join(site, "consultations")
        if R.check(os.path.isdir(folder), f"entites/{slug}", "consultations.yml exists but no consultations/ folder"):
            check_folder(f"entites/{slug}/consultations", folder, expected, updated, linked.get(os.path.abspath(folder), []))
    for group, lists in sorted(groups.items()):
        folder = os.path.join(public, "groupes", group, "consultations")
        if not os.path.isdir(folder):
            continue
        union = {}
        for expected, _ in lists:
            union.update(expected)
        check_folder(f"groupes/{group}/consultations", folder, union, max(u for _, u in lists), linked.get(os.path.abspath(folder), []))
    print(f"{R.passed} passed, {R.failed} failed")
    return 1 if R.failed or not R.passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
