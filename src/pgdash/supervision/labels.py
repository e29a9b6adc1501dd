"""The 督办 page's words in Chinese (default) and English: ``t("key", lang, **values)``.

Kept apart from the app's label table but looked up the same way (:class:`pgdash.labels.Labels`,
which ``display.i18n`` uses too); the names of statuses, lights and fields are used by
the page, the Excel sheet and the command line alike.
"""

from typing import Protocol

from pgdash.labels import Labels

LABELS: dict[str, tuple[str, str]] = {
    "page": ("督办", "Supervision"),
    "title": ("重点任务督办台账", "Task supervision ledger"),
    "sub": (
        "政府工作报告任务的牵头单位、完成时限、进度与序时进度对照；红灯和逾期任务排在最前",
        "Lead units, deadlines and progress of the work report's tasks against the expected "
        "pace; red and overdue tasks first",
    ),
    "as_of": ("截至日期", "As of"),
    "as_of_help": (
        "序时进度按此日期计算（默认今天，北京时间）",
        "The expected pace is computed for this day (default: today, Beijing time)",
    ),
    "filter_lead": ("牵头单位", "Lead unit"),
    "filter_light": ("亮灯", "Light"),
    "filter_all": ("全部", "All"),
    "no_lead": ("（未填写）", "(not set)"),
    "kv": ("{k}：{v}", "{k}: {v}"),
    "counts": ("亮灯统计", "Lights"),
    "counts_by_sector": ("按板块", "By sector"),
    "counts_by_lead": ("按牵头单位", "By lead unit"),
    "counts_by_status": ("按状态", "By status"),
    "total": ("合计", "Total"),
    "n_tasks": ("{n} 项任务", "{n} tasks"),
    "red_list": ("红灯与逾期任务", "Red and overdue tasks"),
    "red_none": ("当前没有红灯或逾期任务。", "No red or overdue task."),
    "all_tasks": ("全部任务（{n}）", "All tasks ({n})"),
    "no_tasks": ("没有符合筛选条件的任务。", "No task matches the filters."),
    "overdue": ("已逾期", "Overdue"),
    "pace_line": (
        "进度 {progress}% · 序时进度 {pace}% · {gap}",
        "Progress {progress}% · expected {pace}% · {gap}",
    ),
    "behind_by": ("落后 {n} 个百分点", "{n} points behind"),
    "ahead_by": ("超前 {n} 个百分点", "{n} points ahead"),
    "on_pace": ("达到序时进度", "on pace"),
    "no_pace": ("未设完成时限，无法计算序时进度", "No deadline: no expected pace"),
    "target": ("量化目标", "Target"),
    "text_changed": (
        "任务表述已于 {when} 随数据重建而变化，原表述见变更记录",
        "The task's wording changed in the rebuild of {when}; the old wording is in the history",
    ),
    "not_in_plan": (
        "该任务已不在当前工作计划中，台账记录予以保留",
        "This task is no longer in the plan; its record is kept",
    ),
    "updated": ("{who} 更新于 {when}", "Updated by {who} on {when}"),
    "never_updated": ("尚未填报", "Not reported yet"),
    "not_reported": ("未填报", "Not reported"),
    "reported": ("已填报", "Reported"),
    "n_reported": (
        "{n} 项任务，已填报 {reported} 项，未填报 {missing} 项",
        "{n} tasks: {reported} reported, {missing} not reported",
    ),
    "not_reported_line": (
        "尚未填报进度，序时进度无从对照",
        "No progress reported yet: nothing to compare with the expected pace",
    ),
    "record": ("台账记录", "Record"),
    "history": ("变更记录", "History"),
    "history_none": ("暂无变更记录。", "No changes yet."),
    "notes": ("进展情况", "Progress notes"),
    "notes_none": ("暂无进展情况。", "No progress notes yet."),
    "edit": ("编辑", "Edit"),
    "save": ("保存", "Save"),
    "saved": ("已保存。", "Saved."),
    "unchanged": ("没有改动。", "Nothing changed."),
    "note_new": ("新增进展情况", "New progress note"),
    "note_date": ("日期", "Date"),
    "add_note": ("添加进展", "Add the note"),
    "note_added": ("已添加进展情况。", "Note added."),
    "conflict": (
        "未保存：该任务已由 {who} 于 {when} 修改。您填写的内容仍保留在表单中；"
        "请核对上方最新记录，点击“载入最新”后重新填写并保存。",
        "Not saved: {who} changed this task on {when}. Your entries are still in the form; "
        "check the current record above, press “Load latest” and enter them again.",
    ),
    "reload": ("载入最新", "Load latest"),
    "your_entries": ("您未保存的内容", "Your unsaved entries"),
    "db_problem": ("督办台账暂时无法使用", "The supervision ledger cannot be used"),
    "db_problem_body": (
        "其他页面不受影响。原因与处理办法：",
        "The other pages are not affected. What is wrong and how to fix it:",
    ),
    "choose_task": ("查看任务", "Task"),
    "choose_task_help": (
        "在表格中点选一行，或在此输入编号、关键词",
        "Select a row in the table, or type an id or a word here",
    ),
    "col_pace": ("序时进度(%)", "Expected (%)"),
    "left_plan": ("已移出计划", "left the plan"),
    "left_plan_n": (
        "已不在计划中的任务记录：{n} 条（保留在台账中）",
        "Records of tasks no longer in the plan: {n} (kept)",
    ),
    "detail": ("任务与记录", "Tasks and records"),
    "read_only": (
        "浏览模式：登录编辑账号后可修改台账。",
        "Read-only: sign in as an editor to change the ledger.",
    ),
    # sign-in
    "sign_in": ("登录", "Sign in"),
    "sign_in_help": (
        "浏览无需登录；编辑台账请使用督办账号登录。",
        "Reading needs no account; editors and admins sign in to change the ledger.",
    ),
    "sign_in_required": ("请先登录。", "Please sign in."),
    "user_name": ("用户名", "User name"),
    "password": ("密码", "Password"),
    "signed_in_as": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "sign_out": ("退出登录", "Sign out"),
    "session_expired": (
        "登录已失效（已过期，或已在其他页面退出登录），请重新登录。",
        "Your sign-in has ended (it expired, or you signed out elsewhere); sign in again.",
    ),
    "wrong_password": ("用户名或密码错误。", "Wrong user name or password."),
    "wait_seconds": (
        "登录失败次数过多，请 {n} 秒后再试。",
        "Too many failed sign-ins; wait {n} s and try again.",
    ),
    "wait_minutes": (
        "登录失败次数过多，请 {n} 分钟后再试。",
        "Too many failed sign-ins; wait {n} min and try again.",
    ),
    "sign_in_again_to_save": (
        "登录已失效，本次修改尚未保存：请点页面上方的“登录”重新登录后再保存，"
        "已填写的内容仍保留在表单中。",
        "Your sign-in has ended and the change is not saved yet: sign in again (Sign in, "
        "top of the page), then save; what you entered is still in the form.",
    ),
    "role_viewer": ("浏览", "viewer"),
    "role_editor": ("编辑", "editor"),
    "role_admin": ("管理员", "admin"),
    # 填报: units report, the 督查室 reviews
    "role_reporter": ("填报单位", "unit reporter"),
    "account_unit": ("所属单位（填报单位必填）", "Unit (required for a unit reporter)"),
    "col_unit": ("单位", "Unit"),
    "col_remarks": ("备注", "Remarks"),
    "col_report": ("填报", "Report"),
    "via_report": ("单位填报", "unit report"),
    "round": ("填报轮次", "Reporting round"),
    "round_line": (
        "本轮：{label}，{due} 截止填报",
        "This round: {label}, reports due {due}",
    ),
    "round_default": ("（按月自动）", "(monthly by default)"),
    "round_open": ("设置填报轮次", "Set the reporting round"),
    "round_name": ("轮次名称（默认为本月）", "Round name (default: this month)"),
    "round_due": ("截止日期", "Due date"),
    "round_save": ("设置轮次", "Set the round"),
    "round_opened": ("已设置填报轮次：{label}。", "Reporting round set: {label}."),
    "board": ("各单位填报情况", "Reports by unit"),
    "board_none": ("尚无任务明确牵头单位，无从统计填报情况。", "No task has a lead unit yet."),
    "col_tasks": ("牵头任务", "Tasks led"),
    "col_reported": ("已填报", "Reported"),
    "col_waiting": ("待审核", "Waiting"),
    "col_returned": ("已退回", "Returned"),
    "col_missing": ("未填报", "Not reported"),
    "col_reporters": ("填报人", "Reported by"),
    "col_round_state": ("状态", "State"),
    "unit_overdue": ("逾期未填报", "Overdue"),
    "unit_missing": ("未填报", "Not reported"),
    "unit_done": ("已填报", "Reported"),
    "no_unit": ("（未明确牵头单位）", "(no lead unit yet)"),
    "review": ("待审核的填报", "Reports waiting for review"),
    "review_none": ("没有待审核的填报。", "No report is waiting for review."),
    "accept": ("采纳", "Accept"),
    "return": ("退回", "Return"),
    "return_reason": ("退回理由", "Reason for returning it"),
    "accepted": ("已采纳，进度已更新。", "Accepted; the progress is updated."),
    "returned": ("已退回。", "Returned."),
    "my_tasks": ("本单位任务（{unit}）", "Tasks of {unit}"),
    "my_tasks_none": (
        "台账中没有由{unit}牵头或配合的任务；请联系督查室核对牵头单位。",
        "No task in the ledger is led or supported by {unit}; ask the office to check.",
    ),
    "my_role_lead": ("牵头", "lead"),
    "my_role_partner": ("配合", "partner"),
    "report_new": ("填报进展", "Report progress"),
    "report_task": ("任务", "Task"),
    "col_problems": ("存在问题", "Problems met"),
    "col_next_steps": ("下步计划", "Next step"),
    "report_submit": ("提交填报", "Submit the report"),
    "report_sent": ("已提交，等待督查室审核。", "Submitted; waiting for the office's review."),
    "report_state": ("本轮填报：{state}", "This round: {state}"),
    "report_returned": ("已退回：{reason}", "Returned: {reason}"),
    "state_submitted": ("待审核", "waiting for review"),
    "state_accepted": ("已采纳", "accepted"),
    "state_returned": ("已退回", "returned"),
    "state_superseded": ("已重报", "replaced"),
    "state_none": ("未填报", "not reported"),
    "light_rule": (
        "亮灯规则：进度落后序时进度不足10个百分点为绿灯，10至30个百分点为黄灯，"
        "超过30个百分点或逾期未完成为红灯；未设完成时限的任务无法计算。",
        "Lights: green under 10 points behind the expected pace, yellow 10–30, red over 30 "
        "or past the deadline; tasks without a deadline cannot be measured.",
    ),
    "empty_ledger": (
        "尚不能判断红灯和逾期任务：{none} 项任务未设完成时限，{missing} 项未填报进度。"
        "请先为任务设定牵头单位和完成时限，再组织各单位填报进度。",
        "Red and overdue tasks cannot be judged yet: {none} tasks have no deadline and "
        "{missing} have no progress reported. First set each task's lead unit and deadline, "
        "then have the units report their progress.",
    ),
    # 填报 refusals, in the page's language (the English is the command line's)
    "err_not_your_task": (
        "任务 {task} 不是{unit}牵头或配合的任务；{user} 只能填报本单位牵头或配合的任务",
        "task {task} is not a task of {unit}; {user} may report only on the tasks {unit} "
        "leads or supports",
    ),
    "err_progress_empty": (
        "进度未填写；请填写0到100之间的百分比",
        "progress is empty; write a percentage from 0 to 100",
    ),
    "err_text_empty": (
        "{field}未填写；请写明已完成的工作",
        "{field_en} is empty; write what was done",
    ),
    "err_text_long": (
        "{field}共 {n} 字，超过上限；请缩短到 {limit} 字以内",
        "{field_en} is {n} characters long; shorten it to {limit}",
    ),
    "err_reason": (
        "退回须写明理由，说明单位应如何修改",
        "a returned report needs a reason; write what the unit should fix",
    ),
    "err_reviewed": (
        "该填报（第 {id} 号）已{state_zh}；请刷新列表",
        "report {id} is already {state_zh} ({state}); reload the list of reports",
    ),
    "err_due_before": (
        "截止日期 {due} 早于轮次开始日 {start}；请选择更晚的日期",
        "due date {due} is before the round starts ({start}); pick a later day",
    ),
    # Excel
    "excel": ("Excel 台账", "Excel ledger"),
    "download": ("下载督办台账（Excel）", "Download the ledger (Excel)"),
    "upload": ("导入台账（Excel，仅管理员）", "Import a ledger (Excel, admins only)"),
    "upload_apply": ("导入", "Import"),
    "imported": ("已导入：{n} 项任务有改动。", "Imported: {n} tasks changed."),
    "import_refused": (
        "未导入，台账保持原样：{error}",
        "Not imported; the ledger is unchanged: {error}",
    ),
    # accounts
    "accounts": ("账号管理（管理员）", "Accounts (admin)"),
    "account_add": ("新增或重设账号", "Add or reset an account"),
    "account_role": ("角色", "Role"),
    "account_saved": ("账号 {name} 已保存。", "Account {name} saved."),
    "account_disable": ("停用账号", "Disable the account"),
    "account_disabled": ("账号 {name} 已停用。", "Account {name} disabled."),
    "accounts_list": ("现有账号", "Accounts"),
    # sheet and fields
    "col_task_id": ("任务编号", "Task id"),
    "col_seq": ("序号", "No."),
    "col_sector": ("板块", "Sector"),
    "col_task": ("任务", "Task"),
    "col_original": ("原文", "original Chinese"),
    "col_lead_unit": ("牵头单位", "Lead unit"),
    "col_partner_units": ("配合单位", "Partner units"),
    "col_responsible": ("责任人", "Responsible"),
    "col_start_date": ("开始日期", "Start date"),
    "col_deadline": ("完成时限", "Deadline"),
    "col_progress": ("进度(%)", "Progress (%)"),
    "col_status": ("状态", "Status"),
    "col_notes": ("进展情况", "Progress note"),
    "col_note": ("进展情况", "Progress note"),
    "col_updated": ("更新时间", "Updated"),
    "col_light": ("亮灯", "Light"),
    "col_in_plan": ("在计划中", "In the plan"),
    "col_task_text": ("任务表述", "Task wording"),
    "col_when": ("时间", "When"),
    "col_who": ("修改人", "Who"),
    "col_field": ("字段", "Field"),
    "col_old": ("原值", "Old"),
    "col_new": ("新值", "New"),
    "col_via": ("方式", "Via"),
    "via_web": ("网页", "web"),
    "via_import": ("Excel导入", "Excel import"),
    "via_sync": ("数据重建", "rebuild"),
    # statuses and lights
    "status_not_started": ("未启动", "Not started"),
    "status_in_progress": ("推进中", "Under way"),
    "status_done": ("已完成", "Done"),
    "status_lagging": ("滞后", "Lagging"),
    "status_adjusted": ("调整", "Adjusted"),
    "light_red": ("红灯", "Red"),
    "light_yellow": ("黄灯", "Yellow"),
    "light_green": ("绿灯", "Green"),
    "light_none": ("未设时限", "No deadline"),
    # the overview strip, the 督办 slide and the exports' supervision page
    "strip_title": ("督办亮灯", "Supervision lights"),
    "strip_link": ("查看督办台账", "Open the supervision ledger"),
    "strip_note": (
        "{n} 项任务 · 截至 {day}",
        "{n} tasks · as of {day}",
    ),
    "slide_title": ("重点任务督办", "Task supervision"),
    "slide_sub": ("{scope} · 督办台账截至 {day}", "{scope} · ledger as of {day}"),
    "slide_raised": ("红灯与逾期任务（最落后者在前）", "Red and overdue tasks, worst first"),
    "slide_by_sector": (
        "各板块任务落实情况（问题多者在前）",
        "Where each sector's tasks stand, most to settle first",
    ),
    "sector_tasks": ("任务 {n} 项", "{n} tasks"),
    "sector_light": ("{light} {n} 项", "{light} {n}"),
    "sector_reported": ("已填报 {n} 项", "{n} reported"),
    "slide_more": (
        "另有 {n} 项红灯任务，详见督办台账。",
        "{n} more red tasks in the supervision ledger.",
    ),
    "slide_lights": (
        "红灯 {red} 项、黄灯 {yellow} 项、绿灯 {green} 项、未设时限 {none} 项，"
        "其中已逾期 {overdue} 项（共 {tasks} 项任务，截至 {day}）。",
        "{red} red, {yellow} yellow, {green} green, {none} without a deadline; "
        "{overdue} overdue ({tasks} tasks, as of {day}).",
    ),
    "slide_note_task": ("{i}. {text}（{meta}）", "{i}. {text} ({meta})"),
    "latest_note": ("最新进展：{note}", "Latest note: {note}"),
}

