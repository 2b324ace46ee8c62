import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, is_secretariat=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. Identified by email; the registry's Person holds what others see."""

    username = None
    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_secretariat = models.BooleanField(
        _("alliance secretariat"),
        default=False,
        help_text=_(
            "Secretariat members review clusters and claims; they must use two-factor sign-in."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    def __str__(self):
        if self.is_erased:
            return str(_("erased user"))
        return self.full_name or self.email

    @property
    def is_erased(self):
        """Set by registry.services.people.erase_personal_data; the row stays for the history."""
        return not self.is_active and self.email.endswith("@invalid")

    @property
    def email_domain(self):
        return self.email.rsplit("@", 1)[-1].lower()


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user, name):
        token = "hel_" + secrets.token_urlsafe(32)
        record = cls.objects.create(
            user=user, name=name, digest=cls.digest_of(token), prefix=token[:8]
        )
        return record, token


class WorkerHeartbeat(models.Model):
    """A background worker process, on any machine, and when it last said it was alive."""

    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    worker_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hostname", "pid"], name="worker_heartbeat_unique")
        ]

    def __str__(self):
        return f"{self.hostname}:{self.pid}"


class PeriodicJob(models.Model):
    """When a routine task is next due; workers claim a due run by moving next_run_at on."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)
    last_enqueued_by = models.CharField(max_length=300, blank=True)

    def __str__(self):
        return self.name
