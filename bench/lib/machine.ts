import { cpus, loadavg, release, totalmem, type as osType } from "node:os";

/**
 * What a results file says of the machine it was measured on. Other work on the machine inflates wall times;
 * the 1-minute load average at the end tells how much.
 */
export function machineFacts(): {
  node: string;
  machine: { os: string; cpu: string; cores: number; memoryGb: number };
  loadAverage: number | undefined;
} {
  return {
    node: process.version,
    machine: {
      os: `${osType()} ${release()}`,
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      memoryGb: totalmem() / 1e9,
    },
    loadAverage: loadavg()[0],
  };
}
