#!/usr/bin/env python3
"""Deterministic benchmark corpora for Transparence (and Hugo, for comparison).

    bench/generate.py --plain OUT   ~2 000 plain Markdown pages of ~2 KB, written twice from the
                                    same texts: OUT/transparence/content (one group, one entity whose
                                    pages are pages/page-0001.md …) and OUT/hugo (a Hugo site).
    bench/generate.py --group OUT   a synthetic group: OUT/content with 60 entities, each with 20
                                    pages of ~5 KB, policy, charter, mediator, 300 consultations and
                                    indicators for 2024, 2025 and 2026.

Everything comes from random.Random(SEED) instances: no clock, no environment, no set iteration,
so the same arguments always produce byte-identical files. OUT is emptied first.
Only the Python standard library is used. The group framework is copied from
content/groups/action-logement/framework.yml (next to this folder), whose indicator ids and units
are read with a small line parser.
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

SEED = 20261123
REPO = Path(__file__).resolve().parent.parent
FRAMEWORK_SOURCE = REPO / "content" / "groups" / "action-logement" / "framework.yml"

# --------------------------------------------------------------------------------------------
# French prose
# --------------------------------------------------------------------------------------------

# (text, plural?) — the verb agrees with the subject.
SUBJECTS = [
    ("la direction des achats", False), ("le conseil d'administration", False),
    ("chaque équipe de proximité", False), ("notre service technique", False),
    ("la collectivité", False), ("le comité de suivi", False), ("l'agence territoriale", False),
    ("le référent achats responsables", False), ("la maîtrise d'ouvrage", False),
    ("le gardien de la résidence", False), ("l'association des locataires", False),
    ("les entreprises du territoire", True), ("les locataires", True), ("les chargés d'opération", True),
    ("les acheteurs", True), ("les partenaires de l'insertion", True), ("les prescripteurs", True),
    ("les artisans du bâtiment", True), ("les équipes de gestion locative", True),
    ("les bureaux d'études", True),
]
VERBS = [
    ("prépare", "préparent"), ("suit", "suivent"), ("présente", "présentent"), ("examine", "examinent"),
    ("organise", "organisent"), ("améliore", "améliorent"), ("renforce", "renforcent"),
    ("accompagne", "accompagnent"), ("met à jour", "mettent à jour"), ("partage", "partagent"),
    ("évalue", "évaluent"), ("planifie", "planifient"), ("discute", "discutent"), ("vérifie", "vérifient"),
    ("simplifie", "simplifient"), ("anticipe", "anticipent"), ("documente", "documentent"),
]
OBJECTS = [
    "un diagnostic partagé du patrimoine", "les priorités d'entretien pour l'année à venir",
    "le calendrier des travaux de réhabilitation", "les clauses d'insertion des marchés de travaux",
    "la programmation des consultations", "les délais de paiement des factures",
    "le plan de rénovation énergétique des résidences", "la gestion des déchets de chantier",
    "le tri sélectif dans les parties communes", "l'entretien des espaces verts",
    "les besoins des personnes âgées et des personnes handicapées", "la sécurité des aires de jeux",
    "le remplacement des chaudières collectives", "les contrats de maintenance des ascenseurs",
    "les réclamations des habitants", "l'accueil des nouveaux locataires",
    "les règles de mise en concurrence", "le suivi des chantiers en site occupé",
    "la qualité de l'air intérieur", "les consommations d'eau et d'énergie",
    "les achats de fournitures de bureau", "la formation des équipes aux achats responsables",
    "les rencontres avec les petites entreprises locales", "le réemploi des matériaux",
    "l'allotissement des marchés de travaux", "le raccordement au réseau de chaleur urbain",
]
COMPLEMENTS = [
    "", "", "", " avec les partenaires locaux", " dès la phase de conception", " au plus près des résidences",
    " chaque trimestre", " en lien avec les communes concernées", " pour l'ensemble du patrimoine",
    " selon une méthode commune", " avant le lancement des consultations", " avec les représentants des locataires",
    " en tenant compte des retours du terrain", " sur la base d'indicateurs publiés", " dans le respect du budget voté",
    " pour les opérations de plus de cent logements", " à partir des données de l'année précédente",
]
OPENERS = [
    "", "", "", "", "Depuis 2024, ", "En pratique, ", "Concrètement, ", "Dans la plupart des cas, ",
    "Chaque année, ", "Par ailleurs, ", "Pour les opérations les plus importantes, ", "À cette occasion, ",
    "Au printemps, ", "En fin d'exercice, ", "Lorsque c'est possible, ", "De façon générale, ",
    "Dans les quartiers prioritaires, ", "Pour la première fois, ",
]
ENDINGS = [
    "Les résultats sont présentés aux administrateurs et publiés sur ce site.",
    "Cette démarche s'appuie sur l'expérience acquise lors des programmes précédents.",
    "Elle fait l'objet d'un bilan annuel partagé avec les partenaires.",
    "Les habitants sont informés par affichage dans les halls et par courrier.",
    "Chaque étape est suivie par un interlocuteur unique, joignable par téléphone.",
    "Ce travail prend du temps, mais il évite de nombreux désaccords au moment de la réception des travaux.",
    "Les petites entreprises y trouvent des informations utiles pour préparer leurs offres.",
    "Un compte rendu est transmis aux services de l'État et aux collectivités concernées.",
    "Les engagements pris sont repris dans les contrats et vérifiés pendant leur exécution.",
    "Le coût global, et non le seul prix d'achat, guide le choix des solutions retenues.",
]
LIST_ITEMS = [
    "la rénovation des halls d'entrée", "le remplacement des menuiseries extérieures",
    "l'isolation des combles et des planchers bas", "la mise en conformité électrique des logements",
    "l'installation de locaux à vélos sécurisés", "la création de jardins partagés",
    "le remplacement des éclairages par des lampes à diodes", "la réfection des toitures-terrasses",
    "la réparation des interphones et des contrôles d'accès", "l'adaptation des salles de bains pour les seniors",
    "la végétalisation des cours et des pieds d'immeubles", "le désamiantage avant travaux",
    "la pose de robinets économes en eau", "le ravalement des façades sur rue",
    "la modernisation des ascenseurs", "le nettoyage renforcé des parties communes",
    "la collecte des encombrants une fois par mois", "l'entretien des aires de jeux",
    "le contrôle annuel des chaudières individuelles", "la signalétique des bâtiments et des caves",
]
HEADINGS = [
    "Contexte", "Ce qui change cette année", "Les étapes du projet", "Calendrier prévisionnel",
    "Qui contacter", "Questions fréquentes", "Bilan et perspectives", "Les engagements pris",
    "Le rôle des entreprises", "Ce que nous mesurons", "Les moyens mobilisés", "Pour aller plus loin",
    "Les résultats obtenus", "Une démarche concertée", "Les points de vigilance", "Le financement",
]
SUBHEADINGS = [
    "Pour les locataires", "Pour les entreprises", "Pour les communes", "En pratique",
    "Les chiffres clés", "Les prochaines étapes", "Exemple", "À retenir",
]
EMPHASIS = [
    "avant le début des travaux", "sans surcoût pour les locataires", "au moins une fois par an",
    "dans un délai de trente jours", "sur l'ensemble du patrimoine", "en priorité",
    "dès la conception", "avec les habitants", "en toute transparence", "pour chaque opération",
]
TOPICS = [
    "Entretien des parties communes", "Réhabilitation thermique", "Gestion des espaces verts",
    "Accueil des nouveaux locataires", "Chantiers en site occupé", "Insertion professionnelle",
    "Sécurité des résidences", "Maintenance des ascenseurs", "Tri et réemploi des déchets",
    "Qualité de l'air intérieur", "Économies d'eau", "Réseau de chaleur", "Jardins partagés",
    "Accessibilité des logements", "Rencontres avec les entreprises", "Programmation des travaux",
    "Mobilité douce", "Lutte contre les nuisibles", "Concertation avec les habitants", "Éclairage extérieur",
    "Rénovation des façades", "Adaptation au vieillissement", "Collecte des encombrants",
    "Contrôle des chaudières", "Locaux à vélos", "Gardiennage et proximité", "Sobriété énergétique",
    "Ravalement et isolation", "Clauses sociales", "Paiement des fournisseurs", "Achats innovants",
    "Biodiversité en ville", "Matériaux biosourcés", "Désamiantage", "Menuiseries extérieures",
    "Vie de quartier", "Toitures et étanchéité", "Aires de jeux", "Signalétique", "Numérique et locataires",
]
PLACES = [
    "Saint-Nazaire", "Rezé", "Angers", "Cholet", "Laval", "Le Mans", "La Roche-sur-Yon", "Saumur",
    "Vannes", "Lorient", "Quimper", "Brest", "Rennes", "Saint-Malo", "Caen", "Cherbourg", "Rouen",
    "Le Havre", "Évreux", "Amiens", "Lille", "Roubaix", "Tourcoing", "Arras", "Reims", "Troyes",
    "Metz", "Nancy", "Strasbourg", "Mulhouse", "Colmar", "Besançon", "Dijon", "Chalon-sur-Saône",
    "Lyon", "Villeurbanne", "Vénissieux", "Saint-Étienne", "Grenoble", "Chambéry", "Annecy",
    "Valence", "Clermont-Ferrand", "Limoges", "Poitiers", "Tours", "Orléans", "Bourges", "Blois",
    "Bordeaux", "Mérignac", "Pau", "Bayonne", "Toulouse", "Montauban", "Montpellier", "Nîmes",
    "Perpignan", "Marseille", "Toulon", "Nice", "Avignon",
]


def cap(text):
    return text[:1].upper() + text[1:]


class Prose:
    """Paragraphs, lists and headings of plausible French, with emphasis and internal links."""

    def __init__(self, rng, link_targets):
        self.rng = rng
        self.links = link_targets  # list of (href, title): candidates for internal links

    def sentence(self):
        r = self.rng
        subject, plural = r.choice(SUBJECTS)
        verb = r.choice(VERBS)[1 if plural else 0]
        obj = r.choice(OBJECTS)
        roll = r.random()
        if roll < 0.12:
            obj = f"*{obj}*"
        elif roll < 0.20:
            obj = f"**{obj}**"
        opener = r.choice(OPENERS)
        text = f"{opener}{subject} {verb} {obj}{r.choice(COMPLEMENTS)}"
        if r.random() < 0.15:
            text += f", *{r.choice(EMPHASIS)}*"
        return cap(text) + "."

    def link_sentence(self):
        href, title = self.rng.choice(self.links)
        title = title[:1].lower() + title[1:]
        forms = [
            f"Pour en savoir plus, consultez la page [{title}]({href}).",
            f"Le détail figure sur la page [{title}]({href}).",
            f"Voir aussi [{title}]({href}), qui présente une démarche voisine.",
            f"Cette question est également abordée dans [{title}]({href}).",
        ]
        return self.rng.choice(forms)

    def paragraph(self):
        r = self.rng
        parts = [self.sentence() for _ in range(r.randint(2, 4))]
        if self.links and r.random() < 0.45:
            parts.insert(r.randint(1, len(parts)), self.link_sentence())
        if r.random() < 0.5:
            parts.append(r.choice(ENDINGS))
        return " ".join(parts)

    def bullet_list(self):
        r = self.rng
        items = r.sample(LIST_ITEMS, r.randint(3, 5))
        if r.random() < 0.3:
            lines = [f"{k + 1}. {cap(item)}." for k, item in enumerate(items)]
        else:
            lines = [f"- {item} ;" for item in items]
            lines[-1] = lines[-1][:-2] + "."
        return "\n".join(lines)

    def body(self, target, first_heading_level=2):
        """Markdown body of about `target` characters (never less)."""
        r = self.rng
        headings = r.sample(HEADINGS, len(HEADINGS))
        blocks = [self.paragraph()]
        size = len(blocks[0])
        h = 0
        since_heading = 1  # blocks since the last heading: a heading is always followed by content
        while size < target:
            if since_heading >= 2 and h < len(headings) and r.random() < 0.45:
                block = "#" * first_heading_level + " " + headings[h]
                h += 1
                since_heading = -1
            elif since_heading >= 1 and h > 0 and r.random() < 0.08:
                block = "#" * (first_heading_level + 1) + " " + r.choice(SUBHEADINGS)
                since_heading = -1
            elif r.random() < 0.22:
                intro = r.choice(["Les travaux concernent notamment :", "Sont prévus en priorité :",
                                  "Trois types d'interventions sont concernés :", "La démarche couvre :"])
                block = intro + "\n\n" + self.bullet_list()
            else:
                block = self.paragraph()
            blocks.append(block)
            since_heading += 1
            size += len(block) + 2
        # Never end on a heading.
        if blocks[-1].startswith("#"):
            blocks.append(self.paragraph())
        return "\n\n".join(blocks) + "\n"


def yaml_str(text):
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slugify(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def luhn_siren(rng):
    """A 9-digit SIREN passing the Luhn check, formatted "123 456 789"."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
    for last in range(10):
        candidate = digits + [last]
        total = 0
        for i, d in enumerate(reversed(candidate)):
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            s = "".join(map(str, candidate))
            return f"{s[0:3]} {s[3:6]} {s[6:9]}"
    raise AssertionError("unreachable")


