"""The portal shows published circulars (problems per unit and class, no record numbers) and published
assessment results; drafts, internal circulars and unpublished results are not found."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.supervision import services
from gongkai.supervision.models import IndicatorMethod, Metric
from gongkai.supervision.services import IndicatorSpec
from gongkai.supervision.tests.conftest import make_application

pytestmark = pytest.mark.django_db


def test_published_circular_and_results(client, tree, who):
    app = make_application(tree.eco, received=date(2026, 4, 10), due=date(2026, 5, 12))
    circular = services.circular_draft(actor=who.supervisor, org=tree.office, scope=tree.city,
                                       period_start=date(2026, 5, 1), period_end=date(2026, 5, 31),
                                       as_at=date(2026, 6, 10))  # fmt: skip
    url = reverse("portal:supervision_circular", args=[circular.public_id])
    assert client.get(url).status_code == 404  # a draft
    services.circular_approve(actor=who.second, circular=circular)
    services.circular_issue(actor=who.second, circular=circular, public=True)
    page = client.get(url).content.decode()
    assert "甲市生态环境局" in page and "依申请公开超期答复" in page and app.tracking_no not in page
    assert circular.title in client.get(reverse("portal:supervision")).content.decode()
    assert client.get(reverse("portal:supervision_circular", args=["not-a-uuid"])).status_code == 404

    scheme = services.scheme_create(
        actor=who.supervisor, org=tree.office, year=2026, name="甲市2026年度政务公开考核", source="本市考核办法",
        units=[tree.eco], indicators=[IndicatorSpec("1", "依申请公开", "10", IndicatorMethod.COMPUTED,
                                                    metric=Metric.OVERDUE_APPLICATIONS, per_record="6")],
    )  # fmt: skip
    services.assessment_compute(actor=who.supervisor, scheme=scheme, as_at=date(2026, 12, 31))
    scheme_url = reverse("portal:supervision_scheme", args=[scheme.public_id])
    assert client.get(scheme_url).status_code == 404
    client.force_login(who.supervisor)
    client.post(reverse("backoffice:supervision_scheme_compute", args=[scheme.pk]), {"publish": "1"})
    client.logout()
    page = client.get(scheme_url).content.decode()
    assert "甲市生态环境局" in page and "4.00" in page
