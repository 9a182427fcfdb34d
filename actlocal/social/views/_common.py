from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

STATUS_FOR_CODE = {"rate_limited": 429, "not_allowed": 403, "refused": 403}


def status_for(exc: ValidationError) -> int:
    return STATUS_FOR_CODE.get(getattr(exc, "code", None) or "", 400)


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def back(request, default: str):
    """Back to the page the form was on, when that is a page of this site."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


def report_error(request, exc: ValidationError) -> None:
    messages.error(request, error_text(exc))
