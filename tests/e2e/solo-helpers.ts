import path from 'node:path';
import type { Page } from '@playwright/test';
import { onlinePool } from '../../src/lib/game/pack/pools';
import { loadPackFromDir } from '../../src/lib/server/packs/loader';
import { expect, gotoHydrated } from './support/fixtures';

/** What a test needs of the default pack: every string that must stay hidden before a verdict. */
export interface PackSecrets {
	itemIds: string[];
	explanations: string[];
	provenance: string[];
}

/**
 * Reads the default pack's online pool from disk, as the server does (the browser can never
 * fetch it), to know what the game must not leak before a verdict.
 */
export function packSecrets(): PackSecrets {
	const loaded = loadPackFromDir(path.resolve('static/packs/default'));
	if (!loaded.ok) throw new Error('the default pack does not load');
	const pack = onlinePool(loaded.pack);
	return {
		itemIds: pack.items.map((item) => item.id),
		explanations: pack.items.flatMap((item) => (item.tells ?? []).map((tell) => tell.explanation)),
		provenance: pack.items.flatMap((item) =>
			[item.provenance.source, item.provenance.method].filter((text): text is string => !!text)
		)
	};
}

/** Opens the play page, picks a mode and a length as a player would, and starts the run. */
export async function startRun(page: Page, mode: RegExp, rounds = 10): Promise<void> {
	await gotoHydrated(page, '/play');
	await page.getByRole('radio', { name: mode }).check();
	await page.getByRole('radio', { name: `${rounds} rounds` }).check();
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
}

/** Starts a run with the one-tap Quick play. */
export async function quickPlay(page: Page): Promise<void> {
	await gotoHydrated(page, '/play');
	await page.getByRole('button', { name: 'Play now' }).click();
	await page.waitForURL(/\/play\/[A-Za-z0-9_-]{22}$/);
}

/** The round on screen, waiting until it asks for a verdict. */
export function questionOf(page: Page, index: number) {
	return page.locator(`[data-round="${index}"][data-state="question"]`);
}

/**
 * Answers the round on screen: the `choice`-th answer (0 or 1), then a confidence, by tapping,
 * and waits for the reveal. Returns whether the reveal said the answer was right.
 */
export async function answerRound(
	page: Page,
	index: number,
	choice: 0 | 1,
	confidence: RegExp = /Fairly sure/
): Promise<boolean> {
	await expect(questionOf(page, index)).toBeVisible();
	await page.getByRole('radio').nth(choice).check();
	await page.getByRole('button', { name: confidence }).click();
	await expect(page.locator(`[data-round="${index}"][data-state="reveal"]`)).toBeVisible();
	const heading = page.getByRole('heading', { level: 2, name: /^(Right!|Not this time)$/ });
	await expect(heading).toBeVisible();
	return (await heading.textContent())?.trim() === 'Right!';
}

/** Moves on from a reveal: the next round, or the results after the last one. */
export async function goOn(page: Page): Promise<void> {
	await page
		.getByRole('link', { name: /^(Next round|See your results|Back to your results)/ })
		.click();
}
