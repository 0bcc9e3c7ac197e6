"""Reads for reports, one module per concern; the names are re-exported here (`selectors.records_for`).

- `figures`: the counts behind the annual report tables (one Q per figure, GROUP BY queries);
- `drilldown`: the records behind a figure (the same Q as its count);
- `sql`: raw SQL under the ORM (compiled WHERE clauses, SQLite index hints, cursor reads);
- `lookups`: annual reports under access control (the staff's, the published ones, the ones due).
"""

from gongkai.reports.selectors.drilldown import (
    UnknownFigure,
    records_for,
)
from gongkai.reports.selectors.figures import (
    APPLICANT_TYPES,
    NORMATIVE_KINDS,
    REMEDY_KINDS,
    REMEDY_RESULTS,
    AppCounts,
    application_carried,
    application_counts,
    application_periods,
    applications_due,
    by_class_from_groups,
    by_org_from_groups,
    by_topic_from_groups,
    evaluations_by_org,
    fees_collected,
    item_groups,
    items_by_focus_area,
    items_by_org,
    items_by_period,
    normative_registry,
    office_figures_total,
    outcome_codes,
    publications_by_channel,
    q_carried_in,
    q_carried_out,
    q_closed,
    q_fee_collected,
    q_in_force,
    q_issued,
    q_published_in,
    q_received,
    q_remedy_filed,
    q_remedy_result,
    q_repealed,
    remedy_counts,
)
from gongkai.reports.selectors.lookups import (
    deadline_for,
    get_published_report,
    get_report_for_staff,
    previous_published,
    published_reports,
    report_duty_orgs,
    reported_years,
    reports_due,
    reports_for_staff,
    statistics_governments,
)
