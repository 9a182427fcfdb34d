"""The account page where a user makes and revokes API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.api import selectors, services


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    new_key = None
    error = None
    name = ""
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            token, new_key = services.api_token_create(user=request.user, name=name)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            name = ""
            messages.success(request, _("Token “%(name)s” made. Copy the key now.") % {"name": token.name})
    response = render(
        request,
        "api/token_list.html",
        {"tokens": selectors.tokens_of(request.user), "new_key": new_key, "error": error, "name": name},
        status=400 if error else 200,
    )
    # The page may show a secret once: keep it out of every cache.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.token_of(user=request.user, token_id=pk)
    services.api_token_revoke(token=token, actor=request.user)
    messages.success(
        request,
        _("Token “%(name)s” revoked; programs using it are refused from now on.") % {"name": token.name},
    )
    return redirect("api_tokens:list")
