import type { IncomingHttpHeaders } from "node:http";

/** The languages of the network (DESIGN §8.4). */
export type ReportLanguage = "zh-CN" | "zh-TW" | "en";

/**
 * The language an export's header row is written in, from Accept-Language: the first of the
 * caller's languages the network speaks (zh-TW also for Traditional zh-Hant and zh-HK/MO);
 * English when none is.
 */
export function reportLanguageOf(headers: IncomingHttpHeaders): ReportLanguage {
  const tags = String(headers["accept-language"] ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (/^zh-(tw|hk|mo|hant)\b/.test(tag)) return "zh-TW";
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "en";
}

/**
 * Header labels of the exports' columns, per language; a column without a label here (one a
 * report added later) shows its key. The language work may fold these into its catalogues.
 */
const LABELS: Record<string, Record<ReportLanguage, string>> = {
  tenant_code: { en: "Tenant code", "zh-CN": "机构代码", "zh-TW": "機構代碼" },
  tenant_name: { en: "Tenant", "zh-CN": "机构名称", "zh-TW": "機構名稱" },
  tenant_kind: { en: "Tenant kind", "zh-CN": "机构类型", "zh-TW": "機構類型" },
  clients: { en: "Clients", "zh-CN": "客户数", "zh-TW": "客戶數" },
  cases: { en: "Cases", "zh-CN": "案例数", "zh-TW": "案例數" },
  open_cases: { en: "Open cases", "zh-CN": "未结案例", "zh-TW": "未結案例" },
  cases_past_response_target: { en: "Cases past response target", "zh-CN": "超出响应时限的案例", "zh-TW": "超出回應時限的案例" },
  overdue_tasks: { en: "Overdue tasks", "zh-CN": "逾期任务", "zh-TW": "逾期任務" },
  evaluations: { en: "Evaluations", "zh-CN": "质量评价数", "zh-TW": "品質評價數" },
  mean_quality_score: { en: "Mean quality score", "zh-CN": "平均质量评分", "zh-TW": "平均品質評分" },
  pending_approvals: { en: "Pending approvals", "zh-CN": "待审批", "zh-TW": "待審批" },
  oldest_pending_approval_hours: { en: "Oldest pending approval (hours)", "zh-CN": "最久待审批（小时）", "zh-TW": "最久待審批（小時）" },
  active_grants: { en: "Active grants", "zh-CN": "有效授权", "zh-TW": "有效授權" },
  archived_cases: { en: "Archived cases", "zh-CN": "已归档案例", "zh-TW": "已歸檔案例" },
  revisited_cases: { en: "Revisited cases", "zh-CN": "已回访案例", "zh-TW": "已回訪案例" },
  revisit_rate: { en: "Revisit rate (%)", "zh-CN": "客户回访率（%）", "zh-TW": "客戶回訪率（%）" },
  complaints: { en: "Complaints", "zh-CN": "投诉数", "zh-TW": "投訴數" },
  open_complaints: { en: "Open complaints", "zh-CN": "未解决投诉", "zh-TW": "未解決投訴" },
  rated_complaints: { en: "Rated complaints", "zh-CN": "已评价投诉", "zh-TW": "已評價投訴" },
  complaint_satisfaction: { en: "Complaint satisfaction", "zh-CN": "投诉处理满意度", "zh-TW": "投訴處理滿意度" },
  fee_settlements: { en: "Fee settlements", "zh-CN": "费用结算", "zh-TW": "費用結算" },
  inter_centre_settlements: { en: "Inter-centre settlements", "zh-CN": "中心间结算", "zh-TW": "中心間結算" },
  cases_intake: { en: "Cases: intake", "zh-CN": "案例：受理", "zh-TW": "案例：受理" },
  cases_profiled: { en: "Cases: profiled", "zh-CN": "案例：建档", "zh-TW": "案例：建檔" },
  cases_plan_drafted: { en: "Cases: plan drafted", "zh-CN": "案例：方案起草", "zh-TW": "案例：方案起草" },
  cases_plan_confirmed: { en: "Cases: plan confirmed", "zh-CN": "案例：方案确认", "zh-TW": "案例：方案確認" },
  cases_execution_planned: { en: "Cases: execution planned", "zh-CN": "案例：执行计划", "zh-TW": "案例：執行計劃" },
  cases_in_service: { en: "Cases: in service", "zh-CN": "案例：服务中", "zh-TW": "案例：服務中" },
  cases_materials_transferred: { en: "Cases: materials transferred", "zh-CN": "案例：资料移交", "zh-TW": "案例：資料移交" },
  cases_certification: { en: "Cases: certification", "zh-CN": "案例：认证", "zh-TW": "案例：認證" },
  cases_evaluated: { en: "Cases: evaluated", "zh-CN": "案例：已评价", "zh-TW": "案例：已評價" },
  cases_archived: { en: "Cases: archived", "zh-CN": "案例：已归档", "zh-TW": "案例：已歸檔" },
  cases_general: { en: "Cases: general tier", "zh-CN": "案例：一般", "zh-TW": "案例：一般" },
  cases_key: { en: "Cases: key tier", "zh-CN": "案例：重点", "zh-TW": "案例：重點" },
  cases_special: { en: "Cases: special tier", "zh-CN": "案例：特殊", "zh-TW": "案例：特殊" },
  kpi: { en: "KPI", "zh-CN": "指标", "zh-TW": "指標" },
  value_percent: { en: "Value (%)", "zh-CN": "实际值（%）", "zh-TW": "實際值（%）" },
  target_percent: { en: "Target (%)", "zh-CN": "目标值（%）", "zh-TW": "目標值（%）" },
  target_set_by: { en: "Target set by", "zh-CN": "目标设定方", "zh-TW": "目標設定方" },
  meets_target: { en: "Meets target", "zh-CN": "是否达标", "zh-TW": "是否達標" },
  sample_size: { en: "Sample size", "zh-CN": "样本数", "zh-TW": "樣本數" },
  period_from: { en: "Period from", "zh-CN": "期间起", "zh-TW": "期間起" },
  period_to: { en: "Period to", "zh-CN": "期间止", "zh-TW": "期間止" },
};

export function reportHeaderLabel(column: string, language: ReportLanguage): string {
  return LABELS[column]?.[language] ?? column;
}

/** Every language's labels, for the test that each is complete. */
export const REPORT_HEADER_LABELS: Readonly<typeof LABELS> = LABELS;
