import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from helisa.core.environment import env_bool, env_choice, env_int, env_secret


def test_health_reports_database_and_immediate_worker(db, client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "worker": "immediate"}


def test_health_fails_when_tasks_wait_with_no_worker(db, client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = DBTaskResult.objects.create(
        status=TaskResultStatus.READY,
        task_path="helisa.registry.tasks.x",
        args_kwargs={},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=result.pk).update(
        enqueued_at=timezone.now() - timezone.timedelta(hours=1)
    )
    response = client.get("/health")
    assert response.status_code == 503
    assert "no worker" in response.json()["checks"]["worker"]


def test_every_page_carries_a_strict_content_security_policy(db, client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_wrong_environment_values_fail_loudly(monkeypatch, tmp_path):
    monkeypatch.setenv("X_BOOL", "maybe")
    monkeypatch.setenv("X_INT", "ten")
    monkeypatch.setenv("X_CHOICE", "staging")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL", False)
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)
    with pytest.raises(ImproperlyConfigured, match="X_CHOICE"):
        env_choice("X_CHOICE", ["development", "production"], "development")


def test_secrets_can_come_from_files(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env_secret("X_SECRET", None) == "from-a-file"


def test_a_missing_required_secret_is_named(monkeypatch):
    monkeypatch.delenv("X_MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="X_MISSING"):
        env_secret("X_MISSING", None)


def test_language_switch_turns_the_interface_polish(db):
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "pl", "next": "/"}, follow=True)
    assert '<html lang="pl">' in response.content.decode()
