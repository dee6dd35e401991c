// Applying what the backend says an edit changed: patches of the bead list, in order.

export interface PatchLike<B> {
  at: number;
  remove: number;
  beads: B[];
}

/** `beads` with each patch applied in turn; a new array, the input is left as it was. */
export function applyPatches<B>(beads: readonly B[], patches: readonly PatchLike<B>[]): B[] {
  const out = [...beads];
  for (const p of patches) out.splice(p.at, p.remove, ...p.beads);
  return out;
}

/** The UTF-8 byte offset of UTF-16 index `index` in `text`: the backend counts bytes. */
export function byteOffset(text: string, index: number): number {
  return new TextEncoder().encode(text.slice(0, index)).length;
}
