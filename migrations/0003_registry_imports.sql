-- Registry imports uploaded over HTTP: the file waits here for its job (registry.import), which
-- drops the content once it has run, since the file carries personal data (ID numbers, phones).
CREATE TABLE registry_imports (
  id           uuid PRIMARY KEY,
  file_name    text NOT NULL,
  content      bytea,
  kind         text,
  mode         text NOT NULL CHECK (mode IN ('all', 'valid_only')),
  lang         text NOT NULL DEFAULT 'zh-CN',
  created_by   uuid NOT NULL REFERENCES accounts(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX registry_imports_created_by ON registry_imports (created_by, created_at DESC);
