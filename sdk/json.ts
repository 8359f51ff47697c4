import * as E from "fp-ts/Either";

/**
 * JSON.parse that keeps integers past 2^53 exact: such literals reach the caller as decimal strings.
 * Node 20 has no `JSON.parse` source access, so long integer literals outside strings are quoted first.
 * The lookbehind keeps fractions and exponents (`1.1234567890123456789`, `1e-1234567890123456`) intact.
 */
const LONG_INTEGER = /"(?:[^"\\]|\\[\s\S])*"|(?<![\d.eE+-])-?\d{16,}(?=\s*[,}\]]|\s*$)/g;
const HAS_LONG_DIGIT_RUN = /\d{16}/;

export interface JsonSyntaxError {
  readonly _tag: "JsonSyntaxError";
  readonly message: string;
}

export const parseJsonLossless = (text: string): E.Either<JsonSyntaxError, unknown> => {
  const source = HAS_LONG_DIGIT_RUN.test(text)
    ? text.replace(LONG_INTEGER, (m) => (m.charCodeAt(0) === 34 /* " */ || Number.isSafeInteger(Number(m)) ? m : `"${m}"`))
    : text;
  try {
    return E.right(JSON.parse(source) as unknown);
  } catch (e) {
    return E.left({ _tag: "JsonSyntaxError", message: e instanceof Error ? e.message : String(e) });
  }
};
