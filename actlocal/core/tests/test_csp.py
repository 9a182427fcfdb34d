"""The site's CSP middleware writes exactly the headers django-csp's own would, building the policy once."""

from __future__ import annotations

from unittest import mock

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE
from csp.decorators import csp_exempt, csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from actlocal.core import middleware
from actlocal.core.middleware import CSPMiddleware

REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp-reports/"}}


def plain(request):
    return HttpResponse("ok")


@csp_update({"img-src": ["https://tiles.example.org"]})
def updated(request):
    return HttpResponse("ok")


@csp_exempt()
def exempt(request):
    return HttpResponse("ok")


def missing(request):
    return HttpResponse("gone", status=404)


def headers(middleware_class, view, *, path="/events/", nonce=False):
    request = RequestFactory().get(path)
    handler = middleware_class(view)
    handler.process_request(request)
    if nonce:
        str(request.csp_nonce)  # a template asked for one
    response = handler.process_response(request, view(request))
    return {h: response.get(h) for h in (HEADER, HEADER_REPORT_ONLY)}, request


@pytest.mark.parametrize("view", [plain, updated, exempt, missing])
@pytest.mark.parametrize("report_only", [None, REPORT_ONLY])
@pytest.mark.parametrize("debug", [False, True])
def test_headers_equal_the_library_s(view, report_only, debug):
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=report_only, DEBUG=debug):
        ours, _request = headers(CSPMiddleware, view)
        theirs, _request = headers(LibraryCSPMiddleware, view)
    assert ours == theirs
    if view is plain and not debug:
        assert "default-src 'self'" in ours[HEADER]


def test_a_nonce_takes_the_library_s_path_and_lands_in_the_header():
    policy = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        ours, request = headers(CSPMiddleware, plain, nonce=True)
        theirs, _request = headers(LibraryCSPMiddleware, plain, nonce=True)
    assert f"script-src 'self' 'nonce-{request._csp_nonce}'" in ours[HEADER]
    assert "script-src 'self' 'nonce-" in theirs[HEADER]


def test_a_nonce_asked_for_after_the_header_is_written_is_an_error():
    _headers, request = headers(CSPMiddleware, plain)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_excluded_prefixes_get_no_header():
    policy = {"DIRECTIVES": {"default-src": ["'self'"]}, "EXCLUDE_URL_PREFIXES": ["/api/"]}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        api, _request = headers(CSPMiddleware, plain, path="/api/events")
        page, _request = headers(CSPMiddleware, plain, path="/events/")
    assert api[HEADER] is None
    assert page[HEADER] == "default-src 'self'"


def test_the_policy_is_built_once_and_again_after_a_settings_change():
    middleware._site_policy.cache_clear()
    with mock.patch.object(middleware, "build_policy", wraps=middleware.build_policy) as build:
        for _ in range(3):
            headers(CSPMiddleware, plain)
        assert build.call_count == 2  # the policy and the (empty) report-only one
        with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
            changed, _request = headers(CSPMiddleware, plain)
        assert changed[HEADER] == "default-src 'none'"
    after, _request = headers(CSPMiddleware, plain)
    assert "default-src 'self'" in after[HEADER]
