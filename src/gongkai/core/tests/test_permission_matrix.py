"""The permission matrix, generated from the URL configuration: every URL pattern of the back office and of the
API, for every role (editor, reviewer, office, supervisor, admin, head) at the city, a department and a county,
and for anonymous users, with an object inside the user's reach and objects outside it (another city's; for a
department or a county, also its own city's, above it in the tree), for GET and the write methods.

Path parameters are filled generically: every record a pattern can name exists with the same primary key in
every table (PK_BY_PLACE), so `<int:pk>` names "the record of this place" whatever the table; strings (credit
codes, tracking numbers, names) come from PARAMS. A pattern with a parameter PARAMS cannot fill fails the test:
new pages are covered without new code, or the test says what it needs.

A leak is an answer 200 to a GET of an outside object that anonymous users do not get, or any audit event
written by a request about an outside object, or one about an organisation outside the user's reach. Server
errors are counted for every case. Both must be 0; the case count is reported (`cases` in the summary).
"""

from __future__ import annotations

import os
import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from gongkai.core.models import AuditEvent
from gongkai.orgs import access
from gongkai.orgs.models import Membership, Role
from gongkai.testing.factories import UserFactory, grant

NAMESPACES = {"backoffice", "api"}
ROLES = list(Role)  # every role, the head of the working body included
PLACE_TREE = {"city": "city", "dept": "eco", "county": "county"}
PK_BY_PLACE = {"city": 510001, "dept": 520001, "county": 530001, "outside": 900001}
#: Targets outside the user's reach and the records they name: another city's, and, for identities at a
#: department or a county, their own city's (an organisation above them in the same tree).
OUTSIDE_RECORDS = {"outside": "outside", "above": "city"}
WRITE_METHODS = {"backoffice": ["post"], "api": ["post", "put", "patch", "delete"]}
#: Parameters that are not a primary key: how to fill them from a place's records, by parameter name, or by
#: (URL name, parameter name) where one name means different things.
PARAMS = {
    "code": lambda rec: rec["org"].credit_code,
    "tracking_no": lambda rec: rec["application"].tracking_no,
    "message_no": lambda rec: rec["message"].number,
    "year": lambda rec: 2025,
    "scope": lambda rec: "alone",
    "fmt": lambda rec: "json",
    "number": lambda rec: 1,
    "object_type": lambda rec: "catalog.item",
    "object_id": lambda rec: str(rec["pk"]),
    ("queue", "name"): lambda rec: "open",
    ("foi_queue_named", "name"): lambda rec: "open",
    ("foi_action", "name"): lambda rec: "note",
    ("foi_action_on", "name"): lambda rec: "remedy_update",
    ("proposals_action", "name"): lambda rec: "assign",
    ("interaction_action", "name"): lambda rec: "accept",
    ("interaction_consultation_action", "name"): lambda rec: "dispose",
    ("interaction_interview_action", "name"): lambda rec: "answer",
    ("supervision_circular_action", "name"): lambda rec: "refresh",
    ("supervision_finding_action", "name"): lambda rec: "respond",
    ("supervision_report_action", "name"): lambda rec: "submit",
    ("servicecatalog_action", "name"): lambda rec: "submit",
}
PK_PARAMS = {"pk", "item_id", "letter_id", "attachment_pk", "membership_pk", "file_pk", "mark_pk", "media_pk"}
#: Parameters naming a record someone owns: a URL with one of them is also tried on the outside record.
OWNED_PARAMS = PK_PARAMS | {"code", "tracking_no", "message_no", "object_id"}
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def url_patterns():
    """(namespace, URL name, route with <params>) of every pattern in NAMESPACES."""

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace in NAMESPACES:
                yield namespace, p.name, "/" + prefix + str(p.pattern)

    seen = set()
    for namespace, name, route in walk(get_resolver().url_patterns, "", None):
        if (name, route) not in seen:
            seen.add((name, route))
            yield namespace, name, route


def fill(name: str, route: str, rec: dict) -> str:
    def value(match):
        param = match.group(1)
        if param in PK_PARAMS:
            return str(rec["pk"])
        filler = PARAMS.get((name, param)) or PARAMS.get(param)
        if filler is None:
            raise LookupError(
                f"the permission matrix cannot fill <{param}> of {name} ({route}): add it to PARAMS"
            )
        return str(filler(rec))

    return _PARAM.sub(value, route)


