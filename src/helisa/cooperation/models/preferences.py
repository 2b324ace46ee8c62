import secrets

from django.conf import settings
from django.db import models


def new_token():
    return secrets.token_urlsafe(16)


class NotificationPreference(models.Model):
    """Which emails a person wants. `choices` holds only what they changed (kind -> bool); every
    other kind takes its default from the registry in cooperation/notification_kinds.py, so an
    app adds a kind of email without a migration."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    choices = models.JSONField(default=dict, blank=True)
    # Part of every signed unsubscribe link: a new token invalidates the links already sent.
    unsubscribe_token = models.CharField(max_length=32, default=new_token)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Notification preferences of {self.user}"
