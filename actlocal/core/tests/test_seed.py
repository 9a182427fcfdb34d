"""``manage.py seed``: the demo tells the alliance's story, is deterministic, and never seeds twice.

The demo is seeded once for the module (inside a transaction rolled back at the end); each test runs in
a savepoint on top of it. Figures are recomputed here from the rows, not taken from the seeder's code.
"""

from __future__ import annotations

from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from actlocal.accounts.models import User
from actlocal.core.models import CountyProfile
from actlocal.directory.models import Affiliation, PartnerGroup, Person, Topic
from actlocal.events.models import CoHost, Event, Rsvp
from actlocal.network.models import Space
from actlocal.surveys.models import Answer, Choice, Question, Response, Survey

ORIGINAL_CITIES = {
    ("Madison", "WI"), ("Columbus", "OH"), ("Detroit", "MI"), ("Philadelphia", "PA"), ("Pittsburgh", "PA"),
    ("Atlanta", "GA"), ("Charlotte", "NC"), ("Phoenix", "AZ"), ("Denver", "CO"), ("Minneapolis", "MN"),
    ("Des Moines", "IA"), ("Las Vegas", "NV"), ("Miami", "FL"),
}  # fmt: skip
EXPANSION_STATES = {"TX", "VA", "NH", "ME", "KS", "MO", "IN", "KY", "TN", "SC", "AL", "NM", "MT", "WV", "NE"}
SURVEY_SLUG = "2017-convening-participant-survey"
DEMO_LOGINS = [
    "staff@actlocal.example",
    "admin@actlocal.example",
    "host@actlocal.example",
    "leader@actlocal.example",
]


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed", "--scale", "demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def _leaders():
    return Person.objects.exclude(leader_type="")


def _counts() -> dict[str, int]:
    models = [Person, PartnerGroup, Affiliation, Topic, Event, CoHost, Rsvp, Survey, Response, Answer, Space]
    return {m.__name__: m.objects.count() for m in [*models, CountyProfile, User]}


def _first_names(n: int = 25) -> list[str]:
    return [p.full_name for p in _leaders().order_by("pk")[:n]]


def test_the_four_alliance_organizations_are_national(demo):
    alliance = PartnerGroup.objects.filter(kind=PartnerGroup.Kind.ALLIANCE)
    assert alliance.count() == 4
    assert set(alliance.values_list("area_served", flat=True)) == {"national"}


def test_partner_groups_of_every_kind_with_missions_and_example_websites(demo):
    groups = PartnerGroup.objects.all()
    assert groups.count() >= 120
    assert set(groups.values_list("kind", flat=True)) == set(PartnerGroup.Kind.values)
    assert not groups.filter(Q(mission="") | Q(meeting_times="") | Q(zip_code="")).exists()
    assert all(".example.org/" in url for url in groups.values_list("website", flat=True))
    assert groups.annotate(n=Count("topics")).filter(n=0).count() == 0


def test_leaders_of_every_type_live_in_every_convening_and_expansion_state(demo):
    leaders = _leaders()
    assert leaders.count() >= 1200
    assert set(leaders.values_list("leader_type", flat=True)) == set(Person.LeaderType.values)
    states = set(leaders.values_list("state", flat=True))
    assert {state for _city, state in ORIGINAL_CITIES} <= states
    assert states >= EXPANSION_STATES
    assert not leaders.filter(Q(zip_code="") | Q(county="") | Q(lat=None)).exists()
    assert leaders.filter(languages__contains="Spanish").count() > 50
    assert leaders.filter(Q(first_name__contains="é") | Q(last_name__contains="é")).exists()


def test_no_leader_email_or_phone_is_public(demo):
    assert Person.objects.count() > 0
    assert not Person.objects.filter(Q(email_visibility="public") | Q(phone_visibility="public")).exists()
    assert not Person.objects.filter(address_visibility__in=["public", "members"]).exists()
    assert Person.objects.filter(name_visibility="public").exists()
    assert Person.objects.filter(listed=False).exists()


