/** The rules' metadata lives in core/rule-meta.ts (findings.ts needs it without depending on the rules). */
export * from '../rule-meta';
