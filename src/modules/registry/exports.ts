import type { ExportColumn } from '../../kernel/export.ts';
import { formatArea } from './identifiers.ts';

/** Column sets for the registry's xlsx/csv exports (headers in both languages). */
const col = <T>(key: string, zh: string, en: string, value: (r: T) => string | number | null): ExportColumn<T> => ({
  key,
  header: { 'zh-CN': zh, en },
  value,
});

type E = {
  code: string;
  name: string;
  address: string;
  streetName: string;
  communityName: string;
  serviceGrade: number;
  companyName: string | null;
  managementMode: string;
  totalArea: number;
  buildingCount: number;
  unitCount: number;
};
export const estateColumns: ExportColumn<E>[] = [
  col('code', '小区编码', 'Code', (r) => r.code),
  col('name', '小区名称', 'Name', (r) => r.name),
  col('address', '地址', 'Address', (r) => r.address),
  col('street', '街道', 'Street', (r) => r.streetName),
  col('community', '社区', 'Community', (r) => r.communityName),
  col('grade', '服务等级', 'Service grade', (r) => r.serviceGrade),
  col('company', '物业企业', 'Company', (r) => r.companyName),
  col('mode', '管理模式', 'Management mode', (r) => r.managementMode),
  col('area', '总面积(㎡)', 'Total area (m²)', (r) => formatArea(r.totalArea)),
  col('buildings', '楼栋数', 'Buildings', (r) => r.buildingCount),
  col('units', '房屋数', 'Units', (r) => r.unitCount),
];

type U = {
  estateName: string;
  buildingName: string;
  number: string;
  floor: number | null;
  use: string;
  area: number;
  areaSource: string;
  holder: string;
  owners: { name: string; phone: string | null }[];
};
export const unitColumns: ExportColumn<U>[] = [
  col('estate', '小区', 'Estate', (r) => r.estateName),
  col('building', '楼栋', 'Building', (r) => r.buildingName),
  col('number', '房号', 'Unit', (r) => r.number),
  col('floor', '楼层', 'Floor', (r) => r.floor),
  col('use', '用途', 'Use', (r) => r.use),
  col('area', '面积(㎡)', 'Area (m²)', (r) => formatArea(r.area)),
  col('source', '面积来源', 'Area source', (r) => r.areaSource),
  col('holder', '持有类型', 'Holder', (r) => r.holder),
  col('owners', '业主', 'Owners', (r) => r.owners.map((o) => o.name).join('、')),
];

type P = {
  name: string;
  phone: string | null;
  idNumber: string | null;
  units: { estateName: string; buildingName: string; number: string }[];
};
export const ownerColumns: ExportColumn<P>[] = [
  col('name', '姓名', 'Name', (r) => r.name),
  col('phone', '手机号', 'Phone', (r) => r.phone),
  col('id', '身份证号', 'ID number', (r) => r.idNumber),
  col('units', '房屋', 'Units', (r) => r.units.map((u) => `${u.estateName} ${u.buildingName}-${u.number}`).join('；')),
];

type C = {
  uscc: string;
  name: string;
  legalRepresentative: string;
  contactName: string | null;
  contactPhone: string | null;
  status: string;
  estateCount: number;
  staffCount: number;
};
export const companyColumns: ExportColumn<C>[] = [
  col('uscc', '统一社会信用代码', 'USCC', (r) => r.uscc),
  col('name', '企业名称', 'Name', (r) => r.name),
  col('legal', '法定代表人', 'Legal representative', (r) => r.legalRepresentative),
  col('contact', '联系人', 'Contact', (r) => r.contactName),
  col('phone', '联系电话', 'Phone', (r) => r.contactPhone),
  col('status', '状态', 'Status', (r) => r.status),
  col('estates', '在管小区', 'Estates', (r) => r.estateCount),
  col('staff', '在职员工', 'Staff', (r) => r.staffCount),
];

type S = {
  name: string;
  companyName: string;
  phone: string;
  position: string;
  estateName: string | null;
  status: string;
  certificates: { name: string }[];
};
export const staffColumns: ExportColumn<S>[] = [
  col('name', '姓名', 'Name', (r) => r.name),
  col('company', '企业', 'Company', (r) => r.companyName),
  col('phone', '手机号', 'Phone', (r) => r.phone),
  col('position', '岗位', 'Position', (r) => r.position),
  col('estate', '服务小区', 'Estate', (r) => r.estateName),
  col('status', '状态', 'Status', (r) => r.status),
  col('certs', '证书', 'Certificates', (r) => r.certificates.map((c) => c.name).join('、')),
];
