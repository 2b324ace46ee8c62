"""Pages of a list without counting a huge result set.

A page fetches one row more than it shows, so it knows whether there is a next page. The total is
counted only when the first page is full, and then only up to COUNT_CAP rows: "more than 1,000
results" is as useful to a reader as the exact figure, and it keeps every page cheap.
"""

from dataclasses import dataclass

COUNT_CAP = 1000
PER_PAGE = 25


@dataclass(frozen=True)
class Page:
    items: list
    number: int
    per_page: int
    has_next: bool
    count: int
    count_is_capped: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def start_index(self):
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def end_index(self):
        return (self.number - 1) * self.per_page + len(self.items)


def page_number(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def paginate(queryset, number, *, per_page=PER_PAGE, count_cap=COUNT_CAP, count=None):
    """`count`: the total when the caller has it already, so it is not counted again."""
    number = page_number(number)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    has_next = len(rows) > per_page
    items = rows[:per_page]
    if count is None:
        count = (
            len(items)
            if number == 1 and not has_next
            else queryset.order_by().values("pk")[: count_cap + 1].count()
        )
    return Page(
        items=items,
        number=number,
        per_page=per_page,
        has_next=has_next,
        count=min(count, count_cap),
        count_is_capped=count > count_cap,
    )
