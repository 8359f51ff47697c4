import * as assert from "node:assert/strict";
import * as E from "fp-ts/Either";
import fc from "fast-check";
import { ListScriptOrdersResponse, ShowScriptOrderResponse } from "../../sdk/codecs";
import { decodeBody } from "../../sdk/decode";
import { parseJsonLossless } from "../../sdk/json";
import { ScriptOrder as ScriptOrderModel, normalizeScriptOrder, normalizeScriptOrderSummary, redactScriptParams } from "../../sdk/model";

const WALK_FAILED = Symbol("no such path");
/** Follows a decode path (`$.a.b[2].c`) into a parsed document; `undefined` where the last key is absent. */
const walk = (doc: unknown, path: string): [string, unknown] => {
  let cur: unknown = doc;
  const steps = [...path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)];
  for (const [i, m] of steps.entries()) {
    if (cur === null || typeof cur !== "object") return [path, WALK_FAILED];
    const key = m[1] ?? m[2];
    const next = (cur as Record<string, unknown>)[key];
    if (next === undefined && i < steps.length - 1) return [path, WALK_FAILED];
    cur = next;
  }
  return [path, cur];
};
/** The decoder's rendering of a value in a reason (JSON, cut at 60 characters). */
const preview = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

const DOC_EXAMPLE = `{
  "data": {
    "execute_uuid": "SCT2023102211473xxxxxxxxxx",
    "gmt_created": 1697946452186,
    "gmt_finished": 1697946763469,
    "execute_costs": 311282,
    "creator": "xxxxxxxxxxxcontainer1",
    "status": "CANCELED",
    "properties": {
      "script_uuid": "SC2023101717xxxxxxxxxxxxx",
      "script_name": "xjptxxxxxxxx",
      "current_execute_batch_index": 1,
      "execute_param": { "resourceful": true, "timeout": 300, "execute_user": "root", "success_rate": 100, "script_params": [] },
      "script_source": "CUSTOM_SCRIPT"
    }
  }
}`;

const decode = (text: string) => {
  const r = decodeBody(ShowScriptOrderResponse, text);
  return E.isRight(r) ? E.right(normalizeScriptOrder(r.right.data)) : r;
};

const ok = (text: string) => {
  const r = decode(text);
  if (E.isLeft(r)) assert.fail(`expected a decode, got ${r.left.path}: ${r.left.reason}`);
  return r.right;
};

const withData = (data: unknown) => JSON.stringify({ data });

