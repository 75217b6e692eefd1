import { describe, expect, it } from 'vitest';
import { columnLabel } from '../../src/cli/commands/compare';

describe('compare: scenario column labels', () => {
  it('keeps short names as they are', () => {
    expect(columnLabel('20 stores', 28)).toBe('20 stores');
  });

  it('keeps names that differ only at the end distinguishable, within the width', () => {
    const a = columnLabel('Shenzhen two-hour delivery (20 stores)', 28);
    const b = columnLabel('Shenzhen two-hour delivery (40 stores)', 28);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(28);
    expect(a.startsWith('Shenzhen')).toBe(true);
    expect(a.endsWith('(20 stores)')).toBe(true);
  });
});
