// The only door to the backend: components import from here, never from
// `@tauri-apps/api` or the generated bindings directly. Each function unwraps the
// command's result and throws a `CommandError` carrying the backend's typed error.
import { Channel, invoke } from '@tauri-apps/api/core';
import { t } from '$lib/i18n/locale.svelte';
import {
  commands,
  type AppError,
  type ConceptView_Deserialize,
  type DetailsEdit,
  type EditRequest,
  type ExportFormat,
  type GlossaryFormat,
  type ConceptPolicy,
  type DuplicatePolicy,
  type ImportSummary,
  type MemoryFormat,
  type MemoryQuery_Deserialize,
  type JobFormat,
  type LanguageText,
  type Progress,
  type TextToAlign_Deserialize,
  type Translation,
} from './bindings';

/** A concept as the Glossary view sends it to be saved. */
export type ConceptEdit = ConceptView_Deserialize;
/** Which units the Memory view shows, as the backend takes it. */
export type MemoryQuery = MemoryQuery_Deserialize;

/** One version of the text for a new alignment, as the backend takes it. */
export type TextToAlign = TextToAlign_Deserialize;

export type {
  AlignedBead,
  AlignmentView,
  AppError,
  Approval,
  BeadView,
  Change,
  ConcordanceView,
  ConceptPage_Serialize as ConceptPage,
  ConceptView_Serialize as ConceptView,
  DemoProject,
  DetailsEdit,
  DiffWord,
  EditRequest,
  DuplicatePolicy,
  ImportSummary,
  MemoryFormat,
  RejectedUnit,
  Counted,
  DuplicateGroupView_Serialize as DuplicateGroup,
  MemoryPage_Serialize as MemoryPage,
  MemoryStats_Serialize as MemoryStats,
  UnitView_Serialize as UnitView,
  VariantView,
  ExportedMemory,
  Exported,
  ExportedJob,
  ExportFormat,
  ExportedGlossary,
  GlossaryFormat,
  GlossaryImport,
  GlossaryView,
  ConceptPolicy,
  JobFormat,
  JobSummary,
  JobView,
  LanguageText,
  MatchView,
  MemorySuggestion,
  Patch,
  QaIssueView,
  QaItemView,
  DocumentText_Serialize as DocumentText,
  Pretranslation,
  Progress,
  ProjectSummary,
  SegmentAt,
  SegmentText,
  SegmentView,
  TargetStatus,
  TargetView,
  TermMatch,
  TermMatching,
  TermSuggestion,
  TermUse,
  TermView_Serialize as TermView,
  Translation,
} from './bindings';

/** A command failed; `error.kind` says why. */
export class CommandError extends Error {
  readonly error: AppError;

  constructor(error: AppError) {
    super(describeError(error));
    this.name = 'CommandError';
    this.error = error;
  }
}

/** A sentence for the user, in the interface language, about what went wrong. */
export function describeError(error: AppError): string {
  switch (error.kind) {
    case 'noDataDirectory':
      return t('error.noDataDirectory');
    case 'memoryUnavailable':
      return t('error.memoryUnavailable', { message: error.message });
    case 'invalidLanguage':
      return t('error.invalidLanguage', { tag: error.tag });
    case 'textCount':
      return t('error.textCount', { count: error.count });
    case 'alignmentFailed':
      return t('error.alignmentFailed', { message: error.message });
    case 'noSuchProject':
      return t('error.noSuchProject', { id: error.id });
    case 'noSuchJob':
      return t('error.noSuchJob', { id: error.id });
    case 'noSuchGlossary':
      return t('error.noSuchGlossary', { id: error.id });
    case 'noSuchConcept':
      return t('error.noSuchConcept', { row: error.row });
    case 'unreadableGlossary':
      return t('error.unreadableGlossary', { message: error.message });
    case 'noSuchUnit':
      return t('error.noSuchUnit', { id: error.id });
    case 'noTargetLanguage':
      return t('error.noTargetLanguage');
    case 'glossaryExists':
      return t('error.glossaryExists', { name: error.name });
    case 'duplicateTerm':
      return t('error.duplicateTerm', { lang: error.lang, text: error.text });
    case 'invalidDate':
      return t('error.invalidDate', { date: error.date });
    case 'invalidEdit':
      return t('error.invalidEdit', { message: error.message });
    case 'exportFailed':
      return t('error.exportFailed', { message: error.message });
    case 'unreadableDocument':
      return t('error.unreadableDocument', { message: error.message });
    case 'invalidRules':
      return t('error.invalidRules', { message: error.message });
    case 'cancelled':
      return t('error.cancelled');
    case 'interrupted':
      return t('error.interrupted', { message: error.message });
  }
}

