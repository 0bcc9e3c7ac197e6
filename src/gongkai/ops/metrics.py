"""Prometheus metrics: request counters (middleware) and platform gauges read at each scrape.

With several gunicorn workers set PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode) so that
every worker's counters are added up (docs/operations.md).
"""

from __future__ import annotations

import logging
import os
import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger("gongkai.request")

REQUESTS = Counter(
    "gongkai_http_requests",
    "HTTP requests answered, by URL name, method and status",
    ["view", "method", "status"],
)
ERRORS = Counter(
    "gongkai_http_errors", "HTTP requests answered with a server error (5xx), by URL name", ["view"]
)
LATENCY = Histogram(
    "gongkai_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["view"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def view_label(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None and match.view_name else "unmatched"


class RequestMetricsMiddleware:
    """Counts every request by URL name (never its path: paths carry tracking numbers) and status."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - start
        view = view_label(request)
        method = request.method if request.method in _METHODS else "other"
        REQUESTS.labels(view, method, str(response.status_code)).inc()
        LATENCY.labels(view).observe(elapsed)
        if response.status_code >= 500:
            ERRORS.labels(view).inc()
        if settings.LOG_REQUESTS:
            logger.info(
                "%s %s %s",
                method,
                view,
                response.status_code,
                extra={
                    "view": view,
                    "method": method,
                    "status": response.status_code,
                    "ms": round(elapsed * 1000),
                },
            )
        return response


class PlatformCollector:
    """Gauges computed from the database when scraped: tasks, deadlines, the last backup."""

    def collect(self):
        yield from tasks()
        yield from deadlines()
        yield from backups()

    def describe(self):
        return []


def tasks():
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    due = ready.ready()
    queued = GaugeMetricFamily(
        "gongkai_tasks_queued", "Tasks waiting for the worker (due now)", labels=["queue"]
    )
    age = GaugeMetricFamily(
        "gongkai_tasks_oldest_age_seconds", "Age of the oldest task due and not started", labels=["queue"]
    )
    for queue in sorted(set(due.values_list("queue_name", flat=True))) or ["default"]:
        q = due.filter(queue_name=queue)
        oldest = q.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        queued.add_metric([queue], q.count())
        age.add_metric([queue], (now - oldest).total_seconds() if oldest else 0)
    yield queued
    yield age
    running = GaugeMetricFamily("gongkai_tasks_running", "Tasks being run by a worker")
    running.add_metric([], DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count())
    yield running
    failed = GaugeMetricFamily("gongkai_tasks_failed_24h", "Tasks that failed in the last 24 hours")
    failed.add_metric(
        [],
        DBTaskResult.objects.filter(
            status=TaskResultStatus.FAILED, finished_at__gte=now - timedelta(days=1)
        ).count(),
    )
    yield failed


def deadlines():
    from django.db.models import Count, Q

    from gongkai.catalog.models import Item
    from gongkai.catalog.selectors import UNPUBLISHED
    from gongkai.foi import selectors as foi

    today = timezone.localdate()
    overdue = GaugeMetricFamily(
        "gongkai_foi_applications_overdue", "Applications past their answer deadline", labels=["org"]
    )
    due_soon = GaugeMetricFamily(
        "gongkai_foi_applications_due_soon",
        "Applications due within GONGKAI_FOI_REMIND_WORKDAYS working days",
        labels=["org"],
    )
    horizon, _missing = foi.remind_horizon(today)
    rows = (
        foi.applications_open()
        .filter(status__in=foi.RUNNING_STATUSES)
        .values("org__name")
        .annotate(
            overdue=Count("id", filter=Q(due_on__lt=today)),
            soon=Count("id", filter=Q(due_on__gte=today, due_on__lte=horizon)),
        )
        .order_by("org__name")
    )
    total_overdue = total_soon = 0
    for row in rows:
        if row["overdue"]:
            overdue.add_metric([row["org__name"]], row["overdue"])
        if row["soon"]:
            due_soon.add_metric([row["org__name"]], row["soon"])
        total_overdue += row["overdue"]
        total_soon += row["soon"]
    yield overdue
    yield due_soon
    for name, value, text in (
        (
            "gongkai_foi_applications_overdue_total",
            total_overdue,
            "Applications past their deadline, all organisations",
        ),
        ("gongkai_foi_applications_due_soon_total", total_soon, "Applications due soon, all organisations"),
        ("gongkai_foi_applications_open_total", foi.applications_open().count(), "Applications not closed"),
        (
            "gongkai_catalog_items_overdue_total",
            Item.objects.filter(status__in=UNPUBLISHED, due_on__lt=today).count(),
            "Catalog items not published by their statutory deadline (Art. 26)",
        ),
    ):
        gauge = GaugeMetricFamily(name, text)
        gauge.add_metric([], value)
        yield gauge


def backups():
    from gongkai.ops.models import BackupRun

    last = BackupRun.objects.order_by("-finished_at").first()
    when = GaugeMetricFamily(
        "gongkai_backup_last_success_timestamp_seconds", "When the last successful backup finished (0: never)"
    )
    when.add_metric([], last.finished_at.timestamp() if last else 0)
    yield when
    size = GaugeMetricFamily("gongkai_backup_last_size_bytes", "Size of the last successful backup")
    size.add_metric([], last.size_bytes if last else 0)
    yield size


def exposition() -> bytes:
    """The metrics in Prometheus's text format: this process's (or every worker's) counters and the gauges."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
        text = generate_latest(registry)
    else:
        from prometheus_client import REGISTRY

        text = generate_latest(REGISTRY)
    platform = CollectorRegistry()
    platform.register(PlatformCollector())
    return text + generate_latest(platform)
