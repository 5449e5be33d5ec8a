import { Type } from 'typebox';
import { ExportQuery } from '../../kernel/export.ts';
import { PageQuery } from '../../kernel/pagination.ts';
import { ACTION_NAMES, STATES } from './machine.ts';

export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Str = (max: number) => Type.String({ minLength: 1, maxLength: max });
// A string enum that keeps its union type, so the handlers see 'a' | 'b', not string.
const lit = <T extends string>(xs: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...xs] }));

export const Priority = lit(['urgent', 'high', 'normal', 'low'] as const);
export const SlaUnit = lit(['minutes', 'hours', 'working_days'] as const);
export const Clock = Type.Object({ amount: Type.Integer({ minimum: 1, maximum: 100_000 }), unit: SlaUnit });
export const State = lit(STATES);

export const TicketCreate = Type.Object(
  {
    estateId: Id,
    categoryId: Id,
    description: Str(2000),
    placeKind: lit(['unit', 'building', 'common'] as const),
    unitId: Type.Optional(Id),
    buildingId: Type.Optional(Id),
    placeText: Type.Optional(Str(200)),
    photoIds: Type.Optional(Type.Array(Id, { maxItems: 9 })),
    anonymous: Type.Optional(Type.Boolean()),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    callerName: Type.Optional(Str(50)),
    callerPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\-]{5,20}$' })),
    priority: Type.Optional(Priority),
    externalId: Type.Optional(Str(100)),
  },
  { additionalProperties: false },
);
export const TicketCreated = Type.Object({ id: Id, number: Type.String(), state: Type.String() });

