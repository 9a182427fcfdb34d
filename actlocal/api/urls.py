"""The JSON API at /api/v1/, shaped after OSDI (the Open Supporter Data Interface) where OSDI has a shape.

Each app adds its router here; the root is OSDI's "API Entry Point" (AEP) listing what is available.
"""

from django.conf import settings
from django.urls import reverse
from ninja import NinjaAPI

api = NinjaAPI(
    title="ActLocal API",
    version="1",
    description="Leaders, partner groups, resources and events of the ActLocal network, OSDI-shaped.",
    urls_namespace="api",
)


@api.get("/", url_name="aep", summary="API entry point (OSDI AEP)")
def entry_point(request):
    base = settings.SITE_URL
    links = {
        "self": {"href": base + reverse("api:aep"), "title": "This API entry point"},
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
