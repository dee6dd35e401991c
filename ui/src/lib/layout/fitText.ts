// A text field as wide as its text. CSS `field-sizing: content` would do it, but the
// desktop shell's engine (WebKitGTK) lacks it: the text is measured in the field's own
// font on a canvas, and the field's padding and border are added.

let canvas: HTMLCanvasElement | undefined;

/** The width in pixels `input` needs to show `text` whole. */
export function widthFor(input: HTMLInputElement, text: string): number {
  const style = getComputedStyle(input);
  canvas ??= document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return input.offsetWidth;
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const frame = ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'] as const;
  const extra = frame.reduce((sum, side) => sum + (parseFloat(style[side]) || 0), 0);
  // The caret after the last letter takes a pixel or two.
  return Math.ceil(context.measureText(text).width + extra + 4);
}

/** Svelte action: `use:fitText={text}` sizes the field to `text` and again as it changes
 * (typing changes the bound text too). CSS `min-width` and `max-width` still bound it. */
export function fitText(input: HTMLInputElement, text: string) {
  const fit = (value: string) => (input.style.width = `${widthFor(input, value)}px`);
  fit(text);
  return { update: fit };
}
