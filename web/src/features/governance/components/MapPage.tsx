import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AsOfPicker, useAsOf } from '@/components/AsOfPicker';
import { PageTitle } from '@/components/Layout';
import { Empty, ErrorAlert, Loading } from '@/components/Status';
import { useGovernanceGraph, useGovernanceModels, type Graph } from '../api';
import { GovernanceMap } from './GovernanceMap';
import { collapseGroups, GROUPS, kindGroup, levelView, type KindGroup, type MapEdge, type MapNode } from './layout';

type Level = KindGroup | 'all';

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

/** True while the viewport is phone-sized: the map then becomes a list, not a tiny drawing. */
function useNarrow(query = '(max-width: 40rem)'): boolean {
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && !!window.matchMedia?.(query).matches);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    const change = () => setNarrow(list.matches);
    change();
    list.addEventListener('change', change);
    return () => list.removeEventListener('change', change);
  }, [query]);
  return narrow;
}

export function MapPage() {
  const { modelId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [asOf] = useAsOf();
  const graph = useGovernanceGraph(modelId, asOf);
  const models = useGovernanceModels();
  const narrow = useNarrow();

  const { nodes, edges } = useMemo(() => toMap(graph.data, i18n.language, t), [graph.data, i18n.language, t]);
  // The drawing shows one level at a time (its bodies and those directly related to them), so the
  // whole of it fits a normal screen at full size; "Hele modellen" draws everything (and scrolls).
  const levels = useMemo<Level[]>(() => ['all', ...GROUPS.filter((g) => nodes.some((n) => kindGroup(n.kind) === g))], [nodes]);
  const [chosen, setChosen] = useState<Level | null>(null);
  const level: Level = chosen && levels.includes(chosen) ? chosen : levels.includes('political') ? 'political' : 'all';
  const drawn = useMemo(() => {
    const view = levelView(nodes, edges, level);
    return collapseGroups(view.nodes, view.edges);
  }, [nodes, edges, level]);
  const bodyHref = useCallback((id: string) => `/bodies/${id}${asOf ? `?asOf=${asOf}` : ''}`, [asOf]);

  if (graph.isPending) return <Loading />;
  if (graph.isError) return <ErrorAlert error={graph.error} onRetry={() => void graph.refetch()} />;

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
      <AsOfPicker label={t('governance.asOfLabel')} hint={t('governance.asOfHint')} />
      {narrow ? (
        <MapList nodes={nodes} edges={edges} bodyHref={bodyHref} headingLevel={2} />
      ) : (
        <>
          <h2 className="visually-hidden">{t('governance.legend')}</h2>
          <ul className="legend" aria-label={t('governance.legend')}>
            {GROUPS.filter((g) => nodes.some((n) => kindGroup(n.kind) === g)).map((g) => (
              <li key={g}>
                <span className={`badge kind-${g}`}>{t(`governance.groups.${g}`)}</span>
              </li>
            ))}
          </ul>
          <fieldset className="map-levels">
            <legend>{t('governance.levelPicker')}</legend>
            {levels.map((l) => (
              <label key={l}>
                <input type="radio" name="map-level" value={l} checked={l === level} onChange={() => setChosen(l)} />
                {l === 'all' ? t('governance.wholeModel') : t(`governance.groups.${l}`)}
              </label>
            ))}
          </fieldset>
          <p className="hint">{t('governance.panHint')}</p>
          <GovernanceMap
            nodes={drawn.nodes}
            edges={drawn.edges}
            label={t('governance.mapLabel')}
            bodyHref={bodyHref}
            focus={level === 'all' ? 'political' : level}
          />
          <RelationLegend kinds={[...new Set(drawn.edges.map((e) => e.kind))]} />
          <h2>{t('governance.textAlternative')}</h2>
          <MapList nodes={nodes} edges={edges} bodyHref={bodyHref} headingLevel={3} />
        </>
      )}
    </section>
  );
}