def phone(rng, prefix="01"):
    return prefix + " " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


# --------------------------------------------------------------------------------------------
# Shared YAML pieces
# --------------------------------------------------------------------------------------------

SITE_YML = """\
# Site d'index du corpus de mesure (généré par bench/generate.py).
title: "Transparence des achats responsables (corpus de mesure)"
base_url: https://transparence.example.org/
language: fr
description: "Corpus synthétique généré pour mesurer les temps de génération. Les organismes, montants et valeurs sont fictifs."
publisher:
  name: "Collectif Transparence des achats (mesure)"
  legal_form: "Association déclarée (loi de 1901)"
  head_office: "8 rue des Acheteurs, 75013 Paris"
  phone: "01 99 00 41 20"
  email: contact@transparence.example.org
  publication_director: "Camille Renaud, présidente du collectif"
  host:
    name: "Nuage Sobre Hébergement SAS"
    address: "40 rue des Serveurs, 59100 Roubaix"
    phone: "03 53 01 27 80"
  accessibility:
    status: partiellement
    rate: 81.5
    audit_date: 2026-06-18
    auditor: "Atelier Inclusif Conseil (audit illustratif)"
    non_accessible:
      - "Les documents PDF joints ne sont pas tous balisés."
    contact: accessibilite@transparence.example.org
"""