def _records(org, pk: int) -> dict:
    """One record of every kind the URLs name, all with primary key `pk`, owned by `org`."""
    from gongkai.catalog.models import Attachment, Genre, Item, Topic
    from gongkai.foi.models import Application, ApplicationFile, Letter, Redaction
    from gongkai.interaction.models import (
        Channel,
        Comment,
        Consultation,
        ConsultationBasis,
        Interview,
        InterviewQuestion,
        Message,
        MessageFile,
    )  # fmt: skip
    from gongkai.interpretation.models import (
        ConferenceMedia,
        GazetteIssue,
        Interpretation,
        MediaAccount,
        PressConference,
    )
    from gongkai.proposals.models import Assignment, Proposal, Session
    from gongkai.reports.models import AnnualReport
    from gongkai.workreport.models import WorkReport

    member = UserFactory.create(pk=pk, username=f"matrix_member_{pk}")
    Membership.objects.create(pk=pk, user=member, org=org, role=Role.EDITOR)
    item = Item.objects.create(
        pk=pk, org=org, created_by=member, title=f"矩阵测试信息{pk}", written_on=date(2025, 3, 1),
        topic=Topic.objects.get(code="0203"), genre=Genre.objects.get(code="notice"), statutory_class="a20_15",
    )  # fmt: skip
    Attachment.objects.create(
        pk=pk, item=item, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"m{pk}.pdf"), storage_key=f"m{pk}",
        original_name="附件.pdf", kind="pdf", content_type="application/pdf", size=15, sha256="0" * 64,
    )  # fmt: skip
    application = Application.objects.create(
        pk=pk, org=org, tracking_no=f"GK20250301M{pk % 100000:05d}", query_code_hash="x", channel="online",
        applicant_type="natural", applicant_name="矩阵申请人", phone="13800000000", applicant_key=f"m{pk}",
        info_title="某信息", delivery_form="electronic", delivery_method="online", received_on=date(2025, 3, 3),
        due_on=date(2025, 3, 31), status="in_progress",
    )  # fmt: skip
    Letter.objects.create(
        pk=pk, application=application, kind="answer", issued_on=date(2025, 3, 10),
        file=ContentFile(b"PK\x03\x04letter", name="letter.docx"),
    )  # fmt: skip
    delivered = ApplicationFile.objects.create(
        pk=pk, application=application, kind="delivered", file=ContentFile(b"%PDF-1.4\n", name="f.pdf"),
        name="文件.pdf", content_type="application/pdf", size=9, sha256="0" * 64, public=True,
    )  # fmt: skip
    Redaction.objects.create(pk=pk, application=application, source=delivered, created_by=member)
    AnnualReport.objects.create(pk=pk, org=org, year=2025, scope="alone", title=f"{org.name}2025年度报告")
    WorkReport.objects.create(pk=pk, org=org, year=2025, title=f"{org.name}2025年政务公开工作总结")
    session = Session.objects.create(
        pk=pk,
        org=org,
        body="npc",
        name=f"矩阵会次{pk}",
        term=1,
        meeting=1,
        year=2025,
        opens_on=date(2025, 1, 5),
    )
    proposal = Proposal.objects.create(
        pk=pk, session=session, number="1", kind="npc_suggestion", title="矩阵建议"
    )
    Assignment.objects.create(pk=pk, proposal=proposal, org=org, role="lead", assigned_on=date(2025, 3, 1))
    channel = Channel.objects.create(
        pk=pk, code=f"matrix-{pk}", name=f"{org.name}信箱", kind="department", owner=org, kinds=["consult"]
    )
    message = Message.objects.create(
        pk=pk, number=f"HD2025M{pk}", channel=channel, kind="consult", title="矩阵测试留言", body="内容",
        writer_name="矩阵留言人", phone="13800000000", submitted_at=timezone.now(), received_on=date(2025, 3, 3),
    )  # fmt: skip
    MessageFile.objects.create(
        pk=pk, message=message, file=ContentFile(b"%PDF-1.4\n", name="m.pdf"), name="附件.pdf",
        content_type="application/pdf", size=9, sha256="0" * 64,
    )  # fmt: skip
    consultation = Consultation.objects.create(
        pk=pk, org=org, basis=ConsultationBasis.objects.get(code="rule"), title="矩阵测试草案", draft="草案",
        explanation="说明", opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 31),
    )  # fmt: skip
    Comment.objects.create(pk=pk, consultation=consultation, text="意见", submitted_at=timezone.now())
    interview = Interview.objects.create(
        pk=pk, org=org, title="矩阵测试访谈", guests="嘉宾", starts_at=timezone.now(), ends_at=timezone.now(),
        announced_at=timezone.now(),
    )  # fmt: skip
    InterviewQuestion.objects.create(
        pk=pk, interview=interview, text="问题", submitted_at=timezone.now(), approved=True
    )
    interpretation = Interpretation.objects.create(
        pk=pk, org=org, item=Item.objects.create(
            org=org, created_by=member, title=f"矩阵测试解读{pk}", written_on=date(2025, 3, 2),
            topic=item.topic, genre=Genre.objects.get(code="policy-interpretation"), statutory_class="a20_15",
        ),
    )  # fmt: skip
    interpretation.documents.set([item])
    conference = PressConference.objects.create(
        pk=pk, org=org, title=f"矩阵测试发布会{pk}", held_on=date(2025, 3, 3)
    )
    ConferenceMedia.objects.create(
        pk=pk, conference=conference, file=ContentFile(b"\x89PNG\r\n\x1a\n", name=f"c{pk}.png"),
        storage_key=f"c{pk}", kind="png", caption="矩阵测试图片", content_type="image/png", size=8, sha256="0" * 64,
    )  # fmt: skip
    GazetteIssue.objects.create(pk=pk, org=org, year=2025, number=1, published_on=date(2025, 3, 3))
    MediaAccount.objects.create(pk=pk, org=org, platform="weibo", name=f"矩阵测试账号{pk}")
    _supervision_records(org, pk, item, application)
    _service_records(org, pk, member, item)
    return {"org": org, "pk": pk, "application": application, "message": message}