def test_thirteen_saturday_convenings_in_november_2017_each_with_five_or_more_cohosts(demo):
    convenings = Event.objects.filter(kind=Event.Kind.CONVENING, starts_at__year=2017)
    assert convenings.count() == 13
    assert {(e.city, e.state) for e in convenings} == ORIGINAL_CITIES
    for event in convenings:
        local = event.starts_at.astimezone(ZoneInfo(event.timezone))
        assert (local.year, local.month, local.weekday()) == (2017, 11, 5), event.title
        assert event.status == Event.Status.PUBLISHED
        assert event.host_person_id is not None
        assert event.cohost_links.filter(status=CoHost.Status.ACCEPTED).count() >= 5
        assert event.rsvps.exclude(checked_in_at=None).count() >= 40


def test_upcoming_gatherings_drafts_and_a_cancellation(demo):
    upcoming = Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gte=timezone.now())
    assert upcoming.count() >= 25
    assert set(upcoming.values_list("mode", flat=True)) == set(Event.Mode.values)
    assert set(upcoming.values_list("state", flat=True)) >= EXPANSION_STATES
    assert Rsvp.objects.filter(event__in=upcoming, status=Rsvp.Status.WAITLISTED).exists()
    assert Event.objects.filter(status=Event.Status.DRAFT).count() >= 2
    assert Event.objects.filter(status=Event.Status.CANCELLED).count() >= 1
    # Waitlists start only when an event is full.
    for event in upcoming.exclude(capacity=None):
        assert event.rsvps.filter(status=Rsvp.Status.CONFIRMED).count() <= event.capacity


def test_the_demo_host_sees_another_group_planning_the_same_nearby(demo):
    from actlocal.events.selectors_host import events_like_it_nearby

    mine = Event.objects.get(hosts__email="host@actlocal.example")
    assert [e.title for e in events_like_it_nearby(mine)] == [f"{mine.city} organizers' meetup"]


def test_survey_tells_the_73_percent_story_across_places(demo):
    survey = Survey.objects.get(slug=SURVEY_SLUG)
    assert survey.status == Survey.Status.CLOSED
    responses = Response.objects.filter(survey=survey, submitted_at__isnull=False)
    assert responses.count() >= 900
    electing = set(
        Answer.objects.filter(
            question__survey=survey, question__key="priorities", choice__value="electing-progressive-leaders"
        ).values_list("response_id", flat=True)
    )
    plan = dict(
        Answer.objects.filter(question__survey=survey, question__key="executing-plan").values_list(
            "response_id", "choice__value"
        )
    )
    share = len(electing) / responses.count()
    assert 0.70 <= share <= 0.76
    yes = sum(1 for rid in electing if plan.get(rid) == "yes")
    assert 0.93 <= yes / len(electing) <= 0.99
    assert set(plan) <= electing  # only those who chose it were asked
    for lens in ("area_type", "lean"):
        for value, ids in _ids_by(responses, lens).items():
            assert len(ids) >= 30, (lens, value)
            assert 0.65 <= len(ids & electing) / len(ids) <= 0.81, (lens, value)


def _ids_by(responses, field: str) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for rid, value in responses.values_list("id", field):
        out.setdefault(value, set()).add(rid)
    return out


def test_every_question_and_choice_has_spanish_text(demo):
    assert Question.objects.count() >= 10
    assert not Question.objects.filter(text_es="").exists()
    assert not Choice.objects.filter(label_es="").exists()
    assert Choice.objects.get(question__key="priorities", value="electing-progressive-leaders").label == (
        "Electing progressive leaders"
    )
    assert Survey.objects.filter(status=Survey.Status.OPEN).exists()


