import * as E from "fp-ts/Either";

/**
 * JSON.parse that keeps integers past 2^53 exact: such literals reach the caller as decimal strings.
 * Node 20's JSON.parse cannot show a reviver the source text, so long integer literals outside
 * strings are quoted before parsing. One pass over the characters finds them; documents without
 * any (the usual case) are parsed untouched.
 */

export interface JsonSyntaxError {
  readonly _tag: "JsonSyntaxError";
  readonly message: string;
}

/** Digits long enough that they may not fit a double exactly (2^53 has 16). */
const MIN_UNSAFE_DIGITS = 16;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** What may end a number token: whitespace or `,` `}` `]` (or the end of text). */
const endsValue = (c: number) => Number.isNaN(c) || c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9;

/** Start and end offsets of integer literals (outside strings) that a double would round. */
const unsafeIntegerSpans = (text: string): number[] => {
  const spans: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    if (!isDigit(c) && c !== 45 /* - */) continue;
    // A number token: take it whole, so fractions and exponents are never split.
    const start = i;
    let j = c === 45 ? i + 1 : i;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
    const digits = j - (c === 45 ? i + 1 : i);
    let end = j;
    while (end < text.length && !endsValue(text.charCodeAt(end))) end++;
    if (end === j && digits >= MIN_UNSAFE_DIGITS && !Number.isSafeInteger(Number(text.slice(start, j)))) spans.push(start, j);
    i = end - 1;
  }
  return spans;
};

export const parseJsonLossless = (text: string): E.Either<JsonSyntaxError, unknown> => {
  const spans = unsafeIntegerSpans(text);
  let source = text;
  if (spans.length > 0) {
    const parts: string[] = [];
    let last = 0;
    for (let k = 0; k < spans.length; k += 2) {
      parts.push(text.slice(last, spans[k]), '"', text.slice(spans[k], spans[k + 1]), '"');
      last = spans[k + 1];
    }
    parts.push(text.slice(last));
    source = parts.join("");
  }
  try {
    return E.right(JSON.parse(source) as unknown);
  } catch (e) {
    return E.left({ _tag: "JsonSyntaxError", message: e instanceof Error ? e.message : String(e) });
  }
};
