"""Realistic synthetic people, dossiers and their history, to try and to measure the station.

``anaiss-admin demo`` and the benchmark (``tests/benchmarks/run.py``) fill a station with
100,000 synthetic persons and about a million interventions (SPEC §9), so the generator writes
straight through the storage layer, many rows per statement inside large transactions
(:data:`BATCH_PERSONS` persons each), instead of calling the services row by row (see
:class:`_Texts` for why the statements look the way they do).
It keeps the same invariants the services keep: the search index rows of
:func:`~anaiss_desktop.storage.persons_repo.search_rows`, the ``sort_name`` column, the
per-year dossier counters (later dossiers continue the sequence), ``last_contact_on``, codes
taken from the station's coded lists, referents that may be referents.

Everything is drawn from one :class:`random.Random` seeded by ``seed`` and dated relative to
``today``, so the same seed on the same station state gives the same data. Nothing here is a
real person: names are common French names combined at random, NIRs have valid keys but
random digits, e-mail domains are fictitious.

Cancelling (``progress`` returning ``False``) rolls back the batch being written; the batches
already committed stay, and :class:`DemoStats` says how many persons they hold.
"""

from __future__ import annotations

import bisect
import itertools
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.access import can_be_referent
from ..domain.codes import NOT_PROVIDED, OTHER
from ..domain.names import compact
from ..domain.nir import nir_key
from ..domain.records import PersonInput
from ..storage.accounts_repo import AccountRepository
from ..storage.codes_repo import CodeRepository
from ..storage.database import Database
from ..storage.persons_repo import search_rows, sort_name
from .errors import InvalidInput
from .session import Session

BATCH_PERSONS = 2000  # persons per transaction
STEP_PERSONS = 500  # persons between two progress calls (one round of statements)
MAX_PERSONS = 1_000_000
FIRST_YEAR = 2019
LAST_YEAR = 2026

Progress = Callable[[int, int], "bool | None"]


@dataclass(frozen=True)
class DemoStats:
    """What :func:`generate` wrote (committed batches only).

    Args:
        persons, dossiers, interventions, notes, aids, echeances: rows written.
        cancelled: ``progress`` asked to stop; the batch in progress was rolled back.
        seconds: wall time of the generation.
    """

    persons: int
    dossiers: int
    interventions: int
    notes: int
    aids: int
    echeances: int
    cancelled: bool = False
    seconds: float = 0.0


# -- built-in lists ---------------------------------------------------------------------------

FAMILY_NAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand",
    "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
    "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin",
    "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas",
    "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc",
    "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy",
    "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Louis",
    "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
    "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault",
    "Charpentier", "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider",
    "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet",
    "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois",
    "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun",
    "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud",
    "Rodriguez", "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier",
    "Collin", "Chauvin", "Da Silva", "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal",
    "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier", "Pichon",
    "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte", "Nguyen",
    "Dos Santos", "N'Diaye", "Ben Ahmed", "Saint-Martin", "Lefèvre-Dubois", "Desmet",
    "Vandenbussche", "Delattre", "Dewailly", "Lemaire-Cœur",
)

FEMALE_FIRST_NAMES = (
    "Marie", "Jeanne", "Françoise", "Monique", "Catherine", "Nathalie", "Isabelle", "Sylvie",
    "Anne", "Martine", "Christine", "Nicole", "Sandrine", "Valérie", "Véronique", "Hélène",
    "Brigitte", "Chantal", "Céline", "Stéphanie", "Aurélie", "Julie", "Émilie", "Camille",
    "Léa", "Manon", "Chloé", "Sarah", "Laura", "Pauline", "Élodie", "Caroline", "Sophie",
    "Patricia", "Laurence", "Danielle", "Denise", "Josette", "Simone", "Yvette", "Colette",
    "Micheline", "Odette", "Ginette", "Jacqueline", "Madeleine", "Thérèse", "Marie-Thérèse",
    "Marie-Claire", "Anne-Sophie", "Marie-Christine", "Gaëlle", "Anaïs", "Zoé", "Maëlys",
    "Océane", "Inès", "Agnès", "Bénédicte", "Geneviève", "Mireille", "Solène", "Noémie",
    "Clémence", "Léonie", "Joëlle", "Fatima", "Aïcha", "Yasmine", "Khadija", "Fatoumata",
    "Ngoc Anh", "Rosa", "Ana", "Lucie", "Margaux", "Justine", "Audrey", "Virginie", "Karine",
)

