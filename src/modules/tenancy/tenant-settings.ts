import { Field, InputType } from "type-graphql";

/** The locales the network speaks (DESIGN §8.4). */
export const LOCALES = ["zh-CN", "zh-TW", "en"] as const;

@InputType({ description: "A tenant's own settings; a field left out keeps its value" })
export class UpdateTenantSettingsInput {
  @Field(() => String, { nullable: true, description: "IANA time zone, e.g. Asia/Shanghai or Asia/Kuala_Lumpur" })
  timeZone?: string;

  @Field(() => String, { nullable: true, description: "BCP 47 locale: zh-CN, zh-TW or en" })
  locale?: string;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 country whose public holidays the working calendar follows, e.g. CN or MY" })
  countryCode?: string;
}
