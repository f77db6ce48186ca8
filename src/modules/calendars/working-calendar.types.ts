import { Matches } from "class-validator";
import { Field, InputType, ObjectType } from "type-graphql";

@InputType({ description: "One local day of the acting tenant's working calendar" })
export class WorkingCalendarDayInput {
  @Field({ description: "The local calendar date, YYYY-MM-DD" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "date must be a calendar date YYYY-MM-DD" })
  date!: string;

  @Field({ description: "Whether the tenant works on that day; the country's own answer drops the tenant's entry" })
  working!: boolean;
}

@ObjectType({ description: "One local day of a tenant's working calendar, after its own entries over its country's calendar" })
export class WorkingCalendarDay {
  tenantId!: string;

  @Field({ description: "The local calendar date, YYYY-MM-DD" })
  date!: string;

  @Field({ description: "Whether it is a working day of the tenant" })
  working!: boolean;

  @Field({ description: "Whether the tenant's own entry decides it (otherwise its country's calendar does)" })
  ownEntry!: boolean;
}