export const Transition = Type.Object(
  {
    action: lit(ACTION_NAMES),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    note: Type.Optional(Str(2000)),
    reason: Type.Optional(Str(1000)),
    photoIds: Type.Optional(Type.Array(Id, { maxItems: 9 })),
    internal: Type.Optional(Type.Boolean()),
    assigneeAccountId: Type.Optional(Id),
    teamId: Type.Optional(Id),
    /** The original: its id or its ticket number (工单号). */
    duplicateOf: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    categoryId: Type.Optional(Id),
    departmentId: Type.Optional(Id),
    feedback: Type.Optional(
      Type.Object(
        {
          solved: Type.Boolean(),
          satisfaction: lit(['satisfied', 'basically_satisfied', 'dissatisfied'] as const),
          comment: Type.Optional(Type.String({ maxLength: 1000 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const TransitionResult = Type.Object({ id: Id, state: Type.String(), version: Type.Integer() });

export const TicketList = Type.Object(
  {
    ...PageQuery,
    ...ExportQuery,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    state: Type.Optional(Type.Array(State, { maxItems: 14 })),
    open: Type.Optional(Type.Boolean()),
    estateId: Type.Optional(Id),
    companyId: Type.Optional(Id),
    departmentId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    mine: Type.Optional(Type.Boolean()),
    overdue: Type.Optional(Type.Boolean()),
    sort: Type.Optional(lit(['due', 'recent'] as const)),
  },
  { additionalProperties: false },
);

const TicketFields = {
  id: Id,
  number: Type.String(),
  state: Type.String(),
  kind: Type.String(),
  priority: Type.String(),
  channel: Type.String(),
  description: Type.String(),
  estateId: Id,
  estateName: Type.String(),
  companyName: Nullable(Type.String()),
  placeKind: Type.String(),
  placeText: Nullable(Type.String()),
  reporterName: Nullable(Type.String()),
  reporterPhone: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  responsibleKind: Type.String(),
  responsibleName: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  submittedAt: Type.String(),
  responseDue: Nullable(Type.String()),
  resolutionDue: Nullable(Type.String()),
  respondedAt: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  paused: Type.Boolean(),
  overdue: Type.Boolean(),
  responseOverdue: Type.Boolean(),
  reworkCount: Type.Integer(),
  reopenCount: Type.Integer(),
  satisfaction: Nullable(Type.String()),
  feedbackSolved: Nullable(Type.Boolean()),
  version: Type.Integer(),
  categoryName: Type.Optional(Type.String()),
  assigneeName: Nullable(Type.String()),
};
export const TicketSummary = Type.Object(TicketFields);

export const TicketDetail = Type.Object({
  ...TicketFields,
  categoryId: Id,
  categoryPath: Type.String(),
  unitId: Nullable(Id),
  buildingId: Nullable(Id),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  feedbackComment: Nullable(Type.String()),
  allowedActions: Type.Array(Type.String()),
  photos: Type.Array(Type.Object({ id: Id, eventId: Nullable(Id), url: Type.String() })),
  timeline: Type.Array(
    Type.Object({
      id: Id,
      action: Type.String(),
      fromState: Nullable(Type.String()),
      toState: Type.String(),
      actorName: Type.String(),
      actorParty: Type.String(),
      note: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      photoIds: Type.Array(Id),
      internal: Type.Boolean(),
      at: Type.String(),
    }),
  ),
  whistles: Type.Array(
    Type.Object({
      departmentId: Id,
      departmentName: Type.String(),
      whistledAt: Type.String(),
      reportDue: Type.String(),
      reportedAt: Nullable(Type.String()),
      reportedLate: Nullable(Type.Boolean()),
      declinedAt: Nullable(Type.String()),
      declineReason: Nullable(Type.String()),
      repliedAt: Nullable(Type.String()),
    }),
  ),
});

export const Category = Type.Object({
  id: Id,
  parentId: Nullable(Id),
  level: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  kind: Nullable(Type.String()),
  handler: Nullable(Type.String()),
  departmentKind: Nullable(Type.String()),
  priority: Nullable(Type.String()),
  response: Nullable(Clock),
  resolution: Nullable(Clock),
  sort: Type.Integer(),
  active: Type.Boolean(),
  version: Type.Integer(),
});
const CategoryFields = {
  name: Type.Optional(Str(50)),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  kind: Type.Optional(lit(['repair', 'complaint', 'enquiry'] as const)),
  handler: Type.Optional(lit(['company', 'street', 'department'] as const)),
  departmentKind: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  priority: Type.Optional(Priority),
  response: Type.Optional(Clock),
  resolution: Type.Optional(Clock),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  active: Type.Optional(Type.Boolean()),
};
export const CategoryCreate = Type.Object(
  { ...CategoryFields, parentId: Nullable(Id), code: Type.String({ pattern: '^[A-Z0-9_.]{1,60}$' }), name: Str(50) },
  { additionalProperties: false },
);
export const CategoryPatch = Type.Object(
  { ...CategoryFields, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const CalendarDay = Type.Object({
  date: Type.String(),
  kind: lit(['holiday', 'workday'] as const),
  note: Nullable(Type.String()),
});
export const CalendarPut = Type.Object(
  { kind: Nullable(lit(['holiday', 'workday'] as const)), note: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
export const DateParams = Type.Object({ date: Type.String({ format: 'date' }) });

export const Settings = Type.Object({
  reopenDays: Type.Integer(),
  report: Clock,
  department: Clock,
  reminderPercent: Type.Integer(),
  prioritySlas: Type.Record(Type.String(), Type.Object({ response: Clock, resolution: Clock })),
  version: Type.Integer(),
});
export const SettingsPatch = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reopenDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    reminderPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
    report: Type.Optional(Clock),
    department: Type.Optional(Clock),
    /** Deadlines a raised priority imposes (they only ever shorten a problem type's own); null removes one. */
    prioritySlas: Type.Optional(
      Type.Object(
        Object.fromEntries(
          ['urgent', 'high', 'normal', 'low'].map((p) => [
            p,
            Type.Optional(
              Nullable(Type.Object({ response: Clock, resolution: Clock }, { additionalProperties: false })),
            ),
          ]),
        ),
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const Team = Type.Object({
  id: Id,
  companyId: Id,
  name: Type.String(),
  categories: Type.Array(Type.String()),
  estateIds: Type.Array(Id),
  members: Type.Array(Type.Object({ accountId: Id, name: Type.String() })),
});
export const TeamCreate = Type.Object(
  {
    companyId: Id,
    name: Str(50),
    categories: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 100 }),
    estateIds: Type.Array(Id, { maxItems: 1000 }),
    memberAccountIds: Type.Array(Id, { maxItems: 200 }),
  },
  { additionalProperties: false },
);

const Rate = Type.Object({
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  value: Nullable(Type.Number()),
});
export const MetricsQuery = Type.Object(
  {
    ...ExportQuery,
    groupBy: Type.Optional(lit(['none', 'company', 'estate', 'street', 'department', 'month'] as const)),
    from: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
    companyId: Type.Optional(Id),
    estateId: Type.Optional(Id),
    departmentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const MetricsRow = Type.Object({
  key: Nullable(Type.String()),
  name: Nullable(Type.String()),
  counters: Type.Record(Type.String(), Type.Integer()),
  responseRate: Rate,
  resolutionRate: Rate,
  satisfactionRate: Rate,
  onTimeRate: Rate,
  reworkRate: Rate,
  dispatchAccuracy: Rate,
  reportRate: Nullable(Rate),
});
export const Photo = Type.Object({
  id: Id,
  type: Type.String(),
  bytes: Type.Integer(),
  locationStripped: Type.Boolean(),
  url: Type.String(),
});
export const Handler = Type.Object({ id: Id, name: Type.String(), role: Type.String() });
