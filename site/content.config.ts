import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: z.object({
    title: z.string().describe('Page title'),
    summary: z.string().describe('One sentence shown on the home page'),
    order: z.number().int().describe('Position in the course'),
    lab: z.string().optional().describe('Id of the lab this lesson leads into'),
    audience: z.enum(['all', 'staff', 'admin']).default('all').describe('Who the lesson is written for: `staff` lessons belong to the staff track (content/tracks.json)'),
    minutes: z.number().int().positive().optional().describe('Estimated reading time'),
  }),
});

export const collections = { lessons };