type CommandResult<T> = { status: 'ok'; data: T } | { status: 'error'; error: AppError };

function unwrap<T>(result: CommandResult<T>): T {
  if (result.status === 'error') throw new CommandError(result.error);
  return result.data;
}

export async function openDemo() {
  return unwrap(await commands.openDemo());
}

export async function alignTexts(texts: LanguageText[]) {
  return unwrap(await commands.alignTexts(texts));
}

/** A dropped or picked file (TXT, DOCX, HTML) as plain text, with its detected language. */
export async function readDocument(name: string, bytes: Uint8Array) {
  return unwrap(await commands.readDocument(name, Array.from(bytes)));
}

/** Segment, align and save, calling `onProgress` after each step; `cancelWork` stops it. */
export async function newAlignment(
  name: string,
  texts: TextToAlign[],
  onProgress: (progress: Progress) => void,
) {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return unwrap(await commands.newAlignment(name, texts, channel));
}

export async function listAlignments() {
  return unwrap(await commands.listAlignments());
}

export async function openAlignment(id: number) {
  return unwrap(await commands.openAlignment(id));
}

export async function editAlignment(id: number, edit: EditRequest) {
  return unwrap(await commands.editAlignment(id, edit));
}

export async function undoAlignment(id: number, redo: boolean) {
  return unwrap(await commands.undoAlignment(id, redo));
}

/** Approve, calling `onProgress` as beads are looked at; `cancelWork` stops it. */
export async function approveAlignment(
  id: number,
  minConfidence: number | null,
  onProgress: (progress: Progress) => void,
) {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return unwrap(await commands.approveAlignment(id, minConfidence, channel));
}

export async function cancelWork() {
  await commands.cancelWork();
}

export async function exportAlignment(id: number, format: ExportFormat) {
  return unwrap(await commands.exportAlignment(id, format));
}

export async function suggestTerms(id: number) {
  return unwrap(await commands.suggestTerms(id));
}

export async function acceptTerm(terms: Translation[]) {
  return unwrap(await commands.acceptTerm(terms));
}

export async function findTerms(lang: string, texts: string[]) {
  return unwrap(await commands.findTerms(lang, texts));
}

/** A job from pasted text, cut by the SRX rules `srx` (the built-in ones when null). */
export async function newTranslation(name: string, src: string, targets: string[], text: string, srx: string | null) {
  return unwrap(await commands.newTranslation(name, src, targets, text, srx));
}

/** A job from an XLIFF file's bytes; `tgt` is its target language if the file names none. */
export async function newTranslationFromXliff(name: string, bytes: Uint8Array, tgt: string | null) {
  return unwrap(await commands.newTranslationFromXliff(name, Array.from(bytes), tgt));
}

/** A job from a .txt, .docx or .html file's bytes (`file` is its name, which gives the
 * format); the job keeps the document to export the translation in its format. */
export async function newTranslationFromDocument(
  name: string,
  file: string,
  bytes: Uint8Array,
  src: string,
  targets: string[],
  srx: string | null,
) {
  return unwrap(await commands.newTranslationFromDocument(name, file, Array.from(bytes), src, targets, srx));
}

/** The job's QA items in segment order; `sameTarget` adds the same target for different sources. */
export async function checkTranslation(id: number, sameTarget: boolean) {
  return unwrap(await commands.checkTranslation(id, sameTarget));
}

export async function exportTranslation(id: number, lang: string, format: JobFormat) {
  return unwrap(await commands.exportTranslation(id, lang, format));
}

export async function listTranslations() {
  return unwrap(await commands.listTranslations());
}

export async function openTranslation(id: number) {
  return unwrap(await commands.openTranslation(id));
}

/** The memory's segments holding `phrase` (its inflected forms too with `inflected`). */
export async function searchConcordance(phrase: string, inflected: boolean, limit = 50) {
  return unwrap(await commands.searchConcordance(phrase, inflected, limit));
}

export async function lookupMatches(id: number, segment: number, lang: string, min: number) {
  return unwrap(await commands.lookupMatches(id, segment, lang, min));
}

export async function editTranslation(id: number, segment: number, lang: string, text: string) {
  return unwrap(await commands.editTranslation(id, segment, lang, text));
}

