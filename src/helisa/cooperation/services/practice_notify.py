"""Emails about good practices to the people who speak for their authors."""

from helisa.cooperation import notification_kinds as kinds
from helisa.cooperation.queries_practices import author_managers

from .notifications import absolute_url, notify_all


def tell_authors(practice, *, template, by, kind=kinds.PRACTICE_REVIEWED, **context):
    """cooperation/email/<template>_*.txt to the authors' managers, but to `by`."""
    return notify_all(
        users=author_managers(practice),
        kind=kind,
        template=template,
        context={
            "practice": practice,
            "url": absolute_url("cooperation:practice", practice.pk),
            **context,
        },
        exclude=by,
    )
