import { createHash } from "node:crypto";
import { CompanySize } from "../modules/crm/client.entity";
import { Department, Role } from "../context/roles";
import { TenantKind } from "../context/tenant-kind";

/** The demo data of DESIGN §6. Ids are derived from names, so every seed yields the same rows. */
export const DEMO_PASSWORD = "demo-password";

export function demoId(kind: string, key: string): string {
  const hex = createHash("sha1").update(`link-pass-demo:${kind}:${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface DemoTenant {
  code: string;
  name: string;
  kind: TenantKind;
  parent: string | null;
  registrationNumber: string;
  legalRepresentative: string;
  providerGrade?: number;
  /** Time zone, locale and holiday country (DESIGN §8.4); left out, the tenant inherits its parent's. */
  settings?: { timeZone: string; locale: string; countryCode: string };
}

/** Parents before children. */
export const DEMO_TENANTS: DemoTenant[] = [
  { code: "HQ", name: "Link Pass HQ", kind: TenantKind.HEAD_OFFICE, parent: null, registrationNumber: "HQ-REG-0001", legalRepresentative: "Lin Wei", settings: { timeZone: "Asia/Shanghai", locale: "zh-CN", countryCode: "CN" } },
  { code: "CN", name: "Link Pass China National Service Centre", kind: TenantKind.NATIONAL_CENTRE, parent: "HQ", registrationNumber: "91310000MA1CN0001X", legalRepresentative: "Zhang Ming", settings: { timeZone: "Asia/Shanghai", locale: "zh-CN", countryCode: "CN" } },
  { code: "MY", name: "Link Pass Malaysia National Service Centre", kind: TenantKind.NATIONAL_CENTRE, parent: "HQ", registrationNumber: "MY-201901000001", legalRepresentative: "Aisha Rahman", settings: { timeZone: "Asia/Kuala_Lumpur", locale: "en", countryCode: "MY" } },
  { code: "CN-SH", name: "Link Pass Shanghai City Service Centre", kind: TenantKind.CITY_CENTRE, parent: "CN", registrationNumber: "91310000MA1SH0002Y", legalRepresentative: "Chen Jing" },
  { code: "CN-SZ", name: "Link Pass Shenzhen City Service Centre", kind: TenantKind.CITY_CENTRE, parent: "CN", registrationNumber: "91440300MA5SZ0003Z", legalRepresentative: "Li Hua" },
  { code: "MY-KL", name: "Link Pass Kuala Lumpur City Service Centre", kind: TenantKind.CITY_CENTRE, parent: "MY", registrationNumber: "MY-202001000002", legalRepresentative: "Tan Wei Ming" },
  { code: "CN-IT", name: "Huaxin IT Services Co., Ltd.", kind: TenantKind.AFFILIATED_COMPANY, parent: "CN", registrationNumber: "91310000MA1IT0004A", legalRepresentative: "Wang Lei", providerGrade: 2 },
  { code: "CN-SH-CERT", name: "Shanghai Quality Certification Co., Ltd.", kind: TenantKind.PARTNER, parent: "CN-SH", registrationNumber: "91310000MA1CE0005B", legalRepresentative: "Zhou Min", providerGrade: 1 },
];

export interface DemoUser {
  email: string;
  displayName: string;
  tenant: string;
  role: Role;
  department: Department;
}

export const DEMO_USERS: DemoUser[] = [
  { email: "president@hq.demo", displayName: "HQ President", tenant: "HQ", role: Role.PRESIDENT, department: Department.MANAGEMENT },
  { email: "auditor@hq.demo", displayName: "HQ Auditor", tenant: "HQ", role: Role.AUDITOR, department: Department.FINANCE },
  { email: "president@cn.demo", displayName: "China President", tenant: "CN", role: Role.PRESIDENT, department: Department.MANAGEMENT },
  { email: "finance@cn.demo", displayName: "China Finance Head", tenant: "CN", role: Role.DEPARTMENT_HEAD, department: Department.FINANCE },
  { email: "president@cn-sh.demo", displayName: "Shanghai President", tenant: "CN-SH", role: Role.PRESIDENT, department: Department.MANAGEMENT },
  { email: "staff@cn-sh.demo", displayName: "Shanghai Staff", tenant: "CN-SH", role: Role.STAFF, department: Department.MANAGEMENT },
  { email: "consultant@cn-sh.demo", displayName: "Shanghai Consultant", tenant: "CN-SH", role: Role.CONSULTANT, department: Department.OPERATIONS },
  { email: "president@cn-sz.demo", displayName: "Shenzhen President", tenant: "CN-SZ", role: Role.PRESIDENT, department: Department.MANAGEMENT },
  { email: "consultant@cn-sz.demo", displayName: "Shenzhen Consultant", tenant: "CN-SZ", role: Role.CONSULTANT, department: Department.OPERATIONS },
  { email: "president@my.demo", displayName: "Malaysia President", tenant: "MY", role: Role.PRESIDENT, department: Department.MANAGEMENT },
  { email: "consultant@my-kl.demo", displayName: "Kuala Lumpur Consultant", tenant: "MY-KL", role: Role.CONSULTANT, department: Department.OPERATIONS },
  { email: "admin@cn-it.demo", displayName: "Huaxin IT Administrator", tenant: "CN-IT", role: Role.PRESIDENT, department: Department.MANAGEMENT },
  { email: "admin@cn-sh-cert.demo", displayName: "Shanghai Certification Administrator", tenant: "CN-SH-CERT", role: Role.PRESIDENT, department: Department.MANAGEMENT },
];

export interface DemoClient {
  tenant: string;
  name: string;
  industry: string;
  companySize: CompanySize;
  contactName: string;
  contactPhone: string;
  needs: string;
  /** Recorded by this demo user. */
  createdBy: string;
}

export const DEMO_CLIENTS: DemoClient[] = [
  { tenant: "CN-SH", name: "Shanghai Pudong Precision Machinery", industry: "Manufacturing", companySize: CompanySize.MEDIUM, contactName: "Xu Gang", contactPhone: "+86 21 5555 0101", needs: "ISO 9001 certification and quality training", createdBy: "consultant@cn-sh.demo" },
  { tenant: "CN-SH", name: "Huangpu Fresh Foods", industry: "Food processing", companySize: CompanySize.SMALL, contactName: "Gao Yan", contactPhone: "+86 21 5555 0102", needs: "Food safety management consulting", createdBy: "consultant@cn-sh.demo" },
  { tenant: "CN-SH", name: "Jing'an Digital Media", industry: "Media", companySize: CompanySize.SMALL, contactName: "Sun Li", contactPhone: "+86 21 5555 0103", needs: "Brand strategy and media training", createdBy: "staff@cn-sh.demo" },
  { tenant: "CN-SH", name: "Minhang Logistics Group", industry: "Logistics", companySize: CompanySize.LARGE, contactName: "Ma Jun", contactPhone: "+86 21 5555 0104", needs: "Operations digitalisation plan", createdBy: "consultant@cn-sh.demo" },
  { tenant: "CN-SZ", name: "Nanshan Electronics", industry: "Electronics", companySize: CompanySize.LARGE, contactName: "Huang Tao", contactPhone: "+86 755 5555 0201", needs: "Export compliance certification", createdBy: "consultant@cn-sz.demo" },
  { tenant: "CN-SZ", name: "Futian Fintech Labs", industry: "Finance", companySize: CompanySize.MEDIUM, contactName: "Deng Hui", contactPhone: "+86 755 5555 0202", needs: "Information security training", createdBy: "consultant@cn-sz.demo" },
  { tenant: "CN-SZ", name: "Bao'an Green Energy", industry: "Energy", companySize: CompanySize.SMALL, contactName: "Luo Bin", contactPhone: "+86 755 5555 0203", needs: "Environmental management consulting", createdBy: "consultant@cn-sz.demo" },
  { tenant: "MY-KL", name: "KL Halal Foods Sdn Bhd", industry: "Food processing", companySize: CompanySize.MEDIUM, contactName: "Nur Aisyah", contactPhone: "+60 3 5555 0301", needs: "Halal and HACCP certification", createdBy: "consultant@my-kl.demo" },
  { tenant: "MY-KL", name: "Bangsar Software Sdn Bhd", industry: "Software", companySize: CompanySize.SMALL, contactName: "Raj Kumar", contactPhone: "+60 3 5555 0302", needs: "Project management training", createdBy: "consultant@my-kl.demo" },
  { tenant: "MY-KL", name: "Petaling Rubber Industries", industry: "Manufacturing", companySize: CompanySize.LARGE, contactName: "Lim Chee Keong", contactPhone: "+60 3 5555 0303", needs: "Lean production consulting", createdBy: "consultant@my-kl.demo" },
];
