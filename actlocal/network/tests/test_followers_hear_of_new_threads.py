"""Following a leader or a partner group means hearing when they start a thread, but only in spaces the
follower may read."""

from __future__ import annotations

import pytest

from actlocal.directory.models import Person
from actlocal.network.models import Space
from actlocal.notifications.models import Notification
from actlocal.social.models import Follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def lena_profile(leader):
    return Person.objects.create(first_name="Lena", last_name="Leader", user=leader)


def test_followers_of_the_author_hear_of_a_new_thread(
    leader, lena_profile, marco, troubleshooting, post_thread, django_capture_on_commit_callbacks
):
    Follow.objects.create(follower=marco, person=lena_profile)
    with django_capture_on_commit_callbacks(execute=True):
        thread = post_thread(author=leader, space=troubleshooting, title="Venues that said yes")
    note = Notification.objects.get(recipient=marco)
    assert note.kind == "follow.thread" and "Venues that said yes" in note.title
    assert note.url == thread.get_absolute_url()


def test_a_follower_who_may_not_read_the_space_hears_nothing(
    leader, lena_profile, outsider, priya, circle, post_thread, django_capture_on_commit_callbacks
):
    Follow.objects.create(follower=outsider, person=lena_profile)  # not a network member
    from actlocal.network.models import SpaceMembership

    SpaceMembership.objects.create(space=circle, user=leader)
    with django_capture_on_commit_callbacks(execute=True):
        post_thread(author=leader, space=circle, title="Secret plans")
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_followers_of_a_group_hear_of_threads_in_its_space(
    leader, marco, partner_group, post_thread, django_capture_on_commit_callbacks
):
    space = Space.objects.create(
        name="Madison Neighbors United", slug="group-mnu", kind=Space.Kind.GROUP,
        access=Space.Access.MEMBERS, group=partner_group,
    )  # fmt: skip
    Follow.objects.create(follower=marco, group=partner_group)
    with django_capture_on_commit_callbacks(execute=True):
        post_thread(author=leader, space=space, title="Next canvass")
    assert Notification.objects.get(recipient=marco).kind == "follow.thread"


def test_a_mentioned_follower_is_told_once(
    leader, lena_profile, marco, troubleshooting, post_thread, django_capture_on_commit_callbacks
):
    Follow.objects.create(follower=marco, person=lena_profile)
    with django_capture_on_commit_callbacks(execute=True):
        post_thread(author=leader, space=troubleshooting, body="@marco.ruiz what do you think?")
    assert list(Notification.objects.filter(recipient=marco).values_list("kind", flat=True)) == [
        "thread.mention"
    ]
