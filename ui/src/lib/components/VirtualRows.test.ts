// Rendered to HTML on the server side of Svelte: the rows a viewport first shows, before
// any is measured (the viewport is taken to be 600 px high until it reports its height).
import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import VirtualRows from './VirtualRows.svelte';

const head = createRawSnippet(() => ({ render: () => '<div role="row">head</div>' }));
// The server render does not infer the item type: the snippet takes any item.
const row = createRawSnippet((item: () => unknown, index: () => number) => ({
  render: () => `<div role="row" aria-rowindex="${index() + 1}">${String(item())}</div>`,
}));

function html(count: number, estimate: number): string {
  const items = Array.from({ length: count }, (_, i) => `item ${i}`);
  const props = { items, estimate, focused: 0, head, row, 'aria-label': 'rows' };
  return render(VirtualRows, { props }).body.replace(/<!--.*?-->/g, '');
}

const rendered = (body: string) => [...body.matchAll(/aria-rowindex="(\d+)"/g)].map((m) => Number(m[1]));

describe('VirtualRows', () => {
  it('renders the rows that fill the viewport and eight more, the rest as spacers', () => {
    const body = html(1_000, 50);
    // 600 px of 50 px rows is rows 0-11; the overscan adds 12-19.
    expect(rendered(body)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(body).toContain('item 19');
    expect(body).not.toContain('item 20');
    expect(body).toContain('aria-rowcount="1000"');
    expect(body).toContain('style="height: 0px;"');
    expect(body).toContain(`style="height: ${(1_000 - 20) * 50}px;"`);
  });

  it('renders more rows when they are estimated lower, and all of a short grid', () => {
    expect(rendered(html(1_000, 20))).toHaveLength(30 + 8);
    expect(rendered(html(5, 50))).toEqual([1, 2, 3, 4, 5]);
  });
});