def _supervision_records(org, pk: int, item, application) -> None:
    from gongkai.supervision import models as sv

    plan = sv.WorkPlan.objects.create(pk=pk, org=org, year=2025, title=f"矩阵测试要点{pk}")
    sv.Task.objects.create(pk=pk, plan=plan, number="1", text="任务", lead_org=org, due_on=date(2025, 6, 30))
    inspection = sv.Inspection.objects.create(
        pk=pk, org=org, title="矩阵测试检查", mode="on_site", held_on=date(2025, 3, 3)
    )
    inspection.units.set([org])
    sv.Finding.objects.create(
        pk=pk,
        inspection=inspection,
        org=org,
        indicator="栏目更新",
        description="问题",
        rectify_by=date(2025, 4, 1),
    )
    circular = sv.Circular.objects.create(
        pk=pk, org=org, scope=org, period_start=date(2025, 3, 1), period_end=date(2025, 3, 31), title="矩阵测试通报",
        state="internal",
    )  # fmt: skip
    sv.Problem.objects.create(
        pk=pk, circular=circular, org=org, kind="overdue_application", ref=f"foi.application:{application.pk}",
        label="超期",
    )  # fmt: skip
    scheme = sv.Scheme.objects.create(
        pk=pk, org=org, year=2025, name="矩阵测试考核", source="依据", is_published=True
    )
    scheme.units.set([org])
    indicator = sv.Indicator.objects.create(
        pk=pk, scheme=scheme, code="1", name="按时公开", weight=10, method="computed", metric="late_items"
    )
    sv.Score.objects.create(
        pk=pk, indicator=indicator, org=org, points=5, count=1, evidence=[f"catalog.item:{item.pk}"]
    )
    sv.PeriodicReport.objects.create(
        pk=pk, org=org, kind="month", year=2025, period=3, figures={"items_published": 1}, due_on=date(2025, 4, 5),
        state="submitted",
    )  # fmt: skip


def _service_records(org, pk: int, member, item) -> None:
    """A service item with a draft guide (by the member) and a standard catalog with an entry tagging `item`."""
    from gongkai.servicecatalog.models import (
        BasicItem,
        Code,
        Domain,
        Entry,
        EntryItem,
        GuideVersion,
        Material,
        ServiceItem,
        StandardCatalog,
    )  # fmt: skip

    basic = BasicItem.objects.create(
        pk=pk,
        basic_code=f"01{pk:08d}",
        name="矩阵测试事项",
        item_type=Code.objects.get(list="item_type", code="01"),
    )
    service = ServiceItem.objects.create(
        pk=pk, org=org, basic=basic, implementation_code=f"M{pk}", handling_code=f"M{pk}001", name="矩阵测试事项",
        level=Code.objects.get(list="level", code="3"),
    )  # fmt: skip
    GuideVersion.objects.create(
        pk=pk, item=service, created_by=member, subject_nature=Code.objects.get(list="subject_nature", code="1"),
        handling_type=Code.objects.get(list="handling_type", code="2"),
    )  # fmt: skip
    catalog = StandardCatalog.objects.create(
        pk=pk, org=org, domain=Domain.objects.get(name="财政预决算"), year=2025
    )
    entry = Entry.objects.create(
        pk=pk, catalog=catalog, code="01", level1="财政预决算", content="预算", basis="预算法", limit_text="20日",
        subject="财政局",
    )  # fmt: skip
    EntryItem.objects.create(pk=pk, entry=entry, item=item)
    Material.objects.create(pk=pk, version_id=pk, name="矩阵测试材料")


