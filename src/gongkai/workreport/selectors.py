"""Reads of work reports: by reach for staff (404 outside it), published ones for the public."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.core.actors import Actor
from gongkai.workreport import rules
from gongkai.workreport.models import Status, WorkReport


def reports_for_staff(user: Actor) -> QuerySet[WorkReport]:
    return WorkReport.objects.filter(org__in=rules.orgs_to_view(user)).select_related("org")


def get_report_for_staff(*, user: Actor, pk: int) -> WorkReport:
    found = reports_for_staff(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到该工作总结。")
    return found


def published() -> QuerySet[WorkReport]:
    return (
        WorkReport.objects.filter(status=Status.PUBLISHED, snapshot__isnull=False)
        .select_related("org")
        .order_by("-year", "org__path")
    )


def get_published(pk: int) -> WorkReport:
    found = published().filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到该工作总结。")
    return found


def get_published_by(*, credit_code: str, year: int) -> WorkReport:
    found = published().filter(org__credit_code=credit_code, year=year).first()
    if found is None:
        raise Http404("没有找到该工作总结。")
    return found
