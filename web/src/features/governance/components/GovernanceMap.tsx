import { useEffect, useMemo, useRef, useState } from 'react';
import {
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  Handle,
  Position,
  ReactFlow,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/Status';
import {
  groupColumns,
  kindGroup,
  layoutGraph,
  type KindGroup,
  type Layout,
  type MapEdge,
  type MapNode,
  type Point,
  type Positioned,
} from './layout';

type BodyNodeData = {
  name: string;
  kind: string;
  kindLabel: string;
  seats?: string;
  href: string;
  members?: { id: string; name: string; fullName: string; href: string }[];
};
type BodyNode = Node<BodyNodeData, 'body'>;

function BodyNodeView({ data }: NodeProps<BodyNode>) {
  return (
    <div className={`map-node kind-${kindGroup(data.kind)}${data.members ? ' map-group' : ''}`} data-testid="map-node">
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {data.members ? (
        <>
          <span className="map-name">{data.name}</span>
          <span className="map-kind">{data.kindLabel}</span>
          <ul style={{ gridTemplateColumns: `repeat(${groupColumns(data.members.length)}, auto)` }}>
            {data.members.map((m) => (
              <li key={m.id}>
                {/* The short name shows; the full name is the link's hover text and what a screen reader says. */}
                <Link to={m.href} title={m.fullName} aria-label={m.fullName}>
                  {m.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <Link to={data.href} className="map-name">
            {data.name}
          </Link>
          <span className="map-kind">{data.kindLabel}</span>
          {data.seats ? <span className="map-kind">{data.seats}</span> : null}
        </>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

type RoutedData = { points: Point[]; labelBox: Positioned | null; label: string; short: string; colour: string; dashed: boolean };
type RoutedFlowEdge = Edge<RoutedData, 'routed'>;

/** Draws the route ELK laid out (not React Flow's own curve), with the label in the slot ELK kept for it. */
function RoutedEdgeView({ id, data, markerEnd }: EdgeProps<RoutedFlowEdge>) {
  if (!data || data.points.length < 2) return null;
  const path = data.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  const box = data.labelBox;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke: data.colour, strokeWidth: 1.75, strokeDasharray: data.dashed ? '6 4' : undefined }}
      />
      {box ? (
        <EdgeLabelRenderer>
          <div
            className="map-edge-label"
            data-testid="map-edge-label"
            data-edge={id}
            title={data.label}
            style={{
              transform: `translate(${box.x + box.width / 2}px, ${box.y + box.height / 2}px) translate(-50%, -50%)`,
              color: data.colour,
              borderColor: data.colour,
            }}
          >
            {data.short}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

const nodeTypes = { body: BodyNodeView };
const edgeTypes = { routed: RoutedEdgeView };

const edgeColour: Record<string, string> = {
  steers: '#0b5d3b',
  serves: '#6b3fa0',
  reportsTo: '#1f4e8c',
  preparesCasesFor: '#1f4e8c',
  appointsMembersTo: '#8a4b08',
  refersCasesTo: '#8a1c3b',
};

/** Room kept around the drawing inside the frame. */
const FRAME_PAD = 16;

/**
 * The governance map at its natural size: every text at the page's body size and zoom 1. The
 * frame is as tall as the drawing needs, up to the window's height, so a level's picture is
 * seen whole; a larger drawing opens on the focus level and can be panned, or zoomed out with
 * the controls. Positions and routes come from ELK (see layout.ts).
 */
export function GovernanceMap({
  nodes,
  edges,
  label,
  bodyHref,
  focus = 'political',
}: {
  nodes: MapNode[];
  edges: MapEdge[];
  label: string;
  bodyHref: (id: string) => string;
  focus?: KindGroup;
}) {
  const { t } = useTranslation();
  const [layout, setLayout] = useState<Layout | null>(null);
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setLayout(null);
    void layoutGraph(nodes, edges).then((l) => {
      if (live) setLayout(l);
    });
    return () => {
      live = false;
    };
  }, [nodes, edges]);

  const flowNodes = useMemo<BodyNode[]>(() => {
    if (!layout) return [];
    const byId = new Map(layout.nodes.map((p) => [p.id, p]));
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
          kindLabel: n.members
            ? t('governance.groupOf', { count: n.members.length, kind: t(`bodies.kinds.${n.kind}`) })
            : t(`bodies.kinds.${n.kind}`),
          seats: n.seatsTotal
            ? t('governance.seats', { filled: n.seatsFilled ?? 0, total: n.seatsTotal })
            : undefined,
          href: bodyHref(n.id),
          members: n.members?.map((m) => ({ ...m, href: bodyHref(m.id) })),
        },
        draggable: false,
        connectable: false,
      };
    });
  }, [nodes, layout, t, bodyHref]);

  const flowEdges = useMemo<RoutedFlowEdge[]>(
    () =>
      (layout?.edges ?? []).map((e) => {
        const colour = edgeColour[e.kind] ?? '#4a524e';
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          type: 'routed',
          markerEnd: { type: 'arrowclosed', color: colour } as Edge['markerEnd'],
          data: {
            points: e.points,
            labelBox: e.labelBox,
            label: e.label,
            short: e.short,
            colour,
            dashed: e.kind === 'coordinatesWith',
          },
          focusable: false,
        };
      }),
    [layout],
  );

  if (!layout) return <Loading />;
  return (
    <div
      className="map-wrap"
      role="figure"
      aria-label={label}
      ref={wrap}
      // As tall as the drawing, never taller than the window (less a margin): a level is seen whole when it fits.
      style={{ height: `min(${Math.ceil(layout.height + 2 * FRAME_PAD + 2)}px, calc(100vh - 2rem))` }}
    >
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultViewport={{ x: FRAME_PAD, y: FRAME_PAD, zoom: 1 }}
        // Always zoom 1, so every text is at the body size. A drawing that fits the frame is centred
        // in it; a larger one opens on the focus level, centred across, its top near the frame's.
        onInit={(flow) => {
          const width = wrap.current?.clientWidth ?? 0;
          const height = wrap.current?.clientHeight ?? 0;
          if (layout.width + FRAME_PAD <= width && layout.height + FRAME_PAD <= height) {
            void flow.setViewport({
              x: Math.round((width - layout.width) / 2),
              y: Math.round(Math.max(0, (height - layout.height) / 2)),
              zoom: 1,
            });
            return;
          }
          const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
          const inFocus = layout.nodes.filter((p) => kindGroup(kindOf.get(p.id) ?? '') === focus);
          const shown = inFocus.length > 0 ? inFocus : layout.nodes;
          const left = Math.min(...shown.map((p) => p.x));
          const right = Math.max(...shown.map((p) => p.x + p.width));
          const top = Math.min(...shown.map((p) => p.y));
          const x =
            layout.width + 2 * FRAME_PAD <= width
              ? (width - layout.width) / 2
              : Math.max(width - layout.width - FRAME_PAD, Math.min(FRAME_PAD, width / 2 - (left + right) / 2));
          void flow.setViewport({ x: Math.round(x), y: Math.round(Math.min(FRAME_PAD, FRAME_PAD + 40 - top)), zoom: 1 });
        }}
        minZoom={0.25}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        panOnScroll
        zoomOnScroll={false}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{
          'node.a11yDescription.default': t('governance.flow.node'),
          'node.a11yDescription.keyboardDisabled': t('governance.flow.node'),
          'node.a11yDescription.ariaLiveMessage': ({ x, y }) => t('governance.flow.moved', { x, y }),
          'edge.a11yDescription.default': t('governance.flow.edge'),
          'controls.ariaLabel': t('governance.flow.controls'),
          'controls.zoomIn.ariaLabel': t('governance.flow.zoomIn'),
          'controls.zoomOut.ariaLabel': t('governance.flow.zoomOut'),
          'controls.fitView.ariaLabel': t('governance.flow.fitView'),
          'controls.interactive.ariaLabel': t('governance.flow.interactive'),
          'minimap.ariaLabel': t('governance.flow.minimap'),
          'handle.ariaLabel': t('governance.flow.handle'),
        }}
      >
        <Controls showInteractive={false} fitViewOptions={{ padding: 0.05 }} />
      </ReactFlow>
    </div>
  );
}
