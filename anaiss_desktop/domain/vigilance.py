"""The vigilance hint: sensitive or judgemental wording in free text, with a neutral suggestion.

Social workers criticised the historical tools for "subjective and reductive" qualifications of
people (SPEC §1), and what is written in a dossier can be read by the person (right of access).
While a note or a summary is typed, words from an editable lexicon (``resources/
lexique_vigilance.txt``) are underlined with a neutral suggestion. It is a gentle hint: never
blocking, never counted, never logged (this module does no logging and no I/O at all; the
caller reads the lexicon file and passes its text).

Matching ignores accents, case and punctuation between words ("sans papiers" finds
"Sans-Papiers"), takes whole words only, and accepts simple plural and feminine endings on each
word (an extra e, s, es or x: "délinquant" finds "délinquantes"; a word given in the plural
also finds its singular). Offsets are those of the
original text, so a Qt syntax highlighter underlines exactly what was typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from anaiss_desktop.domain.names import fold_char, normalise

LEXICON_FILE = "lexique_vigilance.txt"

CATEGORIES = (
    "santé",
    "nationalité / origine",
    "religion",
    "opinions",
    "infractions",
    "termes stigmatisants",
    "jugement",
)
DEFAULT_SUGGESTION = "Préférer décrire les faits observés ou rapportés par la personne"

_ENDING = "(?:es|e|s|x)?"


@dataclass(frozen=True)
class Hint:
    """One passage to underline.

    Args:
        start: offset of the first character in the original text.
        end: offset just after the last character (``text[start:end] == matched``).
        matched: the passage as typed.
        category: lexicon category ("santé", "jugement"...).
        suggestion: neutral wording or advice, in French.
        term: the lexicon entry that matched.
    """

    start: int
    end: int
    matched: str
    category: str
    suggestion: str
    term: str = ""


@dataclass(frozen=True)
class LexiconEntry:
    term: str
    category: str
    suggestion: str


@dataclass(frozen=True)
class Lexicon:
    """A loaded lexicon. Build it with ``load_lexicon``.

    Args:
        entries: the usable entries, in file order (a repeated term keeps its first entry).
        problems: French descriptions of the lines that were skipped, for the manager editing
            the file ("ligne 12 : ...").
    """

    entries: tuple[LexiconEntry, ...] = ()
    problems: tuple[str, ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _group_entries: tuple[LexiconEntry, ...] = field(default=(), repr=False, compare=False)

    def find(self, text: str) -> list[Hint]:
        """The passages of ``text`` to underline, in order, without overlaps (longest wins)."""
        if not text or self._pattern is None:
            return []
        folded, origin = _fold_with_origin(text)
        hints: list[Hint] = []
        for match in self._pattern.finditer(folded):
            entry = self._group_entries[match.lastindex - 1]
            start = origin[match.start()]
            end = origin[match.end() - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1  # keep a decomposed accent with its letter
            hints.append(
                Hint(start, end, text[start:end], entry.category, entry.suggestion, entry.term)
            )
        return hints


def _fold_with_origin(text: str) -> tuple[str, list[int]]:
    """Folded text (lower case, no accents, punctuation as spaces) and, for each of its
    characters, the index of the original character it comes from."""
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        parts.append(folded)
        origin.extend([index] * len(folded))
    return "".join(parts), origin


def _word_pattern(word: str) -> str:
    # A word written in the plural in the lexicon also finds its singular ("sans-papiers" finds
    # "sans-papier"); short words keep their final letter ("sans" must not find "san").
    if len(word) > 4 and word[-1] in "sx":
        word = word[:-1]
    return re.escape(word) + _ENDING


def _term_pattern(term: str) -> str:
    return r"\s+".join(_word_pattern(word) for word in normalise(term).split())


def load_lexicon(text: str) -> Lexicon:
    """Read a lexicon: one entry per line ``mot ou expression | catégorie | suggestion``.

    Lines starting with ``#`` and blank lines are ignored. The suggestion may be left empty (a
    general advice is then shown). A malformed line is skipped and described in
    ``Lexicon.problems``; it never prevents the rest from working.
    """
    entries: list[LexiconEntry] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [part.strip() for part in line.split("|")]
        if len(fields) not in (2, 3):
            problems.append(
                f"ligne {number} : trois parties attendues "
                "(mot ou expression | catégorie | suggestion)"
            )
            continue
        term, category = fields[0], fields[1]
        suggestion = fields[2] if len(fields) == 3 and fields[2] else DEFAULT_SUGGESTION
        key = normalise(term)
        if not key:
            problems.append(f"ligne {number} : le mot ou l'expression est vide")
            continue
        if not category:
            problems.append(f"ligne {number} : la catégorie est vide")
            continue
        if key in seen:
            problems.append(f"ligne {number} : « {term} » figure déjà plus haut")
            continue
        seen.add(key)
        entries.append(LexiconEntry(term, category, suggestion))
    if not entries:
        return Lexicon(problems=tuple(problems))
    # Longest expressions first, so that "casier judiciaire" wins over a shorter entry inside it.
    ordered = sorted(entries, key=lambda e: len(normalise(e.term)), reverse=True)
    alternatives = "|".join(f"({_term_pattern(e.term)})" for e in ordered)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return Lexicon(tuple(entries), tuple(problems), pattern, tuple(ordered))
