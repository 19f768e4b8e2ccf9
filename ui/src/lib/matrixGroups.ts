import type { Step, StepStatus } from '../api/types';
import { STEP_STATUS_ORDER } from './status';

/** The parts of a step that shape the graph; statuses are deliberately absent. */
export type StepShape = Pick<Step, 'key' | 'stepId' | 'matrix' | 'needs'>;

export interface GraphNodeSpec {
  id: string;
  kind: 'step' | 'group';
  label: string;
  stepId: string;
  /** Step keys shown by this node: one for a step, every instance for a group. */
  members: string[];
}

export interface GraphSpec {
  nodes: GraphNodeSpec[];
  edges: Array<[from: string, to: string]>;
}

export const COLLAPSE_THRESHOLD = 8;

export const groupNodeId = (stepId: string) => `group:${stepId}`;

/** Matrix groups: stepId → instance keys, for steps fanned out into two or more matrix instances. */
export function findMatrixGroups(steps: readonly StepShape[]): Map<string, string[]> {
  const byStepId = new Map<string, string[]>();
  for (const step of steps) {
    if (Object.keys(step.matrix ?? {}).length === 0) continue;
    const keys = byStepId.get(step.stepId) ?? [];
    keys.push(step.key);
    byStepId.set(step.stepId, keys);
  }
  for (const [stepId, keys] of byStepId) if (keys.length < 2) byStepId.delete(stepId);
  return byStepId;
}

/** Groups that start collapsed: those with more than COLLAPSE_THRESHOLD instances. */
export function initiallyCollapsed(groups: Map<string, string[]>): Set<string> {
  const collapsed = new Set<string>();
  for (const [stepId, keys] of groups) if (keys.length > COLLAPSE_THRESHOLD) collapsed.add(stepId);
  return collapsed;
}

/** The graph to lay out: collapsed groups become one node and their edges are merged. */
export function buildGraph(
  steps: readonly StepShape[],
  groups: Map<string, string[]>,
  collapsed: ReadonlySet<string>,
): GraphSpec {
  const nodeOf = new Map<string, string>();
  const nodes: GraphNodeSpec[] = [];
  const emitted = new Set<string>();
  for (const step of steps) {
    const grouped = collapsed.has(step.stepId) && groups.has(step.stepId);
    if (!grouped) {
      nodeOf.set(step.key, step.key);
      nodes.push({ id: step.key, kind: 'step', label: step.key, stepId: step.stepId, members: [step.key] });
      continue;
    }
    const id = groupNodeId(step.stepId);
    nodeOf.set(step.key, id);
    if (emitted.has(id)) continue;
    emitted.add(id);
    const members = groups.get(step.stepId) ?? [];
    nodes.push({ id, kind: 'group', label: `${step.stepId} ×${members.length}`, stepId: step.stepId, members });
  }
  const edges: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const step of steps) {
    const to = nodeOf.get(step.key);
    if (!to) continue;
    for (const need of step.needs) {
      const from = nodeOf.get(need);
      if (!from || from === to) continue;
      const id = `${from}\u0000${to}`;
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push([from, to]);
    }
  }
  return { nodes, edges };
}

export type StatusCounts = Partial<Record<StepStatus, number>>;

export function countStatuses(members: readonly string[], steps: Record<string, { status: StepStatus } | undefined>): StatusCounts {
  const counts: StatusCounts = {};
  for (const key of members) {
    const status = steps[key]?.status;
    if (status) counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/** The most urgent status among counts, used to colour a group node. */
export function dominantStatus(counts: StatusCounts): StepStatus {
  return STEP_STATUS_ORDER.find((status) => (counts[status] ?? 0) > 0) ?? 'PENDING';
}

/** Stable text such as `2 ✗ failed · 3 ✓ succeeded`; a primitive so memoized nodes compare cheaply. */
export function describeCounts(counts: StatusCounts, icon: (status: StepStatus) => string): string {
  return STEP_STATUS_ORDER.filter((status) => (counts[status] ?? 0) > 0)
    .map((status) => `${counts[status]} ${icon(status)} ${status.toLowerCase()}`)
    .join(' · ');
}
