/** The simulator's public surface, for transports (browser island, CLI, tests). */
export { Simulation, type SimulationOptions } from './simulation.ts';
export { ShellSession, type CommandIO, type CommandRunner, type Identity } from './shell/session.ts';
export { SimulatorRunner } from './shell/runner.ts';
export type { TerminalPort, ForegroundProgram } from './shell/terminal.ts';
export { createShell } from './shell/create-shell.ts';
