/**
 * The closed loop (受理、处置、核查、登记、反馈) as data: states, the actions between them and which party may take
 * each. The service enforces it; the UI reads it to offer only the buttons that can work.
 */
export const STATES = [
  'submitted', // 待受理
  'accepted', // 已受理，待派单
  'dispatched', // 已派单
  'in_progress', // 处理中
  'waiting_resident', // 等待居民（计时暂停）
  'escalation_requested', // 申请吹哨，街道审核
  'whistled', // 已吹哨，待部门报到
  'department_handling', // 部门已报到，处理中
  'resolved', // 已办结，待核查
  'verified', // 核查通过，待回访
  'closed', // 已关闭
  'rejected', // 不予受理
  'merged', // 重复，已合并
  'out_of_scope', // 非受理范围（已告知正确渠道）
] as const;
export type State = (typeof STATES)[number];

/** Who takes part: the reporter; the unit now handling it (company, or community / street); its assignee; etc. */
export type Party = 'reporter' | 'handler' | 'assignee' | 'street' | 'department' | 'verifier' | 'system';

export interface ActionSpec {
  from: readonly State[];
  /** The state reached; 'back' returns to whoever resolved it (rework), 'same' keeps the state. */
  to: State | 'back' | 'same';
  by: readonly Party[];
  /** Fields the caller must give. */
  requires?: readonly ('reason' | 'note' | 'assignee' | 'duplicateOf' | 'feedback' | 'category')[];
}

const WORKING: State[] = ['accepted', 'dispatched', 'in_progress'];
const OPEN: State[] = [...WORKING, 'submitted', 'waiting_resident', 'escalation_requested', 'whistled'];

export const ACTIONS = {
  accept: { from: ['submitted'], to: 'accepted', by: ['handler'] },
  reject: { from: ['submitted'], to: 'rejected', by: ['handler'], requires: ['reason'] },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: ['handler'], requires: ['duplicateOf'] },
  /** The reason names the right channel (e.g. 12345, the court) so the resident knows where to go. */
  out_of_scope: { from: ['submitted'], to: 'out_of_scope', by: ['handler'], requires: ['reason'] },
  dispatch: { from: WORKING, to: 'dispatched', by: ['handler'] },
  start: { from: ['accepted', 'dispatched'], to: 'in_progress', by: ['assignee', 'handler'] },
  wait: { from: ['in_progress'], to: 'waiting_resident', by: ['assignee', 'handler'], requires: ['note'] },
  resume: { from: ['waiting_resident'], to: 'in_progress', by: ['assignee', 'handler', 'reporter'] },
  resolve: { from: ['in_progress'], to: 'resolved', by: ['assignee', 'handler'], requires: ['note'] },
  request_escalation: { from: WORKING, to: 'escalation_requested', by: ['handler'], requires: ['reason'] },
  /** The street sends it back to the company: it is theirs to fix. */
  refuse_escalation: { from: ['escalation_requested'], to: 'in_progress', by: ['street'], requires: ['reason'] },
  whistle: { from: ['escalation_requested'], to: 'whistled', by: ['street'] }, // 吹哨
  report: { from: ['whistled'], to: 'department_handling', by: ['department'] }, // 报到
  /** Not this department's: goes back to the street to reroute, and counts against dispatch accuracy. */
  decline: {
    from: ['whistled', 'department_handling'],
    to: 'escalation_requested',
    by: ['department'],
    requires: ['reason'],
  },
  reply: { from: ['department_handling'], to: 'resolved', by: ['department'], requires: ['note'] },
  confirm: { from: ['resolved'], to: 'verified', by: ['reporter', 'verifier'] }, // 核查通过
  send_back: { from: ['resolved'], to: 'back', by: ['reporter', 'verifier'], requires: ['reason'] }, // 返工
  feedback: { from: ['verified'], to: 'closed', by: ['reporter', 'verifier'], requires: ['feedback'] }, // 回访
  reopen: { from: ['closed'], to: 'accepted', by: ['reporter', 'handler'], requires: ['reason'] },
  reclassify: { from: OPEN, to: 'same', by: ['handler', 'street'], requires: ['category'] },
  comment: { from: STATES, to: 'same', by: ['reporter', 'handler', 'assignee', 'street', 'department', 'verifier'] },
} as const satisfies Record<string, ActionSpec>;
export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

/** Escalations that the clock triggers, not a person. */
export const SYSTEM_ACTIONS = {
  breach_escalate: { from: ['submitted', ...WORKING], to: 'escalation_requested', by: ['system'] },
} as const satisfies Record<string, ActionSpec>;

/** The clock pauses while the ticket waits for the resident. */
export const PAUSED_STATES: ReadonlySet<State> = new Set(['waiting_resident']);
/** Ended: no clock runs, nothing more happens except a reopen. */
export const FINAL_STATES: ReadonlySet<State> = new Set(['closed', 'rejected', 'merged', 'out_of_scope']);
/** Open311 knows only open and closed. */
export const isOpen311Closed = (s: State) => FINAL_STATES.has(s) || s === 'resolved' || s === 'verified';

/** Actions a party set may take from a state: the 409 names them, the UI shows them. */
export function allowedActions(state: State, parties: ReadonlySet<Party>): Action[] {
  return ACTION_NAMES.filter((a) => {
    const spec: ActionSpec = ACTIONS[a];
    return spec.from.includes(state) && spec.by.some((p) => parties.has(p));
  });
}

/** The state an action leads to; `resolvedBy` is the state that produced the resolution, for rework. */
export function nextState(action: Action, state: State, reworkTo: State): State {
  const to: ActionSpec['to'] = ACTIONS[action].to;
  if (to === 'same') return state;
  if (to === 'back') return reworkTo;
  return to;
}

/** States that mean "someone has started handling it": the end of the response clock. */
export const RESPONDED_STATES: ReadonlySet<State> = new Set(['in_progress', 'department_handling']);
