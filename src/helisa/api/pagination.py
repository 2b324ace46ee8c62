"""Limit/offset pages shaped as {"count", "next", "previous", "results"}.

The total is counted only when the page does not already tell it: a short page at the start needs
no COUNT, and the COUNT that remains runs on bare primary keys, without ordering or joins.
"""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def _count(queryset, rows, limit, offset):
    if rows and len(rows) < limit or offset == 0 and not rows:
        return offset + len(rows)
    try:
        return queryset.order_by().values("pk").count()
    except AttributeError:
        return len(queryset)


def _url(request, limit, offset):
    query = request.GET.copy()
    query["limit"] = limit
    query["offset"] = offset
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class LimitOffset(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Results per page")
        offset: int = Field(0, ge=0, description="Results to skip")

    class Output(Schema):
        count: int
        next: str | None
        previous: str | None
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(self, queryset, pagination, request, **params):
        limit, offset = pagination.limit, pagination.offset
        rows = list(queryset[offset : offset + limit])
        count = _count(queryset, rows, limit, offset)
        return {
            "count": count,
            "next": _url(request, limit, offset + limit) if offset + limit < count else None,
            "previous": _url(request, limit, max(offset - limit, 0)) if offset > 0 else None,
            "results": rows,
        }
