/** One concise line per request: API, method, path, HTTP status, envelope code, time. */
export function requestLine(api: string, method: string, path: string, status: number, codeText: string, ms: number): string {
  return `${api} ${method} ${path} → ${status}${codeText} ${ms.toFixed(1)}ms`;
}

/**
 * The default log: stdout, one line per call. Lines written in the same tick are joined into one write,
 * because a synchronous write per request on a pipe is a measurable share of the mock's throughput.
 */
export function stdoutLog(): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('\n');
    pending = [];
    process.stdout.write(`${text}\n`);
  };
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}
