import { check as isCommonPassword } from "dumb-passwords";
import { badUserInput } from "../../shared/errors";
import { t } from "../../shared/messages";

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 200;

/**
 * A new password: long enough, not absurdly long, and not one of the most common passwords
 * (dumb-passwords' list), also not one with only digits or symbols added around it ("password2024!").
 */
export function assertAcceptablePassword(password: string, argument: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw badUserInput(t("{argument} must be at least {min} characters", { argument, min: MIN_PASSWORD_LENGTH }), argument);
  if (password.length > MAX_PASSWORD_LENGTH) throw badUserInput(t("{argument} must be at most {max} characters", { argument, max: MAX_PASSWORD_LENGTH }), argument);
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (isCommonPassword(password) || isCommonPassword(lower) || (core !== "" && isCommonPassword(core))) {
    throw badUserInput(t("{argument} is one of the most common passwords; choose another", { argument }), argument);
  }
}
