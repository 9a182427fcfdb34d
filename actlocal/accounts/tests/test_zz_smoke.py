import pytest

@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/"])
def test_page(client, url):
    r = client.get(url)
    c = r.content.decode()
    print(c[c.index("<main"):c.index("</main>")])
    r = client.post(url, {"login": "x@y.z", "email": "bad", "password": "x"})
    c = r.content.decode()
    print(c[c.index("<main"):c.index("</main>")])
