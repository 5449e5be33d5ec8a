// The pure identifiers file, not the registry's index: `anju tally` must start fast without loading the server.
import { effectiveArea } from '../registry/identifiers.ts';
import {
  CHOICES,
  type Choice,
  DEVELOPER,
  ELECTION_ITEM,
  type ElectionVote,
  type Roll,
  type RollUnit,
  rollOf,
  tallyElection,
  tallyMatter,
  type Vote,
} from './tally.ts';

/**
 * The `anju tally` input (a roll of units and the ballots, as the published export has them), checked completely
 * before anything is counted. Every refusal names the problem, in Chinese and English.
 */
export class TallyInputError extends Error {}

const fail = (zh: string, en: string): never => {
  throw new TallyInputError(`${zh} / ${en}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isArea = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

function unitsOf(raw: unknown): RollUnit[] {
  if (!Array.isArray(raw) || !raw.length) fail('units 须为非空数组', 'units must be a non-empty array');
  const seen = new Set<string>();
  return (raw as unknown[]).map((u, i) => {
    const at = `第 ${i + 1} 个单元 / unit ${i + 1}`;
    if (!isObject(u)) return fail(`${at}：不是对象`, `${at}: not an object`);
    const id = u.id;
    if (typeof id !== 'string' || !id) return fail(`${at}：缺少 id`, `${at}: missing id`);
    if (seen.has(id)) fail(`单元 ${id} 重复`, `unit ${id} appears twice`);
    seen.add(id);
    const given = { registeredArea: u.registeredArea, surveyedArea: u.surveyedArea, contractArea: u.contractArea };
    for (const [k, v] of Object.entries(given))
      if (v !== undefined && v !== null && !isArea(v))
        fail(
          `单元 ${id} 的面积 ${k} 须为正整数（单位 0.01 平方米）`,
          `unit ${id}: ${k} must be a positive integer (0.01 m²)`,
        );
    const areas = {
      area_registered: (given.registeredArea as number | undefined) ?? null,
      area_surveyed: (given.surveyedArea as number | undefined) ?? null,
      area_contract: (given.contractArea as number | undefined) ?? null,
    };
    if (areas.area_registered === null && areas.area_surveyed === null && areas.area_contract === null)
      fail(`单元 ${id} 没有任何面积`, `unit ${id} has no area at all`);
    const developer = u.developerHeld === true;
    if (!developer && (typeof u.ownerId !== 'string' || !u.ownerId))
      fail(`单元 ${id} 既无业主也非开发建设单位持有`, `unit ${id} has neither an ownerId nor developerHeld`);
    if (u.ownerId === DEVELOPER && !developer)
      fail(`业主编号 ${DEVELOPER} 保留给开发建设单位`, `the ownerId ${DEVELOPER} is reserved for the developer`);
    const { area } = effectiveArea(areas);
    return { id, personId: developer ? DEVELOPER : (u.ownerId as string), area };
  });
}

/** Every ballot's voter must be on the roll, once. */
function votersOf(raw: unknown, roll: Roll): { voterId: string; ballot: Record<string, unknown>; at: string }[] {
  if (!Array.isArray(raw)) fail('ballots 须为数组', 'ballots must be an array');
  const seen = new Set<string>();
  return (raw as unknown[]).map((b, i) => {
    const at = `第 ${i + 1} 张选票 / ballot ${i + 1}`;
    if (!isObject(b)) return fail(`${at}：不是对象`, `${at}: not an object`);
    const voterId = b.voterId;
    if (typeof voterId !== 'string' || !roll.persons.has(voterId))
      fail(`${at}：投票人 ${String(voterId)} 不在表决名册中`, `${at}: voter ${String(voterId)} is not on the roll`);
    if (seen.has(voterId as string))
      fail(`${at}：投票人 ${voterId} 已投过票`, `${at}: voter ${voterId} already has a ballot`);
    seen.add(voterId as string);
    return { voterId: voterId as string, ballot: b, at };
  });
}

export function tallyInput(input: unknown) {
  if (!isObject(input)) return fail('输入须为 JSON 对象', 'the input must be a JSON object');
  const item = input.matter;
  if (typeof item !== 'number' || !Number.isInteger(item) || item < 1 || item > 9)
    fail('matter 须为《民法典》第二百七十八条的事项序号 1–9', 'matter must be a Civil Code art. 278 item number, 1–9');
  const roll = rollOf(unitsOf(input.units));
  const voters = votersOf(input.ballots, roll);
  if (item !== ELECTION_ITEM) {
    const votes: Vote[] = voters.map(({ voterId, ballot, at }) => {
      if (!CHOICES.includes(ballot.choice as Choice))
        fail(`${at}：未知的表决意见 ${String(ballot.choice)}`, `${at}: unknown choice ${String(ballot.choice)}`);
      return { voterId, choice: ballot.choice as Choice };
    });
    return tallyMatter(item as number, roll, votes);
  }
  const seats = input.seats;
  if (typeof seats !== 'number' || !Number.isInteger(seats) || seats < 1)
    fail('选举须给出正整数席位数 seats', 'an election needs seats, a positive integer');
  const candidates = input.candidates;
  if (!Array.isArray(candidates) || !candidates.length || candidates.some((c) => typeof c !== 'string' || !c))
    fail('选举须给出候选人编号数组 candidates', 'an election needs candidates, an array of ids');
  const known = new Set(candidates as string[]);
  if (known.size !== (candidates as string[]).length) fail('候选人编号重复', 'a candidate appears twice');
  const votes: ElectionVote[] = voters.map(({ voterId, ballot, at }) => {
    const choices = ballot.choices;
    if (!Array.isArray(choices))
      return fail(`${at}：选举选票须有 choices 数组`, `${at}: an election ballot needs choices`);
    if (choices.length > (seats as number))
      fail(`${at}：所选人数超过应选席位 ${seats}`, `${at}: more choices than the ${seats} seats`);
    for (const c of choices)
      if (!known.has(c)) fail(`${at}：未知的候选人 ${String(c)}`, `${at}: unknown candidate ${String(c)}`);
    if (new Set(choices).size !== choices.length)
      fail(`${at}：同一候选人选了两次`, `${at}: a candidate is chosen twice`);
    return { voterId, choices: choices as string[] };
  });
  return tallyElection(roll, seats as number, candidates as string[], votes);
}
