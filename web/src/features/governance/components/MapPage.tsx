import { useMemo } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AsOfPicker, useAsOf } from '@/components/AsOfPicker';
import { PageTitle } from '@/components/Layout';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { useGovernanceGraph, useGovernanceModels, type Graph } from '../api';
import { GovernanceMap } from './GovernanceMap';
import { kindGroup, type KindGroup, type MapEdge, type MapNode } from './layout';

const GROUPS: KindGroup[] = ['political', 'administrative', 'secretariat', 'national', 'other'];

/** /map: opens the first governance model. */
export function MapIndex() {
  const { t } = useTranslation();
  const models = useGovernanceModels();
  if (models.isPending) return <Loading />;
  if (models.isError) return <ErrorAlert error={models.error} onRetry={() => void models.refetch()} />;
  const first = models.data[0];
  if (!first) {
    return (
      <section>
        <PageTitle>{t('governance.title')}</PageTitle>
        <Empty>{t('governance.noModels')}</Empty>
      </section>
    );
  }
  return <Navigate to={`/map/${first.id}`} replace />;
}

export function MapPage() {
  const { modelId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [asOf] = useAsOf();
  const graph = useGovernanceGraph(modelId, asOf);
  const models = useGovernanceModels();

  const { nodes, edges } = useMemo(() => toMap(graph.data, i18n.language, t), [graph.data, i18n.language, t]);

  if (graph.isPending) return <Loading />;
  if (graph.isError) return <ErrorAlert error={graph.error} onRetry={() => void graph.refetch()} />;

  const nameOf = new Map(nodes.map((n) => [n.id, n.name]));
  const title = graph.data.model.name || t('governance.title');

  return (
    <section>
      <PageTitle>{title}</PageTitle>
      {models.data && models.data.length > 1 ? (
        <nav aria-label={t('governance.model')}>
          <ul className="legend">
            {models.data.map((m) => (
              <li key={m.id}>
                <Link to={`/map/${m.id}`} aria-current={m.id === modelId ? 'page' : undefined}>
                  {m.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <AsOfPicker />
      <h2 className="visually-hidden">{t('governance.legend')}</h2>
      <ul className="legend" aria-label={t('governance.legend')}>
        {GROUPS.filter((g) => nodes.some((n) => kindGroup(n.kind) === g)).map((g) => (
          <li key={g}>
            <span className={`badge kind-${g}`}>{t(`governance.groups.${g}`)}</span>
          </li>
        ))}
      </ul>
      <GovernanceMap nodes={nodes} edges={edges} label={t('governance.mapLabel')} />

      <h2>{t('governance.textAlternative')}</h2>
      <div className="grid-2">
        {GROUPS.map((g) => {
          const inGroup = nodes.filter((n) => kindGroup(n.kind) === g);
          if (inGroup.length === 0) return null;
          return (
            <div key={g} className="card">
              <h3>{t(`governance.groups.${g}`)}</h3>
              <ul>
                {inGroup.map((n) => (
                  <li key={n.id}>
                    <Link to={`/bodies/${n.id}${asOf ? `?asOf=${asOf}` : ''}`}>{n.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
      <h3>{t('governance.relationsHeading')}</h3>
      <ul>
        {edges.map((e) => (
          <li key={e.id}>
            {nameOf.get(e.source)} <em>{t(`governance.relationKinds.${e.kind}`, { defaultValue: e.kind })}</em>{' '}
            {nameOf.get(e.target)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function toMap(
  graph: Graph | undefined,
  language: string,
  t: (key: string, options?: { defaultValue: string }) => string,
): { nodes: MapNode[]; edges: MapEdge[] } {
  if (!graph) return { nodes: [], edges: [] };
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    name: (language === 'en' ? n.nameEn : null) ?? n.name,
    kind: n.kind,
    seatsTotal: n.seatsTotal,
    seatsFilled: n.seatsFilled,
  }));
  const edges = graph.edges.map((e) => ({
    id: e.id,
    source: e.fromBodyId,
    target: e.toBodyId,
    kind: e.kind,
    label: t(`governance.relationKinds.${e.kind}`, { defaultValue: e.kind }),
  }));
  return { nodes, edges };
}
