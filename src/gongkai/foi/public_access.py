"""The applicant's access to one case by tracking number and query code, with wrong codes rate-limited.

Failures are counted in the cache within a window: per client address, and per tracking number. Past the
address's limit that address is refused (even a right code) until the window ends. Past the tracking number's
limit only the addresses that have themselves failed on that case are refused: many addresses guessing at
one case are stopped, and nobody can lock the applicant out of their own case with wrong codes (the code has
about 49 random bits, so guessing from fresh addresses gets nowhere either). A wrong tracking number and a wrong
code give the same answer and take the same time, so neither can be probed.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import Http404

from gongkai.foi import conf
from gongkai.foi.models import Application
from gongkai.foi.query_codes import check_query_code, hash_query_code, normalise_query_code
from gongkai.foi.workflow import Applicant


class TooManyAttempts(Exception):
    def __init__(self, minutes: int) -> None:
        self.minutes = minutes
        super().__init__(f"查询码错误次数过多，请{minutes}分钟后再试。")


def _keys(tracking_no: str, client: str) -> tuple[str, str, str]:
    client_hash = hashlib.sha256((client or "-").encode()).hexdigest()[:32]
    return (
        f"foi:qc:ip:{client_hash}",
        f"foi:qc:case:{tracking_no}",
        f"foi:qc:pair:{client_hash}:{tracking_no}",
    )


def _count(key: str) -> int:
    return int(cache.get(key, 0) or 0)


def _fail(key: str) -> None:
    window = conf.query_window_minutes() * 60
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)


class TooManySubmissions(Exception):
    def __init__(self) -> None:
        super().__init__("您提交申请过于频繁，请稍后再试。如需提交大量申请，请联系受理机关。")


def _submission_key(client: str) -> str:
    return "foi:submit:" + hashlib.sha256((client or "-").encode()).hexdigest()[:32]


def check_submission_rate(client: str) -> None:
    """Raise TooManySubmissions when this client address has submitted GONGKAI_FOI_SUBMISSIONS_PER_HOUR
    applications in the last hour (accepted submissions count; forms sent back with errors do not)."""
    if _count(_submission_key(client)) >= conf.submissions_per_hour():
        raise TooManySubmissions


def count_submission(client: str) -> None:
    key = _submission_key(client)
    if not cache.add(key, 1, timeout=3600):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=3600)


def normalise_tracking_no(value: str) -> str:
    return "".join((value or "").split()).upper()[:24]


def find_application(*, tracking_no: str, query_code: str, client: str) -> Application:
    """The application for this tracking number and query code; Http404 for any mismatch.

    Raises TooManyAttempts when this client or this tracking number has failed too often recently.
    """
    tracking_no = normalise_tracking_no(tracking_no)
    code = normalise_query_code(query_code)
    ip_key, case_key, pair_key = _keys(tracking_no, client)
    if _count(ip_key) >= conf.query_failures_per_ip() or (
        _count(case_key) >= conf.query_failures_per_case() and _count(pair_key) > 0
    ):
        raise TooManyAttempts(conf.query_window_minutes())
    application = (
        Application.objects.select_related("org").filter(tracking_no=tracking_no).first()
        if tracking_no
        else None
    )
    if application is None:
        hash_query_code(code)  # the same work as a real check
        ok = False
    else:
        ok = check_query_code(code, application.query_code_hash)
    if not ok or application is None:
        _fail(ip_key)
        _fail(case_key)
        _fail(pair_key)
        raise Http404("申请编号或查询码不正确。")
    return application


def session_applicant(session) -> Applicant | None:
    """The applicant this browser session speaks for: the holder of the query code of the case it opened."""
    opened = session.get("foi_case")
    return Applicant(opened["pk"]) if opened and opened.get("pk") else None


def get_session_application(session, tracking_no: str) -> Application | None:
    """The one case this browser session has opened with its query code, if it is `tracking_no`."""
    opened = session.get("foi_case")
    if not opened or opened.get("tracking_no") != normalise_tracking_no(tracking_no):
        return None
    return (
        Application.objects.select_related("org")
        .filter(pk=opened.get("pk"), tracking_no=opened["tracking_no"])
        .first()
    )


def open_in_session(session, application: Application) -> None:
    """Remember one case only: opening another replaces it. The code itself is never stored."""
    session.cycle_key()
    session["foi_case"] = {"pk": application.pk, "tracking_no": application.tracking_no}


def close_session(session) -> None:
    session.pop("foi_case", None)
