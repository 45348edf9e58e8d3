/**
 * Analog crossbar PIM (PIM-LLM): weights resident in RRAM crossbars (no DRAM weight traffic),
 * inputs applied bit-serially through DACs, column currents digitized by shared ADCs.
 */
export interface XbarSpec {
  readonly id: string;
  readonly description: string;
  readonly xbar_rows: number;
  readonly xbar_cols: number;
  /** Crossbars per weight block: 2 for a differential (positive/negative) pair. */
  readonly polarity: number;
  /** Crossbars available (weights must fit: resident, never rewritten). */
  readonly xbars: number;
  readonly dac_bits: number;
  readonly adc_bits: number;
  readonly adcs_per_xbar: number;
  /** ADC sample rate, GS/s; one conversion's latency = (adc_bits + 2) / rate (MNSIM 2.0). */
  readonly adc_gsps: number;
  /** Cell read (crossbar settle) time per input slice, ns. */
  readonly read_ns: number;
  /** Digital shift-and-add clock, MHz. */
  readonly digital_mhz: number;
  /** Post-processing units (LayerNorm, GELU, residual) throughput, GOPS. */
  readonly postproc_gops: number;
  readonly sources: readonly string[];
  readonly readings: readonly string[];
}

export const XBAR_PRESETS = {
  'pim-llm-rram': {
    id: 'pim-llm-rram',
    description: 'PIM-LLM analog PIM: 256 x 256 RRAM crossbars (differential pairs), 1-bit DACs, 8-bit ADCs, weights resident',
    xbar_rows: 256,
    xbar_cols: 256,
    polarity: 2,
    xbars: 131072,
    dac_bits: 1,
    adc_bits: 8,
    adcs_per_xbar: 32,
    adc_gsps: 1,
    read_ns: 3.16,
    digital_mhz: 100,
    postproc_gops: 25.6,
    sources: [
      '[PIMLLM Sec. III]: memristive crossbars with device pairs and differential amplifiers, DACs, 8-bit ADCs; simulated with MNSIM 2.0, 256 x 256 RRAM crossbars, 45 nm',
      '[MNSIM2 SimConfig.ini]: device read latency 3.16 ns, digital frequency 100 MHz, Xbar_Polarity 2; ADC.py choice 2 (ISAAC 8-bit, 1 GS/s, 2 mW), latency (precision + 2) / sample rate',
    ],
    readings: [
      'PIM-LLM gives no bank/tile/PE counts: enough crossbars for OPT-6.7B\'s 1-bit projections (131,072 pairs of 256 x 256) are assumed, every layer resident',
      '32 ADCs per crossbar (8 columns each): not stated; PIM-LLM reports crossbar + DAC + ADC below 1% of latency, which this keeps',
      '8-bit activations applied bit-serially through 1-bit DACs (8 slices)',
      'post-processing units (LayerNorm, GELU) as 256 lanes at the 100 MHz digital clock (25.6 GOPS): not stated',
      'inputs are read from and outputs written back to LPDDR around every projection (PIM-LLM: results are digitized and stored back to LPDDR)',
    ],
  },
} as const satisfies Record<string, XbarSpec>;
