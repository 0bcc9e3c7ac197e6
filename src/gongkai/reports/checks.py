"""The checks of docs/legal.md, "The annual report" on table 3 (and the sums of table 4), run on the report dict.

Each check returns a dict {code, title, passed, note, failures}; a failure names the row and column that
disagree, the two numbers, and `records`: the figure reference of the records that explain it (see
`reports.selectors.records_for`), so staff see the offending applications, not just a red mark.
A report is published only when every check passes (`reports.services.annual_report_approve`).
"""

from __future__ import annotations

from gongkai.reports import selectors
from gongkai.reports.selectors import APPLICANT_TYPES, REMEDY_KINDS, REMEDY_RESULTS

ROW_LABELS = {
    "received": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    "outcome_total": "三、（七）总计",
    "carried_out": "四、结转下年度继续办理",
}
COLUMN_LABELS = {
    "natural": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_services": "法律服务机构",
    "other": "其他",
    "total": "总计",
    "count": "笔数",
}
REMEDY_LABELS = {
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_reconsideration": "行政诉讼（复议后起诉）",
}


def row_label(key: str) -> str:
    if key == "fees":
        return "六、收取的信息处理费"
    if key in ROW_LABELS:
        return ROW_LABELS[key]
    from gongkai.foi.models import Outcome

    return "三、" + str(dict(Outcome.choices).get(key, key))


def _failure(row: str, column: str, expected: int, actual: int, message: str, records: str) -> dict:
    return {
        "row": row,
        "column": column,
        "row_label": row_label(row) if not row.startswith("t4.") else REMEDY_LABELS[row[3:]],
        "column_label": COLUMN_LABELS.get(column, column),
        "expected": expected,
        "actual": actual,
        "message": message,
        "records": records,
    }


def run(report: dict, previous_snapshot: dict | None) -> list[dict]:
    rows = report["table3"]["rows"]
    outcome_rows = selectors.outcome_codes()
    results = []

    # 1. Every row: 总计 = the sum of the six applicant columns.
    failures = []
    for key, row in rows.items():
        parts = sum(row[t] for t in APPLICANT_TYPES)
        if row["total"] != parts:
            failures.append(
                _failure(key, "total", parts, row["total"],
                         f"总计为{row['total']}，六类申请人之和为{parts}：有申请的申请人类型不在六类之内。",
                         "check.bad_applicant_type")
            )  # fmt: skip
    results.append(_result("row_totals", "每一行：总计等于六类申请人之和", failures))

    # 2. Every column: 一 + 二 = 三（七） + 四.
    failures = []
    for col in [*APPLICANT_TYPES, "total"]:
        left = rows["received"][col] + rows["carried_in"][col]
        right = rows["outcome_total"][col] + rows["carried_out"][col]
        if left != right:
            failures.append(
                _failure("outcome_total", col, left, right,
                         f"新收{rows['received'][col]}＋上年结转{rows['carried_in'][col]}＝{left}，"
                         f"而办结{rows['outcome_total'][col]}＋结转下年{rows['carried_out'][col]}＝{right}：有申请的办结日期早于收到日期或缺少收到日期。",
                         "check.closed_before_received")
            )  # fmt: skip
    results.append(
        _result("column_balance", "每一列：第一项加第二项之和等于第三项（七）加第四项之和", failures)
    )

    # 3. （七）总计 = the sum of the outcome rows above it.
    failures = []
    for col in [*APPLICANT_TYPES, "total"]:
        parts = sum(rows[code][col] for code in outcome_rows)
        if rows["outcome_total"][col] != parts:
            failures.append(
                _failure("outcome_total", col, parts, rows["outcome_total"][col],
                         f"本年办结{rows['outcome_total'][col]}件，各办理结果之和为{parts}件：有已办结的申请没有办理结果。",
                         "check.outcome_missing")
            )  # fmt: skip
    results.append(_result("outcome_total", "（七）总计等于各项办理结果之和", failures))

    # 4. This year's 二 = last year's 四.
    failures = []
    note = ""
    if previous_snapshot is None:
        note = "上年度报告尚未发布：上年结转按申请记录计算，与上年末未办结数一致。"
    else:
        before = previous_snapshot["table3"]["rows"]["carried_out"]
        for col in [*APPLICANT_TYPES, "total"]:
            if rows["carried_in"][col] != before.get(col, 0):
                failures.append(
                    _failure("carried_in", col, before.get(col, 0), rows["carried_in"][col],
                             f"上年度已发布报告的“结转下年度继续办理”为{before.get(col, 0)}件，本年“上年结转”为"
                             f"{rows['carried_in'][col]}件：上年的申请记录在报告发布后被修改。",
                             "check.carried_in")
                )  # fmt: skip
    results.append(_result("carry_over", "本年“上年结转”等于上年度报告“结转下年度继续办理”", failures, note))

    # 5. The applicant's category is the one recorded at the time of application: one of the six.
    failures = []
    for key in ("received", "carried_in", "outcome_total", "carried_out"):
        row = rows[key]
        unknown = row["total"] - sum(row[t] for t in APPLICANT_TYPES)
        if unknown:
            failures.append(
                _failure(key, "total", 0, unknown, f"有{unknown}件申请没有有效的申请人类型（申请时的类别）。",
                         "check.bad_applicant_type")
            )  # fmt: skip
    results.append(_result("applicant_type", "申请人类别为申请时的类别，且属于六类之一", failures))

    # Table 4: each 总计 = 维持 + 纠正 + 其他结果 + 尚未审结.
    failures = []
    for kind in REMEDY_KINDS:
        row = report["table4"][kind]
        parts = sum(row[r] for r in REMEDY_RESULTS)
        if row["total"] != parts:
            failures.append(
                _failure(f"t4.{kind}", "total", parts, row["total"], "总计不等于维持、纠正、其他结果、尚未审结之和。",
                         f"t4.{kind}.total")
            )  # fmt: skip
    results.append(
        _result("table4_totals", "表四：每项总计等于结果维持、结果纠正、其他结果、尚未审结之和", failures)
    )

    # Part 六: the fees collected are the fiscal bills issued for them (one receipt number per payment).
    failures = []
    missing = report.get("fees_collected", {}).get("without_receipt", 0)
    if missing:
        failures.append(
            _failure("fees", "count", 0, missing, f"有{missing}笔已缴费用没有登记财政票据号码，收费金额无法与票据核对。",
                     "check.fee_without_receipt")
        )  # fmt: skip
    results.append(_result("fee_receipts", "第六部分：收取的信息处理费均有财政票据号码", failures))
    return results


def _result(code: str, title: str, failures: list[dict], note: str = "") -> dict:
    return {"code": code, "title": title, "passed": not failures, "note": note, "failures": failures}


def all_passed(report: dict) -> bool:
    return all(c["passed"] for c in report.get("checks", []))
