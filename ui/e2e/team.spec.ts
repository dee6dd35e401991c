import { expect, test, type Page } from '@playwright/test';
import { installBackend } from './backend';
import { installMemoryBackend, type FakeUnit } from './memoryBackend';
import { installTeamBackend, type FakeTeam } from './teamBackend';

async function open(page: Page, team: FakeTeam, locale = 'en', units: FakeUnit[] = []) {
  await page.addInitScript(installBackend, []);
  await page.addInitScript(installMemoryBackend, units);
  await page.addInitScript(installTeamBackend, team);
  await page.addInitScript((l) => localStorage.setItem('dragoman.locale', l), locale);
  await page.goto('/');
}

const calls = (page: Page, cmd: string) =>
  page.evaluate(
    (cmd) =>
      (window as unknown as { __calls: { cmd: string; args: Record<string, unknown> }[] }).__calls
        .filter((c) => c.cmd === cmd)
        .map((c) => c.args),
    cmd,
  );

const steer = (page: Page, set: Record<string, boolean>) =>
  page.evaluate((set) => Object.assign((window as unknown as { __team: object }).__team, set), set);

const panel = (page: Page) => page.getByRole('complementary', { name: 'Team memory' });
const indicator = (page: Page) => page.locator('header button.sync');

async function fill(page: Page, server: string, team: string, user = '') {
  if (!(await panel(page).isVisible())) await page.getByRole('button', { name: 'Team', exact: true }).click();
  await panel(page).getByLabel('Server').fill(server);
  await panel(page).getByLabel('Team', { exact: true }).fill(team);
  await panel(page).getByLabel('User').fill(user);
}

