import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useGovernanceModelOptions, type GovernanceModelOption } from '@/lib/lookups';
import { useSession } from '@/lib/session';

/**
 * The partnership (governance model) a screen shows, kept in the URL as `?model=<id>` so a view can be shared. Without
 * one, the first model the session may read (by name) is shown; a session limited to some partnerships sees only those.
 */
export function useModelChoice() {
  const [params, setParams] = useSearchParams();
  const { session } = useSession();
  const models = useGovernanceModelOptions();
  const limit = session?.governanceModelIds ?? [];
  const options: GovernanceModelOption[] = (models.data ?? []).filter((m) => limit.length === 0 || limit.includes(m.id));
  const asked = params.get('model');
  const model = options.find((m) => m.id === asked) ?? options[0];
  const choose = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('model', id);
    setParams(next, { replace: true });
  };
  return { models: options, model, modelId: model?.id, choose, query: models };
}

/** A labelled select of the partnerships; changing it changes `?model=` (the rest of the URL stays). */
export function ModelPicker({
  models,
  value,
  onChange,
  label,
}: {
  models: readonly GovernanceModelOption[];
  value: string | undefined;
  onChange: (id: string) => void;
  label: string;
}) {
  const id = useId();
  return (
    <div className="field model-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={models.length === 0}>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </div>
  );
}
