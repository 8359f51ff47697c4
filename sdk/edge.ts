import * as E from "fp-ts/Either";
import type * as TE from "fp-ts/TaskEither";
import type { CocError } from "./errors";
import { CocFailure } from "./errors";

/** Runs a TaskEither and throws its error as a `CocFailure`: for the CLI and Pulumi edges only. */
export const orThrow = async <A>(task: TE.TaskEither<CocError, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new CocFailure(result.left);
  return result.right;
};
