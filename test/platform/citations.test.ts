/** Every field of every platform preset is traced to a source; open fields list their readings. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fieldCitations } from '../../src/platform/citations.js';
import { configurePlatform, PLATFORM_IDS } from '../../src/platform/platforms.js';
import { captureIo } from '../helpers.js';

describe('field citations', () => {
  it.each(PLATFORM_IDS)('%s: every field has a source', (id) => {
    for (const c of fieldCitations(configurePlatform(id))) expect(c.sources.filter((s) => s.trim() !== '').length, `${id}: ${c.field}`).toBeGreaterThan(0);
  });
  it("an energy entry cites its own source; an open field lists its readings; an override says who set it", () => {
    const cs = fieldCitations(configurePlatform('lp-spec', ['energy_table.actions.pim_mode_switches.pj=5']));
    expect(cs.find((c) => c.field === 'energy_table.actions.pim_mode_switches.pj')!.sources[0]).toMatch(/^set by the user to 5/);
    expect(cs.find((c) => c.field === 'pim.freq_mhz')!.open).toHaveLength(3);
  });
  it('list platforms --show ID --citations prints a field per line with its sources', async () => {
    const io = captureIo();
    expect(await main(['list', 'platforms', '--show', 'ahasd', '--citations'], io)).toBe(0);
    expect(io.stdout).toMatch(/^pim\.internal_gbps_per_unit = 256\n {4}source: \[AHASD Table/m);
    expect(io.stdout).toMatch(/open, reading for all 16 ranks: 16 GB\/s per rank/);
  });
});
