import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "To whom the caller hands their deciding of approval steps, and for which period" })
export class DelegateApprovalsInput {
  @Field(() => ID, { description: "The colleague's active membership in the acting tenant" })
  toMembershipId!: string;

  @Field({ description: "When the delegate starts to decide on the caller's behalf" })
  startsAt!: Date;

  @Field({ description: "When it stops (exclusive): after startsAt; a period already over is kept (status EXPIRED) and passes nothing" })
  endsAt!: Date;
}
