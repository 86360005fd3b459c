// Browser stand-in for node:util: the engine only uses format().
export function format(fmt: string, ...args: unknown[]): string {
  let i = 0;
  return fmt.replace(/%[sdj%]/g, (m) => (m === '%%' ? '%' : String(args[i++])));
}
export const inherits = (ctor: { prototype: object }, superCtor: { prototype: object }): void => {
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
};
export default { format, inherits };
