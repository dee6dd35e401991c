// The only door to the backend: components import from here, never from
// `@tauri-apps/api` or the generated bindings directly. Each function unwraps the
// command's result and throws a `CommandError` carrying the backend's typed error.
import { Channel, invoke } from '@tauri-apps/api/core';
import { t } from '$lib/i18n/locale.svelte';
import type { MessageKey } from '$lib/i18n/messages';
import {
  commands,
  type AppError,
  type ConceptPlace,
  type ConceptView_Deserialize,
  type DetailsEdit,
  type EditRequest,
  type ExportFormat,
  type GlossaryFormat,
  type TableChoice_Deserialize,
  type ConceptPolicy,
  type DuplicatePolicy,
  type MemoryFormat,
  type MemoryQuery_Deserialize,
  type JobFormat,
  type LanguageText,
  type Progress,
  type TextToAlign_Deserialize,
  type Translation,
  type UploadId,
  type WorkId,
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
  UnitVersionView_Serialize as UnitVersionView,
  VariantView,
  ConnectionCheck,
  SyncPhase,
  TeamLinkView_Serialize as TeamLinkView,
  TeamStatus_Serialize as TeamStatus,
  ExportedMemory,
  Exported,
  ExportedJob,
  ExportFormat,
  ExportedGlossary,
  GlossaryFormat,
  GlossaryImport,
  SynonymLayout,
  TableChoice_Deserialize as TableChoice,
  GlossaryView,
  ConceptPolicy,
  JobFormat,
  JobSummary,
  JobView,
  LanguageText,
  LimitView,
  FragmentView,
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
  TermForm,
  AddedTerm,
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
// The core names a segment's fields with these words; one it adds later is shown as sent.
const SEGMENT_FIELDS: Record<string, MessageKey> = {
  text: 'error.segmentField.text',
  markup: 'error.segmentField.markup',
  note: 'error.segmentField.note',
  property: 'error.segmentField.property',
  context: 'error.segmentField.context',
};

function describeSegmentField(field: string): string {
  const key = SEGMENT_FIELDS[field];
  return key ? t(key) : field;
}

function describePlace(place: ConceptPlace): string {
  switch (place.part) {
    case 'id':
      return t('error.place.id');
    case 'field':
      return t('error.place.field', { name: place.name });
    default:
      return t(`error.place.${place.part}`, { term: place.term });
  }
}

export function describeError(error: AppError): string {
  switch (error.kind) {
    case 'noDataDirectory':
      return t('error.noDataDirectory');
    case 'schemaTooNew':
      return t('error.schemaTooNew', { found: error.found, supported: error.supported });
    case 'cannotOpen':
      return t('error.cannotOpen', { path: error.path, detail: error.detail });
    case 'notDragoman':
      return t('error.notDragoman', { path: error.path });
    case 'noMemory':
      return t('error.noMemory', { path: error.path });
    case 'databaseBusy':
      return error.importing == null
        ? t('error.databaseBusy', { path: error.path })
        : t('error.databaseBusyImport', { path: error.path, file: error.importing, since: error.since ?? '' });
    case 'memoryDamaged':
      return t('error.memoryDamaged', { detail: error.detail });
    case 'invalidLanguage':
      return t('error.invalidLanguage', { tag: error.tag });
    case 'textCount':
      return t('error.textCount', { count: error.count });
    case 'noSuchProject':
      return t('error.noSuchProject', { id: error.id });
    case 'noSuchJob':
      return t('error.noSuchJob', { id: error.id });
    case 'noSuchGlossary':
      return t('error.noSuchGlossary', { id: error.id });
    case 'noSuchGlossaryName':
      return t('error.noSuchGlossaryName', { name: error.name });
    case 'noSuchConcept':
      return t('error.noSuchConcept', { row: error.row });
    case 'noSuchUnit':
      return t('error.noSuchUnit', { id: error.id });
    case 'outOfDate':
      return t('error.outOfDate');
    case 'blankText':
      return t('error.blankText');
    case 'nothingToUndo':
      return t('error.nothingToUndo');
    case 'nothingToRedo':
      return t('error.nothingToRedo');
    case 'emptyText':
      return t('error.emptyText', { lang: error.lang });
    case 'nothingToMerge':
      return t('error.nothingToMerge');
    case 'emptySource':
      return t('error.emptySource');
    case 'targetLanguages':
      return t('error.targetLanguages');
    case 'noOriginal':
      return t('error.noOriginal');
    case 'documentChanged':
      return t('error.documentChanged', { file: error.file });
    case 'noTargetLanguage':
      return t('error.noTargetLanguage');
    case 'emptyName':
      return t('error.emptyName');
    case 'glossaryExists':
      return t('error.glossaryExists', { name: error.name });
    case 'noTerms':
      return t('error.noTerms');
    case 'emptyTerm':
      return t('error.emptyTerm', { position: error.position });
    case 'duplicateTerm':
      return t('error.duplicateTerm', { lang: error.lang, text: error.text });
    case 'readOnlyMemory':
      return error.path ? t('error.readOnlyMemory', { path: error.path }) : t('error.readOnlyMemoryHere');
    case 'diskFull':
      return t('error.diskFull');
    case 'unstorableInConcept':
      return t('error.unstorableInConcept', { place: describePlace(error.place), code: error.code, position: error.position });
    case 'unstorableInSegment':
      return t('error.unstorableInSegment', {
        lang: error.lang,
        field: describeSegmentField(error.field),
        code: error.code,
        position: error.position,
      });
    case 'duplicateConceptId':
      return t('error.duplicateConceptId', { id: error.id });
    case 'invalidDate':
      return t('error.invalidDate', { date: error.date });
    case 'emptyFile':
      return t('error.emptyFile', { file: error.file });
    case 'notText':
      return t('error.notText', { file: error.file });
    case 'notUtf8':
      return t('error.notUtf8', { file: error.file, line: error.line });
    case 'reservedCharacter':
      return t('error.reservedCharacter', {
        file: error.file,
        line: error.line,
        char: `U+${error.codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
      });
    case 'limitExceeded': {
      const { file, line, limit, max } = error;
      const inBytes = limit === 'fileBytes' || limit === 'unpackedBytes' || limit === 'segmentBytes';
      const what = t(`error.limit.${limit}`, { max: inBytes ? Math.ceil(max / 2 ** 20) : max });
      // `null` when serialised; the generated type also allows it absent.
      return line === null || line === undefined
        ? t('error.limitExceeded', { file, what })
        : t('error.limitExceededAt', { file, line, what });
    }
    case 'wrongFormat':
      return t('error.wrongFormat', { file: error.file, format: error.expected.toUpperCase() });
    case 'unknownFormat':
      return t('error.unknownFormat', { file: error.file });
    case 'tableHeader':
      return t('error.tableHeader', { file: error.file });
    case 'entitiesRefused':
      return t('error.entitiesRefused', { file: error.file, line: error.line });
    case 'malformed': {
      // `null` when serialised; the generated type also allows it absent.
      const { file, line, detail } = error;
      return line === null || line === undefined
        ? t('error.malformed', { file, detail })
        : t('error.malformedAt', { file, line, detail });
    }
    case 'readFailed':
      return t('error.readFailed', { file: error.file, problem: t(`error.io.${error.problem}`) });
    case 'writeFailed': {
      const { path } = error;
      const problem = t(`error.io.${error.problem}`);
      return path === null || path === undefined
        ? t('error.writeFailed', { problem })
        : t('error.writeFailedAt', { path, problem });
    }
    case 'invalidRules':
      return t('error.invalidRules', { detail: error.detail });
    case 'noRulesForLanguage':
      return t('error.noRulesForLanguage', { lang: error.lang });
    case 'fileTooLarge':
      return t('error.fileTooLarge', { megabytes: error.megabytes, limit: error.limit });
    case 'noSuchUpload':
      return t('error.noSuchUpload');
    case 'badLimit':
      return t('error.badLimit', { key: error.key });
    case 'noSuchWork':
      return t('error.noSuchWork');
    case 'teamAddress':
      return t('error.teamAddress', { detail: error.detail });
    case 'teamPasswordInAddress':
      return t('error.teamPasswordInAddress');
    case 'teamUnreachable':
      return t('error.teamUnreachable', { server: error.server, detail: error.detail });
    case 'teamRefused':
      return t('error.teamRefused', { server: error.server, detail: error.detail });
    case 'teamTlsRequired':
      return t('error.teamTlsRequired', { server: error.server });
    case 'teamTls':
      return t('error.teamTls', { detail: error.detail });
    case 'teamNoSchema':
      return t('error.teamNoSchema');
    case 'teamSchemaVersion':
      return error.found > error.supported
        ? t('error.teamSchemaNewer', { found: error.found, supported: error.supported })
        : t('error.teamSchemaOlder', { found: error.found, supported: error.supported });
    case 'teamNotMember':
      return t('error.teamNotMember', { team: error.team, user: error.user });
    case 'teamReadOnly':
      return t('error.teamReadOnly', { team: error.team, user: error.user, count: error.unsent });
    case 'teamNotJoined':
      return t('error.teamNotJoined');
    case 'teamOther':
      return t('error.teamOther', { team: error.team, server: error.server });
    case 'teamServer':
      return t('error.teamServer', { detail: error.detail });
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

/**
 * Send a file's bytes to the backend: the one way a file gets there. The bytes go as
 * Tauri's raw IPC body, not a JSON array of numbers (a memory may be hundreds of MB),
 * so this one command is called by name: the typed bindings cannot send a raw body. The
 * id it returns is passed to the command that reads the file, which alone can take it.
 */
async function upload(bytes: Uint8Array): Promise<UploadId> {
  try {
    return await invoke<UploadId>('upload_file', bytes);
  } catch (e) {
    throw new CommandError(e as AppError);
  }
}

/**
 * One piece of long work (a new alignment, an approval, an import, a pre-translation):
 * its progress reports, and a cancel that stops it and no other work running beside it.
 * Made before the work starts, so a cancel button can hold it from the first click.
 */
export class Work {
  readonly #onProgress: (progress: Progress) => void;
  #id: Promise<WorkId> | null = null;

  constructor(onProgress: (progress: Progress) => void) {
    this.#onProgress = onProgress;
  }

  /** The id and the progress channel for the command doing the work. The id is asked
   * for at once, before any other await, so `cancel` from then on has it to wait for. */
  async begin(): Promise<[WorkId, Channel<Progress>]> {
    this.#id ??= commands.startWork();
    const channel = new Channel<Progress>();
    channel.onmessage = this.#onProgress;
    return [await this.#id, channel];
  }

  /** Stop this work; it leaves the database as it was. */
  async cancel() {
    if (this.#id) await commands.cancelWork(await this.#id);
  }
}

/** Every limit on the files the app reads, with its value and default. */
export async function limits() {
  return unwrap(await commands.limits());
}

/** Set a limit (its `--max` key) to `value`, or back to its default with null. */
export async function setLimit(key: string, value: number | null) {
  return unwrap(await commands.setLimit(key, value));
}

export async function openDemo() {
  return unwrap(await commands.openDemo());
}

export async function alignTexts(texts: LanguageText[]) {
  return unwrap(await commands.alignTexts(texts));
}

/** A dropped or picked file (TXT, DOCX, HTML) as plain text, with its detected language. */
export async function readDocument(name: string, bytes: Uint8Array) {
  return unwrap(await commands.readDocument(await upload(bytes), name));
}

/** Segment, align and save, reporting each step to `work`, whose cancel stops it. */
export async function newAlignment(name: string, texts: TextToAlign[], work: Work) {
  const [id, channel] = await work.begin();
  return unwrap(await commands.newAlignment(name, texts, id, channel));
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

/** Approve, reporting to `work` as beads are looked at; its cancel stops it. */
export async function approveAlignment(id: number, minConfidence: number | null, work: Work) {
  const [workId, channel] = await work.begin();
  return unwrap(await commands.approveAlignment(id, minConfidence, workId, channel));
}

export async function exportAlignment(id: number, format: ExportFormat) {
  return unwrap(await commands.exportAlignment(id, format));
}

export async function suggestTerms(id: number) {
  return unwrap(await commands.suggestTerms(id));
}

/** Add `terms` as a concept to glossary `glossary`, or to the glossary of accepted terms
 * (`null`), which is made named `acceptedName` when there is none. */
export async function acceptTerm(terms: Translation[], glossary: string | null, acceptedName: string) {
  return unwrap(await commands.acceptTerm(terms, glossary, acceptedName));
}

/** The words a selection from `start` to `end` of `text` touches, with their dictionary form. */
export async function termForm(lang: string, text: string, start: number, end: number) {
  return unwrap(await commands.termForm(lang, text, start, end));
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
  return unwrap(await commands.newTranslationFromXliff(name, await upload(bytes), tgt));
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
  return unwrap(await commands.newTranslationFromDocument(name, file, await upload(bytes), src, targets, srx));
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

/** The runs of segment `segment` the memory holds, with their translations into `lang`. */
export async function lookupFragments(id: number, segment: number, lang: string) {
  return unwrap(await commands.lookupFragments(id, segment, lang));
}

/** Learn the memory's word alignment for job `id`'s languages, which fragments need. */
export async function learnWordAlignment(id: number) {
  return unwrap(await commands.learnWordAlignment(id));
}

export async function editTranslation(id: number, segment: number, lang: string, text: string) {
  return unwrap(await commands.editTranslation(id, segment, lang, text));
}

export async function confirmTranslation(id: number, segment: number, lang: string, text: string) {
  return unwrap(await commands.confirmTranslation(id, segment, lang, text));
}

/** Count a use of unit `unit`, whose match the translator inserted. */
export async function recordMatchUse(unit: number) {
  return unwrap(await commands.recordMatchUse(unit));
}

/** Pre-translate, reporting to `work` as segments are done; its cancel stops it. */
export async function pretranslate(id: number, min: number, work: Work) {
  const [workId, channel] = await work.begin();
  return unwrap(await commands.pretranslate(id, min, workId, channel));
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

/**
 * Import a glossary file's bytes (an OmegaT glossary's source and target in `langs`),
 * reporting to `work` as concepts are stored; its cancel stops it.
 */
export async function importGlossary(
  glossary: number,
  name: string,
  format: GlossaryFormat,
  langs: string[],
  policy: ConceptPolicy,
  bytes: Uint8Array,
  work: Work,
) {
  const [workId, channel] = await work.begin();
  const file = await upload(bytes);
  return unwrap(await commands.importGlossary(glossary, file, { name, format, langs }, policy, workId, channel));
}

/** Export a glossary: a table laid out by `table`, an OmegaT glossary from `langs[0]` to `langs[1]`. */
export async function exportGlossary(
  glossary: number | null,
  format: GlossaryFormat,
  langs: string[],
  table: TableChoice_Deserialize,
) {
  return unwrap(await commands.exportGlossary(glossary, format, langs, table));
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

/** Unit `id`'s earlier texts, the latest replaced first. */
export async function unitVersions(id: number) {
  return unwrap(await commands.unitVersions(id));
}

/** Whether confirming another translation of a stored source adds a unit beside it. */
export async function keepsSeveralTranslations() {
  return unwrap(await commands.keepsSeveralTranslations());
}

export async function keepSeveralTranslations(several: boolean) {
  return unwrap(await commands.keepSeveralTranslations(several));
}

export async function memoryStats() {
  return unwrap(await commands.memoryStats());
}

export async function exportMemory(query: MemoryQuery, format: MemoryFormat) {
  return unwrap(await commands.exportMemory(query, format));
}

/** Import a TMX or TSV/CSV file into the memory, reporting to `work` as it goes; its
 * cancel rolls it back. */
export async function importMemory(name: string, bytes: Uint8Array, policy: DuplicatePolicy, work: Work) {
  const [workId, channel] = await work.begin();
  const file = await upload(bytes);
  return unwrap(await commands.importMemory(file, name, policy, workId, channel));
}

/** The memory's team and where its sync stands (no network). */
export async function teamStatus() {
  return unwrap(await commands.teamStatus());
}

/** Connect to `team` at `server` as a member and say what it offers; changes nothing. */
export async function checkTeamConnection(server: string, team: string) {
  return unwrap(await commands.checkTeamConnection(server, team));
}

/** Join `team` at `server`; the first sync reports to `work`, whose cancel leaves again. */
export async function joinTeam(server: string, team: string, work: Work) {
  const [workId, channel] = await work.begin();
  return unwrap(await commands.joinTeam(server, team, workId, channel));
}

/** Leave the team; the memory's units stay. */
export async function leaveTeam() {
  return unwrap(await commands.leaveTeam());
}

/** Sync now and say how it went. */
export async function syncTeam() {
  return unwrap(await commands.syncTeam());
}

/** The units holding a text a team conflict replaced. */
export async function conflictedUnits() {
  return unwrap(await commands.conflictedUnits());
}
