/**
 * Stopping the mock the way its user started it. npm runs a script as npm → sh -c → command and forwards
 * SIGINT/SIGTERM to its direct child only; Debian's sh (dash) passes neither on (SIGTERM kills the shell
 * alone, SIGINT it waits out). So the start script is `exec node …` — node replaces the shell and receives
 * npm's signals (exec.cmd stands in for `exec` under Windows cmd.exe) — and, when a package manager started
 * the mock, its disappearance (npm killed with SIGKILL, a shell that died in between) stops the mock too.
 */
export interface StopOptions {
  /** Close servers and let the process end; called once. */
  stop: (reason: string) => Promise<void>;
  /** How often the parent process is checked; default 500 ms. */
  parentCheckMs?: number;
}

/** SIGINT and SIGTERM stop the mock; a second one exits at once. SIGHUP keeps its default (nohup must still work). */
export function stopOnSignals({ stop, parentCheckMs = 500 }: StopOptions): void {
  let stopping = false;
  const once = (reason: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    void stop(reason).then(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => once(signal));
  // Only under a package manager (npm, pnpm and yarn set npm_lifecycle_event): run directly, a background
  // mock whose starting shell exits is a deliberate pattern and must keep running.
  if (process.env.npm_lifecycle_event && process.ppid > 1) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) once(`parent process ${parent} exited`);
    }, parentCheckMs).unref();
  }
}
