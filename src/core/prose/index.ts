/** Reading and checking the figures of a report's text (issue 13). */
export type { TextDocument, TextParagraph } from './types';
export { checkProse } from './check';
export type { ProseOptions, ProseResult } from './check';
export { readMentions, reportYear, sentences } from './read';
export type { Mention, MentionPeriod, NoneReason, ReadOptions } from './read';
