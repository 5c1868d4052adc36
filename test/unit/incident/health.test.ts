import { describe, expect, it } from 'vitest';
import { combinedHealth } from '../../../src/incident/health.js';

describe('combinedHealth', () => {
  it('reports an outage of the store once, however many incident stores notice it, and its end once', () => {
    const changes: boolean[] = [];
    const reporter = combinedHealth(['revocations', 'kill_switch'] as const, (h) => changes.push(h));
    const revocations = reporter('revocations');
    const killSwitch = reporter('kill_switch');
    revocations(false);
    killSwitch(false);
    expect(changes).toEqual([false]);
    revocations(true); // one store answers again, the other not yet: still unhealthy
    expect(changes).toEqual([false]);
    killSwitch(true);
    expect(changes).toEqual([false, true]);
    killSwitch(true);
    expect(changes).toEqual([false, true]);
    killSwitch(false);
    expect(changes).toEqual([false, true, false]);
  });
});
