import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/core/energy';
import { DroneModelEditor } from '../../src/ui/physics/DroneModelEditor';
import { NUMERIC_FIELDS } from '../../src/ui/physics/modelFields';
import { droneModelSchema } from '../../src/core/mission';

describe('drone model editor', () => {
  it('has an input for every numeric key of the schema', () => {
    // Not numbers: the identity, the kind, and the export's payload release (a choice of command).
    const schemaKeys = Object.keys(droneModelSchema.shape).filter((k) => !['id', 'name', 'kind', 'payloadRelease'].includes(k));
    expect(NUMERIC_FIELDS.map((f) => f.key).sort()).toEqual(schemaKeys.sort());
  });

  it('renders a preset with its values, no errors, and its summary numbers', () => {
    const m = PRESETS['p2-class'];
    const html = renderToString(<DroneModelEditor model={m} onChange={() => {}} />).replaceAll('<!-- -->', '');
    expect(html).toContain('data-testid="drone-model-editor"');
    expect(html).toContain(`value="${m.liftToDrag}"`);
    expect(html).not.toContain('role="alert"');
    expect(html).toMatch(/hover \d+ W, cruise \d+ W/);
  });
});
