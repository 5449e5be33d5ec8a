import { type TOptional, type TSchema, Type } from 'typebox';
import { ExportQuery } from '../../kernel/export.ts';
import { PageQuery } from '../../kernel/pagination.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/** Every field optional: the body of a PATCH. */
const optionalAll = <T extends Record<string, TSchema>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof T]: TOptional<T[K]>;
  };
export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });
export const Version = Type.Integer({ minimum: 1, description: 'the version read; a stale one gets 409' });
/** Areas are integers in 0.01 m². */
export const AreaCenti = Type.Integer({ minimum: 1, maximum: 10_000_000_00, description: '0.01 m²' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Phone = Type.String({ pattern: '^1[3-9]\\d{9}$' });

export const ListQuery = (extra: Record<string, ReturnType<typeof Type.Optional>>) =>
  Type.Object(
    { ...PageQuery, ...ExportQuery, q: Type.Optional(Type.String({ maxLength: 100 })), ...extra },
    { additionalProperties: false },
  );

export const Region = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  level: Type.String(),
  code: Type.String(),
  name: Type.String(),
});
export const RegionCreate = Type.Object(
  {
    parentId: Nullable(Id),
    level: Type.Union([
      Type.Literal('city'),
      Type.Literal('district'),
      Type.Literal('street'),
      Type.Literal('community'),
    ]),
    code: Type.String({ pattern: '^[0-9A-Za-z_-]{2,32}$' }),
    name: Name,
  },
  { additionalProperties: false },
);

export const Department = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  categories: Type.Array(Type.String()),
  version: Type.Integer(),
});
export const DepartmentCreate = Type.Object(
  {
    regionId: Id,
    kind: Type.String({ pattern: '^[a-z_]{2,40}$' }),
    name: Name,
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    categories: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export const DepartmentPatch = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

const Mode = Type.Union([Type.Literal('company'), Type.Literal('self_managed'), Type.Literal('community_custody')]);
export const Estate = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  address: Type.String(),
  lng: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  streetId: Type.String(),
  streetName: Type.String(),
  communityId: Type.String(),
  communityName: Type.String(),
  serviceGrade: Type.Integer(),
  companyId: Nullable(Type.String()),
  companyName: Nullable(Type.String()),
  managementMode: Type.String(),
  totalArea: Type.Integer({ description: '0.01 m²' }),
  projectManagerId: Nullable(Type.String()),
  projectManagerName: Nullable(Type.String()),
  buildingCount: Type.Integer(),
  unitCount: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Type.String(),
});
const EstateFields = {
  name: Name,
  address: Type.String({ minLength: 1, maxLength: 200 }),
  lng: Type.Optional(Nullable(Type.Number({ minimum: 73, maximum: 136 }))),
  lat: Type.Optional(Nullable(Type.Number({ minimum: 3, maximum: 54 }))),
  communityId: Id,
  serviceGrade: Type.Integer({ minimum: 1, maximum: 5 }),
  companyId: Type.Optional(Nullable(Id)),
  managementMode: Mode,
  totalArea: Type.Integer({ minimum: 0, maximum: 1e12, description: '0.01 m²' }),
  projectManagerId: Type.Optional(Nullable(Id)),
};
export const EstateCreate = Type.Object(
  { code: Type.String({ pattern: '^[0-9A-Za-z_-]{2,32}$' }), ...EstateFields },
  { additionalProperties: false },
);
export const EstatePatch = Type.Object(
  {
    version: Version,
    ...optionalAll(EstateFields),
  },
  { additionalProperties: false },
);

export const Building = Type.Object({
  id: Type.String(),
  estateId: Type.String(),
  name: Type.String(),
  floors: Nullable(Type.Integer()),
  unitCount: Type.Integer(),
  version: Type.Integer(),
});
export const BuildingCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    floors: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 200 }))),
  },
  { additionalProperties: false },
);
export const BuildingPatch = Type.Object(
  {
    version: Version,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    floors: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 200 }))),
  },
  { additionalProperties: false },
);

const Use = Type.Union([
  Type.Literal('residence'),
  Type.Literal('shop'),
  Type.Literal('parking'),
  Type.Literal('other'),
]);
const Holder = Type.Union([
  Type.Literal('owner'),
  Type.Literal('developer_unsold'),
  Type.Literal('developer_undelivered'),
]);
export const OwnerRef = Type.Object({
  personId: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  isRepresentative: Type.Boolean(),
});
export const Unit = Type.Object({
  id: Type.String(),
  estateId: Type.String(),
  estateName: Type.String(),
  buildingId: Type.String(),
  buildingName: Type.String(),
  number: Type.String(),
  floor: Nullable(Type.Integer()),
  use: Type.String(),
  areaRegistered: Nullable(Type.Integer()),
  areaSurveyed: Nullable(Type.Integer()),
  areaContract: Nullable(Type.Integer()),
  area: Type.Integer({ description: 'effective area (0.01 m²): registered, else surveyed, else contract' }),
  areaSource: Type.String(),
  holder: Type.String(),
  owners: Type.Array(OwnerRef),
  version: Type.Integer(),
});
const UnitFields = {
  number: Type.String({ minLength: 1, maxLength: 30 }),
  floor: Type.Optional(Nullable(Type.Integer({ minimum: -10, maximum: 200 }))),
  use: Use,
  areaRegistered: Type.Optional(Nullable(AreaCenti)),
  areaSurveyed: Type.Optional(Nullable(AreaCenti)),
  areaContract: Type.Optional(Nullable(AreaCenti)),
  holder: Type.Optional(Holder),
};
export const UnitCreate = Type.Object({ buildingId: Id, ...UnitFields }, { additionalProperties: false });
export const UnitPatch = Type.Object(
  {
    version: Version,
    ...optionalAll(UnitFields),
  },
  { additionalProperties: false },
);

