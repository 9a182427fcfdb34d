from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from actlocal.api.urls import api
from actlocal.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("actlocal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("api/tokens/", include("actlocal.api.token_urls")),
    # Events before the directory, whose patterns have no prefix: an RSVP surge resolves this list each time.
    path("events/", include("actlocal.events.urls")),
    path("", include("actlocal.directory.urls")),
    path("network/", include("actlocal.network.urls")),
    path("notifications/", include("actlocal.notifications.urls")),
    path("", include("actlocal.social.urls")),  # /messages/… and /connections/…
    path("surveys/", include("actlocal.surveys.urls")),
    path("imports/", include("actlocal.imports.urls")),
    path("insights/", include("actlocal.insights.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "actlocal.core.views.not_found"
handler500 = "actlocal.core.views.server_error"
