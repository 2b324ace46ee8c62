"""The topic picker's search: the chosen topics, ticked, and the ones that match, to tick."""

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.urls import path

from helisa.registry.queries_topics import chosen_topics, search_topics

_FIELD_NAME = re.compile(r"^[\w-]{1,100}$")


@login_required
def topic_search(request):
    field = request.GET.get("field", "")
    if not _FIELD_NAME.match(field):
        raise BadRequest("field")
    chosen = request.GET.getlist(field)
    query = request.GET.get("topic_q", "").strip()[:100]
    widget = {
        "name": field,
        "chosen": chosen_topics(chosen),
        "query": query,
        "matches": search_topics(query, leave_out=chosen),
    }
    return render(request, "registry/widgets/_topic_options.html", {"widget": widget})


urlpatterns = [path("topics/search/", topic_search, name="topic_search")]
