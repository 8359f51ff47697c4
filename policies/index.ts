/**
 * CrossGuard policy pack `coc-script-orders`: inspects every ScriptOrder in a stack through the
 * `ScriptOrderStatus` record each one registers (policies never see read resources), with the values
 * the Read step produced, so they are known at preview time. Run it with
 * `pulumi preview --policy-pack policies` (and `up`); tune it with `--policy-pack-config`.
 */
import type { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { PolicyPack } from "@pulumi/policy";
import * as E from "fp-ts/Either";
import { LEGACY_SCRIPT_ORDER_STATUS_TYPE, SCRIPT_ORDER_STATUS_TYPE } from "../provider/statusRecord";
import type { Subject } from "./rules";
import { checkFresh, checkScriptAllowed, checkSucceeded, decodeSubject } from "./rules";

const eachScriptOrder = (args: StackValidationArgs, report: ReportViolation, check: (s: Subject) => string | null): void => {
  for (const r of args.resources) {
    if (r.type !== SCRIPT_ORDER_STATUS_TYPE && r.type !== LEGACY_SCRIPT_ORDER_STATUS_TYPE) continue;
    // The record is the ScriptOrder's child: violations name the ScriptOrder the user wrote.
    const subject = decodeSubject(r.name.replace(/-status$/, ""), r.props);
    const violation = E.isLeft(subject) ? subject.left : check(subject.right);
    if (violation !== null) report(violation, r.urn);
  }
};

new PolicyPack("coc-script-orders", {
  policies: [
    {
      name: "script-order-succeeded",
      description: "Every script order the stack reads has succeeded (status FINISHED).",
      enforcementLevel: "mandatory",
      validateStack: (args, report) => eachScriptOrder(args, report, checkSucceeded),
    },
    {
      name: "script-order-fresh",
      description: "Every script order finished recently: a stale approval should not gate today's deploy.",
      enforcementLevel: "advisory",
      configSchema: {
        properties: { maxAgeHours: { type: "number", minimum: 0, default: 24, description: "How old a finished order may be, in hours." } },
      },
      validateStack: (args, report) => {
        const { maxAgeHours } = args.getConfig<{ maxAgeHours: number }>();
        const now = new Date();
        eachScriptOrder(args, report, (s) => checkFresh(s, maxAgeHours, now));
      },
    },
    {
      name: "script-order-script-allowed",
      description: "Every script order ran a script from the allowed list (names or uuids); an empty list allows all.",
      enforcementLevel: "mandatory",
      configSchema: {
        properties: { allowedScripts: { type: "array", items: { type: "string" }, default: [], description: "Script names or uuids." } },
      },
      validateStack: (args, report) => {
        const { allowedScripts } = args.getConfig<{ allowedScripts: string[] }>();
        eachScriptOrder(args, report, (s) => checkScriptAllowed(s, allowedScripts));
      },
    },
  ],
});