ACCENTS = ["#1d4f91", "#005a70", "#9b1d20", "#4b2e83", "#1f5e3a", "#7a3e00", "#004d66", "#5c3566",
           "#8a1538", "#2f4f4f", "#003f7f", "#6b2d1f"]  # all ≥ 4.5:1 on white

REGIONS = ["Bretagne", "Normandie", "Hauts-de-France", "Grand Est", "Bourgogne", "Auvergne",
           "Rhône-Alpes", "Occitanie", "Provence", "Aquitaine", "Val de Loire", "Île-de-France",
           "Pays de la Loire", "Champagne", "Lorraine"]
NAME_HEADS = ["Habitat", "Logis", "Foyer", "Résidences", "Toit"]


def entity_yml(rng, slug, name, group, rhythm, specific=""):
    place = rng.choice(PLACES)
    return f"""\
# {name} (organisme fictif, corpus de mesure).
group: {group}
name: {yaml_str(name)}
legal_form: "Société anonyme d'HLM"
siren: "{luhn_siren(rng)}"
rcs: {yaml_str(place)}
capital: "{rng.randint(2, 90) * 500} 000 €"
head_office: "{rng.randint(1, 120)} avenue de la République, {rng.randint(10, 95):02d}{rng.randint(0, 9)}00 {place}"
phone: "{phone(rng)}"
website: https://www.{slug}.example.org/
base_url: https://transparence.example.org/entites/{slug}/
buyer_profile: https://marches.example.org/acheteurs/{slug}/
publication_director: "Claire Martin, directrice générale"
host:
  name: "Nuage Sobre Hébergement SAS"
  address: "40 rue des Serveurs, 59100 Roubaix"
  phone: "03 53 01 27 80"
accent_color: "{rng.choice(ACCENTS)}"
consultation_rhythm: {rhythm}
accessibility:
  status: partiellement
  rate: {rng.randint(600, 950) / 10}
  audit_date: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}
  auditor: "Atelier Inclusif Conseil (audit illustratif)"
  non_accessible:
    - "Certains documents PDF ne sont pas balisés pour les lecteurs d'écran."
  contact: accessibilite@{slug}.example.org
  multiyear_plan: "Schéma pluriannuel 2026-2028 : audit annuel et correction des non-conformités par ordre de gravité."
  action_plan:
    - "Baliser les PDF publiés en 2026."
{specific}"""