MALE_FIRST_NAMES = (
    "Jean", "Pierre", "Michel", "André", "Philippe", "Alain", "Jacques", "Bernard", "Daniel",
    "Patrick", "Christian", "Nicolas", "François", "Éric", "Laurent", "Frédéric", "Stéphane",
    "David", "Olivier", "Thierry", "Pascal", "Christophe", "Sébastien", "Julien", "Jérôme",
    "Gérard", "Serge", "Claude", "Marcel", "René", "Roger", "Maurice", "Lucien", "Raymond",
    "Jean-Pierre", "Jean-Claude", "Jean-Luc", "Jean-Marc", "Jean-François", "Paul", "Louis",
    "Hugo", "Lucas", "Thomas", "Théo", "Mathieu", "Matthieu", "Maxime", "Antoine", "Alexandre",
    "Guillaume", "Benoît", "Cédric", "Grégory", "Ludovic", "Fabrice", "Gaëtan", "Noël",
    "Joël", "Loïc", "Hervé", "Yannick", "Mohamed", "Ahmed", "Karim", "Mamadou", "Youssef",
    "Van Minh", "José", "Manuel",
)

# (commune, postal code, département for the NIR)
COMMUNES = (
    ("Lille", "59000", "59"), ("Lille", "59800", "59"), ("Roubaix", "59100", "59"),
    ("Tourcoing", "59200", "59"), ("Villeneuve-d'Ascq", "59650", "59"),
    ("Valenciennes", "59300", "59"), ("Douai", "59500", "59"), ("Dunkerque", "59140", "59"),
    ("Cambrai", "59400", "59"), ("Maubeuge", "59600", "59"), ("Armentières", "59280", "59"),
    ("Wattrelos", "59150", "59"), ("Lens", "62300", "62"), ("Arras", "62000", "62"),
    ("Calais", "62100", "62"), ("Boulogne-sur-Mer", "62200", "62"), ("Béthune", "62400", "62"),
    ("Liévin", "62800", "62"), ("Hénin-Beaumont", "62110", "62"), ("Saint-Omer", "62500", "62"),
)

STREETS = (
    "rue Victor-Hugo", "rue de la Gare", "avenue Jean-Jaurès", "rue Pasteur",
    "place du Général-de-Gaulle", "rue des Écoles", "rue Nationale", "boulevard de la Liberté",
    "rue Jules-Ferry", "rue du Moulin", "rue de l'Église", "allée des Tilleuls",
    "résidence les Peupliers", "rue Émile-Zola", "chemin des Prés", "rue Léon-Blum",
    "rue Gambetta", "rue de Paris", "cité des Mineurs", "rue Voltaire",
)

EMAIL_DOMAINS = ("exemple.fr", "courriel-exemple.fr", "messagerie-exemple.com")

ORGANISATIONS = (
    "CCAS", "CPAM du Nord", "CPAM de l'Artois", "CARSAT Hauts-de-France", "CAF du Nord",
    "MDPH du Nord", "Département du Nord", "Département du Pas-de-Calais", "Fonds de solidarité "
    "logement", "Mutuelle", "Action Logement", "Banque alimentaire", "Secours populaire",
    "Service d'aide à domicile", "Bailleur social",
)

TOPICS = {
    "ACCES_DROITS_SOINS": (
        "la complémentaire santé solidaire", "le renouvellement des droits",
        "l'ouverture des droits à l'assurance maladie", "le reste à charge des soins dentaires",
        "une aide pour des lunettes", "le choix d'un médecin traitant",
    ),
    "PDP": (
        "la reprise à temps partiel thérapeutique", "la visite de préreprise",
        "la reconnaissance de travailleur handicapé", "un bilan de compétences",
        "les indemnités journalières", "l'aménagement du poste de travail",
    ),
    "RETOUR_DOMICILE": (
        "l'organisation du retour à domicile", "la mise en place d'une aide à domicile",
        "le portage de repas", "la téléassistance", "la location d'un lit médicalisé",
    ),
    "PERTE_AUTONOMIE": (
        "le dossier d'allocation personnalisée d'autonomie", "l'adaptation du logement",
        "une entrée en établissement", "le soutien de l'aidant", "le plan d'aide",
    ),
    "MALADIE_GRAVE": (
        "l'affection de longue durée", "les frais de transport", "le soutien pendant les "
        "traitements", "la pension d'invalidité", "le maintien des ressources",
    ),
    "DIFFICULTES_FINANCIERES": (
        "le budget et les charges", "un dossier de surendettement",
        "une aide financière exceptionnelle", "les factures d'énergie", "un retard de loyer",
    ),
    "LOGEMENT": (
        "une demande de logement social", "un dossier au fonds de solidarité logement",
        "l'état du logement", "un relogement", "une aide au déménagement",
    ),
    "SITUATION_FAMILIALE": (
        "la séparation du couple", "l'organisation de la garde des enfants",
        "le décès du conjoint", "le rôle d'aidant familial", "la pension alimentaire",
    ),
}
GENERIC_TOPICS = ("les ressources du foyer", "les démarches administratives en cours",
                  "la situation globale", "les justificatifs à fournir")

