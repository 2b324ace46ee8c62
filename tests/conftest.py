"""The fixed cast of every test: an owner, a member, an outsider and the secretariat."""

import pytest
from hypothesis import settings as hypothesis_settings

from helisa.registry.models import RoleKind
from tests.factories import ClusterFactory, RoleFactory, UserFactory
from tests.reference import ensure_reference_data

# Property tests check what holds, not how fast: a loaded CI machine must not fail them on time.
hypothesis_settings.register_profile("helisa", deadline=None)
hypothesis_settings.load_profile("helisa")


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ACCOUNT_RATE_LIMITS = False


def _flushes_the_database(item):
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(scope="module", autouse=True)
def _reference_data_outlives_flushes(request, django_db_blocker):
    """Module scope: a function fixture is torn down before transactional_db flushes."""
    yield
    if any(_flushes_the_database(item) for item in request.node.collect()):
        with django_db_blocker.unblock():
            ensure_reference_data()


@pytest.fixture
def cluster(db):
    return ClusterFactory()


@pytest.fixture
def owner(cluster):
    """The manager of `cluster`."""
    return RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_MANAGER).user


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def secretariat(db):
    return UserFactory(is_secretariat=True)