@pytest.fixture
def world(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_FOI_FILES_ROOT = tmp_path / "private"
    records = {place: _records(getattr(tree, attr), PK_BY_PLACE[place]) for place, attr in PLACE_TREE.items()}
    records["outside"] = _records(tree.other_dept, PK_BY_PLACE["outside"])
    return records


def identities(tree):
    """(label, user or None, place) for every role at every place, and anonymous."""
    found = [("anonymous", None, None)]
    for place, attr in PLACE_TREE.items():
        for role in ROLES:
            user = grant(UserFactory(username=f"matrix_{role}_{place}"), getattr(tree, attr), role)
            found.append((f"{role}@{place}", user, place))
    return found


def _request(client, method: str, url: str):
    if method == "get":
        return client.get(url)
    if url.startswith("/api/"):
        return getattr(client, method)(url, data={}, content_type="application/json")
    return getattr(client, method)(url, data={})


@pytest.fixture
def _quiet_request_log():
    """Refusals are logged with their traceback by django.request: thousands of them only slow the run."""
    import logging

    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.mark.django_db
@pytest.mark.usefixtures("_quiet_request_log")
def test_permission_matrix(tree, world, record_property):
    patterns = list(url_patterns())
    assert len(patterns) > 50
    anonymous = Client(raise_request_exception=False)
    anonymous_status: dict[str, int] = {}
    cases, leaks, errors = 0, [], []
    only = {x for x in os.environ.get("MATRIX_ONLY", "").split(",") if x}  # to rerun some identities
    for label, user, _place in identities(tree):
        if only and label not in only:
            continue
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
            reach = set(access.orgs_for(user).values_list("pk", flat=True))
        else:
            reach = set()
        for namespace, name, route in patterns:
            owned = bool(OWNED_PARAMS & set(_PARAM.findall(route)))
            targets = ["inside", "outside"] if owned else ["inside"]
            if owned and _place not in {None, "city"}:
                targets.append("above")  # the city's own record, above a department's or a county's reach
            for target in targets:
                rec = world[OUTSIDE_RECORDS.get(target) or _place or "city"]
                url = fill(name, route, rec)
                for method in ["get", *WRITE_METHODS[namespace]]:
                    last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                    response = _request(client, method, url)
                    cases += 1
                    where = f"{label} {method.upper()} {url} ({name}, {target})"
                    if response.status_code >= 500:
                        errors.append(f"{where}: {response.status_code}")
                    new = AuditEvent.objects.filter(pk__gt=last_event)
                    if target in OUTSIDE_RECORDS and new.exists():
                        leaks.append(f"{where}: wrote {list(new.values_list('action', flat=True))}")
                    elif new.exclude(org_id__in=reach).exclude(org__isnull=True).exists():
                        leaks.append(f"{where}: wrote outside its reach")
                    if method == "get" and target in OUTSIDE_RECORDS and response.status_code == 200:
                        if url not in anonymous_status:
                            anonymous_status[url] = anonymous.get(url).status_code
                        if anonymous_status[url] != 200:
                            leaks.append(f"{where}: 200 (anonymous: {anonymous_status[url]})")
                    if name == "logout" and user is not None:
                        client.force_login(user)
    record_property("cases", cases)
    print(f"permission matrix: {cases} cases, {len(leaks)} leaks, {len(errors)} server errors")
    for line in errors + leaks:
        print(line)
    assert not errors, errors[:30]
    assert not leaks, leaks[:30]


def test_every_pattern_can_be_filled():
    records = {"org": type("Org", (), {"credit_code": "X" * 18})(), "pk": 1,
               "application": type("A", (), {"tracking_no": "GK1"})(),
               "message": type("M", (), {"number": "HD1"})()}  # fmt: skip
    for _namespace, name, route in url_patterns():
        assert "<" not in fill(name, route, records), route
