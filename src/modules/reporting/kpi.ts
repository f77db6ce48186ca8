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
registerEnumType(Kpi, { name: "Kpi" });

/** Seed 004: satisfaction ≥ 90 %, complaint handling satisfaction ≥ 95 %, revisits and problem handling 100 %. */
export const DEFAULT_KPI_TARGETS: Record<Kpi, number> = {
  [Kpi.CLIENT_SATISFACTION]: 90,
  [Kpi.COMPLAINT_HANDLING_SATISFACTION]: 95,
  [Kpi.REVISIT_RATE]: 100,
  [Kpi.PROBLEM_HANDLING_RATE]: 100,
};

/** A tenant's own target for one KPI; its descendants inherit it unless they set theirs. */
@Entity({ name: "kpi_targets" })
@ObjectType()
export class KpiTarget extends TenantRow {
  @Column("text")
  @Field(() => Kpi)
  kpi!: Kpi;

  @Column({ type: "numeric", transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Field(() => Float, { description: "Percent" })
  target!: number;

  @Column({ name: "set_by", type: "uuid" })
  setBy!: string;

  @Column({ name: "set_at", type: "timestamptz" })
  @Field()
  setAt!: Date;
}

/** One tenant's standing on one KPI. */
@ObjectType()
export class KpiStatus {
  tenantId!: string;
  /** The tenant whose target applies; null: the network default of seed 004. */
  targetTenantId!: string | null;
  /** The period measured, as asked (ISO instants, empty when open-ended). */
  period!: { from: string; to: string };

  /** Per tenant, KPI and period: a status of another period is another object, never merged with this one. */
  @Field(() => ID)
  get id(): string {
    return derivedId("KpiStatus", this.tenantId, this.kpi, this.period.from, this.period.to);
  }

  @Field(() => Kpi)
  kpi!: Kpi;

  @Field(() => Float, { nullable: true, description: "Percent; null when there is nothing to measure yet" })
  value!: number | null;

  @Field(() => Float, { description: "Percent" })
  target!: number;

  @Field(() => Int, { description: "How many cases, evaluations or complaints the value is measured on" })
  sampleSize!: number;

  @Field(() => Boolean, { nullable: true, description: "Null when there is nothing to measure yet" })
  get meetsTarget(): boolean | null {
    return this.value === null ? null : this.value >= this.target;
  }
}
