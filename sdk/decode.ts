/**
 * Decoding a response body: bytes -> lossless JSON -> codec -> model. Failures are values naming the
 * JSON path and the offending value; turning them into a message is `errors.ts`'s job.
 */
import * as E from "fp-ts/Either";
import { pipe } from "fp-ts/function";
import * as t from "io-ts";
import { parseJsonLossless } from "./json";

export interface DecodeFailure {
  readonly path: string;
  readonly reason: string;
}

const PREVIEW_CHARS = 60;

const preview = (value: unknown): string => {
  if (value === undefined) return "missing";
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS)}…` : s;
};

/** `$.data.properties.script_params[2].param_order`, skipping the keys unions, intersections and wrappers add. */
const pathOf = (context: t.Context): string => {
  let path = "$";
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1].type;
    const key = context[i].key;
    if (key === "" || parent instanceof t.UnionType || parent instanceof t.IntersectionType) continue;
    path += parent instanceof t.ArrayType ? `[${key}]` : `.${key}`;
  }
  return path;
};

/** The deepest failure is the one that names the actual bad value rather than an enclosing union. */
export const reportDecodeErrors = (errors: t.Errors): DecodeFailure => {
  const deepest = errors.reduce((a, b) => (b.context.length > a.context.length ? b : a), errors[0]);
  if (deepest === undefined) return { path: "$", reason: "invalid document" };
  const expected = deepest.context[deepest.context.length - 1]?.type.name ?? "value";
  return { path: pathOf(deepest.context), reason: `expected ${expected}, got ${preview(deepest.value)}` };
};

const truncatedHint = (text: string): string => (text.trim() === "" ? "empty body" : "body is not JSON");

export const decodeBody = <A>(codec: t.Decoder<unknown, A>, text: string): E.Either<DecodeFailure, A> =>
  pipe(
    parseJsonLossless(text),
    E.mapLeft((e): DecodeFailure => ({ path: "$", reason: `${truncatedHint(text)} (${e.message})` })),
    E.chain((json) => pipe(codec.decode(json), E.mapLeft(reportDecodeErrors))),
  );
