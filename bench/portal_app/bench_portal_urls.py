"""The platform's URLs plus /bench/trivial/: a view that does nothing, behind the same middleware."""

from django.http import HttpResponse
from django.urls import path

from gongkai.urls import handler400, handler403, handler404, handler500  # noqa: F401
from gongkai.urls import urlpatterns as platform


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *platform]
