// The only door to the backend: components import from here, never from
// `@tauri-apps/api` or the generated bindings directly. Each function unwraps the
// command's result and throws a `CommandError` carrying the backend's typed error.
import { Channel, invoke } from '@tauri-apps/api/core';
import { t } from '$lib/i18n/locale.svelte';
import {
  commands,
  type AppError,
  type DetailsEdit,
  type EditRequest,
  type ExportFormat,
  type ImportPolicy,
  type ImportSummary,
  type MemoryFormat,
  type MemoryQuery_Deserialize,
  type JobFormat,
  type LanguageText,
  type Progress,
  type TextToAlign_Deserialize,
  type Translation,
} from './bindings';

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
  DemoProject,
  DetailsEdit,
  DiffWord,
  EditRequest,
  ImportPolicy,
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
  JobFormat,
  JobSummary,
  JobView,
  LanguageText,
  MatchView,
  Patch,
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
  TermSuggestion,
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
    case 'noSuchUnit':
      return t('error.noSuchUnit', { id: error.id });
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

export async function newTranslation(name: string, src: string, targets: string[], text: string) {
  return unwrap(await commands.newTranslation(name, src, targets, text));
}

/** A job from an XLIFF file's bytes; `tgt` is its target language if the file names none. */
export async function newTranslationFromXliff(name: string, bytes: Uint8Array, tgt: string | null) {
  return unwrap(await commands.newTranslationFromXliff(name, Array.from(bytes), tgt));
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

export async function lookupMatches(id: number, segment: number, lang: string, min: number) {
  return unwrap(await commands.lookupMatches(id, segment, lang, min));
}

export async function editTranslation(id: number, segment: number, lang: string, text: string) {
  return unwrap(await commands.editTranslation(id, segment, lang, text));
}

export async function confirmTranslation(id: number, segment: number, lang: string, text: string) {
  return unwrap(await commands.confirmTranslation(id, segment, lang, text));
}

/** Pre-translate, calling `onProgress` as segments are done; `cancelWork` stops it. */
export async function pretranslate(id: number, min: number, onProgress: (progress: Progress) => void) {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return unwrap(await commands.pretranslate(id, min, channel));
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
  policy: ImportPolicy,
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
