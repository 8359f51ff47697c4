import * as E from "fp-ts/Either";
import type { CocError } from "./errors";
import { invalidInput } from "./errors";

/** What COC issues (`SCT2023102211473…`), with room for ids other tools mint: 1-26 of [A-Za-z0-9_-]. */
export const EXECUTE_UUID_PATTERN = /^[A-Za-z0-9_-]{1,26}$/;

export const validateExecuteUuid = (value: unknown, field = "executeUuid"): E.Either<CocError, string> => {
  if (typeof value !== "string") return E.left(invalidInput(field, `expected a string, got ${typeof value}`));
  if (!EXECUTE_UUID_PATTERN.test(value)) {
    const shown = value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
    return E.left(invalidInput(field, `${shown} is not an execute_uuid (1-26 characters of A-Z a-z 0-9 _ -)`));
  }
  return E.right(value);
};