export async function confirmTranslation(id: number, segment: number, lang: string, text: string) {
  return unwrap(await commands.confirmTranslation(id, segment, lang, text));
}

export async function recordMatchUse(unit: number) {
  return unwrap(await commands.recordMatchUse(unit));
}

/** Pre-translate, calling `onProgress` as segments are done; `cancelWork` stops it. */
export async function pretranslate(id: number, min: number, onProgress: (progress: Progress) => void) {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return unwrap(await commands.pretranslate(id, min, channel));
}

export async function listGlossaries() {
  return unwrap(await commands.listGlossaries());
}

export async function createGlossary(name: string, priority: number) {
  return unwrap(await commands.createGlossary(name, priority));
}

export async function configureGlossary(id: number, priority: number, enabled: boolean) {
  return unwrap(await commands.configureGlossary(id, priority, enabled));
}

/** A page of concepts of `glossary` (every glossary when null) with a term containing `text`. */
export async function searchConcepts(glossary: number | null, text: string, offset: number, limit: number) {
  return unwrap(await commands.searchConcepts(glossary, text, offset, limit));
}

/** Store a concept: a new one when its row is 0. Returns it as stored. */
export async function saveConcept(concept: ConceptEdit) {
  return unwrap(await commands.saveConcept(concept));
}

export async function deleteConcept(row: number) {
  return unwrap(await commands.deleteConcept(row));
}

export async function suggestMemoryTerms(langs: string[]) {
  return unwrap(await commands.suggestMemoryTerms(langs));
}

export async function rejectSuggestion(terms: Translation[]) {
  return unwrap(await commands.rejectSuggestion(terms));
}

/** Import a glossary file's bytes, calling `onProgress` as concepts are stored; `cancelWork` stops it. */
export async function importGlossary(
  glossary: number,
  name: string,
  format: GlossaryFormat,
  policy: ConceptPolicy,
  bytes: Uint8Array,
  onProgress: (progress: Progress) => void,
) {
  // The bytes go first, alone, as the raw request body (a file of many MB would be
  // several times larger as JSON); the generated binding cannot send one, hence `invoke`.
  await invoke('stage_glossary_file', bytes).catch((e: unknown) => {
    throw new Error(String(e));
  });
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return unwrap(await commands.importGlossary(glossary, name, format, policy, channel));
}

export async function exportGlossary(glossary: number, format: GlossaryFormat) {
  return unwrap(await commands.exportGlossary(glossary, format));
}

/** A page of at most `limit` memory units `query` selects, below unit `after`. */
export async function browseMemory(query: MemoryQuery, after: number | null, limit: number) {
  return unwrap(await commands.browseMemory(query, after, limit));
}

export async function editUnitText(id: number, lang: string, text: string) {
  return unwrap(await commands.editUnitText(id, lang, text));
}

export async function editUnitDetails(id: number, details: DetailsEdit) {
  return unwrap(await commands.editUnitDetails(id, details));
}

export async function deleteUnits(ids: number[]) {
  return unwrap(await commands.deleteUnits(ids));
}

export async function findDuplicates(src: string, tgt: string) {
  return unwrap(await commands.findDuplicates(src, tgt));
}

export async function mergeUnits(keep: number, others: number[]) {
  return unwrap(await commands.mergeUnits(keep, others));
}

export async function memoryStats() {
  return unwrap(await commands.memoryStats());
}

export async function exportMemory(query: MemoryQuery, format: MemoryFormat) {
  return unwrap(await commands.exportMemory(query, format));
}

/**
 * Import a TMX or TSV/CSV file into the memory, calling `onProgress` as it goes;
 * `cancelWork` rolls it back. The bytes go as Tauri's raw IPC body, not a JSON array of
 * numbers (a memory may be hundreds of MB), so this one command is called by name: the
 * typed bindings cannot describe a raw body. The rest travels in headers.
 */
export async function importMemory(
  name: string,
  bytes: Uint8Array,
  policy: DuplicatePolicy,
  onProgress: (progress: Progress) => void,
): Promise<ImportSummary> {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  try {
    return await invoke<ImportSummary>('import_memory', bytes, {
      headers: { 'x-name': encodeURIComponent(name), 'x-policy': policy, 'x-progress': `__CHANNEL__:${channel.id}` },
    });
  } catch (e) {
    throw new CommandError(e as AppError);
  }
}
