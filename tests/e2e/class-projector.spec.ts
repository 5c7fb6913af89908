import { request, type APIRequestContext, type Page } from '@playwright/test';
import { test, expect, gotoHydrated } from './support/fixtures';
import { EXPLANATION_MAX } from '../../src/lib/game/pack/teacher';

/**
 * The host screen on a projector, which nobody scrolls mid-lesson: at 1280x720, 1366x768 and
 * 1920x1080 the lobby, a round of every kind (pictures, voices, videos; a pair and a single
 * item), every page of the reveal and the end each fit the screen. Checked by bounding boxes:
 * every media element, control and key text lies inside the viewport, neither the document nor
 * the host screen scrolls, and the text a class reads is large for the screen's height.
 */

test.skip(({ isMobile }) => isMobile, 'the projector is a desktop browser');

const SIZES = [
	{ width: 1280, height: 720 },
	{ width: 1366, height: 768 },
	{ width: 1920, height: 1080 }
];

/** Everything on the host screen that is out of the viewport, or why the screen scrolls. */
function misfits(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const doc = document.documentElement;
		const host = document.querySelector<HTMLElement>('[data-testid="host-screen"]')!;
		if (doc.scrollHeight > innerHeight || doc.scrollWidth > innerWidth) {
			problems.push(`document scrolls: ${doc.scrollWidth}x${doc.scrollHeight}`);
		}
		if (host.scrollHeight > host.clientHeight + 1 || host.scrollWidth > host.clientWidth + 1) {
			problems.push(`host screen scrolls: ${host.scrollWidth}x${host.scrollHeight}`);
		}
		const checked = host.querySelectorAll<HTMLElement>(
			[
				'figure.side',
				'.frame',
				'audio',
				'button',
				'a',
				'[role="timer"]',
				'[data-testid]',
				'h1',
				'h2',
				'.names li',
				'ol li',
				'.split li',
				'.tell-list p'
			].join(',')
		);
		for (const element of checked) {
			// Markers and pictures inside a zoomed frame may lie beyond it; the frame is checked.
			if (element.closest('.frame') && !element.classList.contains('frame')) continue;
			if (!element.checkVisibility({ visibilityProperty: true })) continue;
			const box = element.getBoundingClientRect();
			if (box.width * box.height < 4) continue;
			if (
				box.left < -1 ||
				box.top < -1 ||
				box.right > innerWidth + 1 ||
				box.bottom > innerHeight + 1
			) {
				const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
				problems.push(
					`${element.tagName.toLowerCase()}.${element.className} "${name.slice(0, 40)}" at ` +
						`${Math.round(box.left)},${Math.round(box.top)}-${Math.round(box.right)},${Math.round(box.bottom)}`
				);
			}
		}
		// An answer's row: its letter, words, count and bar side by side, none drawn over another,
		// and the bar long enough to compare at a glance.
		for (const row of host.querySelectorAll<HTMLElement>('.split li')) {
			const parts = [...row.querySelectorAll<HTMLElement>('.marker, .label > *, .bar, .count')];
			const boxes = parts.map((part) => part.getBoundingClientRect());
			boxes.forEach((a, i) =>
				boxes.slice(i + 1).forEach((b, j) => {
					const overlap =
						Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
						Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
					if (overlap) {
						problems.push(
							`"${parts[i].textContent?.trim()}" and "${parts[i + 1 + j].textContent?.trim()}" overlap in "${row.textContent?.trim().slice(0, 40)}"`
						);
					}
				})
			);
			const bar = row.querySelector('.bar')!.getBoundingClientRect();
			if (bar.width < row.getBoundingClientRect().width / 3) {
				problems.push(
					`answer bar ${Math.round(bar.width)} px wide in "${row.textContent?.trim().slice(0, 40)}"`
				);
			}
		}
		// Readable from the back of the room: what the class reads is at least 1/45 of the
		// screen's height (16 px at 720p, 24 px at 1080p); no text at all below 1/60.
		const key = host.querySelectorAll<HTMLElement>(
			'h1, [data-testid="answered-count"], [data-testid="join-code"], .big-url, .names li, .split .label, .tell-list .explanation, .tell-list .name'
		);
		for (const element of key) {
			const size = parseFloat(getComputedStyle(element).fontSize);
			if (element.checkVisibility() && size < innerHeight / 45) {
				problems.push(`small text (${size}px): "${element.textContent?.trim().slice(0, 40)}"`);
			}
		}
		const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement!;
			if (!node.textContent?.trim() || !parent.checkVisibility()) continue;
			if (parent.closest('.visually-hidden')) continue;
			const size = parseFloat(getComputedStyle(parent).fontSize);
			if (size < innerHeight / 60) {
				problems.push(`tiny text (${size}px): "${node.textContent.trim().slice(0, 40)}"`);
			}
		}
		return problems;
	});
}

