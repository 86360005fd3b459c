// Browser stand-in for turndown, imported by just-bash's html-to-markdown command. The lab
// lists that command as absent (simulator/shell/bash-engine.ts ABSENT), so the library is dead
// weight in the engine chunk: this keeps ~11 KB of minified code out of every lab page.
export default class TurndownService {
  constructor() {
    throw new Error('html-to-markdown is not available in the browser lab');
  }
}
