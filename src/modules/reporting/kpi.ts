import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { TenantRow } from "../../db/tenant-row";
import { derivedId } from "../../shared/ids";

/** The service KPIs of seed 004 §4. */
export enum Kpi {
  CLIENT_SATISFACTION = "CLIENT_SATISFACTION",
  COMPLAINT_HANDLING_SATISFACTION = "COMPLAINT_HANDLING_SATISFACTION",
  REVISIT_RATE = "REVISIT_RATE",
  PROBLEM_HANDLING_RATE = "PROBLEM_HANDLING_RATE",
}
registerEnumType(Kpi, {
  name: "Kpi",
  description: "A service KPI of seed 004 §4, measured in percent over a period",
  valuesConfig: {
    CLIENT_SATISFACTION: {
      description: "Client satisfaction (客户满意度): case quality evaluations recorded in the period with a mean score of 4 or more (of 5) ÷ evaluations recorded in the period; default target 90",
    },
    COMPLAINT_HANDLING_SATISFACTION: {
      description:
        "Complaint-handling satisfaction (客户投诉处理满意度): clients' complaints at the service desk whose handling the client rated 80 or more (of 100) ÷ complaints rated, by rating time in the period; provider disputes are not counted; default target 95",
    },
    REVISIT_RATE: {
      description:
        "Revisit rate (客户回访率): revisits done by their due time ÷ revisits due in the period (counted once done or past due); default target 100",
    },
    PROBLEM_HANDLING_RATE: {
      description:
        "Problem-handling rate (问题处理率): clients' problems at the service desk resolved (latest resolution, still RESOLVED or CLOSED) by their deadline ÷ problems whose deadline falls in the period (counted once resolved or past the deadline); default target 100",
    },
  },
});

/** Seed 004: satisfaction ≥ 90 %, complaint handling satisfaction ≥ 95 %, revisits and problem handling 100 %. */
export const DEFAULT_KPI_TARGETS: Record<Kpi, number> = {
  [Kpi.CLIENT_SATISFACTION]: 90,
  [Kpi.COMPLAINT_HANDLING_SATISFACTION]: 95,
  [Kpi.REVISIT_RATE]: 100,
  [Kpi.PROBLEM_HANDLING_RATE]: 100,
};

/** A tenant's own target for one KPI; its descendants inherit it unless they set theirs. */
@Entity({ name: "kpi_targets" })
@ObjectType({ description: "A tenant's own target for one KPI; its descendants inherit it unless they set theirs" })
export class KpiTarget extends TenantRow {
  @Column("text")
  @Field(() => Kpi, { description: "The KPI the target is for" })
  kpi!: Kpi;

  @Column({ type: "numeric", transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Field(() => Float, { description: "The target, in percent (0–100)" })
  target!: number;

  @Column({ name: "set_by", type: "uuid" })
  setBy!: string;

  @Column({ name: "set_at", type: "timestamptz" })
  @Field({ description: "When the target was last set" })
  setAt!: Date;
}

/** One tenant's standing on one KPI. */
@ObjectType({ description: "One tenant's standing on one KPI over the period, against the target that applies to it" })
export class KpiStatus {
  tenantId!: string;
  /** The tenant whose target applies; null: the network default of seed 004. */
  targetTenantId!: string | null;
  /** The period measured (ISO instants, empty when open-ended). */
  period!: { from: string; to: string };

  @Field({ description: "The IANA time zone the period's local months are counted in" })
  timeZone!: string;

  /** Per tenant, KPI and period: a status of another period is another object, never merged with this one. */
  @Field(() => ID, { description: "Stable per tenant, KPI and period, so a client cache keeps one row for each" })
  get id(): string {
    return derivedId("KpiStatus", this.tenantId, this.kpi, this.period.from, this.period.to);
  }

  @Field(() => Kpi, { description: "The KPI measured" })
  kpi!: Kpi;

  @Field(() => Float, { nullable: true, description: "The measured value in percent (0–100, one decimal); null when there is nothing to measure yet" })
  value!: number | null;

  @Field(() => Float, { description: "The target that applies, in percent (0–100): the tenant's own, an ancestor's, or the default" })
  target!: number;

  @Field(() => Int, { description: "How many records the value is measured on", deprecationReason: "Use measuredOn" })
  sampleSize!: number;

  @Field(() => Int, {
    description: "How many records the value is measured on: evaluations (CLIENT_SATISFACTION), rated client complaints (COMPLAINT_HANDLING_SATISFACTION), revisits due (REVISIT_RATE) or problems due (PROBLEM_HANDLING_RATE)",
  })
  get measuredOn(): number {
    return this.sampleSize;
  }

  @Field(() => Boolean, { nullable: true, description: "Whether value reaches target; null when there is nothing to measure yet" })
  get meetsTarget(): boolean | null {
    return this.value === null ? null : this.value >= this.target;
  }
}
