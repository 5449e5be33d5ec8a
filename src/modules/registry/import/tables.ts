import type { Generated } from 'kysely';

export interface ImportTables {
  registry_imports: {
    id: string;
    file_name: string;
    content: Buffer | Uint8Array | null;
    kind: string | null;
    mode: 'all' | 'valid_only';
    lang: string;
    created_by: string;
    created_at: Generated<Date>;
    finished_at: Date | null;
  };
}

declare module '../../../kernel/db.ts' {
  interface Database extends ImportTables {}
}
