"""Settings of the portal benchmark only: the platform's settings plus a trivial view to compare against."""

from gongkai.settings import *  # noqa: F403

ROOT_URLCONF = "bench_portal_urls"
