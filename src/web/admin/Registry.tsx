import { Card, Input, Space, Tree, type TreeDataNode, Typography } from 'antd';
import { useMemo } from 'react';
import { ExportButtons } from '../components.tsx';
import { useApi, useCursorList } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { navigate, useLocation } from '../router.tsx';
import type { Estate, Region } from '../types.ts';
import { EstateTable } from './EstateTable.tsx';

/** The flat region list (parentId links) as a tree: city > district > street > community. */
function toTree(regions: Region[]): TreeDataNode[] {
  const children = new Map<string | null, Region[]>();
  for (const r of regions) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const known = new Set(regions.map((r) => r.id));
  const build = (r: Region): TreeDataNode => ({
    key: r.id,
    title: r.name,
    children: (children.get(r.id) ?? []).map(build),
  });
  // Roots: no parent, or a parent the caller cannot see.
  return regions.filter((r) => !r.parentId || !known.has(r.parentId)).map(build);
}

/** 区域与小区: the region tree filters the estate list; filters live in the URL so "back" keeps them. */
export function Registry() {
  const { t } = useI18n();
  const { query } = useLocation();
  const regionId = query.get('regionId') ?? undefined;
  const q = query.get('q') ?? undefined;
  const setFilter = (next: { regionId?: string; q?: string }) => {
    const p = new URLSearchParams({ ...(regionId ? { regionId } : {}), ...(q ? { q } : {}) });
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    const search = p.toString();
    navigate(`/registry${search ? `?${search}` : ''}`, { replace: true });
  };

  const regions = useApi<Region[]>('/api/v1/regions');
  const tree = useMemo(() => toTree(regions.data ?? []), [regions.data]);
  const list = useCursorList<Estate>('/api/v1/estates', { regionId, q });

  return (
    // The tree keeps the width its deepest names need; the list takes the rest, and wraps below on a phone.
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' }}>
      <div style={{ flex: '0 0 220px' }}>
        <Card title={t('registry.regions')} size="small" loading={regions.loading} style={{ marginBottom: 16 }}>
          {tree.length > 0 && (
            <Tree
              treeData={tree}
              defaultExpandAll
              selectedKeys={regionId ? [regionId] : []}
              onSelect={(keys) => setFilter({ regionId: (keys[0] as string) ?? '' })}
              data-testid="region-tree"
            />
          )}
        </Card>
      </div>
      <div style={{ flex: '1 1 640px', minWidth: 0 }}>
        <Card
          title={
            <Space>
              {t('registry.estates')}
              {regionId && (
                <Typography.Link style={{ fontWeight: 'normal' }} onClick={() => setFilter({ regionId: '' })}>
                  {t('registry.allRegions')}
                </Typography.Link>
              )}
            </Space>
          }
          extra={<ExportButtons path="/api/v1/estates" params={{ regionId, q }} />}
        >
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('registry.search')}
            onSearch={(v) => setFilter({ q: v.trim() })}
            style={{ maxWidth: 360, marginBottom: 16 }}
          />
          <EstateTable items={list.items} loading={list.loading} hasMore={list.hasMore} onMore={list.loadMore} />
        </Card>
      </div>
    </div>
  );
}
