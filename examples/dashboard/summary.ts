/** The dashboard's shapes and its summary, as pure functions (the stack only wires them to outputs). */
import type { Phase } from "pulumi-huaweicloud-coc";

export interface OrderCard {
  readonly executeUuid: string;
  readonly status: string | null;
  readonly phase: Phase;
  /** The script and version for orders read one by one; the order's name for listed ones. */
  readonly title: string | null;
  readonly createdAt: string | null;
  readonly finishedAt: string | null;
  readonly executeCosts: number | null;
  readonly creator: string | null;
}

export interface Summary {
  readonly total: number;
  readonly byPhase: Readonly<Record<Phase, number>>;
  readonly slowest: { readonly executeUuid: string; readonly executeCosts: number } | null;
  readonly latestFailure: { readonly executeUuid: string; readonly status: string | null; readonly finishedAt: string | null } | null;
}

export const summarize = (cards: readonly OrderCard[]): Summary => {
  const byPhase: Record<Phase, number> = { pending: 0, paused: 0, succeeded: 0, failed: 0, unknown: 0 };
  for (const c of cards) byPhase[c.phase]++;
  const timed = cards.filter((c): c is OrderCard & { executeCosts: number } => c.executeCosts !== null);
  const slowest = timed.reduce<(typeof timed)[number] | null>((a, c) => (a === null || c.executeCosts > a.executeCosts ? c : a), null);
  const failures = cards.filter((c) => c.phase === "failed");
  const latest = failures.reduce<OrderCard | null>((a, c) => (a === null || (c.finishedAt ?? "") > (a.finishedAt ?? "") ? c : a), null);
  return {
    total: cards.length,
    byPhase,
    slowest: slowest === null ? null : { executeUuid: slowest.executeUuid, executeCosts: slowest.executeCosts },
    latestFailure: latest === null ? null : { executeUuid: latest.executeUuid, status: latest.status, finishedAt: latest.finishedAt },
  };
};

/** Outputs keyed by execute_uuid: stable for `jq '.orders["SCT..."]'` consumers. */
export const byUuid = (cards: readonly OrderCard[]): Record<string, OrderCard> => Object.fromEntries(cards.map((c) => [c.executeUuid, c]));
