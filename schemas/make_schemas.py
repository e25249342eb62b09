"""Writes the JSON Schemas (draft 2020-12) of the files the communication team edits.

Run from the repository root: python3 schemas/make_schemas.py
The schemas follow the validators (Sources/TransparenceKit/Validate/*.swift), which stay the
truth: what a schema cannot express (SIREN checksum, colour contrast, references between files,
units of indicator values) is checked at build time and listed in docs/guide-contenu.md.
Shared definitions are written into each schema, so every file stands alone for editors.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "https://transparence.example.org/schemas/"


def text(title, description, examples=None, **extra):
    s = {"type": "string", "minLength": 1, "title": title, "description": description}
    if examples:
        s["examples"] = examples
    s.update(extra)
    return s


def url(title, description, directory=False, examples=None):
    pattern = "^https?://[^\\s]+/$" if directory else "^https?://[^\\s]+$"
    return text(title, description + (" Se termine par « / »." if directory else ""), examples, pattern=pattern)


def email(title, description, examples=None):
    return text(title, description, examples or ["contact@exemple.fr"], pattern="^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")


def date(title, description, examples=None):
    return text(title, description + " Format AAAA-MM-JJ.", examples or ["2026-03-12"], format="date",
                pattern="^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def enum(title, description, values, labels=None):
    s = {"type": "string", "title": title, "description": description, "enum": values}
    if labels:
        s["markdownEnumDescriptions"] = labels
        s["enumDescriptions"] = labels
    return s


def integer(title, description, lo, hi, examples=None):
    s = {"type": "integer", "minimum": lo, "maximum": hi, "title": title, "description": description}
    if examples:
        s["examples"] = examples
    return s


def texts(title, description, examples=None, item_enum=None):
    item = {"type": "string", "minLength": 1}
    if item_enum:
        item = {"type": "string", "enum": item_enum}
    s = {"type": "array", "items": item, "title": title, "description": description}
    if examples:
        s["examples"] = [examples]
    return s


BOOLEAN = {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no", "oui", "non"]}]}


def boolean(title, description):
    return dict(BOOLEAN, title=title, description=description, examples=[True])


def obj(title, description, properties, required=(), **extra):
    s = {"type": "object", "title": title, "description": description, "properties": properties,
         "additionalProperties": False}
    if required:
        s["required"] = list(required)
    s.update(extra)
    return s


def schema(name, title, description, root, defs=None):
    s = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE + name + ".schema.json"}
    s.update(root)
    s["title"] = title
    s["description"] = description
    if defs:
        s["$defs"] = defs
    return s


# --- Shared parts ---------------------------------------------------------------------------

HOST = obj("Hébergeur", "L'hébergeur du site (mentions légales).", {
    "name": text("Nom", "Raison sociale de l'hébergeur.", ["OVH SAS"]),
    "address": text("Adresse", "Adresse postale de l'hébergeur.", ["2 rue Kellermann, 59100 Roubaix"]),
    "phone": text("Téléphone", "Téléphone de l'hébergeur.", ["09 72 10 10 07"]),
    "website": url("Site", "Adresse du site de l'hébergeur.", False, ["https://www.ovhcloud.com"]),
}, ["name", "address", "phone"])

ACCESSIBILITY = obj("Accessibilité", "La déclaration d'accessibilité (RGAA).", {
    "status": enum("État de conformité", "Conformité au RGAA déclarée.", ["totalement", "partiellement", "non"],
                   ["Totalement conforme", "Partiellement conforme", "Non conforme"]),
    "rate": {"type": "number", "minimum": 0, "maximum": 100, "title": "Taux de conformité",
             "description": "Pourcentage de critères RGAA respectés (0 à 100).", "examples": [78.5]},
    "audit_date": date("Date de l'audit", "Date de l'audit d'accessibilité."),
    "auditor": text("Auditeur", "Qui a réalisé l'audit.", ["Cabinet Exemple"]),
    "rgaa_version": text("Version du RGAA", "Version du RGAA utilisée par l'audit (4.1 par défaut).", ["4.1.2"]),
    "sample": texts("Échantillon", "Pages examinées par l'audit.", "Accueil"),
    "non_accessible": texts("Contenus non accessibles",
                            "Liste des contenus non accessibles, obligatoire (au moins un) sauf si l'état est « totalement ».",
                            "Les documents PDF antérieurs à 2024"),
    "contact": email("Contact", "Adresse e-mail pour signaler un défaut d'accessibilité.", ["accessibilite@exemple.fr"]),
    "multiyear_plan": text("Schéma pluriannuel", "Lien ou texte du schéma pluriannuel de mise en accessibilité."),
    "action_plan": texts("Plan d'actions", "Actions de l'année.", "Corriger les contrastes des tableaux"),
}, ["status", "contact"],
    # A statement that is not fully conforming lists what is not accessible (décret 2019-768).
    **{"if": {"properties": {"status": {"enum": ["partiellement", "non"]}}, "required": ["status"]},
       "then": {"properties": {"non_accessible": {"minItems": 1}}, "required": ["non_accessible"]}})


def publisher_properties(identity):
    return {
        "name": text("Nom", "Nom complet de l'éditeur.", ["Seqens"]),
        "short_name": text("Nom court", "Nom court ou sigle de l'éditeur.", ["BMH"]),
        "legal_form": text("Forme juridique", "Forme juridique de l'éditeur." + (" Obligatoire." if identity else ""), ["SA d'HLM", "OPH"]),
        "siren": text("SIREN", "Numéro SIREN, 9 chiffres, espaces permises (la clé de contrôle est vérifiée à la génération).",
                      ["732829320", "732 829 320"], pattern="^ *([0-9] *){9}$"),
        "rcs": text("RCS", "Immatriculation au registre du commerce.", ["RCS Nanterre 732 829 320"]),
        "capital": text("Capital social", "Capital social, tel qu'il s'affiche.", ["12 000 000 €"]),
        "head_office": text("Siège social", "Adresse du siège.", ["1 rue Exemple, 92000 Nanterre"]),
        "phone": text("Téléphone", "Téléphone de l'éditeur.", ["01 00 00 00 00"]),
        "email": email("E-mail", "Adresse e-mail de l'éditeur."),
        "publication_director": text("Directeur de la publication", "Personne responsable de la publication.", ["Mme A. Martin"]),
        "host": HOST,
        "territory": TERRITORY,
        "accessibility": ACCESSIBILITY,
    }


PUBLISHER_REQUIRED = ["name", "head_office", "phone", "publication_director", "host", "accessibility"]

DEPARTMENT = "^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$"


def departments(description):
    return {"type": "array", "title": "Départements", "description": description,
            "items": {"type": "string", "pattern": DEPARTMENT}, "examples": [["92", "94"]]}


TERRITORY = obj("Territoire", "Territoire d'intervention : au moins un département, une commune ou une description.", {
    "departments": departments("Codes département (01 à 95, 2A, 2B, 971 à 976), entre guillemets."),
    "communes": texts("Communes", "Communes du territoire.", "Brest"),
    "description": text("Description", "Une phrase qui décrit le territoire.", ["Environ 13 000 logements locatifs sociaux."]),
}, (), anyOf=[{"required": ["departments"], "properties": {"departments": {"minItems": 1}}},
              {"required": ["communes"], "properties": {"communes": {"minItems": 1}}},
              {"required": ["description"]}])

YEAR = "^(20[0-9]{2}|2100)$"

INDICATOR = obj("Indicateur", "Un indicateur du référentiel et sa définition.", {
    "id": text("Identifiant", "Identifiant unique : lettres, chiffres et tirets, 40 au plus (sans tenir compte des majuscules).",
               ["AR-01"], pattern="^[A-Za-z0-9-]{1,40}$"),
    "label": text("Libellé", "Ce que mesure l'indicateur.", ["Part des achats intégrant une clause sociale"]),
    "unit": enum("Unité", "Unité des valeurs.", ["percent", "count", "days", "euros", "boolean", "text"],
                 ["Pourcentage (0 à 100)", "Nombre entier", "Nombre de jours", "Montant en euros", "Oui ou non", "Texte"]),
    "better": enum("Sens de progrès", "Quel sens est un progrès.", ["higher", "lower", "none"],
                   ["Plus haut, c'est mieux", "Plus bas, c'est mieux", "Sans objet"]),
    "scope": enum("Périmètre", "Entités concernées.", ["all", "mainland", "overseas"],
                  ["Toutes les entités", "Hexagone", "Outre-mer"]),
    "definition": text("Définition", "Définition détaillée."),
    "method": text("Méthode de calcul", "Comment la valeur est calculée."),
    "derived": enum("Déduit du site", "Valeur déduite du contenu du site (unité boolean).",
                    ["policy", "charter", "mediator", "consultations"],
                    ["Politique publiée", "Charte publiée", "Médiateur publié", "Liste des consultations publiée"]),
    "threshold": obj("Seuil", "Seuil réglementaire ou interne.", {
        "operator": enum("Opérateur", "Comparaison au seuil.", ["<", "<=", ">", ">=", "="]),
        "value": {"type": "number", "title": "Valeur du seuil", "description": "Le seuil, un nombre.", "examples": [30]},
    }, ["operator", "value"]),
    "targets": {"type": "object", "title": "Cibles", "description": "Cible par année (2026: 40).",
                "patternProperties": {YEAR: {"type": ["number", "string"]}}, "additionalProperties": False,
                "examples": [{"2026": 40, "2028": 50}]},
}, ["id", "label", "unit"])

OBJECTIVE = obj("Objectif", "Un objectif d'un axe.", {
    "number": integer("Numéro", "Numéro de l'objectif (1 à 999), unique.", 1, 999, [1]),
    "title": text("Intitulé", "Intitulé de l'objectif.", ["Développer les clauses sociales"]),
    "actions": texts("Actions", "Actions prévues.", "Insérer une clause d'insertion dans les marchés de travaux"),
    "pilots": texts("Pilotes", "Services pilotes.", "Direction des achats"),
    "milestones": {"type": "object", "title": "Échéances", "description": "Échéance par année (2026: « … »).",
                   "patternProperties": {YEAR: {"type": "string", "minLength": 1}}, "additionalProperties": False},
    "indicators": {"type": "array", "title": "Indicateurs", "description": "Indicateurs de l'objectif.",
                   "items": {"$ref": "#/$defs/indicator"}},
}, ["number", "title"])

ATTACHMENTS = {"type": "array", "title": "Pièces jointes",
               "description": "Fichiers du dossier files/ proposés au téléchargement.",
               "items": obj("Pièce jointe", "Un fichier joint.", {
                   "file": text("Fichier", "Chemin du fichier, dans files/.", ["files/politique-2026.pdf"]),
                   "title": text("Titre", "Titre du lien.", ["Politique 2026 (PDF)"]),
               }, ["file", "title"])}


def common(title_required):
    return {
        "title": text("Titre", "Titre de la page." + ("" if title_required else " Facultatif : un titre par défaut s'applique."),
                      ["Politique d'achats responsables"]),
        "summary": text("Résumé", "Une phrase de résumé (description de la page)."),
        "updated": date("Mise à jour", "Date de dernière mise à jour."),
        "attachments": ATTACHMENTS,
    }


CATEGORIES = ["travaux", "fournitures", "services", "prestations intellectuelles"]
PROCEDURES = ["Procédure adaptée", "Appel d'offres ouvert", "Appel d'offres restreint", "Procédure avec négociation",
              "Marché passé sans publicité ni mise en concurrence préalable", "Dialogue compétitif"]
TECHNIQUES = ["Accord-cadre", "Concours", "Système de qualification", "Système d'acquisition dynamique",
              "Catalogue électronique", "Enchère électronique"]
SOCIAL = ["Clause sociale", "Critère social", "Marché réservé", "Pas de considération sociale"]
ENVIRONMENTAL = ["Clause environnementale", "Critère environnemental", "Pas de considération environnementale"]
CPV = "^[0-9]{8}-[0-9]$"

CONSULTATION = obj("Consultation", "Une consultation de la liste prévisionnelle.", {
    "reference": text("Référence", "Référence unique : lettres sans accent, chiffres, « . », « _ », « - ».", ["SEQ-2027-04"],
                      pattern="^[A-Za-z0-9][A-Za-z0-9._-]*$"),
    "object": text("Objet", "Objet du marché.", ["Remplacement des menuiseries extérieures"]),
    "category": enum("Catégorie", "Catégorie d'achat.", CATEGORIES),
    "cpv": {"type": "array", "title": "Codes CPV", "description": "Codes CPV (45000000-7), seuls ou avec leur libellé.",
            "items": {"anyOf": [{"type": "string", "pattern": CPV},
                                obj("Code CPV", "Un code CPV et son libellé.", {
                                    "code": text("Code", "Code CPV.", ["45421100-5"], pattern=CPV),
                                    "label": text("Libellé", "Libellé du code.", ["Pose de portes et de fenêtres"]),
                                }, ["code"])]},
            "examples": [["45421100-5"]]},
    "procedure": enum("Procédure", "Procédure de passation envisagée ; obligatoire dès que la consultation n'est plus "
                      "« prévue », sauf pour un marché réservé ou innovant.", PROCEDURES),
    "technique": enum("Technique d'achat", "Technique d'achat, s'il y en a une.", TECHNIQUES),
    "reserved": enum("Marché réservé", "Marché réservé (article L2113-12 ou -13).", ["SIAE", "ESAT-EA"]),
    "innovative": boolean("Innovant", "Achat innovant (true ou false)."),
    "social": texts("Considérations sociales", "Considérations sociales.", item_enum=SOCIAL),
    "environmental": texts("Considérations environnementales", "Considérations environnementales.", item_enum=ENVIRONMENTAL),
    "launch": text("Lancement", "Date (2027-03-15), mois (2027-03) ou trimestre (T2 2027) de lancement prévu.",
                   ["2027-03-15", "2027-03", "T2 2027"],
                   pattern="^([0-9]{4}-[0-9]{2}(-[0-9]{2})?|T[1-4] [0-9]{4})$"),
    "amount": {"title": "Montant estimé", "description": "Montant HT en euros : un nombre, ou une fourchette {min, max}.",
               "anyOf": [{"type": "number", "minimum": 0},
                         obj("Fourchette", "Fourchette de montant.", {
                             "min": {"type": "number", "minimum": 0, "title": "Minimum", "description": "Montant minimum HT."},
                             "max": {"type": "number", "minimum": 0, "title": "Maximum", "description": "Montant maximum HT."},
                             "label": text("Libellé", "La fourchette telle que l'organisme l'écrit (affichée à la place des nombres).",
                                           ["200 000 – 500 000 € HT"]),
                         }, ["min", "max"])],
               "examples": [96500, {"min": 100000, "max": 500000}, {"min": 200000, "max": 500000, "label": "200 000 – 500 000 € HT"}]},
    "duration_months": integer("Durée (mois)", "Durée du marché en mois (1 à 600).", 1, 600, [48]),
    "lots": integer("Lots", "Nombre de lots (1 à 500).", 1, 500, [3]),
    "allotment": text("Allotissement", "Comment le marché est alloti.", ["géographique (un lot par département)"]),
    "places": texts("Lieux", "Lieux d'exécution.", "Nanterre"),
    "departments": departments("Codes département (01 à 95, 2A, 2B, 971 à 976), entre guillemets."),
    "contact": email("Contact", "Adresse e-mail pour cette consultation."),
    "status": enum("État", "État de la consultation.", ["prévue", "publiée", "attribuée", "abandonnée"]),
    "notice_url": url("Avis", "Lien vers l'avis de marché, obligatoire pour une consultation publiée."),
    "changed": date("Modifiée le", "Date du dernier changement de cette consultation (par défaut, la date d'édition updated)."),
    "note": text("Remarque", "Une remarque pour les lecteurs, affichée sous l'objet.", ["Lancement lié à l'obtention du permis de construire"]),
    "launch_delay_reason": text("Raison du report", "Pourquoi une consultation encore prévue n'est pas lancée à la date annoncée.",
                                ["Attente de la décision de financement"]),
}, ["reference", "object", "category", "launch", "status"],
    allOf=[{"if": {"properties": {"status": {"const": "publiée"}}, "required": ["status"]},
            "then": {"required": ["notice_url"]}},
           # Not chosen yet is a fact: only a consultation past « prévue », neither reserved nor innovative, needs one.
           {"if": {"properties": {"status": {"enum": ["publiée", "attribuée", "abandonnée"]}}, "required": ["status"],
                   "not": {"anyOf": [{"required": ["reserved"]},
                                     {"properties": {"innovative": {"enum": [True, "yes", "oui"]}}, "required": ["innovative"]}]}},
            "then": {"required": ["procedure"]}}])

# --- The files ---------------------------------------------------------------------------

FILES = {}

FILES["site"] = schema("site", "site.yml : le site d'index", "Réglages du site d'index (content/site.yml).", obj("", "", {
    "title": text("Titre", "Titre du site d'index.", ["Transparence des achats responsables"]),
    "base_url": url("Adresse", "Adresse publique du site d'index.", True, ["https://transparence.exemple.fr/"]),
    "language": enum("Langue", "Langue du site (seul « fr » est pris en charge).", ["fr"]),
    "description": text("Description", "Une phrase qui présente le site."),
    "publisher": obj("Éditeur", "Éditeur du site d'index (mentions légales).", publisher_properties(False), PUBLISHER_REQUIRED),
}, ["title", "base_url", "publisher"]))

FILES["group"] = schema("group", "group.yml : un groupe", "Un groupe d'entités (content/groups/<groupe>/group.yml).", obj("", "", {
    "name": text("Nom", "Nom du groupe.", ["Groupe Action Logement"]),
    "base_url": url("Adresse", "Adresse publique des pages du groupe.", True, ["https://transparence.exemple.fr/groupes/action-logement/"]),
    "description": text("Description", "Une phrase qui présente le groupe."),
}, ["name", "base_url"]))

FILES["framework"] = schema("framework", "framework.yml : le référentiel", "Le référentiel commun du groupe : axes, objectifs, indicateurs.", obj("", "", {
    "title": text("Titre", "Titre du référentiel.", ["Schéma de promotion des achats socialement et écologiquement responsables"]),
    "period": text("Période", "Période couverte.", ["2026-2028"]),
    "structure": enum("Structure", "Présentation en axes ou en fiches actions.", ["axes", "action-sheets"],
                      ["Axes et objectifs", "Fiches actions"]),
    "introduction": text("Introduction", "Texte d'introduction."),
    "axes": {"type": "array", "title": "Axes", "description": "Les axes du référentiel.", "items": obj("Axe", "Un axe.", {
        "number": integer("Numéro", "Numéro de l'axe (1 à 999), unique.", 1, 999, [1]),
        "title": text("Intitulé", "Intitulé de l'axe.", ["Achats socialement responsables"]),
        "objectives": {"type": "array", "title": "Objectifs", "description": "Les objectifs de l'axe.", "items": {"$ref": "#/$defs/objective"}},
    }, ["number", "title", "objectives"])},
}, ["title", "period", "structure", "axes"]), {"objective": OBJECTIVE, "indicator": INDICATOR})

entity_properties = {"group": text("Groupe", "Dossier du groupe dans groups/.", ["action-logement"], pattern="^[a-z0-9-]+$")}
entity_properties.update(publisher_properties(True))
entity_properties.update({
    "website": url("Site principal", "Site principal de l'entité.", False, ["https://www.seqens.fr"]),
    "base_url": url("Adresse de ces pages", "Adresse publique du site de transparence de l'entité.", True,
                    ["https://transparence.exemple.fr/entites/seqens/"]),
    "buyer_profile": url("Profil d'acheteur", "Adresse du profil d'acheteur."),
    "accent_color": text("Couleur", "Couleur d'accent #RRGGBB (contraste d'au moins 4,5:1 sur blanc, vérifié à la génération).",
                         ["#1d4f91"], pattern="^#[0-9A-Fa-f]{6}$"),
    "logo": text("Logo", "Image du dossier files/ (svg, png, jpg, jpeg, webp).", ["files/logo.svg"],
                 pattern="^files/[^/]+\\.([Ss][Vv][Gg]|[Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ww][Ee][Bb][Pp])$"),
    "consultation_rhythm": enum("Rythme de la liste", "Rythme de mise à jour de la liste prévisionnelle.", ["yearly", "quarterly"],
                                ["Annuel", "Trimestriel"]),
    "specific": {"type": "array", "title": "Partie propre", "description": "Actions et indicateurs propres à l'entité, rattachés à un objectif du référentiel.",
                 "items": obj("Partie propre", "Un complément à un objectif du référentiel.", {
                     "axis": integer("Axe", "Numéro de l'axe du référentiel.", 1, 999, [1]),
                     "objective": integer("Objectif", "Numéro de l'objectif dans l'axe.", 1, 999, [2]),
                     "actions": texts("Actions", "Actions propres à l'entité."),
                     "indicators": {"type": "array", "title": "Indicateurs", "description": "Indicateurs propres.", "items": {"$ref": "#/$defs/indicator"}},
                 }, ["axis", "objective"])},
})
FILES["entity"] = schema("entity", "entity.yml : une entité", "Une entité et son site (content/entities/<entité>/entity.yml).",
                         obj("", "", entity_properties, ["group"] + PUBLISHER_REQUIRED + ["legal_form", "siren", "website", "base_url", "consultation_rhythm"]),
                         {"indicator": INDICATOR})

policy = common(True)
policy.update({"adopted": date("Adoptée le", "Date d'adoption de la politique."),
               "period": text("Période", "Période couverte.", ["2026-2028"]),
               "version": text("Version", "Nom de la version.", ["2026"])})
FILES["policy"] = schema("policy", "policy.md : la politique d'achats responsables", "En-tête de policy.md (et des versions précédentes policy-<version>.md).",
                         obj("", "", policy, ["title", "adopted", "period", "version"]))

charter = common(True)
charter.update({"adopted": date("Adoptée le", "Date d'adoption de la charte."), "version": text("Version", "Nom de la version.", ["2025"])})
FILES["charter"] = schema("charter", "ethics-charter.md : la charte éthique", "En-tête de ethics-charter.md.", obj("", "", charter, ["title", "adopted"]))

mediator = common(False)
mediator.update({"email": email("E-mail", "Adresse e-mail du médiateur.", ["mediation@exemple.fr"]),
                 "name": text("Nom", "Nom du médiateur ou de la médiatrice."), "role": text("Fonction", "Fonction."),
                 "phone": text("Téléphone", "Téléphone."), "address": text("Adresse", "Adresse postale.")})
FILES["mediator"] = schema("mediator", "mediator.md : le médiateur", "En-tête de mediator.md.", obj("", "", mediator, ["email"]))

page = common(True)
page.update({"order": integer("Ordre", "Place dans le menu (0 à 9999, 100 par défaut).", 0, 9999, [10])})
FILES["page"] = schema("page", "pages/<page>.md : une page supplémentaire", "En-tête d'une page de pages/.", obj("", "", page, ["title"]))

# The list lives in its own YAML file (editors validate it as one types, never front matter):
# content/entities/<entité>/consultations.yml, archives consultations-<date>.yml.
consultations = {
    "updated": date("Date d'édition", "Date de cette édition de la liste (une édition archivée porte cette date dans son nom de fichier)."),
    "period": text("Période", "Période couverte par la liste.", ["2027"]),
    "contact": email("Contact", "Adresse e-mail pour toute la liste.", ["achats@exemple.fr"]),
    "consultations": {"type": "array", "title": "Consultations", "description": "La liste prévisionnelle.",
                      "items": {"$ref": "#/$defs/consultation"}},
}
FILES["consultations"] = schema("consultations", "consultations.yml : la liste prévisionnelle",
                                "La liste prévisionnelle des consultations d'une entité (content/entities/<entité>/consultations.yml, "
                                "éditions archivées consultations-<date>.yml). Le titre et le texte de la page sont dans consultations.md.",
                                obj("", "", consultations, ["updated", "consultations"]), {"consultation": CONSULTATION})

# The calendar page's text: only the document keys (the edition date is in the list file).
calendar_page = common(False)
del calendar_page["updated"]
calendar_page["title"]["examples"] = ["Consultations prévisionnelles"]
FILES["consultations-page"] = schema("consultations-page", "consultations.md : le texte de la page des consultations",
                                     "En-tête de consultations.md (facultatif). La liste et sa date d'édition sont dans consultations.yml, à côté.",
                                     obj("", "", calendar_page))

VALUE = obj("Valeur", "La valeur d'un indicateur pour l'année.", {
    "value": {"type": ["number", "boolean", "string"], "title": "Valeur",
              "description": "Nombre (sans guillemets), true/false ou texte, selon l'unité de l'indicateur (vérifiée à la génération).",
              "examples": [35.5, True]},
    "unavailable": text("Non disponible", "Raison pour laquelle la valeur n'est pas disponible (à la place de value)."),
    "target": {"type": ["number", "string"], "title": "Cible", "description": "Cible de l'année.", "examples": [40]},
    "comment": text("Commentaire", "Commentaire affiché avec la valeur."),
    "source": text("Source", "Source de la valeur."),
    "provisional": boolean("Provisoire", "Valeur provisoire (true ou false)."),
}, (), anyOf=[{"required": ["value"]}, {"required": ["unavailable"]}], **{"not": {"required": ["value", "unavailable"]}})
FILES["indicators"] = schema("indicators", "indicators/<année>.json : valeurs des indicateurs",
                             "Valeurs d'une année, par identifiant d'indicateur (content/entities/<entité>/indicators/<année>.json).",
                             obj("", "", {"period_end": date("Fin de période", "Dernier jour couvert par les valeurs quand l'année n'est pas "
                                                             "complète ; dans l'année du fichier (vérifié à la génération)."),
                                          "provisional": boolean("Provisoire", "Toutes les valeurs de l'année sont provisoires (true ou false)."),
                                          "values": {"type": "object", "title": "Valeurs", "description": "Une entrée par identifiant d'indicateur.",
                                                     "additionalProperties": {"$ref": "#/$defs/value"}}}, ["values"]), {"value": VALUE})

for name, s in FILES.items():
    for key in ("title", "description"):
        if s.get(key) == "":
            del s[key]
    with open(os.path.join(HERE, name + ".schema.json"), "w", encoding="utf-8") as f:
        json.dump(s, f, ensure_ascii=False, indent=2)
        f.write("\n")
