"""The downloads of a built site, as its pages link them, against the tables they come from.

Shared by check_calendar.py, check_indicators.py and check_opendata.py. The downloads are defined
once, in Sources/TransparenceKit/Tables/Downloads.swift; `transparence downloads` (a command
`--help` does not list) prints those tables as JSON. Each checker keeps one mapping, CHECKS,
from a table and a file name to the function that reads that file with a real tool:

    CHECKS = {"calendar": {"consultations.csv": check_csv, ...}, "indicators": {...}}

audit() reads the download list of every calendar page (entites/*/consultations/**,
groupes/*/consultations/**) or indicator page (…/indicateurs/**) of the built site, the
<ul class="fichiers"> that is not the subscribe list, and records:

  - for each download of the table, a failure "no end-to-end check for download <file>
    (<media type>)" unless some checker's CHECKS names it (the mappings of all the CHECKERS,
    read from their source so that one checker runs without the others' modules);
  - a failure for a file this checker's CHECKS names and the table does not have (a stale check);
  - per download folder: every page linking into it lists exactly the table's downloads, in its
    order and with its labels; its own page (the folder's index.html) has the list; every linked
    file exists.

It returns the folders the pages link, with their linked files, for the checker to run its CHECKS
on (run_checks).
"""
import ast
import json
import os
import subprocess
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
# Where scripts/build.sh and scripts/e2e.sh leave the release binary.
DEFAULT_BINARY = os.path.normpath(os.path.join(HERE, "..", "..", ".build", "release", "transparence"))
# The checkers whose CHECKS together say which downloads are checked end to end.
CHECKERS = ("check_calendar.py", "check_indicators.py", "check_opendata.py")
# A table's pages and download folders: entites/<slug>/<folder>/, groupes/<group>/<folder>/.
FOLDERS = {"calendar": "consultations", "indicators": "indicateurs"}


def binary_option(argv):
    """argv without `--transparence BINARY`, and BINARY (by default the release build's)."""
    argv = list(argv)
    binary = os.environ.get("TRANSPARENCE_BINARY", DEFAULT_BINARY)
    if "--transparence" in argv:
        i = argv.index("--transparence")
        if i + 1 < len(argv):
            binary = argv[i + 1]
        del argv[i:i + 2]
    return argv, binary


def tables(binary):
    """{"calendar": [{"file", "label", "mediaType"}, …], "indicators": […]} from `binary downloads`;
    raises RuntimeError with the reason when it cannot be read."""
    try:
        run = subprocess.run([binary, "downloads"], capture_output=True, text=True, timeout=60)
    except OSError as error:
        raise RuntimeError(f"cannot run `{binary} downloads` ({error}); build it (swift build -c release) or pass --transparence BINARY")
    if run.returncode != 0:
        raise RuntimeError(f"`{binary} downloads` exited with {run.returncode}: {run.stderr.strip()[-300:]}")
    try:
        return json.loads(run.stdout)
    except ValueError as error:
        raise RuntimeError(f"`{binary} downloads` did not print JSON: {error}")


def declared_checks(table):
    """{file: [checker, …]}: the files of `table` some checker's CHECKS names; a list of problems."""
    found, problems = {}, []
    for script in CHECKERS:
        path = os.path.join(HERE, script)
        try:
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read(), path)
        except (OSError, SyntaxError) as error:
            problems.append(f"cannot read {script}: {error}")
            continue
        mapping = next((node.value for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
                        and any(isinstance(t, ast.Name) and t.id == "CHECKS" for t in node.targets)), None)
        if mapping is None:
            problems.append(f"{script} has no CHECKS = {{...}} mapping at its top level")
            continue
        for key, value in zip(mapping.keys, mapping.values):
            if isinstance(key, ast.Constant) and key.value == table and isinstance(value, ast.Dict):
                for name in value.keys:
                    if isinstance(name, ast.Constant) and isinstance(name.value, str):
                        found.setdefault(name.value, []).append(script)
    return found, problems


class DownloadList(HTMLParser):
    """The links (href, text) of the download list: a <ul> whose class is "fichiers" alone (the
    subscribe list is "fichiers abonnements"); None when the page has none."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = None
        self.depth = 0      # <ul> nesting inside the list
        self.href = None    # inside a link of the list
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul":
            if self.depth:
                self.depth += 1
            elif (attrs.get("class") or "").split() == ["fichiers"] and self.links is None:
                self.links, self.depth = [], 1
        elif tag == "a" and self.depth and attrs.get("href") is not None:
            self.href, self.text = attrs["href"], []

    def handle_endtag(self, tag):
        if tag == "ul" and self.depth:
            self.depth -= 1
        elif tag == "a" and self.href is not None:
            self.links.append((self.href, " ".join("".join(self.text).split())))
            self.href = None

    def handle_data(self, data):
        if self.href is not None:
            self.text.append(data)


def page_links(path):
    parser = DownloadList()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    parser.close()
    return parser.links


def table_pages(public, table):
    """Every page of the table's folders: entites/*/<folder>/**/index.html, groupes/*/<folder>/**/index.html."""
    pages = []
    for area in ("entites", "groupes"):
        root = os.path.join(public, area)
        for site in sorted(os.listdir(root)) if os.path.isdir(root) else []:
            top = os.path.join(root, site, FOLDERS[table])
            for folder, subfolders, files in os.walk(top):
                subfolders.sort()
                if "index.html" in files:
                    pages.append(os.path.normpath(os.path.join(folder, "index.html")))
    return pages


