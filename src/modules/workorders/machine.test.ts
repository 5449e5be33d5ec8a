import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTION_NAMES,
  ACTIONS,
  allowedActions,
  FINAL_STATES,
  nextState,
  type Party,
  STATES,
  type State,
} from './machine.ts';

const everyone = new Set<Party>(['reporter', 'handler', 'assignee', 'street', 'department', 'verifier']);

test('every state is reachable from submitted, and every open state has a way forward', () => {
  const seen = new Set<State>(['submitted']);
  const queue: State[] = ['submitted'];
  while (queue.length) {
    const s = queue.shift() as State;
    for (const a of allowedActions(s, everyone)) {
      for (const back of STATES) {
        const to = nextState(a, s, back === 'department_handling' ? back : 'in_progress');
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
  }
  assert.deepEqual([...seen].sort(), [...STATES].sort());
  for (const s of STATES) {
    const forward = allowedActions(s, everyone).filter((a) => a !== 'comment' && nextState(a, s, 'in_progress') !== s);
    if (s === 'closed') assert.deepEqual(forward, ['reopen']);
    else if (FINAL_STATES.has(s)) assert.deepEqual(forward, [], `${s} is final`);
    else assert.ok(forward.length > 0, `${s} has a way forward`);
  }
});

test('only the parties an action names may take it', () => {
  assert.deepEqual(allowedActions('submitted', new Set(['reporter'])), ['comment']);
  assert.ok(allowedActions('submitted', new Set(['handler'])).includes('accept'));
  assert.ok(!allowedActions('whistled', new Set(['handler'])).includes('report'), 'only the department reports');
  assert.deepEqual(
    allowedActions('resolved', new Set(['reporter'])).sort(),
    ['comment', 'confirm', 'send_back'].sort(),
  );
});

test('rework returns to whoever resolved it; actions that keep the state keep it', () => {
  assert.equal(nextState('send_back', 'resolved', 'department_handling'), 'department_handling');
  assert.equal(nextState('send_back', 'resolved', 'in_progress'), 'in_progress');
  assert.equal(nextState('comment', 'whistled', 'in_progress'), 'whistled');
  for (const a of ACTION_NAMES) for (const s of ACTIONS[a].from) assert.ok(STATES.includes(s));
});
