import pytest


@pytest.fixture
def tmp_media(settings, tmp_path):
    """Uploaded files go to a throw-away folder, never the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """``client.post`` that also runs what the request scheduled for after its commit (e-mails)."""

    def _post(url, data=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **kwargs)

    return _post
