// The conversation around the utterance being judged: the caller's previous turns and the other
// side's (agent's) last turn. "This is the third time" after a failed fix, or a reply to "there's
// nothing I can do", reads differently from the same words cold. The featurizer turns the context
// into its own down-weighted n-gram blocks and pattern hits (prefixed, so they never share a weight
// with the utterance's own words); training learns them from dialogue corpora (CPED, STC-3).

export interface TextContext {
  /** The caller's earlier final turns, oldest first (the featurizer reads the last few). */
  callerPrevious: readonly string[];
  /** The agent's (other speaker's) last final turn before this utterance; '' when none. */
  agentLast: string;
}

/** How many of the caller's previous turns the features read. */
export const CONTEXT_CALLER_TURNS = 2;
/** Characters of each context side read, from its end (the words nearest the utterance). */
export const CONTEXT_MAX_CHARS = 160;

export const NO_CONTEXT: TextContext = Object.freeze({ callerPrevious: Object.freeze([]) as readonly string[], agentLast: '' });

/** The caller side of a context as one string: the last turns, newest last, cut from the end. */
export function callerContextText(context: TextContext): string {
  const turns = context.callerPrevious.slice(-CONTEXT_CALLER_TURNS).join(' ');
  return turns.length > CONTEXT_MAX_CHARS ? turns.slice(-CONTEXT_MAX_CHARS) : turns;
}

export function agentContextText(context: TextContext): string {
  const text = context.agentLast;
  return text.length > CONTEXT_MAX_CHARS ? text.slice(-CONTEXT_MAX_CHARS) : text;
}

export function isEmptyContext(context: TextContext | undefined): boolean {
  return context === undefined || (context.callerPrevious.length === 0 && context.agentLast.trim().length === 0);
}
