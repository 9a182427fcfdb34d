"""'Contact this leader': a message by e-mail through the platform, neither address revealed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actlocal.directory import selectors, services
from actlocal.directory.forms import ContactForm


@login_required
@require_http_methods(["GET", "POST"])
def leader_contact(request, pk: int):
    person = selectors.contact_target_for(viewer=request.user, pk=pk)
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if form.is_bot():
                # Bots get the same answer as people, so they learn nothing; nothing is sent.
                messages.success(request, _("Your message was sent."))
                return redirect(person)
            try:
                services.contact_message_send(
                    sender=request.user,
                    person=person,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 429 if exc.code == "rate_limited" else 400
            else:
                messages.success(request, _("Your message was sent."))
                return redirect(person)
        else:
            status = 400
    profile = selectors.leader_profile(person=person, viewer=request.user)
    return render(request, "directory/leader_contact.html", {"form": form, "profile": profile}, status=status)
