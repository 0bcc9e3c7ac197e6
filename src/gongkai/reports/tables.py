"""The official table layouts (国办公开办函〔2021〕30号), built from the report dict.

A layout is rows of cells with rowspan/colspan, header flags and scopes: the HTML template, the DOCX and the
XLSX writers all draw the same layout, so the three look alike and none of them computes a figure. To add a
table: write its figures in `reports.builder`, its layout function here, and list it in `LAYOUTS`
(docs/recipes/add-a-report-table.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.reports.checks import COLUMN_LABELS

OUTCOME_LAYOUT = [
    # (group label, [(code, sub label)]); a group with one code and no sub label spans two columns.
    ("（一）予以公开", [("granted", "")]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partial", "")]),
    (
        "（三）不予公开",
        [
            ("refused.state_secret", "1.属于国家秘密"),
            ("refused.law_forbids", "2.其他法律行政法规禁止公开"),
            ("refused.security_stability", "3.危及“三安全一稳定”"),
            ("refused.third_party", "4.保护第三方合法权益"),
            ("refused.internal_affairs", "5.属于三类内部事务信息"),
            ("refused.process_info", "6.属于四类过程性信息"),
            ("refused.enforcement_file", "7.属于行政执法案卷"),
            ("refused.query_matter", "8.属于行政查询事项"),
        ],
    ),
    (
        "（四）无法提供",
        [
            ("unavailable.not_held", "1.本机关不掌握相关政府信息"),
            ("unavailable.needs_compiling", "2.没有现成信息需要另行制作"),
            ("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确"),
        ],
    ),
    (
        "（五）不予处理",
        [
            ("not_handled.petition", "1.信访举报投诉类申请"),
            ("not_handled.repeated", "2.重复申请"),
            ("not_handled.publication", "3.要求提供公开出版物"),
            ("not_handled.excessive", "4.无正当理由大量反复申请"),
            ("not_handled.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
        ],
    ),
    (
        "（六）其他处理",
        [
            ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("other.no_payment", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other.other", "3.其他"),
        ],
    ),
    ("（七）总计", [("outcome_total", "")]),
]
T3_APPLICANT_COLUMNS = [
    "natural",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other",
    "total",
]


@dataclass
class Cell:
    text: str = ""
    value: int | float | None = None
    header: bool = False
    scope: str = ""  # col / row / colgroup / rowgroup
    rowspan: int = 1
    colspan: int = 1
    ref: str = ""  # figure reference for the drill-down
    decimals: int = 0
    align: str = ""  # "center" for group headings
    url: str = ""  # set by staff views (reports.tables.link_cells): the records behind the number

    @property
    def is_number(self) -> bool:
        return self.value is not None

    @property
    def display(self) -> str:
        if self.value is None:
            return self.text
        if self.decimals:
            return f"{self.value:.{self.decimals}f}"
        return str(self.value)


@dataclass
class Layout:
    key: str
    title: str  # the part heading, e.g. 二、主动公开政府信息情况
    caption: str
    ncols: int
    head: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)
    note: str = ""
    widths: list[float] = field(default_factory=list)  # relative column widths (DOCX/XLSX)

    def grid(self) -> list[tuple[int, int, Cell]]:
        """(row, column, cell) of every cell, resolving rowspans and colspans like a browser does."""
        taken: set[tuple[int, int]] = set()
        out = []
        for r, row in enumerate(self.head + self.body):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return out

    @property
    def nrows(self) -> int:
        return len(self.head) + len(self.body)


def _h(text, **kw) -> Cell:
    return Cell(text=text, header=True, **kw)


def _v(value, ref="", **kw) -> Cell:
    return Cell(value=value, ref=ref, **kw)


def table2(report: dict) -> Layout:
    t2 = report["table2"]
    lay = Layout(
        "table2",
        "二、主动公开政府信息情况",
        "主动公开政府信息情况",
        4,
        widths=[3, 2, 2, 2],
    )
    lay.body = [
        [_h("第二十条第（一）项", colspan=4, scope="colgroup", align="center")],
        [
            _h("信息内容", scope="col"),
            _h("本年制发件数", scope="col"),
            _h("本年废止件数", scope="col"),
            _h("现行有效件数", scope="col"),
        ],
    ]
    for kind, label in (("rule", "规章"), ("normative", "行政规范性文件")):
        row = t2[kind]
        lay.body.append(
            [_h(label, scope="row")]
            + [_v(row[k], f"t2.{kind}.{k}") for k in ("issued", "repealed", "in_force")]
        )
    lay.body += [
        [_h("第二十条第（五）项", colspan=4, scope="colgroup", align="center")],
        [_h("信息内容", scope="col"), _h("本年处理决定数量", colspan=3, scope="col")],
        [_h("行政许可", scope="row"), _v(t2["licensing"], "t2.licensing", colspan=3)],
        [_h("第二十条第（六）项", colspan=4, scope="colgroup", align="center")],
        [_h("信息内容", scope="col"), _h("本年处理决定数量", colspan=3, scope="col")],
        [_h("行政处罚", scope="row"), _v(t2["penalty"], "t2.penalty", colspan=3)],
        [_h("行政强制", scope="row"), _v(t2["coercion"], "t2.coercion", colspan=3)],
        [_h("第二十条第（八）项", colspan=4, scope="colgroup", align="center")],
        [_h("信息内容", scope="col"), _h("本年收费金额（单位：万元）", colspan=3, scope="col")],
        [_h("行政事业性收费", scope="row"), _v(t2["fees_wan"], "t2.fees", colspan=3, decimals=4)],
    ]
    return lay


def table3(report: dict, rows_key: str = "table3", *, period: bool = False) -> Layout:
    rows = report[rows_key]["rows"] if rows_key in report else report["rows"]
    first = "一、本期新收政府信息公开申请数量" if period else "一、本年新收政府信息公开申请数量"
    second = "二、上期结转政府信息公开申请数量" if period else "二、上年结转政府信息公开申请数量"
    third = "三、本期办理结果" if period else "三、本年度办理结果"
    fourth = "四、结转下期继续办理" if period else "四、结转下年度继续办理"
    lay = Layout(
        "table3",
        "三、收到和处理政府信息公开申请情况",
        "收到和处理政府信息公开申请情况",
        10,
        widths=[2.2, 1.6, 5.2, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1],
    )
    lay.head = [
        [
            _h(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                colspan=3,
                rowspan=3,
                scope="col",
            ),
            _h("申请人情况", colspan=7, scope="colgroup", align="center"),
        ],
        [
            _h("自然人", rowspan=2, scope="col", align="center"),
            _h("法人或其他组织", colspan=5, scope="colgroup", align="center"),
            _h("总计", rowspan=2, scope="col", align="center"),
        ],
        [_h(COLUMN_LABELS[c], scope="col", align="center") for c in T3_APPLICANT_COLUMNS[1:6]],
    ]

    def values(key: str) -> list[Cell]:
        return [_v(rows[key][c], f"t3.{key}.{c}") for c in T3_APPLICANT_COLUMNS]

    lay.body.append([_h(first, colspan=3, scope="row"), *values("received")])
    lay.body.append([_h(second, colspan=3, scope="row"), *values("carried_in")])
    n_outcome_rows = sum(len(codes) for _, codes in OUTCOME_LAYOUT)
    first_row = True
    for group, codes in OUTCOME_LAYOUT:
        for i, (code, sub) in enumerate(codes):
            row: list[Cell] = []
            if first_row:
                row.append(_h(third, rowspan=n_outcome_rows, scope="rowgroup"))
                first_row = False
            if not sub:
                row.append(_h(group, colspan=2, scope="row"))
            else:
                if i == 0:
                    row.append(_h(group, rowspan=len(codes), scope="rowgroup"))
                row.append(_h(sub, scope="row"))
            row += values(code)
            lay.body.append(row)
    lay.body.append([_h(fourth, colspan=3, scope="row"), *values("carried_out")])
    return lay


def table4(report: dict) -> Layout:
    t4 = report["table4"]
    results = [
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
        ("total", "总计"),
    ]
    lay = Layout(
        "table4",
        "四、政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议、行政诉讼情况",
        15,
        widths=[1] * 15,
    )
    lay.head = [
        [
            _h("行政复议", colspan=5, scope="colgroup", align="center"),
            _h("行政诉讼", colspan=10, scope="colgroup", align="center"),
        ],
        [
            *[_h(label, rowspan=2, scope="col", align="center") for _, label in results],
            _h("未经复议直接起诉", colspan=5, scope="colgroup", align="center"),
            _h("复议后起诉", colspan=5, scope="colgroup", align="center"),
        ],
        [_h(label, scope="col", align="center") for _ in range(2) for _, label in results],
    ]
    lay.body = [
        [
            _v(t4[kind][key], f"t4.{kind}.{key}")
            for kind in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
            for key, _ in results
        ]
    ]
    return lay


def _list_table(
    key: str, title: str, caption: str, header: list[str], rows: list[list], refs: list[list[str]]
) -> Layout:
    lay = Layout(key, title, caption, len(header), widths=[4] + [1.5] * (len(header) - 1))
    lay.head = [[_h(h, scope="col") for h in header]]
    for values, row_refs in zip(rows, refs, strict=True):
        row = [_h(str(values[0]), scope="row")]
        row += [_v(v, r) for v, r in zip(values[1:], row_refs, strict=True)]
        lay.body.append(row)
    return lay


def proactive_tables(report: dict) -> list[Layout]:
    """The part-二 statistics behind the overview (not part of the statutory tables)."""
    p = report["proactive"]
    out = []
    seg_rows = [[s["label"], s["total"], s["normative"], s["other"], s["late"]] for s in p["segments"]]
    seg_refs = [
        [f"items.segment.{s['key']}{v}" for v in ("", ":normative", ":other", ":late")] for s in p["segments"]
    ]
    if p.get("lower"):
        lw = p["lower"]
        seg_rows.insert(1, [f"{lw['label']}（合计）", lw["total"], lw["normative"], lw["other"], lw["late"]])
        seg_refs.insert(1, [f"items.lower{v}" for v in ("", ":normative", ":other", ":late")])
    seg_rows.append(["合计", p["total"], p["normative"], p["other"], p["late"]])
    seg_refs.append(["items.total", "items.normative", "items.other", "items.late"])
    out.append(
        _list_table("proactive_segments", "主动公开政府信息数量", "主动公开政府信息数量（按统计范围）",
                    ["范围", "主动公开信息（条）", "其中：规范性文件（件）", "其他信息（条）", "超期公开（条）"], seg_rows, seg_refs)
    )  # fmt: skip
    for key, label, unit in (
        ("by_topic", "主题分类", "条"),
        ("by_statutory_class", "法定公开类别", "条"),
        ("by_focus_area", "重点领域", "条"),
        ("by_channel", "发布渠道", "条"),
    ):
        entries = p[key]
        if not entries:
            continue
        prefix = {
            "by_topic": "items.topic",
            "by_statutory_class": "items.class",
            "by_focus_area": "items.focus",
            "by_channel": "channel",
        }[key]
        out.append(
            _list_table(f"proactive_{key}", f"按{label}统计", f"主动公开政府信息（按{label}）", [label, f"数量（{unit}）"],
                        [[e["label"], e["count"]] for e in entries], [[f"{prefix}.{e['key']}"] for e in entries])
        )  # fmt: skip
    return out


STATUTORY_LAYOUTS = [table2, table3, table4]


def statutory_tables(report: dict) -> list[Layout]:
    return [f(report) for f in STATUTORY_LAYOUTS]


def period_summary(report: dict) -> Layout:
    """One row per month or quarter: the flow of applications and the proactive figures."""
    header = [
        "期间",
        "本期新收",
        "上期结转",
        "予以公开",
        "部分公开",
        "其他办理结果",
        "办结合计",
        "结转下期",
        "主动公开",
        "其中规范性文件",
        "超期公开",
    ]
    lay = Layout(
        "period_summary", "分期汇总", f"{report['title']}（汇总）", len(header), widths=[1.6] + [1] * 10
    )
    lay.head = [[_h(h, scope="col", align="center") for h in header]]
    for p in report["periods"]:
        r = p["table3"]["rows"]
        closed = r["outcome_total"]["total"]
        others = closed - r["granted"]["total"] - r["partial"]["total"]
        pr = p["proactive"]
        values = (r["received"]["total"], r["carried_in"]["total"], r["granted"]["total"], r["partial"]["total"],
                  others, closed, r["carried_out"]["total"], pr["total"], pr["normative"], pr["late"])  # fmt: skip
        refs = ("t3.received.total", "t3.carried_in.total", "t3.granted.total", "t3.partial.total", "",
                "t3.outcome_total.total", "t3.carried_out.total", "items.total", "items.normative", "items.late")  # fmt: skip
        lay.body.append(
            [_h(p["label"], scope="row")]
            + [
                _v(x, f"{p['start']}~{p['end']}~{ref}" if ref else "")
                for x, ref in zip(values, refs, strict=True)
            ]
        )
    return lay


def link_cells(layouts: list[Layout], url_for) -> list[Layout]:
    """Give every referenced number the URL of its records (`url_for(ref)`), for staff views."""
    for lay in layouts:
        for row in lay.head + lay.body:
            for cell in row:
                if cell.ref and cell.is_number:
                    cell.url = url_for(cell.ref)
    return layouts
