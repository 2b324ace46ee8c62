"""The project forms' search for a partner by name: matches to choose, each filling the number
field the search sits by."""

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.urls import path

from ..queries_partner_search import search_partners

_FIELD_ID = re.compile(r"^[\w-]{1,100}$")
QUERY_CHARS = 100


@login_required
def partner_search(request):
    field = request.GET.get("field", "")
    if not _FIELD_ID.match(field):
        raise BadRequest("field")
    query = request.GET.get("find_partner", "").strip()[:QUERY_CHARS]
    context = {"field": field, "query": query, "matches": search_partners(query)}
    return render(request, "cooperation/projects/_partner_matches.html", context)


urlpatterns = [path("projects/partners/search/", partner_search, name="project_partner_search")]