def audit(public, binary, table, own, check, me):
    """Checks the download links of the table's pages (see the module's text) and returns
    {download folder (os.path.abspath): [linked file names, in the page's order]}.

    own: this checker's CHECKS[table]; check(ok, where, message) records one check; me: the
    checker's file name."""
    public = os.path.abspath(public)
    rel = lambda path: os.path.relpath(path, public)
    entries = None
    try:
        entries = tables(binary).get(table)
        if not isinstance(entries, list):
            raise RuntimeError(f"`{binary} downloads` has no {table} table")
    except RuntimeError as error:
        check(False, f"downloads ({table})", str(error))
        entries = None

    # Every page's list, grouped by the folder its links point into.
    by_folder = {}  # folder -> [(page, [(file, label)])]
    problems_of = {}
    for page in table_pages(public, table):
        links = page_links(page)
        if links is None:
            continue
        targets = [os.path.normpath(os.path.join(os.path.dirname(page), href)) for href, _ in links]
        folders = sorted({os.path.dirname(t) for t in targets})
        folder = folders[0] if len(folders) == 1 else os.path.dirname(page)
        by_folder.setdefault(folder, []).append((page, [(os.path.basename(t), label) for t, (_, label) in zip(targets, links)]))
        problems = problems_of.setdefault(folder, [])
        if len(folders) != 1:
            problems.append(f"{rel(page)} links {len(folders)} folders: {[rel(f) for f in folders]}")
        for target in targets:
            if not os.path.isfile(target):
                problems.append(f"{rel(page)} links {rel(target)}, which does not exist")

    # Every folder of the table's name, whose own page should have the list, even when no page
    # lists anything.
    for area in ("entites", "groupes"):
        root = os.path.join(public, area)
        for site in sorted(os.listdir(root)) if os.path.isdir(root) else []:
            folder = os.path.join(root, site, FOLDERS[table])
            if os.path.isdir(folder):
                by_folder.setdefault(os.path.normpath(folder), [])

    result = {}
    wanted = [(e["file"], e["label"]) for e in entries] if entries is not None else None
    for folder in sorted(by_folder):
        pages = by_folder[folder]
        where = f"{rel(folder)}/ (download links)"
        own_page = os.path.join(folder, "index.html")
        listed = dict(pages).get(own_page)
        check(listed is not None, where, f"{rel(own_page)} has no download list (<ul class=\"fichiers\">)"
              if os.path.isfile(own_page) else f"{rel(own_page)} is missing")
        if wanted is not None:
            differ = [f"{rel(page)}: {[f for f, _ in links]}" for page, links in pages if links != wanted]
            check(not differ, where, f"{len(differ)} of {len(pages)} pages do not link the {table} table's downloads "
                  f"{[f for f, _ in wanted]} with its labels, in its order: " + "; ".join(differ[:3]))
        problems = problems_of.get(folder, [])
        check(not problems, where, "; ".join(problems[:5]) + (f"; … and {len(problems) - 5} more" if len(problems) > 5 else ""))
        links = listed if listed is not None else (pages[0][1] if pages else [])
        result[folder] = [f for f, _ in links]

    # Which downloads are checked, by whom.
    checked, problems = declared_checks(table)
    check(not problems, f"{me} (CHECKS)", "; ".join(problems))
    media = {e["file"]: e["mediaType"] for e in entries} if entries is not None else {}
    linked = [f for files in result.values() for f in files]
    for name in dict.fromkeys([e["file"] for e in entries or []] + linked):
        check(name in checked, f"download {name}",
              f"no end-to-end check for download {name} ({media.get(name, 'not in the table')}): "
              f"add one to the CHECKS of one of {', '.join(CHECKERS)}")
    if entries is not None:
        for name in own:
            check(name in media, f"{me} (CHECKS)", f"checks {name}, which the {table} table does not have")
    return result


def run_checks(checks, files, folder, *args):
    """Runs each function of `checks` (a CHECKS[table]) once, in the mapping's order, when one of
    its files is linked (`files`) and exists in `folder`."""
    done = []
    for name, function in checks.items():
        if name in files and os.path.isfile(os.path.join(folder, name)) and function not in done:
            done.append(function)
            function(*args)
