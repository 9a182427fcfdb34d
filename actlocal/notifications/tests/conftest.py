import pytest


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def _post(url, data=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **kwargs)

    return _post