describe("decoding a script order", () => {
  it("decodes the documented example into the normalized model", () => {
    assert.deepEqual(ok(DOC_EXAMPLE), {
      executeUuid: "SCT2023102211473xxxxxxxxxx",
      status: "CANCELED",
      phase: "failed",
      terminal: true,
      createdAt: "2023-10-22T03:47:32.186Z",
      finishedAt: "2023-10-22T03:52:43.469Z",
      executeCosts: 311282,
      creator: "xxxxxxxxxxxcontainer1",
      scriptUuid: "SC2023101717xxxxxxxxxxxxx",
      scriptName: "xjptxxxxxxxx",
      scriptVersionUuid: null,
      scriptVersionName: null,
      currentExecuteBatchIndex: 1,
      executeUser: "root",
      timeoutSeconds: 300,
      successRate: 100,
      resourceful: true,
      scriptParams: [],
      scriptSource: "CUSTOM_SCRIPT",
    });
  });

  describe("tolerances", () => {
    it("keeps an unknown status as data with phase unknown", () => {
      const o = ok(withData({ execute_uuid: "A", status: "QUEUED_FOR_APPROVAL" }));
      assert.equal(o.status, "QUEUED_FOR_APPROVAL");
      assert.equal(o.phase, "unknown");
      assert.equal(o.terminal, false);
    });

    for (const [status, phase, terminal] of [
      ["READY", "pending", false],
      ["PROCESSING", "pending", false],
      ["PAUSED", "paused", false],
      ["FINISHED", "succeeded", true],
      ["ABNORMAL", "failed", true],
      ["ERROR", "failed", true],
      ["CANCELED", "failed", true],
      ["ROLLBACKED", "failed", true],
    ] as const) {
      it(`maps ${status} to ${phase}`, () => {
        const o = ok(withData({ execute_uuid: "A", status }));
        assert.equal(o.phase, phase);
        assert.equal(o.terminal, terminal);
      });
    }

    it("accepts script_name as a number (the doc table says Long)", () => {
      assert.equal(ok(withData({ execute_uuid: "A", properties: { script_name: 12345 } })).scriptName, "12345");
    });

    it("accepts script_version_uuid as a number or a string", () => {
      assert.equal(ok(withData({ execute_uuid: "A", properties: { script_version_uuid: 77 } })).scriptVersionUuid, "77");
      assert.equal(ok(withData({ execute_uuid: "A", properties: { script_version_uuid: "77" } })).scriptVersionUuid, "77");
    });

    it("keeps 64-bit ids exact past 2^53", () => {
      const text = '{"data":{"execute_uuid":"A","properties":{"script_version_uuid":9007199254740993123}}}';
      assert.equal(ok(text).scriptVersionUuid, "9007199254740993123");
      const neg = '{"data":{"execute_uuid":"A","properties":{"script_version_uuid": -9223372036854775808 }}}';
      assert.equal(ok(neg).scriptVersionUuid, "-9223372036854775808");
    });

    it("leaves long digit runs inside strings, fractions and exponents alone", () => {
      const r = parseJsonLossless('{"s":"12345678901234567890","f":1.12345678901234567890,"e":1e-12345678901234567,"n":[12345678901234567890]}');
      assert.ok(E.isRight(r));
      assert.deepEqual(r.right, { s: "12345678901234567890", f: 1.1234567890123457, e: 0, n: ["12345678901234567890"] });
    });

    it("rejects long integers with leading zeros, as JSON.parse does", () => {
      for (const text of ["0012345678901234567", "[-00123456789012345678]", '{"a":0123456789012345678}']) {
        assert.ok(E.isLeft(parseJsonLossless(text)), text);
      }
    });

    it("keeps every 64-bit integer exact wherever it sits, and leaves strings alone", () => {
      fc.assert(
        fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n }), fc.string(), (n, s) => {
          const text = `{"s":${JSON.stringify(s + n.toString())},"a":[${n}, {"k":${n}}],"n":${n}}`;
          const r = parseJsonLossless(text);
          assert.ok(E.isRight(r));
          const expected = Number.isSafeInteger(Number(n)) ? Number(n) : n.toString();
          assert.deepEqual(r.right, { s: s + n.toString(), a: [expected, { k: expected }], n: expected });
        }),
        { numRuns: 1000 },
      );
    });

    it("accepts every field but execute_uuid missing, null or empty, as null", () => {
      const o = ok(withData({ execute_uuid: "A", status: null, creator: "", properties: null }));
      const { executeUuid, phase, terminal, ...rest } = o;
      assert.equal(executeUuid, "A");
      assert.equal(phase, "unknown");
      assert.equal(terminal, false);
      for (const [k, v] of Object.entries(rest)) assert.equal(v, null, k);
      const bare = ok(withData({ execute_uuid: "A" }));
      assert.ok(Object.values(bare).every((v) => v !== undefined && v !== ""));
    });

    it("treats gmt_finished 0 as not finished", () => {
      assert.equal(ok(withData({ execute_uuid: "A", gmt_finished: 0 })).finishedAt, null);
    });

    it("accepts numbers sent as strings", () => {
      const o = ok(withData({ execute_uuid: "A", gmt_created: "1697946452186", properties: { execute_param: { timeout: "300", success_rate: "99.5" } } }));
      assert.equal(o.createdAt, "2023-10-22T03:47:32.186Z");
      assert.equal(o.timeoutSeconds, 300);
      assert.equal(o.successRate, 99.5);
    });

    it("ignores unknown extra fields at every level", () => {
      const o = ok(withData({ execute_uuid: "A", brand_new: { x: 1 }, properties: { future: true, execute_param: { newer: [1], script_params: [{ param_name: "P", param_value: "v", param_order: 1, param_refer: { refer_type: "PARAM_STORE" }, extra: 1 }] } } }));
      assert.deepEqual(o.scriptParams, [{ name: "P", value: "v", order: 1 }]);
    });

    it("keeps execute_costs raw, without guessing its unit", () => {
      assert.equal(ok(withData({ execute_uuid: "A", execute_costs: 311282 })).executeCosts, 311282);
    });

    it("redacts parameter values for display", () => {
      const o = ok(withData({ execute_uuid: "A", properties: { execute_param: { script_params: [{ param_name: "PW", param_value: "hunter2" }] } } }));
      assert.deepEqual(redactScriptParams(o).scriptParams, [{ name: "PW", value: "[secret]", order: null }]);
    });
  });

  describe("failures", () => {
    it("names the JSON path and the offending value", () => {
      const r = decode(withData({ execute_uuid: "A", properties: { execute_param: { script_params: [{}, { param_order: "first" }] } } }));
      assert.ok(E.isLeft(r));
      assert.equal(r.left.path, "$.data.properties.execute_param.script_params[1].param_order");
      assert.match(r.left.reason, /"first"/);
    });

    it("reports a missing execute_uuid", () => {
      const r = decode(withData({ status: "FINISHED" }));
      assert.ok(E.isLeft(r));
      assert.equal(r.left.path, "$.data.execute_uuid");
      assert.match(r.left.reason, /missing/);
    });

    it("reports a body that is not JSON, or is truncated", () => {
      for (const text of ["<html>oops</html>", DOC_EXAMPLE.slice(0, 80), ""]) {
        const r = decode(text);
        assert.ok(E.isLeft(r));
        assert.equal(r.left.path, "$");
      }
    });

    it("on arbitrary JSON, a failure's path leads to the value it names, and a success is a valid model of that uuid", () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.record({ data: fc.jsonValue() }), fc.record({ data: fc.record({ execute_uuid: fc.jsonValue(), status: fc.jsonValue(), properties: fc.jsonValue() }) })), (value) => {
          const r = decode(JSON.stringify(value));
          // The document as the decoder saw it: long integers are exact strings there.
          const seen = (parseJsonLossless(JSON.stringify(value)) as E.Right<unknown>).right;
          if (E.isLeft(r)) {
            const [, found] = walk(seen, r.left.path);
            assert.ok(found !== WALK_FAILED, `path ${r.left.path} does not exist in ${JSON.stringify(value)}`);
            assert.ok(r.left.reason.endsWith(found === undefined ? "got missing" : `got ${preview(found)}`), `${r.left.path}: ${r.left.reason} vs ${JSON.stringify(found)}`);
          } else {
            assert.ok(ScriptOrderModel.is(r.right), JSON.stringify(r.right));
            assert.equal(r.right.executeUuid, (seen as { data: { execute_uuid: unknown } }).data.execute_uuid);
          }
        }),
        { numRuns: 2000 },
      );
    });

    it("on arbitrary text, fails at $ exactly when the text is not JSON", () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.json(), fc.stringMatching(/^-?0\d{16,20}$/)), (text) => {
          let json = true;
          try {
            JSON.parse(text);
          } catch {
            json = false;
          }
          const r = decode(text);
          if (!json) {
            assert.ok(E.isLeft(r) && r.left.path === "$" && /^(body is not JSON|empty body) \(/.test(r.left.reason), JSON.stringify(r));
          } else {
            assert.ok(!(E.isLeft(r) && /not JSON|empty body/.test(r.left.reason)), JSON.stringify(r));
          }
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe("list summaries", () => {
    const summary = (regionIds: unknown) => {
      const r = decodeBody(ListScriptOrdersResponse, JSON.stringify({ data: { total: 1, data: [{ execute_uuid: "A", properties: { region_ids: regionIds } }] } }));
      if (E.isLeft(r)) assert.fail(`${r.left.path}: ${r.left.reason}`);
      return normalizeScriptOrderSummary(r.right.data.data![0]).regionIds;
    };

    it("reads region_ids as the official SDK models it (a string, comma-separated) or as an array", () => {
      assert.deepEqual(summary("cn-north-4"), ["cn-north-4"]);
      assert.deepEqual(summary("cn-north-4, ap-southeast-3"), ["cn-north-4", "ap-southeast-3"]);
      assert.deepEqual(summary(""), []);
      assert.deepEqual(summary(["cn-north-4", "eu-west-101"]), ["cn-north-4", "eu-west-101"]);
      assert.equal(summary(null), null);
    });

    it("rejects region_ids of another shape, naming the path", () => {
      const r = decodeBody(ListScriptOrdersResponse, JSON.stringify({ data: { data: [{ execute_uuid: "A", properties: { region_ids: { a: 1 } } }] } }));
      assert.ok(E.isLeft(r));
      assert.match(r.left.path, /^\$\.data\.data\[0\]\.properties\.region_ids/);
    });
  });
});
