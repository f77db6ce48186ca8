/** zh-CN, zh-TW and en, picked from the browser's languages; numbers and dates follow the same choice. */
export type Language = "en" | "zh-CN" | "zh-TW";

const en = {
  title: "Link Pass console",
  email: "E-mail",
  password: "Password",
  signIn: "Sign in",
  signOut: "Sign out",
  actingAs: "Acting as",
  network: "Network",
  report: "Report",
  kpis: "KPIs",
  inbox: "Inbox",
  case: "Case",
  tenant: "Tenant",
  kind: "Kind",
  status: "Status",
  grade: "Grade",
  clients: "Clients",
  cases: "Cases",
  openCases: "Open cases",
  pendingApprovals: "Pending approvals",
  from: "From",
  to: "To",
  apply: "Apply",
  downloadCsv: "Download CSV",
  casesByStep: "Cases by step per tenant",
  totals: "Totals",
  kpi: "KPI",
  value: "Value",
  target: "Target",
  miss: "Missed",
  met: "Met",
  noData: "No data yet",
  subject: "Subject",
  level: "Level",
  requester: "Requester",
  reason: "Reason",
  approve: "Approve",
  reject: "Reject",
  escalate: "Escalate",
  inboxEmpty: "Nothing waits for your decision",
  overdue: "overdue",
  pickCase: "Service cases",
  history: "History",
  loading: "Loading…",
  steps: {
    INTAKE: "Intake",
    PROFILED: "Profiled",
    PLAN_DRAFTED: "Plan drafted",
    PLAN_CONFIRMED: "Plan confirmed",
    EXECUTION_PLANNED: "Execution planned",
    IN_SERVICE: "In service",
    MATERIALS_TRANSFERRED: "Materials transferred",
    CERTIFICATION: "Certification",
    EVALUATED: "Evaluated",
    ARCHIVED: "Archived",
  },
  kpiNames: {
    CLIENT_SATISFACTION: "Client satisfaction",
    COMPLAINT_HANDLING_SATISFACTION: "Complaint-handling satisfaction",
    PROBLEM_HANDLING_RATE: "Problem-handling rate",
    REVISIT_RATE: "Revisit rate",
  } as Record<string, string>,
};

type Messages = typeof en;

const zhCN: Messages = {
  title: "Link Pass 控制台",
  email: "电子邮箱",
  password: "密码",
  signIn: "登录",
  signOut: "退出",
  actingAs: "当前身份",
  network: "网络",
  report: "报表",
  kpis: "考核指标",
  inbox: "待审批",
  case: "服务案例",
  tenant: "机构",
  kind: "类型",
  status: "状态",
  grade: "等级",
  clients: "客户",
  cases: "案例",
  openCases: "进行中案例",
  pendingApprovals: "待审批",
  from: "开始",
  to: "结束",
  apply: "应用",
  downloadCsv: "下载 CSV",
  casesByStep: "各机构案例（按步骤）",
  totals: "合计",
  kpi: "指标",
  value: "实际",
  target: "目标",
  miss: "未达标",
  met: "达标",
  noData: "暂无数据",
  subject: "事项",
  level: "级别",
  requester: "申请人",
  reason: "理由",
  approve: "批准",
  reject: "驳回",
  escalate: "上报",
  inboxEmpty: "没有待您决定的事项",
  overdue: "已超时",
  pickCase: "服务案例",
  history: "记录",
  loading: "加载中…",
  steps: {
    INTAKE: "受理",
    PROFILED: "建档",
    PLAN_DRAFTED: "方案起草",
    PLAN_CONFIRMED: "方案确认",
    EXECUTION_PLANNED: "执行计划",
    IN_SERVICE: "服务中",
    MATERIALS_TRANSFERRED: "资料移交",
    CERTIFICATION: "认证",
    EVALUATED: "评价",
    ARCHIVED: "归档",
  },
  kpiNames: {
    CLIENT_SATISFACTION: "客户满意度",
    COMPLAINT_HANDLING_SATISFACTION: "客户投诉处理满意度",
    PROBLEM_HANDLING_RATE: "问题处理率",
    REVISIT_RATE: "客户回访率",
  },
};

const zhTW: Messages = {
  ...zhCN,
  title: "Link Pass 控制台",
  email: "電子郵件",
  password: "密碼",
  signIn: "登入",
  signOut: "登出",
  actingAs: "目前身分",
  network: "網絡",
  report: "報表",
  kpis: "考核指標",
  inbox: "待審批",
  case: "服務案例",
  tenant: "機構",
  kind: "類型",
  status: "狀態",
  grade: "等級",
  clients: "客戶",
  cases: "案例",
  openCases: "進行中案例",
  pendingApprovals: "待審批",
  from: "開始",
  to: "結束",
  apply: "套用",
  downloadCsv: "下載 CSV",
  casesByStep: "各機構案例（按步驟）",
  totals: "合計",
  kpi: "指標",
  value: "實際",
  target: "目標",
  miss: "未達標",
  met: "達標",
  noData: "尚無資料",
  subject: "事項",
  level: "級別",
  requester: "申請人",
  reason: "理由",
  approve: "批准",
  reject: "駁回",
  escalate: "上報",
  inboxEmpty: "沒有待您決定的事項",
  overdue: "已逾時",
  pickCase: "服務案例",
  history: "紀錄",
  loading: "載入中…",
  steps: {
    INTAKE: "受理",
    PROFILED: "建檔",
    PLAN_DRAFTED: "方案起草",
    PLAN_CONFIRMED: "方案確認",
    EXECUTION_PLANNED: "執行計畫",
    IN_SERVICE: "服務中",
    MATERIALS_TRANSFERRED: "資料移交",
    CERTIFICATION: "認證",
    EVALUATED: "評價",
    ARCHIVED: "歸檔",
  },
  kpiNames: {
    CLIENT_SATISFACTION: "客戶滿意度",
    COMPLAINT_HANDLING_SATISFACTION: "客戶投訴處理滿意度",
    PROBLEM_HANDLING_RATE: "問題處理率",
    REVISIT_RATE: "客戶回訪率",
  },
};

export function browserLanguage(languages: readonly string[] = navigator.languages): Language {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (/^zh-(tw|hk|mo)|^zh-hant/.test(lower)) return "zh-TW";
    if (lower.startsWith("zh")) return "zh-CN";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}

export const language = browserLanguage();
export const t: Messages = { en, "zh-CN": zhCN, "zh-TW": zhTW }[language];
export const STEP_ORDER = Object.keys(en.steps) as (keyof Messages["steps"])[];

const numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
const dates = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : numbers.format(value);
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dates.format(new Date(iso)) : "—";
}
