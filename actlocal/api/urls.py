"""The JSON API at /api/v1/, shaped after OSDI (the Open Supporter Data Interface) where OSDI has a shape.

Each app adds its router here; the root is OSDI's "API Entry Point" (AEP) listing what is available.
"""

from django.conf import settings
from django.urls import reverse
from ninja import NinjaAPI

from actlocal.api.auth import TokenOrSession
from actlocal.api.directory import router as directory_router

api = NinjaAPI(
    title="ActLocal API",
    version="1",
    description="Leaders, partner groups and resources of the ActLocal network, OSDI-shaped. With an API "
    "token (OSDI-API-Token header) or a browser session you see what the web pages show that user; "
    "without either you see what the public sees.",
    urls_namespace="api",
    auth=TokenOrSession(),
)
api.add_router("/", directory_router)


@api.get("/", url_name="aep", summary="API entry point (OSDI AEP)")
def entry_point(request):
    base = settings.SITE_URL
    links = {
        "self": {"href": base + reverse("api:aep"), "title": "This API entry point"},
        "osdi:people": {"href": base + reverse("api:people"), "title": "The leaders in the directory"},
        "actlocal:groups": {"href": base + reverse("api:groups"), "title": "The partner groups"},
        "actlocal:resources": {"href": base + reverse("api:resources"), "title": "The approved resources"},
        "actlocal:hsds": {
            "href": base + reverse("directory:resources_hsds"),
            "title": "Approved resources as Open Referral (HSDS) JSON",
        },
        "docs": {"href": base + reverse("api:openapi-view"), "title": "Interactive documentation"},
        "openapi": {"href": base + reverse("api:openapi-json"), "title": "OpenAPI schema"},
    }
    return {
        "motd": "Welcome to the ActLocal API",
        "vendor_name": "ActLocal",
        "product_name": "ActLocal",
        "osdi_version": "1.2",
        "max_pagesize": settings.NINJA_PAGINATION_PER_PAGE,
        "namespace": "actlocal",
        "_links": links,
    }
