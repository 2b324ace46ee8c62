import os
import subprocess  # noqa: S404
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from helisa.core.environment import (
    env_bool,
    env_choice,
    env_import_path,
    env_int,
    env_secret,
    env_url,
)


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


def test_wrong_urls_and_backends_fail_loudly(monkeypatch):
    monkeypatch.setenv("X_URL", "notaurl")
    monkeypatch.setenv("X_BACKEND", "nope")
    with pytest.raises(ImproperlyConfigured, match="X_URL"):
        env_url("X_URL", "", ["redis", "rediss"])
    with pytest.raises(ImproperlyConfigured, match="X_BACKEND"):
        env_import_path("X_BACKEND", "")
    monkeypatch.setenv("X_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("X_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    assert env_url("X_URL", "", ["redis"]) == "redis://127.0.0.1:6379/0"
    assert env_import_path("X_BACKEND", "").endswith("EmailBackend")


def _helisa(*args, **environment):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "helisa.settings", **environment}
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "django", *args], env=env, capture_output=True, text=True
    )


def test_a_wrong_database_url_names_the_variable():
    result = _helisa("check", DATABASE_URL="garbage")
    assert result.returncode != 0
    assert "DATABASE_URL='garbage'" in result.stderr


def test_the_production_profile_passes_the_deployment_checks(tmp_path):
    result = _helisa(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        HELISA_PROFILE="production",
        SECRET_KEY="k" * 30 + "-production-only-" + "q" * 20,
        ALLOWED_HOSTS="helisa.example.org",
        HELISA_VAR_DIR=str(tmp_path),
        ALLIANCE_SIGNING_KEYS_DIR=str(tmp_path / "keys"),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


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
