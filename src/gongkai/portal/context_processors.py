from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.GONGKAI_SITE_NAME,
        "SITE_DOMAIN": settings.GONGKAI_SITE_DOMAIN,
        "SITE_ID_CODE": settings.GONGKAI_SITE_ID_CODE,
    }
