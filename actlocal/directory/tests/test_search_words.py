"""Words in the leaders, groups and resources lists: prefixes, relevance, hostile input, privacy."""

import pytest

from actlocal.search.tests.helpers import make_group, make_leader, make_resource, names, topic

pytestmark = pytest.mark.django_db


def find(client, path="/leaders/", **params):
    response = client.get(path, {**params, "format": "json"})
    assert response.status_code == 200
    return response


def test_the_start_of_a_word_finds_the_whole_word(client):
    make_leader("Ana", "Ruiz", topics=[topic("Voting rights")])
    make_leader("Bo", "Chen", bio="I organise tenants.")
    assert names(find(client, q="vot")) == ["Ana Ruiz"]
    assert names(find(client, q="VOTING RIGHTS")) == ["Ana Ruiz"]


def test_every_word_must_match(client):
    make_leader("Ana", "Ruiz", bio="Voting rights in Dane County.")
    make_leader("Bo", "Chen", bio="Voting access for students.")
    assert names(find(client, q="voting rights")) == ["Ana Ruiz"]


def test_a_name_match_ranks_above_a_bio_mention(client):
    make_leader("Ana", "Ruiz", bio="Worked with Garcia on housing for years, Garcia is great.")
    make_leader("Maria", "Garcia", bio="Housing.")
    assert names(find(client, q="garcia")) == ["Maria Garcia", "Ana Ruiz"]


def test_accents_do_not_matter(client):
    make_leader("José", "Núñez")
    assert names(find(client, q="jose nunez")) == ["José Núñez"]
    assert names(find(client, q="josé")) == ["José Núñez"]


def test_non_latin_words_are_found(client):
    make_leader("Ким", "Ли", bio="Организатор жильцов")
    make_leader("陈", "伟", bio="社区组织者")
    assert names(find(client, q="организатор")) == ["Ким Ли"]
    assert names(find(client, q="社区组织者")) == ["陈 伟"]


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"voting',
        'voting"',
        "vot*",
        "*",
        "NEAR(voting rights)",
        "NEAR(",
        "voting OR housing",
        "-voting",
        "title:voting",
        "{staff_text}: voting",
        "^voting",
        "voting AND",
        '( ) : ^ * " - + @',
        "'; DROP TABLE search_document; --",
        "\x00voting",
        "voting\\",
    ],
)
def test_query_syntax_is_only_ever_words(client, q):
    make_leader("Ana", "Ruiz", bio="Voting rights.")
    response = find(client, q=q)
    html = client.get("/leaders/", {"q": q})
    assert html.status_code == 200
    assert response.json()["count"] in (0, 1)
    for path in ("/groups/", "/resources/", "/search/"):
        assert client.get(path, {"q": q}).status_code == 200


def test_a_query_of_punctuation_says_so_and_lists_everyone(client):
    make_leader("Ana", "Ruiz")
    body = find(client, q='"*"').json()
    assert body["count"] == 1
    assert "no letters or digits" in body["errors"][0]


def test_a_huge_query_is_shortened_with_a_message(client):
    make_leader("Ana", "Ruiz", bio="Voting rights.")
    body = find(client, q="voting " * 1500).json()  # about 10 KB
    assert body["count"] == 1
    assert "shortened" in body["errors"][0]
    assert client.get("/leaders/", {"q": "x" * 10240}).status_code == 200


def test_an_empty_query_lists_everyone_by_name(client):
    make_leader("Zoe", "Adams")
    make_leader("Ana", "Ruiz")
    assert names(find(client, q="   ")) == ["Zoe Adams", "Ana Ruiz"]


def test_groups_are_found_by_mission_and_resources_by_summary(client):
    make_group("Madison Rising", mission="We knock doors for fair maps.")
    make_resource("Canvass kit", summary="Everything to knock doors safely.")
    assert names(find(client, "/groups/", q="fair map")) == ["Madison Rising"]
    assert names(find(client, "/resources/", q="knock")) == ["Canvass kit"]


def test_pending_resources_are_not_found(client):
    make_resource("Secret draft", status="pending")
    assert names(find(client, "/resources/", q="secret")) == []


def test_the_snippet_highlights_the_match_and_escapes_the_rest(client):
    make_leader("Ana", "Ruiz", bio="<script>x</script> Fighting for voting rights.")
    result = find(client, q="voting").json()["results"][0]
    assert "<mark>voting</mark>" in result["snippet"]
    assert "<script>" not in result["snippet"]
    page = client.get("/leaders/", {"q": "voting"}).content.decode()
    assert "<mark>voting</mark>" in page and "<script>x" not in page


def test_the_global_search_finds_leaders_groups_and_resources(client):
    make_leader("Ana", "Ruiz", bio="Housing justice.")
    make_group("Housing Now")
    make_resource("Housing toolkit")
    body = client.get("/search/", {"q": "hous", "format": "json"}).json()
    assert [body[d]["count"] for d in ("leaders", "groups", "resources")] == [1, 1, 1]
    page = client.get("/search/", {"q": "hous"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ana Ruiz" in html and "Housing Now" in html and "Housing toolkit" in html
    assert "/leaders/?q=hous" in html


def test_the_last_word_is_a_prefix_as_someone_types(client):
    make_leader("Ana", "Ruiz", bio="Voting rights in Dane County.")
    assert names(find(client, q="voting rig")) == ["Ana Ruiz"]


def test_earlier_words_match_as_prefixes_when_nothing_else_does(client):
    make_leader("Ana", "Ruiz", bio="Voting rights in Dane County.")
    assert names(find(client, q="vot rights")) == ["Ana Ruiz"]


def test_whole_words_that_fill_the_cap_are_not_widened_to_prefixes(db):
    from actlocal.search.finder import Query
    from actlocal.search.finder import find as search

    for i in range(4):
        make_leader(f"Ana{i}", "Ruiz", bio="Justice for tenants.")
    make_leader("Bo", "Chen", bio="Justices of the peace.")
    found = search(Query(kind="leader", rank=0, terms=["justice"]), cap=3)
    assert found.capped and len(found.rows) == 3
    # Below the cap, the prefix reaches the longer word too.
    found = search(Query(kind="leader", rank=0, terms=["justice"]), cap=10)
    assert not found.capped and len(found.rows) == 5
