import { DataSource } from "typeorm";
import { Foundation1764100000000 } from "../../migrations/1764100000000-Foundation";
import { ServiceProcess1764200000000 } from "../../migrations/1764200000000-ServiceProcess";
import { Approvals1764300000000 } from "../../migrations/1764300000000-Approvals";
import { KpisAndRisks1764400000000 } from "../../migrations/1764400000000-KpisAndRisks";
import { HostedOperations1764500000000 } from "../../migrations/1764500000000-HostedOperations";
import { IdempotencyKeys1764600000000 } from "../../migrations/1764600000000-IdempotencyKeys";
import { PartnersAndFinance1764700000000 } from "../../migrations/1764700000000-PartnersAndFinance";
import { PartnerDecisions1764720000000 } from "../../migrations/1764720000000-PartnerDecisions";
import { CaseRollups1764800000000 } from "../../migrations/1764800000000-CaseRollups";
import { SettlementEscalation1764730000000 } from "../../migrations/1764730000000-SettlementEscalation";
import { EnrolKnownEmail1765020000000 } from "../../migrations/1765020000000-EnrolKnownEmail";
import { PeopleAndMail1765041600000 } from "../../migrations/1765041600000-PeopleAndMail";
import { SessionsAndPasswords1765041700000 } from "../../migrations/1765041700000-SessionsAndPasswords";
import { LoaderKeyIndexes1764900000000 } from "../../migrations/1764900000000-LoaderKeyIndexes";
import { ClientRollups1764910000000 } from "../../migrations/1764910000000-ClientRollups";
import { IdempotencyKeyExpiry1765000000000 } from "../../migrations/1765000000000-IdempotencyKeyExpiry";
import { UnforgeableContext1765071500000 } from "../../migrations/1765071500000-UnforgeableContext";
import { RequestLoginRole1765082630000 } from "../../migrations/1765082630000-RequestLoginRole";
import { Documents1765170000000 } from "../../migrations/1765170000000-Documents";
import { Events1765230000000 } from "../../migrations/1765230000000-Events";
import { SessionCheckForRequestRole1765171500000 } from "../../migrations/1765171500000-SessionCheckForRequestRole";
import { ApiKeys1765200000000 } from "../../migrations/1765200000000-ApiKeys";
import { CentreOpenings1765200100000 } from "../../migrations/1765200100000-CentreOpenings";
import { GrantAuthorityAndDelegation1765210000000 } from "../../migrations/1765210000000-GrantAuthorityAndDelegation";
import { TenantLocale1765240000000 } from "../../migrations/1765240000000-TenantLocale";
import { LocalPeriodIndexes1765240100000 } from "../../migrations/1765240100000-LocalPeriodIndexes";
import { NameSearch1765250000000 } from "../../migrations/1765250000000-NameSearch";
import { EvidencePackages1765220000000 } from "../../migrations/1765220000000-EvidencePackages";
import { StorageUsage1765221000000 } from "../../migrations/1765221000000-StorageUsage";
import { DocumentStorageKeys1765222000000 } from "../../migrations/1765222000000-DocumentStorageKeys";
import { OperationsRisksDisputes1765270000000 } from "../../migrations/1765270000000-OperationsRisksDisputes";
import { PasswordResetInRecipientLanguage1765283000000 } from "../../migrations/1765283000000-PasswordResetInRecipientLanguage";
import { NamePairsInListOrder1765283100000 } from "../../migrations/1765283100000-NamePairsInListOrder";
import { ServiceDesk1765260000000 } from "../../migrations/1765260000000-ServiceDesk";
import { LiveRevocations1765281000000 } from "../../migrations/1765281000000-LiveRevocations";
import { EvidencePackageAccessEvents1765282000000 } from "../../migrations/1765282000000-EvidencePackageAccessEvents";
import { DecidingAuthoritiesOfAnyMember1765282100000 } from "../../migrations/1765282100000-DecidingAuthoritiesOfAnyMember";
import { POOL_TYPES } from "./timestamps";

/** In order; TypeORM runs those not yet recorded in its migrations table. */
export const MIGRATIONS = [
  Foundation1764100000000,
  ServiceProcess1764200000000,
  Approvals1764300000000,
  KpisAndRisks1764400000000,
  HostedOperations1764500000000,
  IdempotencyKeys1764600000000,
  PartnersAndFinance1764700000000,
  PartnerDecisions1764720000000,
  SettlementEscalation1764730000000,
  CaseRollups1764800000000,
  LoaderKeyIndexes1764900000000,
  ClientRollups1764910000000,
  IdempotencyKeyExpiry1765000000000,
  EnrolKnownEmail1765020000000,
  PeopleAndMail1765041600000,
  SessionsAndPasswords1765041700000,
  UnforgeableContext1765071500000,
  RequestLoginRole1765082630000,
  Documents1765170000000,
  SessionCheckForRequestRole1765171500000,
  ApiKeys1765200000000,
  CentreOpenings1765200100000,
  GrantAuthorityAndDelegation1765210000000,
  EvidencePackages1765220000000,
  StorageUsage1765221000000,
  DocumentStorageKeys1765222000000,
  Events1765230000000,
  TenantLocale1765240000000,
  LocalPeriodIndexes1765240100000,
  NameSearch1765250000000,
  ServiceDesk1765260000000,
  OperationsRisksDisputes1765270000000,
  LiveRevocations1765281000000,
  EvidencePackageAccessEvents1765282000000,
  DecidingAuthoritiesOfAnyMember1765282100000,
  PasswordResetInRecipientLanguage1765283000000,
  NamePairsInListOrder1765283100000,
];

/** The modules' entities on one pool; the schema comes from MIGRATIONS only, never from the entities. */
export function createDataSource(options: { url: string; entities: readonly Function[]; poolSize: number; poolTimeoutMs?: number }): DataSource {
  return new DataSource({
    type: "postgres",
    url: options.url,
    entities: [...options.entities],
    migrations: MIGRATIONS,
    migrationsTransactionMode: "all",
    synchronize: false,
    uuidExtension: "pgcrypto",
    installExtensions: false,
    poolSize: options.poolSize,
    // A request waits this long for a connection, then fails with SERVICE_UNAVAILABLE instead of hanging.
    // types: timestamptz read by our parser (src/db/timestamps.ts), every other type by pg's own.
    extra: { application_name: "link-pass-api", connectionTimeoutMillis: options.poolTimeoutMs ?? 5000, types: POOL_TYPES },
    logging: false,
  });
}