# --------------------------------------------------------------------------------------------
# (a) plain corpus
# --------------------------------------------------------------------------------------------

PLAIN_PAGES = 2000
PLAIN_SIZE = 2000

PLAIN_FRAMEWORK = """\
title: "Cadre minimal du corpus de mesure"
period: "2026-2028"
structure: axes
axes:
  - number: 1
    title: "Publier des informations utiles"
    objectives:
      - number: 1
        title: "Tenir les pages à jour"
        indicators:
          - id: PL-01
            label: "Pages relues dans l'année"
            unit: percent
            better: higher
"""

HUGO_CONFIG = """\
# Hugo site of the benchmark corpus (generated by bench/generate.py): one HTML page per Markdown
# file, a home page listing them, nothing else.
baseURL = "https://transparence.example.org/"
languageCode = "fr"
title = "Corpus de mesure"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]
enableRobotsTXT = false

[markup.goldmark.renderer]
unsafe = false
"""

HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} – {{ .Site.Title }}{{ end }}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">{{ .Site.Title }}</a></header>
<nav aria-label="Navigation principale"><ul>
{{- range first 10 .Site.RegularPages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul></nav>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>Corpus de mesure, pages fictives.</p></footer>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ end }}
"""

HUGO_INDEX = """\
{{ define "title" }}{{ .Site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>
{{- range .Site.RegularPages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{ end }}
"""


def plain(out):
    rng = random.Random(SEED)
    n = PLAIN_PAGES
    combos = [(t, p) for t in TOPICS for p in PLACES]
    rng.shuffle(combos)
    titles = [f"{t} à {p}".replace(" à Le ", " au ") for t, p in combos[:n]]
    slugs = [f"page-{i + 1:04d}" for i in range(n)]
    pages = []
    for i in range(n):
        page_rng = random.Random(f"{SEED}-plain-{i}")
        # Links to ~1 % of the corpus, chosen per page, always including the neighbours.
        picks = sorted({(i + 1) % n, (i - 1) % n} | {page_rng.randrange(n) for _ in range(6)} - {i})
        targets = [(f"/{slugs[k]}/", titles[k]) for k in picks]
        body = Prose(page_rng, targets).body(page_rng.randint(int(PLAIN_SIZE * 0.85), int(PLAIN_SIZE * 1.1)))
        pages.append(body)

    t = out / "transparence" / "content"
    write(t / "site.yml", SITE_YML)
    write(t / "groups" / "corpus" / "group.yml",
          'name: "Groupe du corpus de mesure"\n'
          "base_url: https://transparence.example.org/groupes/corpus/\n"
          'description: "Groupe fictif qui porte l\'entité du corpus de mesure."\n')
    write(t / "groups" / "corpus" / "framework.yml", PLAIN_FRAMEWORK)
    ent = t / "entities" / "corpus"
    write(ent / "entity.yml", entity_yml(random.Random(f"{SEED}-plain-entity"), "corpus", "Habitat du corpus", "corpus", "yearly"))
    for i in range(n):
        write(ent / "pages" / f"{slugs[i]}.md",
              f"---\ntitle: {yaml_str(titles[i])}\norder: {i + 1}\n---\n{pages[i]}")

    h = out / "hugo"
    write(h / "config.toml", HUGO_CONFIG)
    write(h / "layouts" / "_default" / "baseof.html", HUGO_BASEOF)
    write(h / "layouts" / "_default" / "single.html", HUGO_SINGLE)
    write(h / "layouts" / "index.html", HUGO_INDEX)
    write(h / "static" / "style.css", "body { font-family: sans-serif; max-width: 45rem; margin: auto; }\n")
    for i in range(n):
        write(h / "content" / f"{slugs[i]}.md",
              f"---\ntitle: {yaml_str(titles[i])}\nweight: {i + 1}\n---\n{pages[i]}")
    total = sum(len(p.encode()) for p in pages)
    print(f"plain: {n} pages, {total / n / 1024:.1f} KiB of Markdown per page on average → {out}", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# (b) group corpus
# --------------------------------------------------------------------------------------------

GROUP_ENTITIES = 60
GROUP_PAGES = 20
GROUP_PAGE_SIZE = 5000
GROUP_CONSULTATIONS = 300
TODAY = (2026, 11, 23)

GROUP_PAGE_TITLES = [
    "Présentation", "Nos résidences", "Chantiers en cours", "Insertion professionnelle", "Entreprises locales",
    "Transition écologique", "Paiement des fournisseurs", "Répondre à nos consultations", "Clauses sociales",
    "Réemploi des matériaux", "Espaces verts", "Sécurité des chantiers", "Achats innovants", "Rénovation énergétique",
    "Accessibilité des logements", "Gouvernance des achats", "Rencontres fournisseurs", "Dématérialisation",
    "Bilan annuel", "Questions fréquentes",
]
MANDATORY_LINKS = [
    ("/politique-achats-responsables/", "Politique d'achats responsables"), ("/charte-ethique/", "Charte éthique"),
    ("/mediateur/", "Médiateur des relations fournisseurs"), ("/consultations/", "Consultations prévisionnelles"),
    ("/indicateurs/", "Indicateurs"),
]

CATEGORIES = {
    "travaux": ([
        "Remplacement des menuiseries extérieures", "Réhabilitation thermique", "Ravalement des façades",
        "Réfection des toitures-terrasses", "Mise en conformité électrique des logements",
        "Rénovation des halls d'entrée", "Désamiantage et démolition partielle",
    ], ["45421100-5", "45321000-3", "45443000-4", "45261210-9", "45311000-0", "45453000-7", "45262660-5"]),
    "fournitures": ([
        "Fourniture de produits d'entretien écolabellisés", "Fourniture de mobilier de bureau reconditionné",
        "Fourniture de véhicules électriques", "Fourniture de matériel informatique reconditionné",
        "Fourniture d'électricité d'origine renouvelable", "Fourniture de robinetterie économe en eau",
    ], ["39830000-9", "39130000-2", "34144900-7", "30213000-5", "09310000-5", "42130000-9"]),
    "services": ([
        "Entretien et maintenance des ascenseurs", "Nettoyage des parties communes", "Entretien des espaces verts",
        "Maintenance des chaudières individuelles", "Collecte et traitement des encombrants",
        "Dératisation et désinsectisation",
    ], ["50750000-7", "90919200-4", "77314000-4", "50720000-8", "90511000-2", "90923000-3"]),
    "prestations intellectuelles": ([
        "Maîtrise d'œuvre pour la réhabilitation", "Diagnostics de performance énergétique",
        "Assistance à maîtrise d'ouvrage pour la rénovation énergétique", "Audit de conformité RGAA",
        "Études géotechniques préalables", "Coordination sécurité et protection de la santé",
    ], ["71221000-3", "71314300-5", "71541000-2", "72225000-8", "71332000-4", "71317210-8"]),
}
PROCEDURES = ["Procédure adaptée", "Appel d'offres ouvert", "Appel d'offres restreint", "Procédure avec négociation",
              "Marché passé sans publicité ni mise en concurrence préalable", "Dialogue compétitif"]
PROCEDURE_WEIGHTS = [40, 30, 8, 12, 6, 4]
TECHNIQUES = ["Accord-cadre", "Système d'acquisition dynamique", "Catalogue électronique", "Concours"]
SOCIAL = ["Clause sociale", "Critère social", "Marché réservé", "Pas de considération sociale"]
ENVIRONMENTAL = ["Clause environnementale", "Critère environnemental", "Pas de considération environnementale"]
DEPARTMENTS = [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
RESIDENCES = ["Les Tilleuls", "Les Grands Chênes", "Le Clos Fleuri", "Les Peupliers", "La Roseraie", "Le Parc",
              "Les Marronniers", "Les Acacias", "Le Belvédère", "Les Hauts de Loire", "La Source", "Les Vergers"]


def days_in_month(y, m):
    return [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]


def ordinal(y, m, d):
    """Days since 2000-01-01 (enough for comparisons inside 2020–2030)."""
    n = 0
    for yy in range(2000, y):
        n += 366 if yy % 4 == 0 else 365
    for mm in range(1, m):
        n += days_in_month(y, mm)
    return n + d - 1


def from_ordinal(n):
    y = 2000
    while n >= (366 if y % 4 == 0 else 365):
        n -= 366 if y % 4 == 0 else 365
        y += 1
    m = 1
    while n >= days_in_month(y, m):
        n -= days_in_month(y, m)
        m += 1
    return y, m, n + 1


def iso(ymd):
    return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"


def random_day(rng, lo, hi):
    return from_ordinal(rng.randint(ordinal(*lo), ordinal(*hi)))


def framework_indicators(text):
    """(id, unit) of every indicator of framework.yml, in order. Indicators derived from the site
    (`derived:`) get the unit "derived": their current-year value must match what the site publishes."""
    result = []
    for line in text.splitlines():
        m = re.match(r"\s*- id:\s*(\S+)", line)
        if m:
            result.append([m.group(1), None])
            continue
        m = re.match(r"\s*(unit|derived):\s*(\S+)", line)
        if m and result and result[-1][1] != "derived":
            result[-1][1] = "derived" if m.group(1) == "derived" else m.group(2)
    return [tuple(r) for r in result]


def indicator_value(rng, unit, year):
    if unit == "percent":
        return round(rng.uniform(5, 98), 1)
    if unit == "count":
        return rng.randint(0, 40 + (year - 2024) * 5)
    if unit == "days":
        return rng.randint(18, 55)
    if unit == "euros":
        return rng.randint(20, 900) * 10000
    if unit == "boolean":
        return rng.random() < 0.85
    if unit == "derived":  # every entity publishes policy, charter, mediator and consultations
        return True
    return "Démarche engagée"


def consultation(rng, ref, slug, updated):
    category = rng.choice(list(CATEGORIES))
    objects, cpvs = CATEGORIES[category]
    obj = f"{rng.choice(objects)} – résidence {rng.choice(RESIDENCES)}" if category == "travaux" or rng.random() < 0.4 \
        else f"{rng.choice(objects)} – {rng.choice(['patrimoine', 'agences', 'sièges et agences', 'résidences'])} de {rng.choice(PLACES)}"
    status = rng.choices(["prévue", "publiée", "attribuée", "abandonnée"], [55, 20, 18, 7])[0]
    # Launch: planned ones lie ahead of TODAY, the others before `updated`.
    if status == "prévue":
        lo, hi = (2026, 12, 1), (2027, 12, 31)
    else:
        lo, hi = (2026, 1, 5), updated
    day = random_day(rng, lo, hi)
    fmt = rng.choices(["day", "month", "quarter"], [40, 35, 25])[0]
    if fmt == "day":
        launch, launch_start = iso(day), day
    elif fmt == "month":
        launch, launch_start = f'"{day[0]:04d}-{day[1]:02d}"', (day[0], day[1], 1)
    else:
        q = (day[1] - 1) // 3 + 1
        launch, launch_start = f'"T{q} {day[0]}"', (day[0], (q - 1) * 3 + 1, 1)
    if status == "prévue" or ordinal(*launch_start) > ordinal(*updated):
        changed = random_day(rng, (2026, 1, 5), updated)
    else:
        changed = random_day(rng, launch_start, updated)
    lines = [f"  - reference: {ref}", f"    object: {yaml_str(obj)}", f"    category: {category}"]
    codes = rng.sample(cpvs, rng.choice([1, 1, 1, 2]))
    if rng.random() < 0.3:
        lines.append("    cpv:")
        lines += [f'      - {{code: "{c}", label: {yaml_str(objects[cpvs.index(c)])}}}' for c in codes]
    else:
        lines.append("    cpv: [" + ", ".join(f'"{c}"' for c in codes) + "]")
    lines.append(f'    procedure: "{rng.choices(PROCEDURES, PROCEDURE_WEIGHTS)[0]}"')
    if rng.random() < 0.45:
        lines.append(f'    technique: "{rng.choice(TECHNIQUES)}"')
    social = rng.sample(SOCIAL[:3], rng.randint(1, 2)) if rng.random() < 0.8 else ["Pas de considération sociale"]
    if "Marché réservé" in social:
        lines.append(f"    reserved: {rng.choice(['SIAE', 'ESAT-EA'])}")
    if rng.random() < 0.06:
        lines.append("    innovative: true")
    lines.append("    social: [" + ", ".join(f'"{s}"' for s in social) + "]")
    env = rng.sample(ENVIRONMENTAL[:2], rng.randint(1, 2)) if rng.random() < 0.85 else ["Pas de considération environnementale"]
    lines.append("    environmental: [" + ", ".join(f'"{e}"' for e in env) + "]")
    lines.append(f"    launch: {launch}")
    if rng.random() < 0.6:
        lines.append(f"    amount: {rng.randint(2, 400) * 2500}")
    else:
        lo_amount = rng.randint(4, 200) * 10000
        lines.append(f"    amount: {{min: {lo_amount}, max: {lo_amount * rng.choice([2, 3, 4])}}}")
    lines.append(f"    duration_months: {rng.choice([6, 12, 18, 24, 36, 48, 60])}")
    if rng.random() < 0.35:
        lines.append(f"    lots: {rng.randint(2, 8)}")
        lines.append(f'    allotment: "{rng.choice(["géographique", "technique", "géographique et technique"])}"')
    if rng.random() < 0.5:
        lines.append("    places: [" + ", ".join(yaml_str(p) for p in rng.sample(PLACES, rng.randint(1, 3))) + "]")
    lines.append("    departments: [" + ", ".join(f'"{d}"' for d in rng.sample(DEPARTMENTS, rng.randint(1, 4))) + "]")
    if rng.random() < 0.5:
        lines.append(f"    contact: achats@{slug}.example.org")
    lines.append(f"    status: {status}")
    if status == "publiée" or (status == "attribuée" and rng.random() < 0.5):
        lines.append(f"    notice_url: https://marches.example.org/acheteurs/{slug}/avis/{ref}")
    lines.append(f"    changed: {iso(changed)}")
    return "\n".join(lines)


def group(out, entities=GROUP_ENTITIES, consultations=GROUP_CONSULTATIONS):
    framework_text = FRAMEWORK_SOURCE.read_text(encoding="utf-8")
    indicators = framework_indicators(framework_text)
    if not indicators:
        sys.exit(f"no indicator found in {FRAMEWORK_SOURCE}")
    c = out / "content"
    write(c / "site.yml", SITE_YML)
    write(c / "groups" / "action-logement" / "group.yml",
          'name: "Groupe Action Logement (corpus de mesure)"\n'
          "base_url: https://transparence.example.org/groupes/action-logement/\n"
          f'description: "{entities} filiales fictives partagent le Spaser 2026-2028 du groupe ; corpus de mesure."\n')
    write(c / "groups" / "action-logement" / "framework.yml", framework_text)

    rng = random.Random(f"{SEED}-group")
    names = []
    for region in REGIONS:
        for head in NAME_HEADS:
            names.append(f"{head} {region}")
    rng.shuffle(names)
    names = names[:entities]
    if len(names) < entities:
        names += [f"Habitat {k}" for k in range(len(names), entities)]
    page_slugs = [slugify(t) for t in GROUP_PAGE_TITLES[:GROUP_PAGES]]
    page_titles = GROUP_PAGE_TITLES[:GROUP_PAGES]
    for e, name in enumerate(names):
        erng = random.Random(f"{SEED}-group-{e}")
        slug = slugify(name)
        ent = c / "entities" / slug
        prefix = f"E{e + 1:02d}"
        own = []
        specific = ""
        if e % 3 == 0:
            own = [(f"{prefix}-01", "percent"), (f"{prefix}-02", "count")]
            specific = f"""\
specific:
  - axis: 1
    objective: 1
    actions:
      - "Regrouper les besoins de plusieurs directions dans des accords-cadres communs."
    indicators:
      - id: {prefix}-01
        label: "Part des dépenses réalisées sous accords-cadres"
        unit: percent
        better: higher
      - id: {prefix}-02
        label: "Réunions d'information des entreprises locales"
        unit: count
        better: higher
"""
        rhythm = "quarterly" if e % 4 == 0 else "yearly"
        write(ent / "entity.yml", entity_yml(erng, slug, name, "action-logement", rhythm, specific))

        links = [(f"/{s}/", t) for s, t in zip(page_slugs, page_titles)] + MANDATORY_LINKS

        def doc(front, size, self_href=None):
            targets = [l for l in links if l[0] != self_href]
            body = Prose(erng, targets).body(erng.randint(int(size * 0.9), int(size * 1.1)))
            return "---\n" + front + "---\n" + body

        policy = doc(f'title: "Schéma de promotion des achats socialement et écologiquement responsables 2026-2028"\n'
                     f"adopted: 2026-01-{erng.randint(10, 30)}\nperiod: \"2026-2028\"\nversion: \"2026\"\n"
                     f'summary: "Le Spaser 2026-2028 de {name} décline les quatre axes du groupe."\n',
                     8000, "/politique-achats-responsables/")
        write(ent / "policy.md", policy)
        if e % 2 == 0:
            write(ent / "policy-2023.md",
                  doc(f'title: "Schéma de promotion des achats responsables 2023-2025"\n'
                      f"adopted: 2023-02-{erng.randint(10, 28)}\nperiod: \"2023-2025\"\nversion: \"2023\"\n", 4000))
        write(ent / "ethics-charter.md",
              doc(f'title: "Charte éthique des relations fournisseurs"\nadopted: 2025-11-{erng.randint(10, 28)}\n'
                  f'version: "2025"\n', 4000, "/charte-ethique/"))
        write(ent / "mediator.md",
              doc(f'title: "Médiateur des relations fournisseurs"\nemail: mediation@{slug}.example.org\n'
                  f'name: "Karim Benali"\nrole: "Médiateur interne des relations fournisseurs"\nphone: "{phone(erng)}"\n',
                  2500, "/mediateur/"))

        updated = random_day(erng, (2026, 10, 1), (2026, 11, 20))
        entries = [consultation(erng, f"{prefix}-{2026 + k // 150}-{k % 150 + 1:03d}", slug, updated)
                   for k in range(consultations)]
        # The list in its own file, the page's title and text beside it (docs/guide-contenu.md).
        write(ent / "consultations.yml",
              "# yaml-language-server: $schema=../../../schemas/consultations.schema.json\n"
              f"updated: {iso(updated)}\nconsultations:\n" + "\n\n".join(entries) + "\n")
        write(ent / "consultations.md",
              '---\ntitle: "Consultations prévisionnelles 2027"\n---\n'
              + "Cette liste présente les consultations que nous prévoyons de lancer. Elle est indicative.\n")

        for year in (2024, 2025, 2026):
            values = {}
            for ind_id, unit in indicators + own:
                v = {"value": indicator_value(erng, unit, year)}
                if unit in ("percent", "count") and erng.random() < 0.4:
                    v["target"] = indicator_value(erng, unit, year)
                if erng.random() < 0.2:
                    v["source"] = "Système d'information achats"
                if year == 2026:
                    v["provisional"] = True
                values[ind_id] = v
            write(ent / "indicators" / f"{year}.json",
                  json.dumps({"values": values}, ensure_ascii=False, indent=2) + "\n")

        for k, (ps, pt) in enumerate(zip(page_slugs, page_titles)):
            page = doc(f"title: {yaml_str(pt)}\norder: {k + 1}\n"
                       f'summary: "{pt} : ce que fait {name} et ce qui change pour les entreprises."\n',
                       GROUP_PAGE_SIZE, f"/{ps}/")
            if k % 4 == 1:
                rows = "\n".join(f"{erng.choice(LIST_ITEMS)};{erng.randint(1, 40)};{2026 + erng.randint(0, 2)}"
                                 for _ in range(erng.randint(3, 6)))
                page += f"\n```tableau Opérations prévues\nOpération;Logements;Année\n{rows}\n```\n"
            write(ent / "pages" / f"{ps}.md", page)
    print(f"group: {entities} entities × ({GROUP_PAGES} pages, {consultations} consultations, 3 years of "
          f"{len(indicators)} indicators) → {out}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--plain", metavar="OUT", type=Path, help="plain Markdown corpus for Transparence and Hugo")
    mode.add_argument("--group", metavar="OUT", type=Path, help="synthetic group for Transparence")
    parser.add_argument("--entities", type=int, default=GROUP_ENTITIES, help="--group: number of entities (default 60)")
    parser.add_argument("--consultations", type=int, default=GROUP_CONSULTATIONS,
                        help="--group: consultations per entity (default 300)")
    args = parser.parse_args()
    out = args.plain or args.group
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if args.plain:
        plain(out)
    else:
        group(out, args.entities, args.consultations)


if __name__ == "__main__":
    main()
