/** Public surface of the Postfix policy core (pure, isomorphic; no I/O, no clocks). */
export * from './config.ts';
export * from './defaults.ts';
export * from './effective.ts';
export * from './cidr.ts';
export * from './address.ts';
export * from './resolve.ts';
export * from './access-map.ts';
export * from './restrictions.ts';
export * from './relay-decision.ts';
export * from './replies.ts';
export * from './log-format.ts';
export * from './queue-format.ts';
export * from './postconf.ts';
export * from './battery.ts';
