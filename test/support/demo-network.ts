/**
 * What each demo user may read, written down from DESIGN §2 and §6 by hand (not computed by
 * the code under test): own tenant, plus the subtree for presidents, deputies, auditors and
 * finance/management department heads.
 */
export const VISIBLE_TENANTS: Record<string, string[]> = {
  "president@hq.demo": ["HQ", "CN", "MY", "CN-SH", "CN-SZ", "MY-KL", "CN-IT", "CN-SH-CERT"],
  "auditor@hq.demo": ["HQ", "CN", "MY", "CN-SH", "CN-SZ", "MY-KL", "CN-IT", "CN-SH-CERT"],
  "president@cn.demo": ["CN", "CN-SH", "CN-SZ", "CN-IT", "CN-SH-CERT"],
  "finance@cn.demo": ["CN", "CN-SH", "CN-SZ", "CN-IT", "CN-SH-CERT"],
  "president@cn-sh.demo": ["CN-SH", "CN-SH-CERT"],
  "staff@cn-sh.demo": ["CN-SH"],
  "consultant@cn-sh.demo": ["CN-SH"],
  "president@cn-sz.demo": ["CN-SZ"],
  "consultant@cn-sz.demo": ["CN-SZ"],
  "president@my.demo": ["MY", "MY-KL"],
  "consultant@my-kl.demo": ["MY-KL"],
  "admin@cn-it.demo": ["CN-IT"],
  "admin@cn-sh-cert.demo": ["CN-SH-CERT"],
};

/** The acting tenant of each demo user's only membership. */
export const HOME_TENANT: Record<string, string> = {
  "president@hq.demo": "HQ",
  "auditor@hq.demo": "HQ",
  "president@cn.demo": "CN",
  "finance@cn.demo": "CN",
  "president@cn-sh.demo": "CN-SH",
  "staff@cn-sh.demo": "CN-SH",
  "consultant@cn-sh.demo": "CN-SH",
  "president@cn-sz.demo": "CN-SZ",
  "consultant@cn-sz.demo": "CN-SZ",
  "president@my.demo": "MY",
  "consultant@my-kl.demo": "MY-KL",
  "admin@cn-it.demo": "CN-IT",
  "admin@cn-sh-cert.demo": "CN-SH-CERT",
};

/**
 * The demo users whose duty reads a partner's records as its centre (issue 15 item 11): presidents,
 * deputies, and the heads and staff of management and finance; never a consultant or an auditor
 * (an auditor reads the subtree as its own visible set instead).
 */
export const READS_PARTNER_RECORDS: ReadonlySet<string> = new Set([
  "president@hq.demo",
  "president@cn.demo",
  "finance@cn.demo",
  "president@cn-sh.demo",
  "staff@cn-sh.demo",
  "president@cn-sz.demo",
  "president@my.demo",
  "admin@cn-it.demo",
  "admin@cn-sh-cert.demo",
]);

/** Approval requests about a partner's own records, read by its centre only where the duty reads those records. */
export const PARTNER_APPROVAL_SUBJECTS = ["FEE_SETTLEMENT", "PARTNER_QUALIFICATION"];

export const PARENT: Record<string, string | null> = {
  HQ: null,
  CN: "HQ",
  MY: "HQ",
  "CN-SH": "CN",
  "CN-SZ": "CN",
  "MY-KL": "MY",
  "CN-IT": "CN",
  "CN-SH-CERT": "CN-SH",
};

/** Each demo tenant's kind (DESIGN §1 and §6). */
export const TENANT_KIND: Record<string, string> = {
  HQ: "HEAD_OFFICE",
  CN: "NATIONAL_CENTRE",
  MY: "NATIONAL_CENTRE",
  "CN-SH": "CITY_CENTRE",
  "CN-SZ": "CITY_CENTRE",
  "MY-KL": "CITY_CENTRE",
  "CN-IT": "AFFILIATED_COMPANY",
  "CN-SH-CERT": "PARTNER",
};

/** The role of each demo user's only membership (DESIGN §6). */
export const ROLE: Record<string, string> = {
  "president@hq.demo": "PRESIDENT",
  "auditor@hq.demo": "AUDITOR",
  "president@cn.demo": "PRESIDENT",
  "finance@cn.demo": "DEPARTMENT_HEAD",
  "president@cn-sh.demo": "PRESIDENT",
  "staff@cn-sh.demo": "STAFF",
  "consultant@cn-sh.demo": "CONSULTANT",
  "president@cn-sz.demo": "PRESIDENT",
  "consultant@cn-sz.demo": "CONSULTANT",
  "president@my.demo": "PRESIDENT",
  "consultant@my-kl.demo": "CONSULTANT",
  "admin@cn-it.demo": "PRESIDENT",
  "admin@cn-sh-cert.demo": "PRESIDENT",
};

export function ancestorsOf(code: string): string[] {
  const chain: string[] = [];
  for (let parent = PARENT[code]; parent; parent = PARENT[parent]) chain.push(parent);
  return chain;
}

export const DEMO_EMAILS = Object.keys(VISIBLE_TENANTS);

/** The kinds of tenant that serve clients of their own (head office and partners serve none). */
const SERVES_CLIENTS = ["NATIONAL_CENTRE", "CITY_CENTRE", "AFFILIATED_COMPANY"];

/** Who may create clients: every member of a tenant that serves clients, except auditors, who only read. */
export const CLIENT_WRITERS = DEMO_EMAILS.filter((email) => ROLE[email] !== "AUDITOR" && SERVES_CLIENTS.includes(TENANT_KIND[HOME_TENANT[email]]));
