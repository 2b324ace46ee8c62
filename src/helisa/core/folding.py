"""Folding text for search: the same function on what is indexed and on what is searched.

Neither SQLite FTS5 nor PostgreSQL folds every script (FTS5 leaves Ł alone), so Helisa stores a
folded copy and both databases match on it: "lodz" finds "Łódź" and "sofia" finds "София".
Transliteration gives "Sofiya" for "София"; folding y to i and collapsing repeated letters makes
the common spellings of a transliterated name meet.
"""

import re

from anyascii import anyascii

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_REPEATED_LETTER = re.compile(r"([a-z])\1+")


def fold(text):
    if not text:
        return ""
    ascii_text = anyascii(str(text)).lower().replace("y", "i")
    ascii_text = _NOT_ALNUM.sub(" ", ascii_text)
    return _REPEATED_LETTER.sub(r"\1", ascii_text).strip()


def fold_words(text):
    return fold(text).split()
