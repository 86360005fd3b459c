/**
 * The lab format: one `lab.json` per folder under labs/, plus MDX files for
 * step texts. Data only — an author writes a lab without touching the engine.
 * Check parameters are validated by each check kind's own schema (grader
 * registry), so this file only fixes the shape around them.
 */
import { z } from 'zod';

export const LAB_ID = /^[a-z][a-z0-9-]{1,40}$/;

export const CheckSchema = z
  .object({ kind: z.string().describe('Check kind from the grader registry, e.g. `relay-battery`, `mailbox`') })
  .passthrough()
  .describe('A declarative check: `kind` plus that kind\'s parameters');

export const QuestionSchema = z
  .object({
    prompt: z.string().min(1).describe('The question shown to the learner'),
    choices: z.array(z.string().min(1)).min(2).optional().describe('Multiple-choice options; absent = short text answer'),
  })
  .strict()
  .describe('For answer steps: what is asked; an `answer` check judges the reply from what the learner did');

export const StepSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and dashes').describe('Stable step id (saved progress refers to it)'),
    title: z.string().min(1).describe('Short title in the progress list'),
    text: z.string().regex(/\.mdx$/, 'must name an .mdx file in the lab folder').describe('MDX file with the step text, relative to the lab folder'),
    checks: z.array(CheckSchema).min(1).describe('All must pass for the step to count as done'),
    question: QuestionSchema.optional(),
    requiresAction: z.boolean().default(true).describe('False when the step may pass before the learner does anything (the do-nothing test skips it)'),
    hints: z.array(z.string().min(1)).default([]).describe('Hints in increasing detail; the last may give the answer away'),
    solution: z.array(z.string()).default([]).describe('Command lines (and lines typed into programs such as telnet) that complete this step'),
    answer: z.string().optional().describe('For answer steps: the answer the solution gives (checked against the simulation, not trusted)'),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    network: z.enum(['default']).default('default').describe('Base network (design.md §4)'),
    seed: z
      .discriminatedUnion('policy', [
        z.object({ policy: z.literal('random') }).strict(),
        z.object({ policy: z.literal('fixed'), value: z.number().int().min(0).max(0xffffffff) }).strict(),
      ])
      .default({ policy: 'random' })
      .describe('`random` per attempt (the page shows it; `?seed=N` overrides), or `fixed`'),
    mail: z.enum(['open', 'closed', 'half-closed']).default('open').describe("The mail server's starting configuration"),
    infected: z
      .union([z.number().int().min(0).max(40), z.array(z.string())])
      .optional()
      .describe('Infected workstations: a count (which ones depends on the seed) or names; absent = the seed decides'),
    world: z.boolean().default(false).describe('Run the living world (employees, bots, ISP) while the learner works'),
    clockSpeed: z.number().positive().default(1).describe('Simulated seconds per real second when the world runs'),
    workstations: z.number().int().min(1).max(40).optional().describe('How many workstations (default 24)'),
    submission: z.boolean().default(false).describe('Start with the submission service (587: STARTTLS + SMTP AUTH) enabled in master.cf'),
    clientProfile: z
      .boolean()
      .default(false)
      .describe("Install IT's mail-client profile on ops (/etc/corp/mail-client.conf): the outgoing-mail settings every desk and laptop uses"),
    stolenAccounts: z
      .number()
      .int()
      .min(0)
      .max(3)
      .default(0)
      .describe('Employees whose mail password spammers use from the Internet on port 587 (which ones: the seed); needs `world`'),
    historyHours: z
      .number()
      .min(0)
      .max(72)
      .default(0)
      .describe('Hours the living world runs before the learner arrives (the listing and complaints a lab starts from); needs `world`'),
    queue: z
      .enum(['spam-backlog', 'office-backlog'])
      .optional()
      .describe('Mail queue at the start: `spam-backlog` = relayed spam and two colleagues\' messages, all deferred (greylisted) at freemail.example; `office-backlog` = only the colleagues\' two'),
  })
  .strict();

export const LabSchema = z
  .object({
    $schema: z.string().optional().describe('Editor hint, ignored'),
    id: z.string().regex(LAB_ID, 'lower-case letters, digits and dashes').describe('Stable id used in URLs and `relaylab check --lab`'),
    title: z.string().min(1).describe('Lab title'),
    audience: z.enum(['staff', 'admin']).describe('Who the lab is written for'),
    minutes: z.number().int().positive().max(240).describe('Estimated minutes to complete'),
    teaches: z.string().min(1).describe('The section of the source post this lab teaches'),
    lesson: z.string().optional().describe('Id of the lesson page (content/lessons) to read first'),
    scenario: ScenarioSchema.default({}),
    startHost: z.string().default('ops').describe('Host the learner\'s shell starts on'),
    intro: z.string().regex(/\.mdx$/).optional().describe('MDX file shown above the steps'),
    showMe: z.boolean().default(true).describe('Offer "Show me" (the step\'s solution) once every hint is shown; false for a graded class (the page also takes ?showme=off)'),
    steps: z.array(StepSchema).min(1).describe('Ordered steps'),
    scoring: z
      .object({
        perStep: z.number().int().min(0).default(100).describe('Points for each step that passes'),
        perLostMessage: z.number().int().min(0).default(10).describe('Points taken for each legitimate message lost during the attempt'),
        perHint: z.number().int().min(0).default(15).describe('Points taken for each hint shown'),
        perMinute: z.number().min(0).default(2).describe('Points taken per simulated minute beyond `minutes`'),
      })
      .strict()
      .optional()
      .describe('A scored drill: the score breakdown (grader/score.ts) is shown at the end and printed by `relaylab check`'),
    summary: z
      .object({
        learned: z.array(z.string().min(1)).min(1).describe('What the learner can now do, one line each'),
        next: z.string().optional().describe('Id of the lab to take next'),
      })
      .strict()
      .describe('Shown when every step has passed'),
  })
  .strict();

export type Lab = z.infer<typeof LabSchema>;
export type LabStep = z.infer<typeof StepSchema>;
export type LabScenario = z.infer<typeof ScenarioSchema>;
export type LabCheck = z.infer<typeof CheckSchema>;