/** Checks the screen at every projector size, and keeps a screenshot of each to look at. */
async function expectFits(page: Page, what: string) {
	for (const size of SIZES) {
		await page.setViewportSize(size);
		await expect
			.poll(() => misfits(page), { message: `${what} at ${size.width}x${size.height}` })
			.toEqual([]);
		await page.screenshot({
			path: test.info().outputPath(`${what}-${size.width}x${size.height}.png`)
		});
	}
}

const phones: APIRequestContext[] = [];
test.afterEach(async () => {
	for (const phone of phones.splice(0)) await phone.dispose();
});

async function createSession(page: Page, topics: string[]) {
	await gotoHydrated(page, '/host');
	await page.getByLabel('Rounds', { exact: true }).fill('2');
	await page.getByRole('radio', { name: 'Mixed' }).check();
	for (const box of await page
		.getByRole('group', { name: 'What the rounds show' })
		.getByRole('checkbox')
		.all()) {
		await box.setChecked(topics.includes((await box.getAttribute('value'))!));
	}
	await page.getByLabel('Show a leaderboard').check();
	await page.getByRole('button', { name: 'Create the session' }).click();
	await page.waitForURL(/\/class\/[\w-]+\/host$/);
	await page.locator('body[data-hydrated="true"]').waitFor();
	return /\/class\/([\w-]+)\/host$/.exec(page.url())![1];
}

async function seat(baseURL: string, id: string, nickname: string) {
	const phone = await request.newContext({ baseURL });
	phones.push(phone);
	const joined = await phone.post(`/class/${id}?/join`, {
		form: { nickname },
		headers: { origin: baseURL }
	});
	expect(joined.ok()).toBe(true);
	return phone;
}

/** Every phone answers the round (some each way), whatever its type. */
async function answerAll(students: APIRequestContext[], id: string, round: number) {
	for (const [index, phone] of students.entries()) {
		const answers = index % 3 === 0 ? ['right', 'synthetic'] : ['left', 'real'];
		for (const answer of answers) {
			const response = await phone.post(`/class/${id}/verdict`, {
				data: { round, answer, confidence: 0.75 }
			});
			if (response.status() !== 400) {
				expect(response.status()).toBe(200);
				break;
			}
		}
	}
}

/** The reveal's pages, one by one: the class's answers, each tell, the leaderboard. */
async function stepThroughReveal(page: Page, what: string) {
	await expectFits(page, `${what}-answers`);
	let tells = 0;
	for (let n = 1; ; n++) {
		const next = page.getByRole('button', { name: `Next: tell ${n}` });
		if ((await next.count()) === 0) break;
		await next.click();
		await expect(page.getByTestId('reveal-page')).toContainText(`Tell ${n} of`);
		await expectFits(page, `${what}-tell${n}`);
		tells = n;
	}
	if (tells > 0) {
		// The longest explanation a teacher may write fits a tell's page too: the page sizes the
		// words to the room it has, whatever their length.
		const longest = 'A join you can hear as a jump in the voice. '
			.repeat(20)
			.slice(0, EXPLANATION_MAX);
		await page
			.getByTestId('reveal-page')
			.locator('.explanation')
			.evaluate((element, text) => (element.textContent = text), longest);
		await expectFits(page, `${what}-tell${tells}-longest`);
	}
	await page.getByRole('button', { name: 'Show the leaderboard' }).click();
	await expect(page.getByTestId('reveal-page').getByText('Leaderboard')).toBeVisible();
	await expectFits(page, `${what}-leaderboard`);
}

// A class of 40: the size a school expects on one screen.
const CLASS = (
	'Ada Bo Cy Dee Eve Finn Gus Hana Ivo Jun Kai Lea Mo Nia Oli Pia Quin Rae Sol Tam ' +
	'Uma Vic Wen Xia Yuri Zoe Abe Bea Cato Dora Emil Fay Gil Hal Iris Jo Kit Lou Max Ned'
).split(' ');

