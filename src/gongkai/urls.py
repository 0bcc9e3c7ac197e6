from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from gongkai.api.urls import api
from gongkai.ops import views as ops_views

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    path("metrics", ops_views.metrics, name="metrics"),
    path("django-admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("manage/", include("gongkai.backoffice.urls")),
    path("", include("gongkai.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "gongkai.portal.views.page_not_found"
handler500 = "gongkai.portal.views.server_error"
handler403 = "gongkai.portal.views.permission_denied"
handler400 = "gongkai.portal.views.bad_request"