def test_responses_carry_area_context_from_the_county_profile(demo):
    profiles = {(p.state, p.county): p for p in CountyProfile.objects.all()}
    places = [
        *Person.objects.values_list("state", "county"),
        *PartnerGroup.objects.values_list("state", "county"),
        *Event.objects.exclude(state="").values_list("state", "county"),
    ]
    assert set(places) <= set(profiles)
    assert {p.area_type for p in profiles.values()} == {"rural", "suburban", "urban"}
    for response in Response.objects.select_related("person")[:200]:
        profile = profiles[(response.state, response.county)]
        assert (response.area_type, response.lean) == (profile.area_type, profile.lean)
        assert response.zip_code == response.person.zip_code
        assert response.leader_type == response.person.leader_type
        assert response.started_at < response.submitted_at


def test_spaces_cover_topics_states_cohorts_and_groups_with_one_public(demo):
    assert set(Space.objects.values_list("kind", flat=True)) == set(Space.Kind.values)
    assert Space.objects.filter(access=Space.Access.PUBLIC).count() == 1
    assert Space.objects.filter(kind=Space.Kind.COHORT).count() == 13
    assert Space.objects.filter(kind=Space.Kind.STATE).count() >= 27


def test_demo_logins_work_and_hold_their_roles(demo, client):
    assert "actlocal-demo" in demo
    for email in DEMO_LOGINS:
        assert email in demo
        assert EmailAddress.objects.filter(email=email, verified=True, primary=True).exists()
        assert client.login(username=email, password="actlocal-demo"), email
        client.logout()
    users = {u.email: u for u in User.objects.filter(email__in=DEMO_LOGINS)}
    assert users["staff@actlocal.example"].is_staff and users["staff@actlocal.example"].is_superuser
    assert users["admin@actlocal.example"].administered_groups.exists()
    assert users["host@actlocal.example"].hosted_events.filter(starts_at__gte=timezone.now()).exists()
    assert Person.objects.filter(user=users["leader@actlocal.example"]).exists()
    assert not users["leader@actlocal.example"].is_staff


def test_seeding_again_changes_nothing(demo):
    before = _counts()
    out = StringIO()
    call_command("seed", "--scale", "demo", stdout=out)
    assert "Demo data already present; nothing to do." in out.getvalue()
    assert _counts() == before


def test_same_seed_same_leaders_other_seed_other_leaders(demo):
    original, before = _first_names(), _counts()
    call_command("seed", "--scale", "demo", "--reset", "--seed", "7", stdout=StringIO())
    assert _first_names() != original
    call_command("seed", "--scale", "demo", "--reset", "--seed", "2018", stdout=StringIO())
    assert _first_names() == original
    assert _counts() == before


@pytest.mark.django_db
def test_large_generator_writes_consistent_rows_at_a_small_size():
    from actlocal.core.seeding.large import LargeSizes, large_dataset_create

    sizes = LargeSizes(people=2000, groups=200, events=200, responses=2400)
    before = _counts()
    alliance_existed = PartnerGroup.objects.filter(kind=PartnerGroup.Kind.ALLIANCE).exists()
    last_person = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    counts = large_dataset_create(
        seed=3, today=timezone.localdate(), log=lambda _line: None, sizes=sizes, check_constraints=True
    )
    after = _counts()
    assert after["Person"] - before["Person"] == 2000
    assert after["PartnerGroup"] - before["PartnerGroup"] == 200 + (0 if alliance_existed else 4)
    assert after["Event"] - before["Event"] == 200
    assert after["Response"] - before["Response"] == 2400
    assert after["Answer"] - before["Answer"] == counts["answers"] > 2400 * 3
    # One response per person per survey, and the area context matches the county table.
    assert not Response.objects.values("survey", "person").annotate(n=Count("id")).filter(n__gt=1).exists()
    profiles = {(p.state, p.county): (p.area_type, p.lean) for p in CountyProfile.objects.all()}
    for r in Response.objects.order_by("-pk")[:100]:
        assert profiles[(r.state, r.county)] == (r.area_type, r.lean)
    new_people = Person.objects.filter(pk__gt=last_person)
    assert len(set(new_people.values_list("state", flat=True))) >= 40
    assert not new_people.filter(Q(email_visibility="public") | Q(leader_type="")).exists()
