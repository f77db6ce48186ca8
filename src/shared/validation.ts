import { Matches, ValidationOptions } from "class-validator";

/** Text with at least one non-space character; the message names the field. */
export function NotBlank(options: ValidationOptions = {}): PropertyDecorator {
  return (target, property) =>
    Matches(/\S/, { message: `${String(property)} must not be blank`, ...options })(target, property as string);
}
