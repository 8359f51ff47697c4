import * as E from "fp-ts/Either";

/**
 * JSON.parse that keeps integers past 2^53 exact: such literals reach the caller as decimal strings.
 * Node 20's JSON.parse cannot show a reviver the source text, so long integer literals outside
 * strings are quoted before parsing; documents without any are parsed untouched.
 */

export interface JsonSyntaxError {
  readonly _tag: "JsonSyntaxError";
  readonly message: string;
}

/** A run of digits long enough that a double may not hold it exactly (2^53 has 16). */
const LONG_DIGIT_RUN = /-?\d{16,}/g;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** What may precede a JSON value: start of text, whitespace, or `:` `[` `,`. */
const startsValue = (c: number) => Number.isNaN(c) || c === 58 || c === 91 || c === 44 || c === 32 || c === 10 || c === 13 || c === 9;
/** What may end a number token: end of text, whitespace, or `,` `}` `]`. */
const endsValue = (c: number) => Number.isNaN(c) || c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9;

const escaped = (text: string, quote: number): boolean => {
  let backslashes = 0;
  for (let i = quote - 1; i >= 0 && text.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 1;
};

/**
 * Start and end offsets of integer literals, outside strings, that a double would round. Only long
 * digit runs are candidates (found natively); string state is tracked by jumping between quotes.
 */
const unsafeIntegerSpans = (text: string): number[] => {
  const spans: number[] = [];
  let pos = 0;
  let inString = false;
  for (const m of text.matchAll(LONG_DIGIT_RUN)) {
    const start = m.index;
    for (let q = text.indexOf('"', pos); q !== -1 && q < start; q = text.indexOf('"', q + 1)) {
      if (!escaped(text, q)) inString = !inString;
    }
    pos = Math.max(pos, start);
    const end = start + m[0].length;
    // Whole tokens only: a run inside a fraction, an exponent or a longer token is not an integer,
    // and one with a leading zero is not JSON at all (quoting it would make invalid text parse).
    if (inString || !startsValue(text.charCodeAt(start - 1)) || !endsValue(text.charCodeAt(end)) || isDigit(text.charCodeAt(end))) continue;
    if (text.charCodeAt(m[0].startsWith("-") ? start + 1 : start) === 48) continue;
    if (!Number.isSafeInteger(Number(m[0]))) spans.push(start, end);
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
