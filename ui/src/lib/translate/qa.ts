// The QA panel's grouping: items by kind, in a fixed order, each kind with its count.
import type { QaIssueView, QaItemView } from '$lib/api';
import type { MessageKey } from '$lib/i18n/messages';

export type QaKind = QaIssueView['kind'];

export const QA_KINDS: readonly QaKind[] = [
  'empty',
  'untranslated',
  'missingTerm',
  'forbiddenTerm',
  'numbers',
  'codes',
  'inconsistentTarget',
  'inconsistentSource',
];

export interface QaGroup {
  kind: QaKind;
  items: QaItemView[];
}

/** The kinds that have items, in `QA_KINDS` order, items in segment order. */
export function groupQa(items: readonly QaItemView[]): QaGroup[] {
  return QA_KINDS.map((kind) => ({ kind, items: items.filter((i) => i.issue.kind === kind) })).filter(
    (g) => g.items.length > 0,
  );
}

/** What an item says beyond its segment, as `[message key, params]`, or null. */
export function qaDetail(issue: QaIssueView): [MessageKey, Record<string, string>] | null {
  switch (issue.kind) {
    case 'missingTerm':
      return ['qa.expected', { term: issue.sourceTerm, expected: issue.expected.join(', ') }];
    case 'forbiddenTerm':
      return ['qa.term', { term: issue.term }];
    case 'numbers':
      return ['qa.numberDiff', { missing: issue.missing.join(', ') || '—', extra: issue.extra.join(', ') || '—' }];
    case 'codes':
      return [
        'qa.codeDiff',
        {
          missing: issue.missing.join(' ') || '—',
          extra: issue.extra.join(' ') || '—',
          misnested: issue.misnested.join(' ') || '—',
        },
      ];
    case 'inconsistentTarget':
    case 'inconsistentSource':
      return ['qa.others', { others: issue.others.map((o) => o + 1).join(', ') }];
    default:
      return null;
  }
}