/** What each line's colour and short label stand for, in full. */
function RelationLegend({ kinds }: { kinds: string[] }) {
  const { t } = useTranslation();
  if (kinds.length === 0) return null;
  return (
    <>
      <h2 className="visually-hidden">{t('governance.relationLegend')}</h2>
      <ul className="legend map-relation-legend" aria-label={t('governance.relationLegend')}>
        {kinds.map((k) => (
          <li key={k}>
            <span className={`map-swatch relation-${k}`} aria-hidden="true" />
            <strong>{t(`governance.relationShort.${k}`)}</strong>
            {t(`governance.relationShort.${k}`) === t(`governance.relationKinds.${k}`) ? null : `: ${t(`governance.relationKinds.${k}`)}`}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The model as text: bodies grouped by level, each with its relations as sentences whose other
 * body is a link. The phone layout, and the text alternative below the drawing.
 */
export function MapList({
  nodes,
  edges,
  bodyHref,
  headingLevel,
}: {
  nodes: MapNode[];
  edges: MapEdge[];
  bodyHref: (id: string) => string;
  headingLevel: 2 | 3;
}) {
  const { t } = useTranslation();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <div className="map-list" data-testid="map-list">
      {GROUPS.map((g) => {
        const inGroup = nodes.filter((n) => kindGroup(n.kind) === g).sort((a, b) => a.name.localeCompare(b.name, 'da'));
        if (inGroup.length === 0) return null;
        return (
          <section key={g} className="card" aria-labelledby={`map-level-${g}`}>
            <Heading id={`map-level-${g}`}>{t(`governance.groups.${g}`)}</Heading>
            <ul className="map-list-bodies">
              {inGroup.map((n) => {
                const out = edges.filter((e) => e.source === n.id && byId.has(e.target));
                const inc = edges.filter((e) => e.target === n.id && byId.has(e.source));
                return (
                  <li key={n.id}>
                    <Sub className="map-list-name">
                      <Link to={bodyHref(n.id)}>{n.name}</Link>
                    </Sub>
                    <p className="hint">
                      {t(`bodies.kinds.${n.kind}`)}
                      {n.hostName ? ` · ${t('governance.host', { name: n.hostName })}` : ''}
                      {n.seatsTotal ? ` · ${t('governance.seats', { filled: n.seatsFilled ?? 0, total: n.seatsTotal })}` : ''}
                    </p>
                    {out.length + inc.length === 0 ? (
                      <p>{t('governance.noRelations')}</p>
                    ) : (
                      <ul aria-label={t('governance.relationsOf', { name: n.name })}>
                        {byKind(out).map(([kind, list]) => (
                          <li key={`o-${kind}`}>
                            {list[0]!.label}{' '}
                            <Links ids={list.map((e) => e.target)} byId={byId} bodyHref={bodyHref} />
                          </li>
                        ))}
                        {byKind(inc).map(([kind, list]) => (
                          <li key={`i-${kind}`}>
                            <Links ids={list.map((e) => e.source)} byId={byId} bodyHref={bodyHref} /> {list[0]!.label}{' '}
                            {t('governance.thisBody')}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/** Relations of one kind together: "udpeger medlemmer til BRN-bestyrelsen, KKR Nordjylland og …" reads as one line. */
function byKind(edges: MapEdge[]): [string, MapEdge[]][] {
  const groups = new Map<string, MapEdge[]>();
  for (const e of edges) groups.set(e.kind, [...(groups.get(e.kind) ?? []), e]);
  return [...groups.entries()];
}

function Links({
  ids,
  byId,
  bodyHref,
}: {
  ids: string[];
  byId: Map<string, MapNode>;
  bodyHref: (id: string) => string;
}) {
  const sorted = [...new Set(ids)].sort((a, b) => byId.get(a)!.name.localeCompare(byId.get(b)!.name, 'da'));
  return (
    <>
      {sorted.map((id, i) => (
        <span key={id}>
          {i > 0 ? ', ' : null}
          <Link to={bodyHref(id)}>{byId.get(id)!.name}</Link>
        </span>
      ))}
    </>
  );
}

function toMap(
  graph: Graph | undefined,
  language: string,
  t: (key: string) => string,
): { nodes: (MapNode & { hostName?: string })[]; edges: MapEdge[] } {
  if (!graph) return { nodes: [], edges: [] };
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    name: (language === 'en' ? n.nameEn : null) ?? n.name,
    kind: n.kind,
    seatsTotal: n.seatsTotal,
    seatsFilled: n.seatsFilled,
    hostName: n.hostOrganisationName ?? undefined,
  }));
  const edges = graph.edges.map((e) => ({
    id: e.id,
    source: e.fromBodyId,
    target: e.toBodyId,
    kind: e.kind,
    label: t(`governance.relationKinds.${e.kind}`),
    short: t(`governance.relationShort.${e.kind}`),
  }));
  return { nodes, edges };
}