export const Person = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  units: Type.Array(
    Type.Object({
      unitId: Type.String(),
      estateName: Type.String(),
      buildingName: Type.String(),
      number: Type.String(),
      isRepresentative: Type.Boolean(),
    }),
  ),
  version: Type.Integer(),
});
export const PersonPii = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
});
export const OwnershipCreate = Type.Object(
  {
    personId: Type.Optional(Id),
    name: Type.Optional(Name),
    phone: Type.Optional(Phone),
    idNumber: Type.Optional(Type.String({ minLength: 18, maxLength: 18 })),
    isRepresentative: Type.Optional(Type.Boolean()),
    since: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export const PersonPatch = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name),
    phone: Type.Optional(Nullable(Phone)),
    idNumber: Type.Optional(Nullable(Type.String({ minLength: 18, maxLength: 18 }))),
  },
  { additionalProperties: false },
);

export const Company = Type.Object({
  id: Type.String(),
  uscc: Type.String(),
  name: Type.String(),
  legalRepresentative: Type.String(),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  status: Type.String(),
  estateCount: Type.Integer(),
  staffCount: Type.Integer(),
  version: Type.Integer(),
});
const CompanyFields = {
  name: Name,
  legalRepresentative: Type.String({ minLength: 1, maxLength: 50 }),
  contactName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
};
export const CompanyCreate = Type.Object(
  { uscc: Type.String({ minLength: 18, maxLength: 18 }), ...CompanyFields },
  { additionalProperties: false },
);
export const CompanyPatch = Type.Object(
  {
    version: Version,
    status: Type.Optional(
      Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('deregistered')]),
    ),
    ...optionalAll(CompanyFields),
  },
  { additionalProperties: false },
);

const Certificate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    number: Type.Optional(Type.String({ maxLength: 50 })),
    expires: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export const StaffMember = Type.Object({
  id: Type.String(),
  companyId: Type.String(),
  companyName: Type.String(),
  name: Type.String(),
  phone: Type.String(),
  idNumber: Nullable(Type.String()),
  position: Type.String(),
  certificates: Type.Array(Certificate),
  estateId: Nullable(Type.String()),
  estateName: Nullable(Type.String()),
  status: Type.String(),
  version: Type.Integer(),
});
export const POSITIONS = [
  'general_manager',
  'project_manager',
  'engineer',
  'customer_service',
  'security',
  'cleaner',
  'gardener',
  'other',
] as const;
const Position = Type.Union(POSITIONS.map((p) => Type.Literal(p)));
export const StaffCreate = Type.Object(
  {
    companyId: Id,
    name: Name,
    phone: Phone,
    idNumber: Type.Optional(Nullable(Type.String({ minLength: 18, maxLength: 18 }))),
    position: Position,
    certificates: Type.Optional(Type.Array(Certificate, { maxItems: 20 })),
    estateId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export const StaffPatch = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name),
    phone: Type.Optional(Phone),
    position: Type.Optional(Position),
    certificates: Type.Optional(Type.Array(Certificate, { maxItems: 20 })),
    estateId: Type.Optional(Nullable(Id)),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('left')])),
  },
  { additionalProperties: false },
);

const PositionT = Type.Union([Type.Literal('director'), Type.Literal('deputy_director'), Type.Literal('member')]);
export const Committee = Type.Object({
  id: Type.String(),
  estateId: Type.String(),
  kind: Type.String(),
  termStart: Nullable(Type.String()),
  termEnd: Nullable(Type.String()),
  status: Type.String(),
  expired: Type.Boolean(),
  seats: Nullable(Type.Integer()),
  electedBy: Nullable(Type.String()),
  alternates: Type.Array(Type.Object({ personId: Type.String(), name: Type.String() })),
  endedOn: Nullable(Type.String()),
  endReason: Nullable(Type.String()),
  members: Type.Array(
    Type.Object({
      id: Type.String(),
      personId: Nullable(Type.String()),
      name: Type.String(),
      affiliation: Type.String(),
      position: Type.String(),
      source: Type.String(),
      joinedOn: Nullable(Type.String()),
      leftOn: Nullable(Type.String()),
      leftReason: Nullable(Type.String()),
      commitmentSignedAt: Nullable(Type.String()),
    }),
  ),
  handover: Nullable(
    Type.Object({
      id: Type.String(),
      toCommittee: Nullable(Type.String()),
      items: Type.Array(
        Type.Object({ name: Type.String(), quantity: Type.Integer(), note: Type.Optional(Type.String()) }),
      ),
      handedBy: Nullable(Type.String()),
      handedAt: Type.String(),
      receivedAt: Nullable(Type.String()),
    }),
  ),
  version: Type.Integer(),
});
export const CommitteeCreate = Type.Object(
  {
    kind: Type.Union([Type.Literal('owners_committee'), Type.Literal('management_committee')]),
    termStart: Type.String({ format: 'date' }),
    termEnd: Type.String({ format: 'date' }),
    members: Type.Array(
      Type.Object(
        {
          personId: Type.Optional(Id),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
          affiliation: Type.Optional(
            Type.Union([
              Type.Literal('owner'),
              Type.Literal('street'),
              Type.Literal('community'),
              Type.Literal('other'),
            ]),
          ),
          position: PositionT,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 21 },
    ),
  },
  { additionalProperties: false },
);
export const CommitteePositions = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    positions: Type.Array(Type.Object({ memberId: Id, position: PositionT }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 21,
    }),
  },
  { additionalProperties: false },
);
export const MemberLeave = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export const Commitment = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export const Handover = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 100 }),
          quantity: Type.Integer({ minimum: 1, maximum: 100000 }),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
