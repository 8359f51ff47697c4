/**
 * npm run bench:stack — many ScriptOrders in one stack, with the real engine (file backend) against
 * the emulator, beside the floor any dynamic data source pays: the same number of minimal dynamic
 * resources read by id (`new R(name, {k}, {id})`, a provider whose `read` returns its inputs). The
 * package is packed and installed in a scratch project, as users get it. One run prints, for N = 50
 * and 200: preview, up and up-again seconds and their ratio to the floor (goals at N = 200: preview
 * <= 1.2x, up <= 1.3x), state bytes per order (ScriptOrder and its record, goal <= 4,096), emulator
 * reads per order in preview and up (goal: exactly 1), and the growth from 50 to 200.
 *
 * The request budget is raised for the run (requestsPerSecond 1000): at its default, 10/s, reading
 * 200 orders takes 20 s by design, which is the budget and not the cost this measures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import type { OrderFixture } from "../emulator";
import { ensureEngine, REPO_ROOT } from "../scripts/engine";
import { pack, userProject } from "../scripts/user-project";

/** COC_BENCH_SIZES=50 for a quick look; the goals are for 200. */
const SIZES: readonly number[] = (process.env.COC_BENCH_SIZES ?? "50,200").split(",").map(Number);
const GOALS = { preview: 1.2, up: 1.3, bytesPerOrder: 4096 };

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ScriptOrder } from "pulumi-huaweicloud-coc";

const config = new pulumi.Config("bench");
const n = config.requireNumber("n");

class FloorProvider implements pulumi.dynamic.ResourceProvider {
  async create(): Promise<pulumi.dynamic.CreateResult> {
    throw new Error("read only");
  }
  async read(id: string, props: Record<string, unknown>) {
    return { id, props };
  }
}
class Floor extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>, opts: pulumi.CustomResourceOptions) {
    super(new FloorProvider(), name, props, opts);
  }
}

for (let i = 0; i < n; i++) {
  const uuid = \`SCTBENCH\${String(i).padStart(5, "0")}\`;
  if (config.require("mode") === "floor") new Floor(\`r\${i}\`, { k: uuid }, { id: uuid });
  else new ScriptOrder(\`order\${i}\`, { executeUuid: uuid, requireStatus: ["FINISHED"] });
}
`;

interface Figures {
  readonly preview: number;
  readonly up: number;
  readonly again: number;
  readonly bytesPerOrder: number;
  readonly exportBytes: number;
  readonly previewReads: number;
  readonly upReads: number;
}

const seconds = (ms: number) => ms / 1000;

const main = async (): Promise<void> => {
  ensureEngine();
  const orders: OrderFixture[] = Array.from({ length: Math.max(...SIZES) }, (_, i) => ({
    execute_uuid: `SCTBENCH${String(i).padStart(5, "0")}`,
    script_name: "rotate-logs",
    script_version_name: "v3",
    lifecycle: { status: "FINISHED" },
  }));
  const emu = await startEmulator({ orders });
  const tgz = mkdtempSync(path.join(os.tmpdir(), "coc-bench-tgz-"));
  const user = userProject("coc-bench-stack", PROGRAM, pack(REPO_ROOT, tgz));
  try {
    const measure = async (mode: "coc" | "floor", n: number): Promise<Figures> => {
      await user.stack(`${mode}-${n}`, emu, {
        "bench:mode": mode,
        "bench:n": String(n),
        "huaweicloud-coc:requestsPerSecond": "1000",
        "huaweicloud-coc:maxConcurrentRequests": "64",
      });
      const reads = () => emu.requests().filter((r) => r.path.startsWith("/v1/job/script/orders/")).length;
      emu.clearRequests();
      const preview = await user.must(["preview"]);
      const previewReads = reads();
      emu.clearRequests();
      const up = await user.must(["up", "--yes", "--skip-preview"]);
      const upReads = reads();
      const again = await user.must(["up", "--yes", "--skip-preview"]);
      const exported = (await user.must(["stack", "export"])).stdout;
      const resources = (JSON.parse(exported) as { deployment: { resources: { type: string }[] } }).deployment.resources;
      const perOrder = resources.filter((r) => (mode === "floor" ? r.type === "pulumi-nodejs:dynamic:Resource" : /:ScriptOrder(Status)?$/.test(r.type)));
      return {
        preview: seconds(preview.ms),
        up: seconds(up.ms),
        again: seconds(again.ms),
        bytesPerOrder: Math.round(perOrder.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r, null, 4)), 0) / n),
        exportBytes: Buffer.byteLength(exported),
        previewReads: previewReads / n,
        upReads: upReads / n,
      };
    };

    const results = new Map<number, { coc: Figures; floor: Figures }>();
    for (const n of SIZES) {
      // The floor first and then ours, per size, so both see the same machine state.
      const floor = await measure("floor", n);
      const coc = await measure("coc", n);
      results.set(n, { coc, floor });
      const ratio = (k: "preview" | "up" | "again") => coc[k] / floor[k];
      const goal = (r: number, g: number | undefined) => (g === undefined ? "" : r <= g ? ` (goal <= ${g}, met)` : ` (goal <= ${g}, NOT met)`);
      console.log(`N = ${n}`);
      for (const k of ["preview", "up", "again"] as const) {
        const g = n === 200 ? (k === "preview" ? GOALS.preview : k === "up" ? GOALS.up : undefined) : undefined;
        console.log(`  ${k === "again" ? "up again" : k}: ScriptOrder ${coc[k].toFixed(1)} s, floor ${floor[k].toFixed(1)} s, ratio ${ratio(k).toFixed(2)}${goal(ratio(k), g)}`);
      }
      console.log(
        `  state bytes per order: ScriptOrder + record ${coc.bytesPerOrder}, floor resource ${floor.bytesPerOrder}${goal(coc.bytesPerOrder, GOALS.bytesPerOrder).replace("goal <=", "goal <= ")}; whole export ${coc.exportBytes} vs ${floor.exportBytes} bytes`,
      );
      console.log(`  emulator reads per order: preview ${coc.previewReads.toFixed(2)}, up ${coc.upReads.toFixed(2)} (goal: exactly 1)`);
    }
    const [small, large] = SIZES.map((n) => results.get(n)!);
    for (const k of large === undefined ? [] : (["preview", "up", "again"] as const)) {
      console.log(`growth ${SIZES[0]} -> ${SIZES[1]} (${SIZES[1] / SIZES[0]}x orders), ${k === "again" ? "up again" : k}: ScriptOrder ${(large.coc[k] / small.coc[k]).toFixed(2)}x, floor ${(large.floor[k] / small.floor[k]).toFixed(2)}x`);
    }
  } finally {
    await emu.stop();
    user.remove();
    rmSync(tgz, { recursive: true, force: true });
  }
};

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