test('the Team panel tests a connection, joins with progress and leaves', async ({ page }) => {
  await open(page, { linked: false });
  await expect(page.getByRole('heading', { name: 'Dragoman' })).toBeVisible();
  await expect(indicator(page)).toHaveCount(0);
  await fill(page, 'postgres://db.example/translation', 'desk', 'anna');
  await expect(panel(page)).toContainText('PGPASSWORD');
  await expect(panel(page)).toContainText('~/.pgpass');

  await panel(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(panel(page).getByRole('status')).toHaveText(
    'Connected as anna: read and write, server schema version 1.',
  );
  expect(await calls(page, 'check_team_connection')).toEqual([
    { server: 'postgres://anna@db.example/translation', team: 'desk' },
  ]);

  await panel(page).getByRole('button', { name: 'Join' }).click();
  await expect(panel(page).getByRole('status')).toHaveText('Joined team “desk”.');
  await expect(panel(page)).toContainText('This memory is shared with team “desk” as anna.');
  await expect(panel(page)).toContainText('0 changes wait for the next sync');
  await expect(indicator(page)).toHaveText(/Synced Dec 7, 2026, 12:00/);
  expect((await calls(page, 'join_team'))[0]).toMatchObject({ server: 'postgres://anna@db.example/translation', team: 'desk' });

  await panel(page).getByRole('button', { name: 'Leave' }).click();
  await expect(panel(page).getByRole('status')).toHaveText("Left the team; the memory's units stay.");
  await expect(panel(page).getByLabel('Server')).toBeVisible();
  await expect(indicator(page)).toHaveCount(0);
});

test('Test connection says what is wrong, in the interface language', async ({ page }) => {
  await open(page, { linked: false });
  await fill(page, 'host=nowhere.example dbname=t', 'desk', 'anna');
  await panel(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(panel(page).getByRole('alert')).toHaveText(
    'Cannot reach the team server host=nowhere.example dbname=t user=anna: Connection refused (os error 111)',
  );
  await fill(page, 'postgres://db.example/t', 'other', 'anna');
  await panel(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(panel(page).getByRole('alert')).toContainText('anna is not a member of a team “other”');
  await fill(page, 'postgres://old.example/t', 'desk');
  await panel(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(panel(page).getByRole('alert')).toContainText('an admin runs “dragoman team init” to migrate it');
  await panel(page).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('combobox', { name: 'Interface language' }).selectOption('ru');
  await page.getByRole('button', { name: 'Команда', exact: true }).click();
  const ru = page.getByRole('complementary', { name: 'Общая память команды' });
  await ru.getByLabel('Сервер').fill('postgres://reader@db.example/t');
  await ru.getByLabel('Команда', { exact: true }).fill('desk');
  await ru.getByRole('button', { name: 'Проверить подключение' }).click();
  await expect(ru.getByRole('status')).toHaveText('Подключено как reader: только чтение, версия схемы на сервере 1.');
});

test('a join is cancelled from its progress bar and leaves the memory alone', async ({ page }) => {
  await open(page, { linked: false });
  await steer(page, { slowJoin: true });
  await fill(page, 'postgres://db.example/translation', 'desk', 'anna');
  await panel(page).getByRole('button', { name: 'Join' }).click();
  const progress = panel(page).getByRole('progressbar', { name: 'Progress' });
  await expect(progress).toHaveAttribute('value', '10');
  await expect(progress).toHaveAttribute('max', '40');
  await expect(panel(page).getByRole('button', { name: 'Join' })).toBeDisabled();
  await panel(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(panel(page).getByRole('alert')).toHaveText('Cancelled; nothing was changed.');
  await expect(progress).toHaveCount(0);
  await expect(indicator(page)).toHaveCount(0);
  expect(await calls(page, 'cancel_work')).toHaveLength(1);
});

test('the sync indicator shows what waits, syncs on a click, and says why it is offline', async ({ page }) => {
  await open(page, { linked: true, pending: 3 });
  await expect(indicator(page)).toHaveText('Synced Dec 7, 2026, 10:15 · 3 pending');
  await expect(indicator(page)).toHaveAttribute('data-phase', 'idle');

  await steer(page, { offline: true });
  await indicator(page).click();
  await expect(indicator(page)).toHaveAttribute('data-phase', 'offline');
  await expect(indicator(page)).toHaveText('Offline · 3 pending');
  await expect(indicator(page)).toHaveAttribute('title', /Cannot reach the team server postgres:\/\/anna@db\.example\/translation/);

  await steer(page, { offline: false, slowSync: true });
  await indicator(page).click();
  await expect(indicator(page)).toHaveText('Syncing… · 3 pending');
  await expect(indicator(page)).toBeDisabled();
  await page.evaluate(() => (window as unknown as { __team: { release: () => void } }).__team.release());
  await expect(indicator(page)).toHaveText('Synced Dec 7, 2026, 13:15');
  await expect(indicator(page)).toBeEnabled();
  expect(await calls(page, 'sync_team')).toHaveLength(2);
});

test('the Memory view marks units a conflict changed, lists them, and shows the replaced text', async ({ page }) => {
  const units: FakeUnit[] = [
    { id: 1, variants: [{ lang: 'ru', text: 'Форум открылся.' }, { lang: 'en', text: 'The forum began.' }], conflict: true,
      versions: [{ lang: 'en', text: 'The forum was opened.', written: '2026-12-06', writtenBy: 'chingiz', replaced: '2026-12-07', conflict: true, replacedBy: 'dilara' }] },
    { id: 2, variants: [{ lang: 'ru', text: 'Делегации встретились.' }, { lang: 'en', text: 'The delegations met.' }] },
  ];
  await open(page, { linked: true }, 'en', units);
  await page.getByRole('button', { name: 'Memory', exact: true }).click();
  const row = (id: number) => page.locator(`tr[data-unit="${id}"]`);
  await expect(row(1)).toContainText('⚠ Conflict');
  await expect(row(2)).not.toContainText('Conflict');

  await page.getByRole('checkbox', { name: 'Conflicts' }).check();
  await expect(row(2)).toHaveCount(0);
  await expect(row(1)).toBeVisible();
  expect(await calls(page, 'conflicted_units')).toHaveLength(1);

  await row(1).getByRole('button', { name: 'History' }).click();
  const history = row(1).getByRole('list', { name: 'History' });
  await expect(history).toContainText('The forum was opened.');
  await expect(history).toContainText('replaced in a conflict by dilara');

  await page.getByRole('checkbox', { name: 'Conflicts' }).uncheck();
  await expect(row(2)).toBeVisible();
});

test('the header stays one line at 1024 pixels in Russian with a team and changes waiting', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await open(page, { linked: true, pending: 123 }, 'ru');
  await expect(indicator(page)).toHaveAttribute('data-phase', 'idle');
  const fits = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('main > header :is(h1, button, select)')].map((e) => e.getBoundingClientRect());
    const top = Math.min(...boxes.map((b) => b.top));
    return boxes.every((b) => b.top < top + b.height / 2 && b.right <= window.innerWidth);
  });
  expect(fits).toBe(true);
  // Cut to fit, the indicator's words are whole in its tooltip.
  await expect(indicator(page)).toHaveAttribute('title', /^Синхронизировано 7 дек\. 2026 г\., 10:15 · ждут: 123\n/);
  await expect(page.getByRole('button', { name: 'Команда', exact: true })).toBeVisible();
});
