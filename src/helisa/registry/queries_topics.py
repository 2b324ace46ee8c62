"""Finding topics to tag a profile with, at any level of the EuroSciVoc hierarchy.

The vocabulary holds about a thousand concepts, too many for one list on a page: a picker shows
the chosen topics and searches the rest. The search folds text as the directory does (case and
accents aside) and matches a word anywhere on the topic's path, so "engineering" also finds what
lies beneath it; topics named by the words come first, broader ones before narrower.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helisa.core.folding import fold, fold_words
from helisa.core.translated import in_language
from helisa.registry.models import Topic, TopicScheme

MATCHES_SHOWN = 15


@dataclass(frozen=True)
class TopicChoice:
    pk: int
    label: str
    trail: str  # the broader topics above it, for telling apart concepts with the same name


def topic_choice(topic):
    broader = topic.path.strip("/").split("/")[:-1] if topic.path else []
    trail = " › ".join(broader) if topic.scheme == TopicScheme.EUROSCIVOC else topic.code
    return TopicChoice(pk=topic.pk, label=str(in_language(topic.label)) or topic.code, trail=trail)


def chosen_topics(values):
    """The topics behind submitted or initial values; values that are not topics are left out."""
    pks = {int(value) for value in values or () if str(value).isdigit()}
    if not pks:
        return []
    return [topic_choice(t) for t in Topic.objects.filter(pk__in=pks).order_by("path", "code")]


@dataclass(frozen=True)
class TopicMatches:
    choices: list
    more: int

    @property
    def more_text(self):
        return _("%(count)s more: add a word to narrow the search.") % {"count": self.more}


def search_topics(query, *, leave_out=(), limit=MATCHES_SHOWN):
    """EuroSciVoc topics whose path holds every word of the query (as a word's start)."""
    words = fold_words(query)
    if not words:
        return TopicMatches([], 0)
    leave_out = {str(pk) for pk in leave_out}
    ranked = []
    for topic in Topic.objects.filter(scheme=TopicScheme.EUROSCIVOC).only(
        "pk", "scheme", "code", "label", "path", "level"
    ):
        if str(topic.pk) in leave_out:
            continue
        own = fold(" ".join(topic.label.values())).split()
        above = fold_words(topic.path)
        if all(_starts_a_word(word, own + above) for word in words):
            named = all(_starts_a_word(word, own) for word in words)
            ranked.append((not named, topic.level, topic.path, topic))
    ranked.sort(key=lambda row: row[:3])
    shown = [topic_choice(row[3]) for row in ranked[:limit]]
    return TopicMatches(shown, len(ranked) - len(shown))


def _starts_a_word(prefix, words):
    return any(word.startswith(prefix) for word in words)


def topics_named(text):
    """The topics typed by code or exact name (any case or accents), and what named no topic.

    Names are separated by commas, semicolons or new lines; a name that holds a comma itself
    ("electrical engineering, electronic engineering, ...") counts whole when it names a topic.
    """
    parts = [part.strip() for part in re.split(r"[;\n]", text or "") if part.strip()]
    pieces = {piece.strip() for part in parts for piece in [part, *part.split(",")]}
    codes = pieces | {piece.upper() for piece in pieces}
    by_code, by_name = {}, {}
    for topic in Topic.objects.filter(Q(scheme=TopicScheme.EUROSCIVOC) | Q(code__in=codes)).only(
        "pk", "scheme", "code", "label"
    ):
        by_code[topic.code.casefold()] = topic
        if topic.scheme == TopicScheme.EUROSCIVOC:
            for label in topic.label.values():
                by_name.setdefault(fold(label), topic)

    def named(name):
        return by_code.get(name.casefold()) or by_name.get(fold(name))

    found, unknown = [], []
    for part in parts:
        if topic := named(part):
            found.append(topic)
            continue
        for piece in filter(None, (piece.strip() for piece in part.split(","))):
            if topic := named(piece):
                found.append(topic)
            else:
                unknown.append(piece)
    return found, unknown
