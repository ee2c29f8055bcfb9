"""Name folding for search and duplicate matching, and a French phonetic key.

People's names are typed by different hands over the years: "Lefèvre" and "LEFEVRE", "Le Gall" and
"Le-Gall", "Dupont" and "Dupond". Search must find all of them, and duplicate detection must notice
them before a second record is made (SPEC §1: duplicates were impossible to delete in the historical
tools). Two tools live here:

* ``normalise`` folds a text for comparison: what differs only by accents, case or punctuation
  becomes equal. A database stores the folded form in an indexed column.
* ``phonetic_key`` folds further, by sound, so that spellings that sound alike in French get the
  same key. It is deliberately coarse: it pre-selects candidates, a person decides.

Both are pure and deterministic, so the keys stored in a database today stay valid tomorrow: any
change to the rules below needs a migration that recomputes the stored keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode decomposition leaves whole, spelled out the way a French keyboard would.
_SPELLED_OUT = {
    "œ": "oe",
    "æ": "ae",
    "ß": "ss",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "ı": "i",
    "þ": "th",
    "ʼ": " ",  # modifier letter apostrophe, a letter for Unicode but an apostrophe for people
}


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """The folded form of one character (zero, one or several characters).

    Folding works character by character (decomposition and case folding need no context), which
    lets the vigilance hint map every folded character back to its place in the original text.
    Whitespace and punctuation become a single space; collapsing runs of spaces is left to the
    caller.
    """
    current = char
    # Repeat until stable: a compatibility decomposition can reveal upper case (e.g. "㎒" → "MHz")
    # and case folding can reveal a decomposable letter. Two rounds are always enough in practice.
    for _ in range(4):
        folded = []
        for c in unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", current).casefold()):
            category = unicodedata.category(c)
            if category.startswith("M"):  # accents and other combining marks
                continue
            if c in _SPELLED_OUT:
                folded.append(_SPELLED_OUT[c])
            elif category.startswith("P") or category in ("Zs", "Zl", "Zp", "Cc") or c.isspace():
                folded.append(" ")  # hyphens, apostrophes, underscores, dots, any punctuation
            else:
                folded.append(c)
        result = "".join(folded)
        if result == current:
            break
        current = result
    return current


@lru_cache(maxsize=65536)
def _normalise_cached(text: str) -> str:
    return " ".join("".join(fold_char(c) for c in text).split())


def normalise(text: str) -> str:
    """Fold a text for search and duplicate matching.

    Accents are removed (NFKD), case is folded, "œ" → "oe", "æ" → "ae", "ß" → "ss"; hyphens,
    apostrophes, underscores, dots and any other punctuation become spaces; runs of whitespace
    collapse to one space and the ends are trimmed. ``normalise(normalise(x)) == normalise(x)``.

    >>> normalise("  Le Gall-Lefèvre  d'Ornano ")
    'le gall lefevre d ornano'
    """
    if not text:
        return ""
    if len(text) <= 200:  # names and search strings repeat: remember them (pure function)
        return _normalise_cached(text)
    return " ".join("".join(fold_char(c) for c in text).split())


def compact(text: str) -> str:
    """``normalise`` without spaces: "Le Gall", "Le-Gall" and "Legall" are one name."""
    return normalise(text).replace(" ", "")


def name_tokens(*names: str | None) -> list[str]:
    """The distinct words of the given names, normalised, in order of first appearance."""
    seen: dict[str, None] = {}
    for name in names:
        for token in normalise(name or "").split():
            seen.setdefault(token, None)
    return list(seen)


# --- French phonetic key -------------------------------------------------------------------------

_VOWEL = "aeiouy"
_NOT_VOWEL_OR_NASAL = f"(?![{_VOWEL}nm])"

# Spelling → sound rules, applied in this order to one normalised word (letters a-z only).
# "C" stands for the sound of "ch" and "G" for a hard g until the very end, so that no later rule
# can touch them.
_RULES_BEFORE_FINAL: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        ("sch", "C"),  # Schmitt → chmit
        ("chr", "kr"),  # Christophe
        ("ch", "C"),
        ("sh", "C"),
        ("ph", "f"),
        ("h", ""),  # every other h is silent: Thomas, Hélène, Gauthier, Mathieu
        ("qu", "k"),
        ("q", "k"),
        ("ck", "k"),
        ("c(?=[eiy])", "s"),
        ("c", "k"),  # c before a, o, u, a consonant or at the end
        ("gu(?=[eiy])", "G"),  # Guillaume, Hugues: a hard g ("G" until the end)
        ("ge(?=[aou])", "j"),  # Georges
        ("g(?=[eiy])", "j"),
        ("w", "v"),
        ("bv", "v"),  # Lefebvre
        ("dt", "t"),  # Schmidt
        # Nasal vowels, decided while the final "e" is still there to tell "Hélène" from "Laurent".
        (f"ean{_NOT_VOWEL_OR_NASAL}", "an"),  # Jean
        (f"[ae]in{_NOT_VOWEL_OR_NASAL}", "in"),  # Germain, Lorrain
        (f"ien{_NOT_VOWEL_OR_NASAL}", "in"),  # Julien, Fabien
        (f"e([nm]){_NOT_VOWEL_OR_NASAL}", r"a\1"),  # Laurent, Vincent, Laurence
        ("m(?=[bp])", "n"),  # Lambert / Lanbert
        ("y", "i"),
    )
)
_RULES_AFTER_FINAL: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        ("x", "ks"),
        ("eau", "o"),
        ("au", "o"),
        ("[ae]i", "e"),
        ("oeu", "e"),  # from "œu": Lecœur
        ("eu", "e"),  # Lefeuvre comes out as Lefèvre
        ("ou", "u"),
    )
)
_DOUBLE = re.compile(r"(.)\1+")
_VOWEL_RUN = re.compile(r"([aeiou])[aeiou]+")
_NOT_LETTER = re.compile(r"[^a-z]+")


def _drop_silent_end(word: str) -> str:
    # A final s, x or z (plural-like) goes; then a final e goes (and protects the consonant before
    # it: "Georges" → "jorj"), except after n or m where it tells a nasal vowel from a sounded
    # consonant (Martin / Martine, Simon / Simone); or else a final t or d goes ("Dupont").
    # Words of two letters or fewer are left alone.
    if len(word) > 2 and word[-1] in "sxz":
        word = word[:-1]
    if word.endswith("e"):
        if len(word) > 2 and word[-2] not in "nm":
            word = word[:-1]
    elif len(word) > 2 and word[-1] in "td":
        word = word[:-1]
    return word


def _phonetic_word(word: str) -> str:
    word = _DOUBLE.sub(r"\1", _NOT_LETTER.sub("", word))
    if not word:
        return ""
    for pattern, repl in _RULES_BEFORE_FINAL:
        word = pattern.sub(repl, word)
    word = _drop_silent_end(word)
    for pattern, repl in _RULES_AFTER_FINAL:
        word = pattern.sub(repl, word)
    word = _VOWEL_RUN.sub(r"\1", word)
    word = _DOUBLE.sub(r"\1", word)
    return word.replace("C", "x").replace("G", "g")


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """A French phonetic key: spellings that sound alike get the same key.

    The word is first ``normalise``d (so the key ignores accents, case and punctuation: a name
    typed without its accents gets the same key), then each of its words is keyed and the keys
    are joined by a space. For one word, in this order:

    1. keep letters a-z only; collapse double letters (``tt`` → ``t``);
    2. "sch", "ch", "sh" → the "ch" sound (written ``x`` in the key), except "chr" → ``kr``;
       "ph" → ``f``; every other ``h`` is dropped;
    3. "qu", "q", "ck" → ``k``; "c" before e, i, y → ``s``, any other "c" → ``k``;
       "gu" before e, i, y → hard ``g``; "ge" before a, o, u → ``j``; other "g" before e, i,
       y → ``j``;
       "w" → ``v``; "bv" → ``v``; "dt" → ``t``;
    4. nasal vowels, when not followed by a vowel, n or m: "ean" → ``an``; "ain", "ein",
       "ien" → ``in``; "en", "em" → ``an``, ``am``; "m" before b or p → ``n``;
    5. "y" → ``i``;
    6. silent endings (words longer than two letters): a final s, x or z is dropped; then a final
       e is dropped unless it follows n or m (Martin ≠ Martine), or else a final t or d is
       dropped;
    7. "x" → ``ks``; "eau", "au" → ``o``; "ai", "ei" → ``e``; "œu", "eu" → ``e``; "ou" → ``u``;
    8. a run of vowels is reduced to its first vowel; double letters collapse again.

    So Dupont, Dupond and Dupon → ``dupon``; Lefèvre, Lefebvre and Lefeuvre → ``lefevr``;
    Philippe and Filipe → ``filip``; Catherine and Katherine → ``katerine``; Mathieu and Matthieu
    → ``mati``; Gauthier and Gautier → ``gotir``.

    The key is for pre-selecting candidates, not for deciding: it is coarse on purpose. Changing
    these rules changes stored keys (a migration must recompute them).
    """
    keys = (_phonetic_word(token) for token in normalise(word).split())
    return " ".join(key for key in keys if key)
