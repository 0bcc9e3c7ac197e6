"""Demo service catalog of 抚顺市 (政务服务事项目录) and 新抚区's standard disclosure catalogs.

About thirty 业务办理项 of the city's departments, each with the elements of a real guide (legal basis with
articles, legal and promised limits, materials), reviewed and published through the services as the system. Two
guides carry the problems inspectors find: one published without its 办理材料, one without a 咨询电话. 新抚区
keeps standard catalogs for two pilot domains (财政预决算, 义务教育), with its published catalog items tagged to the
entries they fulfil; entries nothing fulfils yet (决算, 部门预算, 招生结果) leave coverage below the number of entries,
as inspections find. A second run changes nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.core.actors import System
from gongkai.orgs.models import Organization
from gongkai.servicecatalog import selectors, services
from gongkai.servicecatalog.models import Domain, ServiceItem

ACTOR = System("演示数据")
HOURS = "工作日上午8:30—11:30，下午13:00—17:00（法定节假日除外）"
PLACE = "抚顺市政务服务中心（抚顺市顺城区新华大街10号）{floor}"
PROCESS = "申请人提交材料—窗口受理—审查—作出决定—制证送达（可邮寄）"
RIGHTS = "申请人有权依法申请行政复议或提起行政诉讼；申请人应对提交材料的真实性负责。"

#: (department, item name, type, basis, legal limit, promised limit, objects, theme, materials, window floor)
ITEMS: list[tuple[str, str, str, str, tuple[int | None, str], tuple[int | None, str], list[str], str, list[str], str]] = [
    ("抚顺市行政审批局", "建设项目环境影响报告书审批", "行政许可",
     "《中华人民共和国环境影响评价法》第二十二条；《建设项目环境保护管理条例》第九条",
     (60, "自然日"), (15, "工作日"), ["企业法人", "事业法人"], "环境保护",
     ["建设项目环境影响报告书审批申请表", "建设项目环境影响报告书（全本）", "删除涉密及商密内容的公示版本"], "二楼B区"),
    ("抚顺市行政审批局", "建设项目环境影响报告表审批", "行政许可",
     "《中华人民共和国环境影响评价法》第二十二条；《建设项目环境保护管理条例》第九条",
     (30, "自然日"), (10, "工作日"), ["企业法人", "事业法人"], "环境保护",
     ["建设项目环境影响报告表审批申请表", "建设项目环境影响报告表"], "二楼B区"),
    ("抚顺市行政审批局", "食品经营许可（新办）", "行政许可",
     "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》第十五条",
     (10, "工作日"), (5, "工作日"), ["企业法人", "其他组织"], "准营准办",
     ["食品经营许可申请书", "营业执照复印件", "与食品经营相适应的主要设备设施布局、操作流程等文件",
      "食品安全自查、从业人员健康管理等食品安全管理制度"], "一楼A区"),
    ("抚顺市行政审批局", "食品经营许可（变更）", "行政许可",
     "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》第二十八条",
     (10, "工作日"), (3, "工作日"), ["企业法人", "其他组织"], "准营准办",
     ["食品经营许可变更申请书", "食品经营许可证正本、副本", "与变更事项有关的材料"], "一楼A区"),
    ("抚顺市行政审批局", "药品零售企业许可", "行政许可",
     "《中华人民共和国药品管理法》第五十一条；《药品经营和使用质量监督管理办法》第十九条",
     (30, "工作日"), (15, "工作日"), ["企业法人"], "准营准办",
     ["药品经营许可证申请表", "质量管理文件及主要设施、设备目录", "执业药师注册证明"], "一楼A区"),
    ("抚顺市行政审批局", "建筑工程施工许可证核发", "行政许可",
     "《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》第二条",
     (7, "工作日"), (3, "工作日"), ["企业法人"], "工程建设",
     ["建筑工程施工许可证申请表", "建设工程规划许可证", "施工合同"], "三楼C区"),
    ("抚顺市行政审批局", "道路旅客运输经营许可", "行政许可",
     "《中华人民共和国道路运输条例》第十条；《道路旅客运输及客运站管理规定》第十四条",
     (20, "自然日"), (10, "工作日"), ["企业法人"], "交通运输",
     ["道路旅客运输经营申请表", "企业章程文本", "拟投入车辆承诺书"], "三楼C区"),
    ("抚顺市民政局", "最低生活保障对象认定", "行政确认",
     "《社会救助暂行办法》第十一条；《辽宁省最低生活保障办法》",
     (30, "工作日"), (20, "工作日"), ["自然人"], "社会救助",
     ["最低生活保障申请书", "家庭成员身份证件", "家庭经济状况核对授权书"], "一楼民政窗口"),
    ("抚顺市民政局", "特困人员认定", "行政确认",
     "《社会救助暂行办法》第十四条；《特困人员认定办法》第十二条",
     (30, "工作日"), (20, "工作日"), ["自然人"], "社会救助",
     ["特困人员救助供养申请书", "本人身份证件", "收入和财产状况授权核对书"], "一楼民政窗口"),
    ("抚顺市民政局", "内地居民婚姻登记", "行政确认",
     "《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》第四条",
     (None, "即办"), (None, "即办"), ["自然人"], "婚姻登记",
     ["本人的居民身份证", "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明"], "婚姻登记处"),
    ("抚顺市民政局", "社会团体成立登记", "行政许可",
     "《社会团体登记管理条例》第三条、第九条",
     (60, "自然日"), (20, "工作日"), ["社会组织法人"], "社会组织",
     ["社会团体成立登记申请书", "业务主管单位批准文件", "验资报告", "章程草案"], "一楼民政窗口"),
    ("抚顺市人力资源和社会保障局", "失业保险金申领", "行政给付",
     "《中华人民共和国社会保险法》第四十五条；《失业保险条例》第十四条",
     (None, "即办"), (None, "即办"), ["自然人"], "就业创业", ["居民身份证"], "四楼人社窗口"),
    ("抚顺市人力资源和社会保障局", "职业技能等级证书查询验证", "公共服务事项",
     "《国家职业资格目录》；《人力资源社会保障部关于改革完善技能人才评价制度的意见》",
     (None, "即办"), (None, "即办"), ["自然人"], "就业创业", ["居民身份证"], "四楼人社窗口"),
    ("抚顺市人力资源和社会保障局", "工伤认定", "行政确认",
     "《工伤保险条例》第十七条、第二十条",
     (60, "自然日"), (30, "自然日"), ["自然人", "企业法人"], "社会保障",
     ["工伤认定申请表", "与用人单位存在劳动关系的证明材料", "医疗诊断证明书"], "四楼人社窗口"),
    ("抚顺市人力资源和社会保障局", "劳务派遣经营许可", "行政许可",
     "《中华人民共和国劳动合同法》第五十七条；《劳务派遣行政许可实施办法》第六条",
     (20, "工作日"), (10, "工作日"), ["企业法人"], "准营准办",
     ["劳务派遣经营许可申请书", "营业执照", "经营场所使用证明"], "四楼人社窗口"),
    ("抚顺市住房和城乡建设局", "商品房预售许可", "行政许可",
     "《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》第七条",
     (10, "工作日"), (5, "工作日"), ["企业法人"], "工程建设",
     ["商品房预售许可申请表", "建设工程施工许可证", "预售方案"], "三楼C区"),
    ("抚顺市住房和城乡建设局", "公共租赁住房资格审核", "公共服务事项",
     "《公共租赁住房管理办法》第七条；《抚顺市公共租赁住房管理办法》",
     (30, "工作日"), (20, "工作日"), ["自然人"], "住房保障",
     ["公共租赁住房申请表", "家庭成员身份证、户口簿", "住房情况证明"], "三楼住建窗口"),
    ("抚顺市卫生健康委员会", "医疗机构执业登记", "行政许可",
     "《医疗机构管理条例》第十五条；《医疗机构管理条例实施细则》第二十五条",
     (45, "自然日"), (20, "工作日"), ["企业法人", "事业法人"], "医疗卫生",
     ["医疗机构执业登记申请书", "医疗机构用房产权证明或使用证明", "医疗机构规章制度"], "二楼卫健窗口"),
    ("抚顺市卫生健康委员会", "出生医学证明首次签发", "公共服务事项",
     "《中华人民共和国母婴保健法》第二十三条；《出生医学证明管理办法》",
     (None, "即办"), (None, "即办"), ["自然人"], "生育收养", ["新生儿父母身份证件", "医疗机构出具的分娩记录"],
     "助产机构"),
    ("抚顺市卫生健康委员会", "护士执业注册", "行政许可",
     "《护士条例》第八条；《护士执业注册管理办法》第十条",
     (20, "工作日"), (10, "工作日"), ["自然人"], "职业资格",
     ["护士执业注册申请审核表", "护士执业资格考试成绩合格证明", "健康体检证明"], "二楼卫健窗口"),
    ("抚顺市市场监督管理局", "特种设备使用登记", "行政许可",
     "《中华人民共和国特种设备安全法》第三十三条；《特种设备使用管理规则》",
     (15, "工作日"), (5, "工作日"), ["企业法人", "事业法人"], "安全生产",
     ["特种设备使用登记表", "特种设备产品合格证", "监督检验证明"], "一楼A区"),
    ("抚顺市市场监督管理局", "对食品生产经营者的行政检查", "行政检查",
     "《中华人民共和国食品安全法》第一百一十条", (None, ""), (None, ""), ["企业法人", "其他组织"],
     "市场监管", [], "一楼A区"),
    ("抚顺市教育局", "教师资格认定", "行政许可",
     "《中华人民共和国教师法》第十三条；《教师资格条例》第十三条",
     (30, "自然日"), (20, "工作日"), ["自然人"], "教育科研",
     ["教师资格认定申请表", "身份证件", "学历证书", "普通话水平测试等级证书", "体检合格证明"], "二楼教育窗口"),
    ("抚顺市教育局", "民办学校设立审批", "行政许可",
     "《中华人民共和国民办教育促进法》第十二条、第十七条",
     (90, "自然日"), (40, "工作日"), ["企业法人", "社会组织法人"], "教育科研",
     ["民办学校设立申请报告", "举办者资格证明", "校舍使用证明", "资产来源证明"], "二楼教育窗口"),
    ("抚顺市交通运输局", "出租汽车驾驶员从业资格证核发", "行政许可",
     "《出租汽车驾驶员从业资格管理规定》第十条", (20, "工作日"), (10, "工作日"), ["自然人"], "交通运输",
     ["从业资格考试合格证明", "机动车驾驶证", "无重大以上交通责任事故记录证明"], "三楼C区"),
    ("抚顺市自然资源局", "不动产首次登记", "行政确认",
     "《不动产登记暂行条例》第二十条；《不动产登记暂行条例实施细则》",
     (30, "工作日"), (5, "工作日"), ["自然人", "企业法人"], "不动产登记",
     ["不动产登记申请书", "申请人身份证明", "不动产权属来源材料"], "不动产登记中心"),
    ("抚顺市自然资源局", "建设用地规划许可证核发", "行政许可",
     "《中华人民共和国城乡规划法》第三十七条、第三十八条",
     (20, "工作日"), (10, "工作日"), ["企业法人"], "工程建设",
     ["建设用地规划许可申请表", "建设项目批准、核准或备案文件", "国有土地使用权出让合同"], "三楼C区"),
    ("抚顺市应急管理局", "危险化学品经营许可", "行政许可",
     "《危险化学品安全管理条例》第三十三条；《危险化学品经营许可证管理办法》",
     (30, "工作日"), (15, "工作日"), ["企业法人"], "安全生产",
     ["危险化学品经营许可证申请书", "安全生产管理制度和岗位操作规程", "主要负责人安全资格证书"], "一楼A区"),
    ("抚顺市应急管理局", "生产安全事故应急预案备案", "其他类别事项",
     "《生产安全事故应急条例》第七条；《生产安全事故应急预案管理办法》第二十六条",
     (20, "工作日"), (5, "工作日"), ["企业法人"], "安全生产",
     ["生产经营单位应急预案备案申报表", "应急预案评审意见", "应急预案电子文档"], "一楼A区"),
    ("抚顺市生态环境局", "排污许可证核发", "行政许可",
     "《排污许可管理条例》第十二条", (20, "工作日"), (10, "工作日"), ["企业法人", "事业法人"], "环境保护",
     ["排污许可证申请表", "自行监测方案", "守法承诺书"], "二楼B区"),
]  # fmt: skip
#: The guides published with a problem an inspector would find.
NO_PHONE = "排污许可证核发"

TYPES = {
    "行政许可": "01",
    "行政确认": "07",
    "行政给付": "05",
    "行政检查": "06",
    "其他类别事项": "10",
    "公共服务事项": "20",
}
UNITS = {"工作日": "workday", "自然日": "natural", "即办": "immediate", "": ""}
PHONES = {"抚顺市行政审批局": "024-57528100", "抚顺市民政局": "024-57521836", "抚顺市人力资源和社会保障局": "024-52403210",
          "抚顺市住房和城乡建设局": "024-57500912", "抚顺市卫生健康委员会": "024-52618205",
          "抚顺市市场监督管理局": "024-57523315", "抚顺市教育局": "024-57541502", "抚顺市交通运输局": "024-52641230",
          "抚顺市自然资源局": "024-57529066", "抚顺市应急管理局": "024-57502345", "抚顺市生态环境局": "024-52432510"}  # fmt: skip


def _guide(dept: str, row: tuple) -> dict:
    _dept, name, kind, basis, legal, promised, objects, theme, _materials, floor = row
    immediate = promised[1] == "即办"
    inspection = kind == "行政检查"
    natural = "自然人" in objects
    return {
        "basis": basis, "content": f"{name}的受理、审查和决定。",
        "conditions": "" if inspection else f"符合{basis.split('；')[0]}规定条件的申请人。",
        "process": "检查计划—实施检查—制作检查记录—处理" if inspection else ("当场受理、当场办结" if immediate else PROCESS),
        "agency": dept, "place": PLACE.format(floor=floor), "hours": HOURS,
        "phone": "" if name == NO_PHONE else PHONES[dept], "supervision_phone": "12345",
        "consult": "窗口咨询、电话咨询、辽宁政务服务网在线咨询", "rights": RIGHTS,
        "legal_limit": legal[0], "legal_unit": UNITS[legal[1]], "legal_note": "" if legal[1] else "无法定时限",
        "promised_limit": promised[0], "promised_unit": UNITS[promised[1]],
        "promised_note": "不含专家评审、听证、公示时间" if kind == "行政许可" and not immediate else "",
        "subject_nature": "法定机关", "handling_type": "即办件" if immediate else ("其他" if inspection else "承诺件"),
        "service_objects": objects, "handling_forms": ["窗口办理"] if inspection else ["窗口办理", "电脑端网上办理"],
        "theme_natural": theme if natural else "", "theme_legal": "" if natural else theme,
        "result_name": "" if inspection else f"{name.split('（')[0]}决定文书", "charged": False,
        "online": not inspection, "online_url": "" if inspection else "https://www.lnzwfw.gov.cn/",
        "appointment": True, "express": not inspection, "visits": 0 if immediate else 1,
        "delivery": "窗口领取或邮寄送达",
    }  # fmt: skip


def _load_items(city: Organization) -> int:
    orgs = {o.name: o for o in Organization.objects.filter(path__startswith=city.path)}
    serial: dict[str, int] = {}
    for row in ITEMS:
        dept = orgs[row[0]]
        type_code = TYPES[row[2]]
        serial[type_code] = serial.get(type_code, 0) + 1
        basic_code = f"{type_code}{21040000 + serial[type_code]:08d}"
        implementation = f"{dept.credit_code}{basic_code}"
        version = services.item_create(
            actor=ACTOR, org=dept, basic_code=basic_code, item_type=row[2], implementation_code=implementation,
            handling_code=f"{implementation}001", name=row[1], level="市级", guide=_guide(row[0], row),
        )  # fmt: skip
        for sort, material in enumerate(row[8], start=1):
            services.material_add(
                actor=ACTOR, version=version,
                data={"name": material, "sort": sort, "originals": 1, "copies": 0 if sort == 1 else 1,
                      "issuer": "申请人" if sort == 1 else "相关部门", "form": "纸质/电子"},
            )  # fmt: skip
        services.guide_submit(actor=ACTOR, version=version, confirm_incomplete=True)
        services.guide_review(actor=ACTOR, version=version, conclusion="approve", basis="要素齐全，同意公开。",
                              confirm_incomplete=True)  # fmt: skip
    return len(ITEMS)


COUNTY = "新抚区人民政府"
CHANNELS_WEB = ["政府网站", "两微一端", "政务服务中心"]
#: (domain, code, 一级, 二级, content, basis, trigger, limit (working days), limit text, subject, title has, has not)
ENTRIES = [
    ("财政预决算", "0101", "财政预决算", "政府预算", "经本级人民代表大会批准的政府预算、预算调整及报表、说明",
     "《中华人民共和国预算法》第十四条；《地方预决算公开操作规程》（财预〔2016〕143号）", "formed", 20,
     "批准后20日内", "区财政局", "预算公开", "部门"),
    ("财政预决算", "0102", "财政预决算", "政府决算", "经本级人民代表大会常务委员会批准的政府决算及报表、说明",
     "《中华人民共和国预算法》第十四条", "formed", 20, "批准后20日内", "区财政局", "决算公开", "部门"),
    ("财政预决算", "0103", "财政预决算", "部门预算", "部门预算、“三公”经费预算及说明",
     "《中华人民共和国预算法》第十四条；《地方预决算公开操作规程》", "formed", 20, "批复后20日内", "各预算部门",
     "部门预算", ""),
    ("义务教育", "0201", "招生入学", "招生政策", "义务教育学校招生入学工作方案、划片范围、报名时间和方式",
     "《中华人民共和国义务教育法》第十二条；《教育部关于做好普通中小学招生入学工作的通知》", "formed", 20,
     "信息形成（变更）之日起20个工作日内", "区教育局", "招生入学工作方案", "政策解读"),
    ("义务教育", "0202", "招生入学", "政策解读", "招生入学政策的解读材料",
     "《国务院办公厅关于全面推进政务公开工作的意见》实施细则（国办发〔2016〕80号）", "formed", 3,
     "政策文件公开后3个工作日内", "区教育局", "招生入学工作方案》政策解读", ""),
    ("义务教育", "0203", "招生入学", "招生结果", "各学校招生计划、录取结果（不含个人信息）",
     "《教育部关于做好普通中小学招生入学工作的通知》", "realtime", None, "实时公开", "区教育局、各学校",
     "录取结果", ""),
]  # fmt: skip


def _load_standard(city: Organization) -> tuple[int, int]:
    county = Organization.objects.get(name=COUNTY, path__startswith=city.path)
    year = timezone.localdate().year
    catalogs = {}
    for name in ("财政预决算", "义务教育"):
        catalogs[name] = services.standard_catalog_create(
            actor=ACTOR, org=county, domain=Domain.objects.get(name=name), year=year
        )
    published = (
        Item.objects.published().filter(org__path__startswith=county.path).order_by("published_at", "pk")
    )
    links = 0
    for domain, code, level1, level2, content, basis, trigger, limit, text, subject, has, has_not in ENTRIES:
        entry = services.entry_create(
            actor=ACTOR, catalog=catalogs[domain],
            data={"code": code, "level1": level1, "level2": level2, "content": content, "basis": basis,
                  "trigger": trigger, "limit": limit, "limit_unit": ("workday" if "工作日" in text else "natural") if limit else "", "limit_text": text,
                  "subject": subject, "channels": CHANNELS_WEB, "audience": "public", "manner": "proactive",
                  "level_county": True, "level_township": False},
        )  # fmt: skip
        for item in published:
            if has in item.title and not (has_not and has_not in item.title):
                services.entry_tag(actor=ACTOR, entry=entry, item=item)
                links += 1
    for catalog in catalogs.values():
        services.standard_catalog_publish(actor=ACTOR, catalog=catalog)
    return len(ENTRIES), links


def load(city: Organization) -> str:
    if ServiceItem.objects.filter(org__path__startswith=city.path).exists():
        return f"已存在（{ServiceItem.objects.filter(org__path__startswith=city.path).count()} 项），未改动"
    with transaction.atomic():
        count = _load_items(city)
        entries, links = _load_standard(city)
        county = Organization.objects.get(name=COUNTY, path__startswith=city.path)
        coverage = selectors.coverage_by_org([county]).get(county.pk)
        incomplete = len(selectors.incomplete_guides(Organization.objects.filter(path__startswith=city.path)))
    covered = coverage.covered if coverage else 0
    return (
        f"政务服务事项 {count} 项已公开（要素不全 {incomplete} 项）；"
        f"新抚区标准目录 2 个领域 {entries} 个事项，关联信息 {links} 条，按时公开覆盖 {covered} 项"
    )
