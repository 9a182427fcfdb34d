"""The Leaders Network in the demo: every space the network should have (``spaces_ensure``), and a few
threads, among them a troubleshooting question one leader in Wisconsin asked, a leader in Texas answered,
and the asker marked solved. Idempotent: a second run finds the threads and writes nothing."""

from __future__ import annotations

from actlocal.accounts.models import User
from actlocal.directory.models import Person
from actlocal.network.models import Space, Thread
from actlocal.network.services import reply_create, spaces_ensure, thread_create, thread_pin, thread_solve

QUESTION_TITLE = "Our church venue cancelled two days before a training: what do you do?"


def _member_for(person: Person, email: str) -> User:
    """A network account for a demo leader (no password: it cannot sign in, it only authors posts). The
    address is fixed, so seeding again after ``seed --reset`` reuses the account instead of adding one."""
    if person.user_id:
        return person.user
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, name=person.full_name, is_member=True)
    elif user.name != person.full_name:
        user.name = person.full_name
        user.save(update_fields=["name"])
    Person.objects.filter(user=user).update(user=None)
    person.user = user
    person.save(update_fields=["user"])
    return user


def demo_network_create() -> int:
    """Make the demo's spaces and threads; returns how many threads it wrote (0 when already there)."""
    spaces_ensure()
    troubleshooting = Space.objects.filter(slug="troubleshooting").first()
    asker = User.objects.filter(email="leader@actlocal.example").first()
    if troubleshooting is None or asker is None or Thread.objects.filter(title=QUESTION_TITLE).exists():
        return 0
    asker_state = getattr(getattr(asker, "person", None), "state", "") or "WI"
    people = Person.objects.filter(listed=True).exclude(state=asker_state).exclude(state="").order_by("pk")
    texan = people.filter(state="TX").first() or people.first()
    answerer = _member_for(texan, "network-texas@actlocal.example")
    third = _member_for(people.exclude(state=texan.state).first(), "network-leader@actlocal.example")
    staff = User.objects.filter(is_staff=True).order_by("pk").first()

    question = thread_create(
        author=asker,
        space=troubleshooting,
        kind=Thread.Kind.QUESTION,
        title=QUESTION_TITLE,
        body=(
            "We had forty people signed up for a canvass training on Saturday and the church hall just told us "
            "they need the room back. **What has worked for you** when a venue falls through at the last "
            "minute?\n\n- We have no budget for a rented space\n- About half our people come by bus"
        ),
        tags="venues, trainings",
    )
    reply_create(
        author=third,
        thread=question,
        body="Could you move it online? Not ideal for a canvass training, but better than cancelling.",
    )
    answer = reply_create(
        author=answerer,
        thread=question,
        body=(
            "This happened to us in Houston. Three things saved us:\n\n"
            "1. **Public libraries** book community rooms for free, often within the week: call the branch.\n"
            "2. Ask a **union hall** in your coalition: ours said yes the same day.\n"
            "3. Text everyone the new address twice: the day before and two hours before.\n\n"
            "Pick a place on a bus line and say which line in the text."
        ),
    )
    reply_create(author=asker, thread=question, body="The library had a room for us. Thank you!")
    thread_solve(actor=asker, thread=question, reply=answer)

    count = 1 + 3
    best = Space.objects.filter(slug="best-practices").first()
    if best is not None:
        welcome = thread_create(
            author=staff or asker,
            space=best,
            kind=Thread.Kind.DISCUSSION,
            title="Welcome: share what worked, so nobody starts from scratch",
            body="Post a short write-up of something your group tried: what you did, who came, what you would change.",
            tags="welcome",
        )
        if staff is not None:
            thread_pin(actor=staff, thread=welcome)
        reply_create(
            author=answerer,
            thread=welcome,
            body="Our potluck-then-phonebank nights doubled turnout. Food first, calls second, home by nine.",
        )
        count += 2
    return count
