// Browser stand-in for node:os: the engine is always given its hostname explicitly.
export const hostname = (): string => 'localhost';
export const EOL = '\n';
export default { hostname, EOL };
