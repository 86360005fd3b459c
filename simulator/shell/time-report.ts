/** bash's `time` report: `real\t0m1.250s` (or `real 1.25` with -p). The model has no CPU time, so user and sys are zero. */
export function timeReport(ms: number, posix: boolean): string {
  const s = ms / 1000;
  if (posix) return `real ${s.toFixed(2)}\nuser 0.00\nsys 0.00\n`;
  const fmt = (x: number) => `${Math.floor(x / 60)}m${(x % 60).toFixed(3)}s`;
  return `\nreal\t${fmt(s)}\nuser\t${fmt(0)}\nsys\t${fmt(0)}\n`;
}
