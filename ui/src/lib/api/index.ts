// The only door to the backend: components import from here, never from
// `@tauri-apps/api` or the generated bindings directly. Each function unwraps the
// command's result and throws a `CommandError` carrying the backend's typed error.
import { commands, type AppError } from './bindings';

export type {
  AlignedBead,
  AppError,
  DemoProject,
  LanguageText,
  SegmentText,
  TermMatch,
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

/** A sentence for the user about what went wrong. */
export function describeError(error: AppError): string {
  switch (error.kind) {
    case 'noDataDirectory':
      return 'There is no data folder for your user account, so Dragoman has nowhere to keep its database.';
    case 'memoryUnavailable':
      return `The database cannot be used: ${error.message}`;
    case 'invalidLanguage':
      return `“${error.tag}” is not a language tag.`;
    case 'textCount':
      return `Alignment takes two or three texts, not ${error.count}.`;
    case 'alignmentFailed':
      return `Alignment failed: ${error.message}`;
    case 'interrupted':
      return `The work stopped unexpectedly: ${error.message}`;
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

export async function alignTexts(texts: Parameters<typeof commands.alignTexts>[0]) {
  return unwrap(await commands.alignTexts(texts));
}

export async function findTerms(lang: string, text: string) {
  return unwrap(await commands.findTerms(lang, text));
}
