from django.conf import settings
from django.utils.functional import SimpleLazyObject

from gongkai.portal import site as site_frame


def site(request):
    mode = site_frame.display_mode(request)
    path = request.get_full_path()
    return {
        "SITE_NAME": settings.GONGKAI_SITE_NAME,
        "SITE_DOMAIN": settings.GONGKAI_SITE_DOMAIN,
        "SITE_ID_CODE": settings.GONGKAI_SITE_ID_CODE,
        # Read from the database only when a template uses it (the portal's frame does; the back office not).
        "SITE": SimpleLazyObject(site_frame.identity),
        "DISPLAY_MODE": mode,
        "DISPLAY_LINKS": SimpleLazyObject(
            lambda: [
                (key, label, site_frame.display_link("off" if key == mode else key, path), key == mode)
                for key, label in site_frame.DISPLAY_MODES.items()
            ]
        ),
        "PRINT_VIEW": request.GET.get("print") == "1",
        "PRINT_URL": SimpleLazyObject(lambda: site_frame.with_query(request, print="1")),
    }
