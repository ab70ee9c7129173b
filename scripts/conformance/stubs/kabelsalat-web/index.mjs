// Stand-in for @kabelsalat/web: @strudel/core 1.2.6 imports SalatRepl, which the published
// package does not export. Pattern queries never use it.
export class SalatRepl {
  constructor() {
    throw new Error('SalatRepl is not available in the conformance generator');
  }
}