OUTCOMES = (
    "dossier complété", "pièces justificatives demandées", "orientation vers le CCAS",
    "nouveau rendez-vous fixé", "en attente de la réponse de la caisse", "situation stabilisée",
    "démarche à relancer", "accord obtenu", "courrier de soutien rédigé",
    "contact pris avec le partenaire", "information sur les droits donnée",
)

SUMMARIES = {
    "ENTRETIEN": (
        "Entretien au service : point sur {topic}, {outcome}.",
        "Entretien : {topic} ; {outcome}.",
        "Premier entretien, recueil de la demande concernant {topic}.",
        "Entretien de suivi : {topic}. {Outcome}.",
    ),
    "TELEPHONE": (
        "Appel téléphonique : {topic}, {outcome}.",
        "Échange téléphonique au sujet de {topic}.",
        "Appel de la personne : question sur {topic}, {outcome}.",
    ),
    "VISITE_DOMICILE": (
        "Visite à domicile : évaluation de la situation, {topic}.",
        "Visite à domicile avec l'aidant : {topic}, {outcome}.",
    ),
    "COURRIER": (
        "Courrier adressé au partenaire concernant {topic}.",
        "Courrier à la personne : rappel des pièces pour {topic}.",
    ),
    "REUNION_PARTENAIRE": (
        "Réunion avec le partenaire : {topic}, {outcome}.",
        "Synthèse partenariale sur {topic}.",
    ),
}
OTHER_KIND_TEXTS = ("Accompagnement physique", "Permanence", "Visioconférence")
OTHER_SUMMARIES = ("Accompagnement aux démarches : {topic}, {outcome}.",)

NOTES = (
    "La personne exprime une inquiétude au sujet de {topic}.",
    "Évaluation : besoin d'un soutien renforcé pour {topic}.",
    "Bonne mobilisation dans les démarches ; à revoir dans un mois.",
    "Isolement important, peu de soutien de l'entourage.",
    "Fatigue importante évoquée, difficultés à se projeter.",
    "L'entourage familial est présent et soutenant.",
    "Situation fragile : vigilance sur {topic}.",
    "Hypothèse de travail : orienter vers un accompagnement budgétaire.",
)

ECHEANCE_LABELS = {
    "rdv": ("Entretien de suivi", "Point sur le dossier", "Visite à domicile",
            "Rendez-vous avec le partenaire", "Bilan"),
    "suivi": ("Relancer la caisse", "Vérifier la réponse du partenaire",
              "Rappeler la personne", "Compléter le dossier", "Envoyer le courrier"),
}
PLACES = ("Au service", "À domicile", "Permanence de la mairie", "Au CCAS", "")

OTHER_TEXTS = {
    "motif": ("Accompagnement administratif", "Demande d'information"),
    "origine": ("Association de quartier", "Pharmacien"),
    "type_aide": ("Aide aux vacances", "Transport solidaire"),
    "motif_cloture": ("Orientation vers un autre service", "Entrée en établissement"),
    "situation_familiale": ("Famille recomposée",),
}

# Weights of the shipped codes; a local code gets LOCAL_WEIGHT, NR and AUTRE their own.
WEIGHTS = {
    "motif": {"ACCES_DROITS_SOINS": 22, "PDP": 15, "RETOUR_DOMICILE": 12,
              "PERTE_AUTONOMIE": 12, "MALADIE_GRAVE": 10, "DIFFICULTES_FINANCIERES": 14,
              "LOGEMENT": 8, "SITUATION_FAMILIALE": 5},
    "origine": {"PERSONNE": 30, "MEDECIN_TRAITANT": 12, "SERVICE_MEDICAL": 15,
                "ETABLISSEMENT_SANTE": 14, "EMPLOYEUR_MDT": 8, "CAISSE": 10,
                "PARTENAIRE_SOCIAL": 7, "ENTOURAGE": 4},
    "type_intervention": {"ENTRETIEN": 36, "TELEPHONE": 30, "VISITE_DOMICILE": 10,
                          "COURRIER": 12, "REUNION_PARTENAIRE": 6},
    "type_aide": {"AIDE_FINANCIERE": 30, "AIDE_DOMICILE": 18, "AIDE_TECHNIQUE": 10,
                  "HEBERGEMENT_LOGEMENT": 10, "DROITS": 22, "ORIENTATION_PARTENAIRE": 10},
    "issue_aide": {"ACCORDEE": 55, "REFUSEE": 18, "ABANDONNEE": 9, "EN_COURS": 10},
    "situation_familiale": {"CELIBATAIRE": 25, "EN_COUPLE": 15, "MARIE_PACSE": 30,
                            "SEPARE_DIVORCE": 15, "VEUF": 10},
    "mode_information": {"ORAL": 50, "NOTICE_REMISE": 35, "COURRIER": 10},
    "motif_cloture": {"OBJECTIFS_ATTEINTS": 45, "RELAIS_PARTENAIRE": 18,
                      "DEMANDE_PERSONNE": 10, "SANS_NOUVELLES": 15, "DEMENAGEMENT": 5,
                      "DECES": 4},
}
SYSTEM_WEIGHTS = {NOT_PROVIDED: 4, OTHER: 2}
LOCAL_WEIGHT = 1

