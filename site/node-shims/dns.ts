// Browser stand-in for node:dns: reverse lookups are disabled in the engine's options.
export function reverse(_ip: string, cb: (err: Error | null, names: string[]) => void): void {
  cb(null, []);
}
export default { reverse };
