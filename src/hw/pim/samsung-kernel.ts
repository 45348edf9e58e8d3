/**
 * The command sequence of Samsung's PIM GEMV kernel [PIMSIM src/tests/PIMKernel.cpp,
 * PIMKernel::executeGemv; PIMCmdGen.cpp], timed with the DRAM's own timing rules. Weights are
 * laid out so each PIM unit (one per bank pair) owns `grf_b` output rows per output tile; the
 * input vector is cut into tiles of `grf_a` x lanes elements. Per pseudo-channel (all channels
 * run the same sequence in parallel):
 *
 *   once:            park in and park out (an ACT and a column access in every bank, ACTs spaced
 *                    by max(nRRD, nFAW / 4)), SB -> HAB mode, CRF programming, HAB -> SB
 *                    (10 mode / CRF writes)
 *   per output tile  HAB -> HAB_PIM and back (2 writes), the results of GRF_B written to the
 *   and token:       banks (grf_b writes), with a read -> write and a write -> read turn
 *   per input tile:  the tile written into GRF_A (grf_a writes, nCCD_L apart); the written row
 *                    closed and the weight row opened (nWL + nBL + nWR + nRP + nRCD); grf_a x
 *                    grf_b MAC column commands (nCCD_L apart); the weight row closed and the
 *                    GRF row reopened (nBL + max(nRTP, nCCD_L) - nCCD_L + nRP + nRCD)
 *
 * all stretched by all-bank refresh (nREFI, nRFC). The result read-back by the host is not
 * part of the kernel (PIMSimulator's benchmark does not time it); `pimCost` adds it.
 * Tokens: Samsung's kernel runs the output-tile loop once per input vector (one FPU per unit).
 * A unit with `alus` token-parallel FPUs (an architecture-space variant, as SpecPIM and H2-LLM
 * explore) runs ceil(tokens / alus) passes, each loading `alus` vectors into its GRF_A. The
 * kernel runs at the DRAM command rate: the PIM clock does not enter it.
 */
import { messages } from '../../config/messages.js';
import { refreshCycles } from '../lpddr5/model.js';
import type { Lpddr5Resolved } from '../lpddr5/spec.js';
import type { PimSpec } from './spec.js';

export interface GemvKernel {
  readonly cycles: number;
  readonly time_ns: number;
  readonly output_tiles: number;
  readonly input_tiles: number;
  /** Row activations per unit's bank pair: two per input tile, two per output tile, the parks. */
  readonly row_activations_per_channel: number;
  readonly mac_commands_per_channel: number;
  readonly mode_switches: number;
}

export class KernelError extends Error {}

/**
 * Cycles of one GEMV of `out` x `inn` (FP16 elements) for `tokens` input vectors on
 * `channels` pseudo-channels.
 */
export function samsungGemv(pim: PimSpec, dram: Lpddr5Resolved, channels: number, out: number, inn: number, tokens: number): GemvKernel {
  if (dram.nWL === null) throw new KernelError(messages.kernelNeedsTwl(dram.spec.id));
  const units = pim.units_per_channel * channels;
  const outputTiles = Math.ceil(out / units / pim.grf_b);
  const inputTiles = Math.ceil(inn / pim.lanes / pim.grf_a);
  const toWeights = dram.nWL + dram.nBL + dram.nWR + dram.nRPpb + dram.nRCD;
  const toGrf = dram.nBL + Math.max(dram.nRTP, dram.nCCD_L) - dram.nCCD_L + dram.nRPpb + dram.nRCD;
  const parallel = Math.max(1, Math.min(pim.alus, tokens));
  const passes = Math.ceil(tokens / parallel);
  const perInputTile = parallel * pim.grf_a * dram.nCCD_L + toWeights + pim.grf_a * pim.grf_b * dram.nCCD_L + toGrf;
  const perOutputTile = (2 + pim.grf_b) * dram.nCCD_L + toGrf + toWeights;
  const park = dram.banks * Math.max(dram.nRRD, dram.nFAW / 4) + dram.nRCD + dram.nCL + dram.nBL;
  const fixed = 2 * park + 10 * dram.nCCD_L;
  const stretch = 1 / (1 - refreshCycles(dram) / dram.nREFI);
  const cycles = Math.ceil((fixed + outputTiles * passes * (perOutputTile + inputTiles * perInputTile)) * stretch);
  return {
    cycles,
    time_ns: cycles * dram.tCK,
    output_tiles: outputTiles,
    input_tiles: inputTiles,
    row_activations_per_channel: 2 * dram.banks + outputTiles * passes * (2 + 2 * inputTiles),
    mac_commands_per_channel: outputTiles * passes * inputTiles * pim.grf_a * pim.grf_b,
    mode_switches: 4 + 2 * outputTiles * passes,
  };
}
