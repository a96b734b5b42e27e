// A reason: one plain-English statement a decision owner can read aloud, and the source it rests on.
export interface Reason {
  /** The statute section, regulation or guidance, e.g. "Children Act 2004 s16C(1)(a)". */
  readonly rule: string
  readonly text: string
}

// Citations, written once so that every reason names its source the same way.
export const CITE = {
  childDefinition: 'Children Act 1989 s105(1)',
  attainingAge: 'Family Law Reform Act 1969 s9',
  unborn: 'Working Together to Safeguard Children 2023 (applies to unborn children)',
  s16C: 'Children Act 2004 s16C(1)',
  s16CLimbA: 'Children Act 2004 s16C(1)(a)',
  s16CLimbB: 'Children Act 2004 s16C(1)(b)',
  whoseDuty: 'Children Act 2004 s16C(1)(a); Child Safeguarding Practice Review Panel: frequently asked questions',
  seriousHarm: 'Working Together to Safeguard Children 2023, chapter 5 (serious harm)',
  rapidReview: 'Working Together to Safeguard Children 2023, chapter 5 (rapid reviews)',
  lookedAfterDeath: 'Children Act 1989 Sch 2 para 20; Working Together to Safeguard Children 2023, chapter 5',
  careLeaverDeath: 'Working Together to Safeguard Children 2023, chapter 5 (death of a care leaver)',
  fiveWorkingDays: 'GOV.UK: Report a serious child safeguarding incident (within 5 working days)',
} as const
