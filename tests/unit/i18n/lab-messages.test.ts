import { describe, expect, it } from 'vitest';
import { messages } from '../../../site/islands/messages.ts';
import { en } from '../../../simulator/i18n/en.ts';
import { useCatalogue } from '../../../simulator/i18n/t.ts';

describe("the lab page's messages", () => {
  it('read the catalogue when asked, so a switched catalogue takes effect without a reload of the module', () => {
    expect(messages.dismiss).toBe('Dismiss');
    useCatalogue({ 'lab.dismiss': 'Schließen', 'lab.step-done': 'Schritt {n} erledigt: {title}. {reason}' }, 'de');
    try {
      expect(messages.dismiss).toBe('Schließen');
      expect(messages.stepDone(2, 'Relay schließen', 'Geschlossen.')).toBe('Schritt 2 erledigt: Relay schließen. Geschlossen.');
      expect(messages.checking, 'a key the translation lacks falls back to English').toBe('Checking…');
    } finally {
      useCatalogue(en, 'en');
    }
  });

  it('count steps and hints in words that agree with the number', () => {
    expect(messages.labComplete(1)).toBe('Lab complete: 1 step done.');
    expect(messages.labComplete(3)).toBe('Lab complete: all 3 steps done.');
    expect(messages.hintButton(0, 3)).toBe('Show a hint (1 of 3)');
    expect(messages.hintButton(1, 3)).toBe('Show another hint (2 of 3)');
    expect(messages.timeTaken(0, 42)).toBe('You completed every step in 42 s.');
    expect(messages.timeTaken(3, 5)).toBe('You completed every step in 3 min 5 s.');
  });

  it('name a saved version the page cannot read', () => {
    expect(messages.versionName(9, true)).toBe('a newer version (progress format 9)');
    expect(messages.versionName(undefined, false)).toBe('another version (progress format null)');
  });
});