DURATIONS = {"ENTRETIEN": (30, 75), "TELEPHONE": (5, 20), "VISITE_DOMICILE": (45, 90),
             "COURRIER": (10, 20), "REUNION_PARTENAIRE": (60, 120)}


class _Cancelled(Exception):
    """Raised inside a batch's transaction so that it rolls back."""


class _Choice:
    """Weighted choice among codes, fast enough for a million draws."""

    def __init__(self, items: Sequence[str], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def __call__(self, draw: float) -> str:
        """The code for a uniform ``draw`` in [0, 1)."""
        return self.items[bisect.bisect(self.cum, draw * self.total)]


def _code_choice(db: Database, list_name: str) -> _Choice:
    codes = [c.code for c in CodeRepository(db).of_list(list_name, include_retired=False)]
    table = WEIGHTS.get(list_name, {})
    weights = [SYSTEM_WEIGHTS.get(c, table.get(c, LOCAL_WEIGHT)) for c in codes]
    return _Choice(codes, weights)


class _Ids:
    """Next ids of the tables whose rows reference each other inside one batch."""

    def __init__(self, db: Database) -> None:
        def top(table: str) -> int:
            return int(db.scalar(f"SELECT coalesce(max(id), 0) FROM {table}"))

        self.person = top("persons")
        self.dossier = top("dossiers")
        self.intervention = top("interventions")
        self.note = top("notes")


class _Batch:
    """Rows of up to :data:`STEP_PERSONS` persons, written table by table."""

    def __init__(self) -> None:
        self.persons: list[tuple] = []
        self.search: list[tuple] = []
        self.household: list[tuple] = []
        self.dossiers: list[tuple] = []
        self.motifs: list[tuple] = []
        self.interventions: list[tuple] = []
        self.notes: list[tuple] = []
        self.shares: list[tuple] = []
        self.aids: list[tuple] = []
        self.echeances: list[tuple] = []

    def write(self, db: Database, texts: _Texts) -> None:
        texts.insert(db, "persons(id, usage_name, birth_name, first_names, birth_date, sex,"
                     " address, postal_code, city, phone, email, nir, family_code, family_text,"
                     " sort_name, created_at, created_by, updated_at)", self.persons,
                     interned=(1, 2, 3, 4, 5, 7, 8, 12, 13, 14, 15, 17))
        texts.insert(db, "person_search(person_id, kind, value)", self.search, interned=(1, 2),
                     verb="INSERT OR IGNORE")
        _insert(db, "household_members(person_id, name, relation, birth_date)", self.household)
        texts.insert(db, "dossiers(id, number, person_id, referent_id, status, opened_on,"
                     " status_on, closed_on, closing_code, closing_text, origin_code, origin_text,"
                     " consent_on, consent_mode, notice_given, consent_share, last_contact_on,"
                     " created_at, updated_at)", self.dossiers,
                     interned=(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 18))
        texts.insert(db, "dossier_motifs(dossier_id, code, free_text)", self.motifs,
                     interned=(1, 2))
        texts.insert(db, "interventions(id, dossier_id, on_date, kind_code, kind_text,"
                     " duration_min, summary, author_id, created_at, updated_at)",
                     self.interventions, interned=(2, 3, 4, 6, 8, 9))
        texts.insert(db, "notes(id, dossier_id, intervention_id, author_id, visibility, body,"
                     " created_at, updated_at)", self.notes, interned=(4, 5, 6, 7))
        _insert(db, "note_shares(note_id, account_id)", self.shares)
        texts.insert(db, "aids(dossier_id, intervention_id, type_code, type_text, organisation,"
                     " requested_on, outcome_code, outcome_on, amount_cents, created_at,"
                     " updated_at)", self.aids, interned=(2, 3, 4, 5, 6, 7, 9, 10))
        texts.insert(db, "echeances(dossier_id, kind, due_at, label, place, done_at, owner_id,"
                     " created_at)", self.echeances, interned=(1, 2, 3, 4, 5, 7))


def _insert(db: Database, target: str, rows: list[tuple]) -> None:
    if rows:
        db.executemany(f"INSERT INTO {target} VALUES ({', '.join('?' * len(rows[0]))})", rows)


class _Texts:
    """Texts that repeat (dates, codes, names, summaries built from templates), numbered once
    in a temporary in-memory table and joined in by number.

    Why: row-by-row ``executemany`` costs a dozen to forty SQLite allocations a row (cursors,
    registers, each bound text), and each page SQLCipher writes is encrypted once per statement;
    many rows per statement with integers bound instead of repeated texts cost a few.
    The full-text triggers need many rows per statement anyway (FTS5 flushes its index at each
    statement). Unique texts (phone, dossier number…) are bound as they are.
    """

    MAX_ROWS = 2048  # per statement, a power of two
    MAX_VARIABLES = 32_000  # SQLite allows 32,766 bound values per statement

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._new: list[tuple[int, str]] = []

    def open(self, db: Database) -> None:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS demo_text"
                   "(id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("DELETE FROM temp.demo_text")

    def close(self, db: Database) -> None:
        db.execute("DROP TABLE IF EXISTS temp.demo_text")

    def _id(self, text: str | None) -> int | None:
        if text is None:
            return None
        number = self._ids.get(text)
        if number is None:
            number = self._ids[text] = len(self._ids) + 1
            self._new.append((number, text))
        return number

    def insert(self, db: Database, target: str, rows: list[tuple], *,
               interned: tuple[int, ...], verb: str = "INSERT") -> None:
        """``verb INTO target`` the ``rows``; columns at ``interned`` positions go by number."""
        if not rows:
            return
        width = len(rows[0])
        numbered = [
            tuple(self._id(v) if i in interned else v for i, v in enumerate(row))
            for row in rows
        ]
        if self._new:
            db.executemany("INSERT INTO temp.demo_text(id, value) VALUES (?, ?)", self._new)
            self._new.clear()
        select = ", ".join(
            f"t{i}.value" if i in interned else f"v.column{i + 1}" for i in range(width)
        )
        # LEFT JOIN: a NULL number stays NULL, and the VALUES stay the outer loop (row order).
        joins = " ".join(
            f"LEFT JOIN temp.demo_text t{i} ON t{i}.id = v.column{i + 1}" for i in interned
        )
        group = "(" + ", ".join("?" * width) + ")"
        start = 0
        while start < len(numbered):
            # Powers of two only: a handful of statement shapes per table, each parsed once
            # and then reused from the connection's statement cache (parsing a statement of
            # a thousand rows allocates for every placeholder).
            size = self.MAX_ROWS
            while size > len(numbered) - start or size * width > self.MAX_VARIABLES:
                size //= 2
            chunk = numbered[start:start + size]
            start += size
            db.execute(
                f"{verb} INTO {target} SELECT {select}"
                f" FROM (VALUES {', '.join([group] * size)}) v {joins}",
                [value for row in chunk for value in row],
            )


class _Generator:
    """Draws one person at a time (with dossiers and history) into a :class:`_Batch`.

    Draws use ``random()`` directly (``choice`` and ``randint`` cost three times as much, and a
    million interventions draw a dozen numbers each); dates travel as ordinals and are turned
    into ISO text once per day through a cache.
    """

    def __init__(self, db: Database, rng: random.Random, referents: list[int], today: date):
        self.rng = rng
        self.r = rng.random
        self.referents = referents
        self.today_ord = today.toordinal()
        self.first_ord = date(FIRST_YEAR, 1, 1).toordinal()
        self.last_ord = min(date(LAST_YEAR, 12, 31).toordinal(), self.today_ord)
        self.birth_lo = date(1940, 1, 1).toordinal()
        self.birth_hi = date(2005, 12, 31).toordinal()
        self.choice = {name: _code_choice(db, name) for name in (
            "motif", "origine", "type_intervention", "type_aide", "issue_aide",
            "situation_familiale", "mode_information", "motif_cloture")}
        self.counters: dict[int, int] = {}
        self.stats = dict(persons=0, dossiers=0, interventions=0, notes=0, aids=0, echeances=0)
        self._iso: dict[int, str] = {}

    # -- small tools ---------------------------------------------------------------------------
    def pick(self, items: Sequence):
        return items[int(self.r() * len(items))]

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high] (high < low gives low)."""
        return low + int(self.r() * (high - low + 1)) if high > low else low

    def code(self, list_name: str) -> str:
        return self.choice[list_name](self.r())

    def iso(self, ordinal: int) -> str:
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def ts(self, ordinal: int, hour: str = "09:00:00") -> str:
        return f"{self.iso(ordinal)}T{hour}+00:00"

    def other_text(self, list_name: str, code: str) -> str:
        if code != OTHER:
            return ""
        return self.pick(OTHER_TEXTS.get(list_name, ("Autre situation",)))

    # -- counters ------------------------------------------------------------------------------
    def load_counters(self, db: Database) -> None:
        rows = db.query("SELECT name, value FROM counters WHERE name LIKE 'dossier-%'")
        self.counters = {}
        for name, value in rows:
            suffix = name.removeprefix("dossier-")
            if suffix.isdigit():
                self.counters[int(suffix)] = int(value)

    def save_counters(self, db: Database) -> None:
        db.executemany(
            "INSERT INTO counters(name, value) VALUES (?, ?)"
            " ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)",
            [(f"dossier-{year}", value) for year, value in sorted(self.counters.items())],
        )

    def next_number(self, year: int) -> str:
        value = self.counters.get(year, 0) + 1
        self.counters[year] = value
        return f"{year}-{value:06d}"

    # -- drawing -------------------------------------------------------------------------------
    def person(self, batch: _Batch, ids: _Ids, first_opened: int, referent: int) -> int:
        r, pick, between = self.r, self.pick, self.between
        ids.person += 1
        person_id = ids.person
        sex = "F" if r() < 0.55 else "M"
        first = pick(FEMALE_FIRST_NAMES if sex == "F" else MALE_FIRST_NAMES)
        family = pick(FAMILY_NAMES)
        birth_ord = between(self.birth_lo, min(self.birth_hi, first_opened - 18 * 365))
        birth = date.fromordinal(birth_ord)
        usage, birth_name = family, ""
        if sex == "F" and birth.year < 1998 and r() < 0.4:
            usage = pick(FAMILY_NAMES)  # married name; the family name is the birth name
            birth_name = family if usage != family else ""
        commune, postal, dept = pick(COMMUNES)
        address = ""
        if r() >= 0.08:
            address = f"{between(1, 180)} {pick(STREETS)}"
        phone = ""
        if r() < 0.8:
            lead = "06" if r() < 0.6 else pick(("03", "07"))
            phone = lead + "".join(f" {between(0, 99):02d}" for _ in range(4))
        email = ""
        if r() < 0.25:
            email = f"{compact(first)}.{compact(usage)}@{pick(EMAIL_DOMAINS)}"
        nir = ""
        if r() < 0.35:
            head = (f"{1 if sex == 'M' else 2}{birth.year % 100:02d}{birth.month:02d}{dept}"
                    f"{between(1, 999):03d}{between(1, 999):03d}")
            nir = f"{head}{nir_key(head):02d}"
        family_code = self.code("situation_familiale")
        person = PersonInput(
            usage_name=usage, birth_name=birth_name, first_names=first, birth_date=birth,
            sex=sex, address=address, postal_code=postal if address else "",
            city=commune if address else "", phone=phone, email=email, nir=nir,
            family_code=family_code,
            family_text=self.other_text("situation_familiale", family_code),
        )
        created = self.ts(first_opened)
        batch.persons.append((
            person_id, usage, birth_name, first, self.iso(birth_ord), sex, address,
            person.postal_code, person.city, phone, email, nir, family_code, person.family_text,
            sort_name(person), created, referent, created,
        ))
        batch.search.extend((person_id, kind, value) for kind, value in search_rows(person))
        if r() < 0.12:
            for _ in range(between(1, 3)):
                child = between(birth_ord + 18 * 365, birth_ord + 40 * 365)
                if child < self.today_ord:
                    member = f"{pick(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES)} {usage}"
                    batch.household.append((person_id, member, "Enfant", self.iso(child)))
        self.stats["persons"] += 1
        return person_id

    def dossier(self, batch: _Batch, ids: _Ids, person_id: int, referent: int,
                opened: int, status: str) -> int:
        """One dossier opened on ordinal ``opened``; returns the ordinal of its closing (or
        of today when still open)."""
        r, between = self.r, self.between
        ids.dossier += 1
        dossier_id = ids.dossier
        today = self.today_ord
        # When the last contact happened and how the dossier stands now.
        if status == "ouvert":
            last = max(opened, today - int(self.rng.expovariate(1 / 45)))
            end = today
        elif status == "veille":
            last = between(opened, today - 60)
            end = min(today, last + between(30, 120))
        else:
            last = between(opened, today - 1)
            end = min(today, last + between(0, 60))
        motif_code = self.code("motif")
        motifs = {motif_code}
        if r() < 0.3:
            motifs.add(self.code("motif"))
        for code in sorted(motifs):
            batch.motifs.append((dossier_id, code, self.other_text("motif", code)))
        topics = TOPICS.get(motif_code, GENERIC_TOPICS)
        origin = self.code("origine")
        consent_on, mode, notice, share = None, NOT_PROVIDED, 0, 0
        if r() < 0.85:
            consent_on = self.iso(opened)
            mode = self.code("mode_information")
            notice = int(r() < 0.7)
            share = int(r() < 0.4)
        closing_code, closing_text, closed_on = NOT_PROVIDED, "", None
        status_on = opened
        if status == "clos":
            closing_code = self.code("motif_cloture")
            closing_text = self.other_text("motif_cloture", closing_code)
            closed_on = self.iso(end)
            status_on = end
        elif status == "veille":
            status_on = end
        # Interventions: the first on the opening day, the last on ``last``.
        count = between(1, 17)
        days = [opened]
        if count >= 2:
            days += sorted(between(opened, last) for _ in range(count - 2))
            days.append(last)
        for index, day in enumerate(days):
            self.intervention(batch, ids, dossier_id, referent, day, topics, first=index == 0)
        batch.dossiers.append((
            dossier_id, self.next_number(date.fromordinal(opened).year), person_id, referent,
            status, self.iso(opened), self.iso(status_on), closed_on, closing_code,
            closing_text, origin, self.other_text("origine", origin), consent_on, mode, notice,
            share, self.iso(days[-1]), self.ts(opened),
            self.ts(max(days[-1], status_on), "17:30:00"),
        ))
        if status == "ouvert":
            self.open_echeances(batch, dossier_id, referent, days[-1])
        elif r() < 0.3:
            due = min(end, last + between(7, 30))
            self.echeance(batch, dossier_id, referent, "suivi", self.iso(due),
                          self.ts(due, "11:00:00"))
        self.stats["dossiers"] += 1
        return end

    def intervention(self, batch: _Batch, ids: _Ids, dossier_id: int, author: int, day: int,
                     topics: Sequence[str], *, first: bool) -> None:
        r, pick = self.r, self.pick
        ids.intervention += 1
        intervention_id = ids.intervention
        kind = "ENTRETIEN" if first and r() < 0.7 else self.code("type_intervention")
        kind_text = pick(OTHER_KIND_TEXTS) if kind == OTHER else ""
        span = DURATIONS.get(kind)
        duration = self.between(*span) // 5 * 5 if span and r() < 0.85 else None
        topic = pick(topics)
        outcome = pick(OUTCOMES)
        summary = pick(SUMMARIES.get(kind, OTHER_SUMMARIES)).format(
            topic=topic, outcome=outcome, Outcome=outcome[0].upper() + outcome[1:])
        if kind == NOT_PROVIDED and r() < 0.5:
            summary = ""
        at = self.ts(day, "16:30:00")
        batch.interventions.append((intervention_id, dossier_id, self.iso(day), kind,
                                    kind_text, duration, summary, author, at, at))
        self.stats["interventions"] += 1
        if r() < 0.2:
            ids.note += 1
            personal = r() < 0.15
            body = pick(NOTES).format(topic=topic)
            batch.notes.append((ids.note, dossier_id, intervention_id, author,
                                "personnelle" if personal else "dossier", body, at, at))
            if personal and len(self.referents) > 1 and r() < 0.2:
                colleague = pick([a for a in self.referents if a != author])
                batch.shares.append((ids.note, colleague))
            self.stats["notes"] += 1
        if r() < 0.15:
            self.aid(batch, dossier_id, intervention_id, day, at)
        if r() < 0.15:  # the appointment this intervention answered
            self.echeance(batch, dossier_id, author, "rdv", f"{self.iso(day)}T10:00",
                          self.ts(day, "11:00:00"))

    def aid(self, batch: _Batch, dossier_id: int, intervention_id: int, day: int,
            at: str) -> None:
        r, between = self.r, self.between
        kind = self.code("type_aide")
        outcome = "EN_COURS"
        outcome_on = None
        if self.today_ord - day > 45 or r() < 0.3:
            outcome = self.code("issue_aide")
        if outcome not in ("EN_COURS", NOT_PROVIDED):
            outcome_on = self.iso(min(self.today_ord, day + between(10, 90)))
        amount = None
        if kind == "AIDE_FINANCIERE":
            amount = between(5, 150) * 1000
        elif kind in ("AIDE_TECHNIQUE", "HEBERGEMENT_LOGEMENT") and r() < 0.5:
            amount = between(10, 200) * 1000
        batch.aids.append((dossier_id, intervention_id, kind, self.other_text("type_aide", kind),
                           self.pick(ORGANISATIONS), self.iso(day), outcome, outcome_on, amount,
                           at, at))
        self.stats["aids"] += 1

    def echeance(self, batch: _Batch, dossier_id: int, owner: int, kind: str, due_at: str,
                 done_at: str | None) -> None:
        created = self.ts(date.fromisoformat(due_at[:10]).toordinal() - self.between(1, 20),
                          "15:00:00")
        batch.echeances.append((dossier_id, kind, due_at, self.pick(ECHEANCE_LABELS[kind]),
                                self.pick(PLACES) if kind == "rdv" else "", done_at, owner,
                                created))
        self.stats["echeances"] += 1

    def open_echeances(self, batch: _Batch, dossier_id: int, owner: int, last: int) -> None:
        """An open dossier's coming appointment, today's, overdue and done follow-ups."""
        r, between = self.r, self.between
        today = self.today_ord
        draw = r()
        if draw < 0.04:  # today
            due = self.iso(today)
            if r() < 0.6:
                hour = f"{between(8, 17):02d}:{self.pick(('00', '30'))}"
                self.echeance(batch, dossier_id, owner, "rdv", f"{due}T{hour}", None)
            else:
                self.echeance(batch, dossier_id, owner, "suivi", due, None)
        elif draw < 0.55:  # coming
            day = self.iso(today + between(1, 40))
            self.echeance(batch, dossier_id, owner, "rdv", f"{day}T{between(8, 17):02d}:00",
                          None)
        if r() < 0.12:  # overdue follow-up, not done
            day = max(last, today - between(1, 120))
            if day < today:
                self.echeance(batch, dossier_id, owner, "suivi", self.iso(day), None)
        if r() < 0.2:  # a follow-up done in time
            day = max(last, today - between(1, 60))
            self.echeance(batch, dossier_id, owner, "suivi", self.iso(day),
                          self.ts(day, "14:00:00"))

    def status_for(self, opened: int) -> str:
        age = self.today_ord - opened
        draw = self.r()
        p_open = 0.75 if age < 90 else 0.2 if age < 365 else 0.04 if age < 730 else 0.004
        if draw < p_open:
            return "ouvert"
        if age < 730 and draw < p_open + 0.08:
            return "veille"
        return "clos"

    def one(self, batch: _Batch, ids: _Ids) -> None:
        """A person with one dossier (10 %: two, the first one closed)."""
        r = self.r
        referent = self.pick(self.referents)
        opened = self.between(self.first_ord, self.last_ord)
        person_id = self.person(batch, ids, opened, referent)
        if r() < 0.1 and self.last_ord - opened > 120:
            end = self.dossier(batch, ids, person_id, referent, opened, "clos")
            second = min(self.last_ord, end + self.between(30, 400))
            if r() < 0.4:
                referent = self.pick(self.referents)
            self.dossier(batch, ids, person_id, referent, second, self.status_for(second))
        else:
            self.dossier(batch, ids, person_id, referent, opened, self.status_for(opened))


def generate(
    session: Session,
    persons: int,
    *,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoStats:
    """Add ``persons`` synthetic persons with their dossiers and history (manager only).

    ``progress(done, total)`` is called every :data:`STEP_PERSONS` persons; returning
    ``False`` stops: the batch being written is rolled back, committed batches stay.
    Raises :class:`InvalidInput` when no account may be a referent.
    """
    session.require_manager()
    if not 0 < persons <= MAX_PERSONS:
        raise InvalidInput(
            f"Indiquez un nombre de personnes entre 1 et {MAX_PERSONS:,}.".replace(",", " ")
        )
    db = session.db
    referents = sorted(a.id for a in AccountRepository(db).all() if can_be_referent(a))
    if not referents:
        raise InvalidInput(
            "Aucun compte ne peut être référent des dossiers de démonstration : créez d'abord "
            "un compte d'assistant(e) social(e) (ou de responsable travailleur social)."
        )
    started = time.perf_counter()
    today = today or session.station.clock().astimezone().date()
    gen = _Generator(db, random.Random(seed), referents, today)
    committed = dict(gen.stats)
    cancelled = False
    failed = True
    texts = _Texts()
    done = 0
    texts.open(db)
    try:
        while done < persons:
            size = min(BATCH_PERSONS, persons - done)
            with db.transaction():
                gen.load_counters(db)
                ids = _Ids(db)
                written = 0
                while written < size:
                    batch = _Batch()
                    for _ in range(min(STEP_PERSONS, size - written)):
                        gen.one(batch, ids)
                    batch.write(db, texts)
                    written += len(batch.persons)
                    if progress is not None and progress(done + written, persons) is False:
                        raise _Cancelled()
                gen.save_counters(db)
            done += size
            committed = dict(gen.stats)
        failed = False
    except _Cancelled:
        cancelled = True
        failed = False
    finally:
        texts.close(db)
        # Even a failure leaves its committed batches: the log says how many.
        stats = DemoStats(**committed, cancelled=cancelled,
                          seconds=round(time.perf_counter() - started, 3))
        detail = (f"{stats.persons} usager(s), {stats.dossiers} dossier(s), "
                  f"{stats.interventions} intervention(s)"
                  + (" ; interrompue" if cancelled else "")
                  + (" ; arrêtée sur une erreur" if failed else ""))
        session.audit.append(session.account.login, "demo.generation", detail=detail)
    db.checkpoint()
    return stats
