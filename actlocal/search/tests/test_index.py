"""The index stays in step with every write, and a bulk rebuild writes what per-object indexing writes."""

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from actlocal.directory.models import Person, Resource
from actlocal.search.indexing import reindex_on_commit
from actlocal.search.models import SearchDocument
from actlocal.search.rebuild import rebuild_index
from actlocal.search.tests.helpers import make_group, make_leader, make_resource, topic

pytestmark = pytest.mark.django_db


def documents() -> dict:
    out = {}
    for doc in SearchDocument.objects.all():
        row = model_to_dict(doc, exclude=["id"])
        row["topics"] = sorted(filter(None, row["topics"].split(",")))
        # Topic names are joined in no particular order by the SQL; compare the words.
        row["public_text"] = sorted(row["public_text"].split())
        out[(doc.kind, doc.object_id)] = row
    return out


def test_a_rebuild_writes_exactly_what_indexing_each_object_writes(leader):
    voting, canvass = topic("Voting rights"), topic("Canvassing", kind="skill")
    make_leader(
        "Ana", "Ruiz", topics=[voting, canvass], languages="English, Spanish", email="a@example.org",
        email_visibility="staff", bio="Bio", bio_visibility="members", place_visibility="private", user=leader,
    )  # fmt: skip
    make_leader("Bo", "O'Chen", zip_code="", leader_type="faith", listed=False, name_visibility="staff")
    Person.objects.create(first_name="Not", last_name="A leader")  # no leader_type: not indexed
    group = make_group("Madison Rising", topics=[voting], mission="Fair maps", languages="Hmong")
    make_resource("Kit", provider=group, states="WI,OH", language="es", topics=[canvass])
    make_resource("Draft", status=Resource.Status.PENDING)
    by_object = documents()
    assert len(by_object) == 4
    rebuild_index()
    assert documents() == by_object
    # And the full-text side was rebuilt too.
    from django.test import Client

    assert Client().get("/groups/", {"q": "fair", "format": "json"}).json()["count"] == 1


def test_the_management_command_rebuilds(capsys):
    make_leader("Ana", "Ruiz")
    SearchDocument.objects.all().delete()
    call_command("search_rebuild")
    assert SearchDocument.objects.count() == 1
    assert "rebuilt" in capsys.readouterr().out


def test_adding_a_topic_reindexes_the_leader(client):
    person = make_leader("Ana", "Ruiz")
    assert client.get("/leaders/", {"q": "housing", "format": "json"}).json()["count"] == 0
    person.topics.add(topic("Housing"))
    assert client.get("/leaders/", {"q": "housing", "format": "json"}).json()["count"] == 1
    topic("Housing").people.clear()
    assert client.get("/leaders/", {"q": "housing", "format": "json"}).json()["count"] == 0


def test_approving_a_resource_makes_it_findable(client):
    resource = make_resource("Canvass kit", status=Resource.Status.PENDING)
    assert client.get("/resources/", {"q": "canvass", "format": "json"}).json()["count"] == 0
    resource.status = Resource.Status.APPROVED
    resource.save()
    assert client.get("/resources/", {"q": "canvass", "format": "json"}).json()["count"] == 1


def test_renaming_a_provider_reindexes_its_resources(client):
    group = make_group("Madison Rising")
    make_resource("Canvass kit", provider=group)
    group.name = "Dane Forward"
    group.save()
    assert client.get("/resources/", {"q": "dane", "format": "json"}).json()["count"] == 1


def test_reindex_on_commit_repairs_a_row_after_a_bulk_update(client):
    person = make_leader("Ana", "Ruiz")
    Person.objects.filter(pk=person.pk).update(first_name="Anya")  # bypasses signals
    reindex_on_commit(Person.objects.get(pk=person.pk))
    assert client.get("/leaders/", {"q": "anya", "format": "json"}).json()["count"] == 1