for (const { kind, topics, students } of [
	{ kind: 'pictures', topics: ['face', 'scene'], students: CLASS },
	{ kind: 'voices', topics: ['voice'], students: CLASS.slice(0, 3) },
	{ kind: 'videos', topics: ['video'], students: CLASS.slice(0, 3) }
]) {
	test(`the projector fits every screen of a session with ${kind}`, async ({ page, baseURL }) => {
		test.setTimeout(150_000);
		const id = await createSession(page, topics);
		const seats = [];
		for (const name of students) seats.push(await seat(baseURL!, id, name));
		await expect(page.getByRole('heading', { name: `${students.length} students` })).toBeVisible();
		await expectFits(page, `${kind}-lobby`);

		await page.getByRole('button', { name: /^Start/ }).click();
		for (const round of [0, 1]) {
			await expect(page.getByText(`Round ${round + 1} of 2`)).toBeVisible();
			await expect(page.getByRole('timer')).toBeVisible();
			const type = (await page.locator('figure.side').count()) === 2 ? 'pair' : 'single';
			await expectFits(page, `${kind}-${type}-open`);
			await answerAll(seats, id, round);
			await expect(page.getByTestId('answered-count')).toHaveText(
				`${students.length} of ${students.length} answered`
			);
			await page.getByRole('button', { name: 'Reveal the answer' }).click();
			await stepThroughReveal(page, `${kind}-${type}-reveal`);
			await page.getByRole('button', { name: round === 1 ? 'Finish' : 'Next round' }).click();
		}
		await expect(page.getByRole('heading', { name: "That's the session!" })).toBeVisible();
		await expectFits(page, `${kind}-ended`);
	});
}

/**
 * Seats a student by the plain form, without a seat cookie, so each post is a new phone. The
 * phones all come from this machine's address, so past a class's worth at once they are told to
 * wait (NEW_SEATS); they wait as told and try again.
 */
async function seatName(baseURL: string, id: string, nickname: string) {
	for (;;) {
		const response = await fetch(`${baseURL}/class/${id}?/join`, {
			method: 'POST',
			body: new URLSearchParams({ nickname }),
			headers: { origin: baseURL, accept: 'application/json' }
		});
		const answer = (await response.json()) as { type: string; status?: number };
		if (answer.type === 'redirect') return;
		expect(answer.status, `${nickname} is told to wait, nothing else`).toBe(429);
		await new Promise((resolve) =>
			setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000)
		);
	}
}

/**
 * The names the lobby shows (not hidden for want of room) and its "+N more", and whether that
 * is settled for the screen as it is now: every name shown lies inside the list and the first
 * one hidden would not have.
 */
function lobbyNames(page: Page) {
	return page.evaluate(() => {
		const list = document.querySelector<HTMLElement>('.names')!;
		const bottom = list.getBoundingClientRect().bottom + 1;
		const items = [...list.querySelectorAll<HTMLElement>('li')];
		const shown = items.filter((name) => name.checkVisibility({ visibilityProperty: true }));
		const next = items[shown.length];
		const more = document.querySelector('[data-testid="names-more"]')?.textContent ?? '';
		return {
			shown: shown.map((name) => name.textContent!.trim()),
			more: Number(/\+(\d+)/.exec(more)?.[1] ?? 0),
			settled:
				shown.every((name) => name.getBoundingClientRect().bottom <= bottom) &&
				(!next || next.getBoundingClientRect().bottom > bottom)
		};
	});
}

test('the lobby fits 10, 40, 100 and 200 names: the newest, and how many more', async ({
	page,
	baseURL
}) => {
	test.setTimeout(240_000);
	const id = await createSession(page, ['face', 'scene']);
	const names = Array.from({ length: 200 }, (_, i) =>
		i < CLASS.length ? CLASS[i] : `${CLASS[i % CLASS.length]} ${Math.floor(i / CLASS.length) + 1}`
	);
	let seated = 0;
	for (const count of [10, 40, 100, 200]) {
		for (; seated < count; seated++) await seatName(baseURL!, id, names[seated]);
		await expect(page.getByRole('heading', { name: `${count} students` })).toBeVisible();
		await expectFits(page, `lobby-${count}`);
		for (const size of SIZES) {
			await page.setViewportSize(size);
			// Every name shown or counted in "+N more", the newest first; the count stays in sight.
			await expect
				.poll(async () => {
					const { shown, more, settled } = await lobbyNames(page);
					return settled && shown.length + more === count;
				})
				.toBe(true);
			const { shown, more } = await lobbyNames(page);
			expect(shown).toEqual(names.slice(count - shown.length, count).reverse());
			if (more > 0) await expect(page.getByTestId('names-more')).toHaveText(`+${more} more`);
			else await expect(page.getByTestId('names-more')).toHaveCount(0);
			if (count <= 10) expect(more).toBe(0);
		}
	}
});
