#!/usr/bin/env python3
"""End-to-end checks of the indicator downloads of a built Transparence site.

    check_indicators.py PUBLIC_DIR CONTENT_DIR [--transparence BINARY]

The downloads are the ones the indicator pages link (entites/<slug>/indicateurs/,
groupes/<g>/indicateurs/ and the pages below them), which must be exactly the indicators table
printed by `BINARY downloads` (default .build/release/transparence), each file present; see
downloads.py. Every linked file is read by the check CHECKS names for it (indicateurs.json and
schema.json: schema, content, group, pages; indicateurs.csv: csv), or in check_opendata.py
(datapackage.json); a download of the table that no checker's CHECKS names fails ("no
end-to-end check for download <file>"). The files are read back with ordinary tools and
compared with the content:

  schema     each indicateurs.json (entity sites and group pages) is valid against the
             schema.json published beside it (jsonschema, Draft202012Validator), and that schema
             is itself a valid draft 2020-12 schema.
  content    every value of CONTENT_DIR/entities/<slug>/indicators/<year>.json is in the entity's
             indicateurs.json with the same value (or unavailability reason), target, comment,
             source and provisional flag; any other value is a current-year value marked
             "derived" (deduced from the published site). A typed current-year value of a derived
             indicator must equal the deduced one.
  csv        indicateurs.csv is UTF-8 with a BOM, ";"-separated, CRLF-terminated; read with the
             csv module (utf-8-sig) it holds exactly the rows of the JSON, with the same values
             (decimal comma, Oui/Non, formula-neutralised text).
  group      each group's files hold exactly the values of its entities' files.
  pages      each value's indicator page exists, lists the year and shows the number.

Exit status 0 when every check passes, 1 otherwise. The last line is "N passed, M failed".
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

try:
    from jsonschema import Draft202012Validator
except ImportError:  # reported as a failure, not a crash
    Draft202012Validator = None

import downloads

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
PUBLIC = Path(".")


def display(path: Path) -> str:
    """The path inside PUBLIC_DIR, as the summary names files."""
    try:
        return str(path.relative_to(PUBLIC))
    except ValueError:
        return str(path)


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, subject: str, problems: list[str]) -> None:
        if problems:
            self.failed += 1
            for problem in problems[:20]:
                print(f"FAIL {subject}: {problem}", flush=True)
            if len(problems) > 20:
                print(f"FAIL {subject}: … and {len(problems) - 20} more", flush=True)
        else:
            self.passed += 1


def key(row: dict) -> tuple[str, str, int]:
    return (row["entity"], row["indicator"], row["year"])


def same_number(a, b) -> bool:
    return isinstance(a, (int, float)) and not isinstance(a, bool) and isinstance(b, (int, float)) \
        and not isinstance(b, bool) and abs(float(a) - float(b)) < 1e-9


def same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return same_number(a, b)
    return a == b


# ----------------------------------------------------------------------------------------------
# Schema


def check_schema(path: Path, report: Report) -> dict | None:
    subject = display(path)
    problems: list[str] = []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        schema = json.loads((path.parent / "schema.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        report.check(subject + " (schema)", [f"unreadable: {error}"])
        return None
    if Draft202012Validator is None:
        problems.append("missing Python module jsonschema (pip install jsonschema)")
    else:
        try:
            Draft202012Validator.check_schema(schema)
        except Exception as error:  # jsonschema.SchemaError
            problems.append(f"schema.json is not a valid draft 2020-12 schema: {error}")
        else:
            validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
                location = "/".join(str(p) for p in error.absolute_path)
                problems.append(f"{location}: {error.message}")
    if document.get("$schema") != "schema.json":
        problems.append('"$schema" should be "schema.json"')
    report.check(subject + " (schema)", problems)
    return document


# ----------------------------------------------------------------------------------------------
# Content


def content_values(content: Path) -> dict[str, dict[tuple[str, str, int], dict]]:
    """slug → {(slug, id, year): value as typed} for every indicators/<year>.json."""
    result: dict[str, dict[tuple[str, str, int], dict]] = {}
    for folder in sorted((content / "entities").iterdir()):
        indicators = folder / "indicators"
        if not indicators.is_dir():
            continue
        values: dict[tuple[str, str, int], dict] = {}
        for file in sorted(indicators.glob("*.json")):
            year = int(file.stem)
            data = json.loads(file.read_text(encoding="utf-8-sig"))
            # A year declared provisional, or stopping before 31 December (period_end), makes
            # every one of its values provisional.
            period_end = data.get("period_end")
            year_provisional = bool(data.get("provisional", False)) or bool(period_end and not period_end.endswith("-12-31"))
            for indicator, value in data.get("values", {}).items():
                if year_provisional:
                    value = {**value, "provisional": True}
                values[(folder.name, indicator, year)] = value
        result[folder.name] = values
    return result


def compare_with_content(slug: str, document: dict, typed: dict, report: Report) -> None:
    problems: list[str] = []
    rows = {key(r): r for r in document["values"]}
    if len(rows) != len(document["values"]):
        problems.append("the same (entity, indicator, year) appears twice")
    derived_ids = {i["id"] for i in document["indicators"] if i["derived"]}
    reference = document["referenceYear"]
    for k, value in typed.items():
        row = rows.get(k)
        if row is None:
            problems.append(f"{k}: typed in the content, missing from indicateurs.json")
            continue
        if "unavailable" in value:
            if row["value"] is not None or row["unavailable"] != value["unavailable"]:
                if not (row["derived"] and k[2] == reference):
                    problems.append(f"{k}: unavailable {value['unavailable']!r} published as {row['value']!r}/{row['unavailable']!r}")
        elif not same(row["value"], value.get("value")):
            problems.append(f"{k}: value {value.get('value')!r} published as {row['value']!r}")
        for field in ("comment", "source"):
            if row[field] != value.get(field):
                problems.append(f"{k}: {field} {value.get(field)!r} published as {row[field]!r}")
        if "target" in value and not same(row["target"], value["target"]):
            problems.append(f"{k}: target {value['target']!r} published as {row['target']!r}")
        if row["derived"]:
            if k[2] != reference or k[1] not in derived_ids:
                problems.append(f"{k}: marked derived outside the reference year or for a typed indicator")
            if row["provisional"]:
                problems.append(f"{k}: a fact of the site cannot be provisional")
        elif row["provisional"] != bool(value.get("provisional", False)):
            problems.append(f"{k}: provisional {value.get('provisional', False)!r} published as {row['provisional']!r}")
    for k, row in rows.items():
        if k in typed:
            continue
        if not (row["derived"] and k[2] == reference and k[1] in derived_ids and isinstance(row["value"], bool)):
            problems.append(f"{k}: published but neither typed in the content nor deduced from the site")
    report.check(f"entites/{slug}/indicateurs/indicateurs.json (content)", problems)


# ----------------------------------------------------------------------------------------------
# CSV


def csv_number(text: str):
    if text == "":
        return None
    return float(text.replace(",", "."))


def csv_text(text: str) -> str:
    """Undoes the formula neutralisation (a leading apostrophe before = + - @ tab CR)."""
    if text.startswith("'") and text[1:2] and text[1] in DANGEROUS:
        return text[1:]
    return text


def yes_no(text: str):
    return {"Oui": True, "Non": False, "": None}[text]


def bare_line_feeds_outside_quotes(text: str) -> int:
    """Line feeds not preceded by CR, outside quoted fields (inside, a cell may hold lines)."""
    count, quoted, previous = 0, False, ""
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted and previous != "\r":
            count += 1
        previous = char
    return count


def check_csv(path: Path, document: dict, report: Report) -> None:
    subject = display(path)
    problems: list[str] = []
    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problems.append("no UTF-8 byte order mark")
    if not bare_line_feeds_outside_quotes(raw.decode("utf-8-sig")) == 0 or not raw.endswith(b"\r\n"):
        problems.append("a row does not end with CRLF")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";")
    rows = list(reader)
    units = {i["id"]: i["unit"] for i in document["indicators"]}
    values = document["values"]
    if len(rows) != len(values):
        problems.append(f"{len(rows)} CSV rows for {len(values)} JSON values")
    for line, (row, value) in enumerate(zip(rows, values), start=2):
        where = f"row {line} {key(value)}"
        if (row["Code entité"], row["Identifiant"], int(row["Année"])) != key(value):
            problems.append(f"{where}: row is {(row['Code entité'], row['Identifiant'], row['Année'])}")
            continue
        unit = units[value["indicator"]]
        if value["value"] is None:
            published = None if row["Valeur"] == "" else row["Valeur"]
        elif unit == "boolean":
            published = yes_no(row["Valeur"])
        elif unit == "text":
            published = csv_text(row["Valeur"])
        else:
            published = csv_number(row["Valeur"])
        if not same(published, value["value"]):
            problems.append(f"{where}: Valeur {row['Valeur']!r} ≠ {value['value']!r}")
        if csv_text(row["Non disponible (raison)"]) != (value["unavailable"] or ""):
            problems.append(f"{where}: Non disponible {row['Non disponible (raison)']!r} ≠ {value['unavailable']!r}")
        target = value["target"]
        published_target = csv_text(row["Cible"]) if isinstance(target, str) else csv_number(row["Cible"])
        if not same(published_target, target):
            problems.append(f"{where}: Cible {row['Cible']!r} ≠ {target!r}")
        for column, field in (("Provisoire", "provisional"), ("Déduit du site", "derived"),
                              ("Cible atteinte", "targetReached"), ("Seuil respecté", "thresholdMet")):
            if yes_no(row[column]) != value[field]:
                problems.append(f"{where}: {column} {row[column]!r} ≠ {value[field]!r}")
        for column, field in (("Commentaire", "comment"), ("Source", "source")):
            if csv_text(row[column]) != (value[field] or ""):
                problems.append(f"{where}: {column} {row[column]!r} ≠ {value[field]!r}")
        evolution = value["evolution"]
        change = evolution["change"] if evolution else None
        if not same(csv_number(row["Évolution"]), change):
            problems.append(f"{where}: Évolution {row['Évolution']!r} ≠ {change!r}")
        if row["Page"] != value["page"]:
            problems.append(f"{where}: Page {row['Page']!r} ≠ {value['page']!r}")
    report.check(subject + " (csv)", problems)


# ----------------------------------------------------------------------------------------------
# Pages


def french_number(value: float, digits: int, cents: bool = False) -> str:
    """Mirrors French.number: U+202F between thousands, decimal comma, at most `digits` decimals."""
    quantum = Decimal(1).scaleb(-digits)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if cents and fraction:
        fraction = fraction.ljust(2, "0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = "\u202f".join(groups) + ("," + fraction if fraction else "")
    return ("-" if rounded < 0 else "") + out


def check_pages(public: Path, slug: str, document: dict, report: Report) -> None:
    problems: list[str] = []
    units = {i["id"]: i["unit"] for i in document["indicators"]}
    for value in document["values"]:
        page = public / "entites" / slug / "indicateurs" / value["indicator"].lower() / "index.html"
        if not page.is_file():
            problems.append(f"{key(value)}: no page {page}")
            continue
        html = page.read_text(encoding="utf-8")
        if f'<th scope="row">{value["year"]}</th>' not in html:
            problems.append(f"{key(value)}: year missing from the history table")
        number = value["value"]
        if isinstance(number, (int, float)) and not isinstance(number, bool):
            unit = units[value["indicator"]]
            digits = {"percent": 2, "euros": 2, "days": 1}.get(unit, 2)
            shown = french_number(number, digits, cents=unit == "euros")
            if shown not in html:
                problems.append(f"{key(value)}: {shown!r} not on the page")
    report.check(f"entites/{slug}/indicateurs/*/index.html (pages)", problems)


# ----------------------------------------------------------------------------------------------


class Folder:
    """An indicator download folder and what its checks share."""

    def __init__(self, path: Path, report: Report, slug: str | None = None, typed: dict | None = None) -> None:
        self.path, self.report, self.slug, self.typed = path, report, slug, typed
        self.document: dict | None = None  # indicateurs.json, once read


def json_download(f: Folder) -> None:
    f.document = check_schema(f.path / "indicateurs.json", f.report)
    if f.document is not None and f.slug is not None:
        compare_with_content(f.slug, f.document, f.typed, f.report)
        check_pages(PUBLIC, f.slug, f.document, f.report)


def csv_download(f: Folder) -> None:
    if f.document is not None:  # unreadable JSON: reported by json_download
        check_csv(f.path / "indicateurs.csv", f.document, f.report)


# The real-tool check of each indicator download this checker reads, run in this order (the CSV
# is compared with the JSON). datapackage.json is check_opendata.py's.
CHECKS = {
    "indicators": {
        "indicateurs.json": json_download,  # jsonschema, and the content or the group's entities
        "schema.json": json_download,       # jsonschema (a valid draft 2020-12 schema)
        "indicateurs.csv": csv_download,    # Python csv
    },
}


def main() -> int:
    argv, binary = downloads.binary_option(sys.argv)
    if len(argv) != 3:
        print(__doc__)
        return 64
    global PUBLIC
    public, content = Path(os.path.abspath(argv[1])), Path(argv[2])
    PUBLIC = public
    report = Report()
    linked = downloads.audit(str(public), binary, "indicators", CHECKS["indicators"],
                             lambda ok, where, message: report.check(where, [] if ok else [message]), "check_indicators.py")
    typed = content_values(content)
    entity_rows: dict[tuple[str, str, int], dict] = {}
    for slug, values in typed.items():
        folder = public / "entites" / slug / "indicateurs"
        json_path = folder / "indicateurs.json"
        if not json_path.is_file():
            report.check(display(json_path), ["missing"])
            continue
        f = Folder(folder, report, slug, values)
        downloads.run_checks(CHECKS["indicators"], linked.get(str(folder), []), str(folder), f)
        for row in (f.document or {}).get("values", []):
            entity_rows[key(row)] = row

    group_rows: dict[tuple[str, str, int], dict] = {}
    groups = str(public / "groupes")
    for folder in sorted(p for p in linked if os.path.dirname(os.path.dirname(p)) == groups):
        group = Folder(Path(folder), report)
        downloads.run_checks(CHECKS["indicators"], linked[folder], folder, group)
        if group.document is None:
            continue
        problems = []
        for row in group.document["values"]:
            k = key(row)
            if k in group_rows:
                problems.append(f"{k}: in two groups")
            group_rows[k] = row
            if k not in entity_rows:
                problems.append(f"{k}: not in the entity's own file")
            elif {f: v for f, v in row.items()} != entity_rows[k]:
                problems.append(f"{k}: differs from the entity's own file")
        report.check(f"{display(Path(folder) / 'indicateurs.json')} (group)", problems)
    missing = sorted(set(entity_rows) - set(group_rows))
    report.check("groupes/*/indicateurs (every entity value)", [f"{k}: in no group file" for k in missing])

    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
