import { useEffect, useMemo, useState } from 'react';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/Status';
import { kindGroup, layoutGraph, type MapEdge, type MapNode, type Positioned } from './layout';

type BodyNodeData = { name: string; kind: string; kindLabel: string; seats?: string; href: string };
type BodyNode = Node<BodyNodeData, 'body'>;

function BodyNodeView({ data }: NodeProps<BodyNode>) {
  return (
    <div className={`map-node kind-${kindGroup(data.kind)}`} data-testid="map-node">
      {SIDES.map(([side, position]) => (
        <Handle key={`t-${side}`} id={`t-${side}`} type="target" position={position} isConnectable={false} />
      ))}
      <Link to={data.href}>{data.name}</Link>
      <span className="map-kind">{data.kindLabel}</span>
      {data.seats ? <span className="map-kind">{data.seats}</span> : null}
      {SIDES.map(([side, position]) => (
        <Handle key={`s-${side}`} id={`s-${side}`} type="source" position={position} isConnectable={false} />
      ))}
    </div>
  );
}

const SIDES = [
  ['top', Position.Top],
  ['bottom', Position.Bottom],
  ['left', Position.Left],
  ['right', Position.Right],
] as const;

const nodeTypes = { body: BodyNodeView };

/** Picks the facing sides of two laid-out boxes so no edge loops round its own node. */
export function facingSides(
  from: { x: number; y: number },
  to: { x: number; y: number },
): { source: string; target: string } {
  const dy = to.y - from.y;
  const dx = to.x - from.x;
  if (Math.abs(dy) > 20) {
    return dy > 0 ? { source: 's-bottom', target: 't-top' } : { source: 's-top', target: 't-bottom' };
  }
  return dx >= 0 ? { source: 's-right', target: 't-left' } : { source: 's-left', target: 't-right' };
}

const edgeColour: Record<string, string> = {
  steers: '#0b5d3b',
  serves: '#6b3fa0',
  reportsTo: '#1f4e8c',
  preparesCasesFor: '#1f4e8c',
  appointsMembersTo: '#8a4b08',
};

export function GovernanceMap({
  nodes,
  edges,
  label,
}: {
  nodes: MapNode[];
  edges: MapEdge[];
  label: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [positions, setPositions] = useState<Positioned[] | null>(null);

  useEffect(() => {
    let live = true;
    setPositions(null);
    void layoutGraph(nodes, edges).then((p) => {
      if (live) setPositions(p);
    });
    return () => {
      live = false;
    };
  }, [nodes, edges]);

  const flowNodes = useMemo<BodyNode[]>(() => {
    if (!positions) return [];
    const byId = new Map(positions.map((p) => [p.id, p]));
    return nodes.map((n) => {
      const p = byId.get(n.id);
      return {
        id: n.id,
        type: 'body',
        position: { x: p?.x ?? 0, y: p?.y ?? 0 },
        // The box the layout reserved: the drawn node fills exactly that, so none overlaps another.
        width: p?.width,
        height: p?.height,
        data: {
          name: n.name,
          kind: n.kind,
          kindLabel: t(`bodies.kinds.${n.kind}`, { defaultValue: n.kind }),
          seats: n.seatsTotal
            ? t('governance.seats', { filled: n.seatsFilled ?? 0, total: n.seatsTotal })
            : undefined,
          href: `/bodies/${n.id}`,
        },
        draggable: false,
        connectable: false,
      };
    });
  }, [nodes, positions, t]);

  const flowEdges = useMemo<Edge[]>(() => {
    const at = new Map((positions ?? []).map((p) => [p.id, p]));
    return edges.map((e) => {
        const colour = edgeColour[e.kind] ?? '#4a524e';
        const sides = facingSides(at.get(e.source) ?? { x: 0, y: 0 }, at.get(e.target) ?? { x: 0, y: 0 });
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          sourceHandle: sides.source,
          targetHandle: sides.target,
          label: e.label,
          type: 'default',
          markerEnd: { type: MarkerType.ArrowClosed, color: colour },
          style: { stroke: colour, strokeWidth: 1.5, strokeDasharray: e.kind === 'coordinatesWith' ? '5 4' : undefined },
          labelStyle: { fill: '#1b1f1d', fontSize: 11, fontWeight: 600 },
          labelBgStyle: { fill: '#ffffff', fillOpacity: 0.95 },
          labelBgPadding: [4, 2] as [number, number],
          focusable: false,
        };
      });
  }, [edges, positions]);

  if (!positions) return <Loading />;
  return (
    <div className="map-wrap" role="figure" aria-label={label}>
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        onNodeClick={(_, node) => void navigate(`/bodies/${node.id}`)}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} color="#d9dedb" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
