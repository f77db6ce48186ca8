import { Column, Entity, PrimaryColumn } from "typeorm";

export enum CentreOpeningStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
}

/**
 * A proposed child centre of the proposing tenant (the row's tenant), with the first
 * administrator to invite once its approval request is approved. The approval request's subject.
 */
@Entity({ name: "centre_openings" })
export class CentreOpening {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @PrimaryColumn("uuid")
  id!: string;

  @Column({ name: "centre_tenant_id", type: "uuid" })
  centreTenantId!: string;

  @Column({ name: "admin_email", type: "text" })
  adminEmail!: string;

  @Column({ name: "admin_display_name", type: "text" })
  adminDisplayName!: string;

  @Column("text")
  status!: CentreOpeningStatus;

  @Column({ name: "requested_by", type: "uuid" })
  requestedBy!: string;

  @Column({ name: "decided_at", type: "timestamptz", nullable: true })
  decidedAt!: Date | null;

  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt!: Date;
}