# The lights' colours, as on the 督办 page: the same on the overview, slides and exports.
COLOURS = {
    "red": "#c5221f",
    "yellow": "#e3a008",
    "green": "#188038",
    "none": "#9aa0a6",
    "overdue": "#7a1f1a",
}


t = Labels(LABELS)  # t("key", lang, **values): the label in that language


class Paced(Protocol):
    """What a pace line reads of a task's record (a ledger row or a slide row)."""

    status: str
    progress: int
    pace: float | None
    behind: float | None


def pct(value: float | None) -> str:
    """A percentage without decimals, "—" when there is none."""
    return "—" if value is None else f"{value:.0f}"


def gap_words(row: Paced, lang: str) -> str:
    """How far a task is from its expected pace: done, behind by N, ahead by N, on pace."""
    if row.status == "done" or row.progress >= 100:
        return t("status_done", lang)
    if row.behind is None:
        return t("no_pace", lang)
    if row.behind >= 0.5:
        return t("behind_by", lang, n=f"{row.behind:.0f}")
    if row.behind <= -0.5:
        return t("ahead_by", lang, n=f"{-row.behind:.0f}")
    return t("on_pace", lang)


def pace_line(row: Paced, lang: str) -> str:
    """ "进度 35% · 序时进度 50% · 落后 15 个百分点" for a task's record."""
    return t("pace_line", lang, progress=row.progress, pace=pct(row.pace), gap=gap_words(row, lang))
