/**
 * One live class session in memory: its seats and the current round, over the records in
 * SQLite. The server decides everything here: who may join, who may answer, which round a
 * verdict counts for, which host command applies, when a round closes, when the answer goes out.
 * What the phones and the host see is built by $lib/game/class/build-views.ts; who is listening
 * and how it is framed as Server-Sent Events is broadcast.ts.
 *
 * Node runs this single-threaded and better-sqlite3 is synchronous, so each method checks and
 * writes without interleaving: two taps of the same button cannot both pass a check.
 */
import type { Pack } from '$lib/game/pack/schema';
import {
	MAX_RESPONSE_MS,
	isCorrect,
	parseVerdict,
	roundForPlayer,
	type Answer
} from '$lib/game/play/round';
import { randomSeed, mulberry32 } from '$lib/game/play/random';
import {
	onTopics,
	replacementRound,
	withoutRound,
	type SessionPart,
	type SessionRound
} from '$lib/game/class/phases';
import { commandRule, type ControlState } from '$lib/game/class/control';
import { PAIR_TOPICS } from '$lib/game/pack/schema';
import {
	friendlyName,
	nicknameKey,
	nicknameLooks,
	parseNickname,
	type NicknameProblem
} from '$lib/game/class/nickname';
import { classReport, type ClassReport } from '$lib/game/class/report';
import {
	hostSeat,
	hostState,
	leaderboard,
	playedRounds,
	seatCounts,
	seatMe,
	seatShared,
	type Board
} from '$lib/game/class/build-views';
import type { HostState, SeatMe, SeatShared, SeatState } from '$lib/game/class/views';
import type { ClassStore, SeatRecord, SessionRecord, VerdictRecord } from './store';
import { isUniqueViolation } from './store';
import { Broadcast } from './broadcast';
import { newSeatId, randomToken, hashToken, shownToken } from './tokens';
import type { HostCommand } from '$lib/game/class/commands';

/** The most seats one session holds. */
export const MAX_SEATS = 2000;
/**
 * How long after a round closes (at its deadline or by the host) a verdict for it still counts,
 * until the reveal: a phone whose answer was tapped in time but held up by a network blip sends
 * it the moment it is back online. Nothing about the answer is shown before the reveal, so the
 * grace gives no one an advantage but a few seconds; the response time stays the server's.
 */
export const LATE_GRACE_MS = 10_000;
/** The host's live count goes out at once after this long without a push, else this often. */
export const HOST_FLUSH_MS = 100;
/** busy: the join would add a seat, and the caller's allowance of new seats is spent. */
export type JoinProblem =
	NicknameProblem | 'taken' | 'closed' | 'ended' | 'banned' | 'full' | 'busy';
export type JoinResult =
	{ ok: true; seat: SeatRecord; token: string | null } | { ok: false; problem: JoinProblem };

/** stale: the verdict names what the round showed before the host swapped or skipped it. */
export type VerdictProblem =
	'invalid' | 'removed' | 'banned' | 'not-open' | 'wrong-round' | 'too-late' | 'stale';
export type VerdictResult =
	| {
			ok: true;
			verdict: { round: number; answer: Answer; confidence: number };
			/** True when the seat had already answered this round: the first verdict stands. */
			duplicate: boolean;
	  }
	| { ok: false; problem: VerdictProblem; error?: string };

/** stale: the command names a round that is no longer current (a double tap, an old tab). */
/** none-left: no unused pair of the round's kind to swap in. */
export type CommandProblem = 'stale' | 'not-now' | 'no-seat' | 'none-left';
export type CommandResult = { ok: true } | { ok: false; problem: CommandProblem };

interface Seat extends SeatRecord {
	verdicts: Map<number, VerdictRecord>;
}

/** The leaderboard and each seat's place on it: the same in every locale. */
interface Standing {
	board: Board | null;
	ranks: Map<string, number>;
}

export interface SessionContext {
	store: ClassStore;
	pack: Pack;
	/** Rendition URLs for this session's rounds: addresses that mean something here only. */
	address: (src: string) => string;
	now: () => number;
}

export class LiveSession {
	#record: SessionRecord;
	readonly #store: ClassStore;
	readonly #pack: Pack;
	readonly #address: (src: string) => string;
	readonly #now: () => number;
	readonly #seats = new Map<string, Seat>();
	readonly #byToken = new Map<string, Seat>();
	readonly #broadcast = new Broadcast({
		closed: (seat) => {
			if (seat?.offline) this.#seatChanged(seat.id);
			this.#idleSince = this.#now();
		}
	});
	/** Seats whose host-visible line changed since the last live push. */
	readonly #changed = new Set<string>();
	#flushTimer: ReturnType<typeof setTimeout> | undefined;
	#lastFlush = 0;
	#deadlineTimer: ReturnType<typeof setTimeout> | undefined;
	/** When the current round closed (in this process), for LATE_GRACE_MS. */
	#closedAt: number | null = null;
	/** The phones' shared view per locale (the pack's words differ), once per state change. */
	readonly #shared = new Map<string, SeatShared>();
	#standing: Standing | undefined;
	/** The active seats' names in every form they take (see #takenLooks); reset on any change. */
	#taken: Set<string> | undefined;
	#idleSince: number;
	#disposed = false;

	constructor(record: SessionRecord, context: SessionContext) {
		this.#record = record;
		this.#store = context.store;
		this.#pack = context.pack;
		this.#address = context.address;
		this.#now = context.now;
		this.#idleSince = this.#now();
		for (const seat of this.#store.seats(record.id)) {
			const live: Seat = { ...seat, verdicts: new Map() };
			this.#seats.set(seat.id, live);
			this.#byToken.set(seat.tokenHash, live);
		}
		for (const verdict of this.#store.verdicts(record.id)) {
			this.#seats.get(verdict.seatId)?.verdicts.set(verdict.round, verdict);
		}
		// A round whose deadline passed while the server was down (or the session was asleep).
		this.#checkDeadline();
		this.#armDeadline();
	}

	get id(): string {
		return this.#record.id;
	}

	get code(): string {
		return this.#record.code;
	}

	get record(): Readonly<SessionRecord> {
		return this.#record;
	}

	get pack(): Pack {
		return this.#pack;
	}

	/** Whether any browser is connected; idle sessions may be dropped from memory. */
	idleFor(now: number): number {
		return this.#broadcast.connected ? 0 : now - this.#idleSince;
	}

	seatByToken(token: string): Readonly<SeatRecord> | undefined {
		return this.#byToken.get(hashToken(token));
	}

	#current(): SessionRound | undefined {
		return this.#record.rounds[this.#record.round];
	}

	#part(): SessionPart | null {
		return this.#current()?.part ?? null;
	}

	// ---- joining ----------------------------------------------------------------------------

	/**
	 * Gives a device a seat. `token` is the device's seat token, if it has one for this session: an
	 * active seat is simply resumed, a removed one may join again with a new name, a banned one
	 * may not. Without `nickname` (or with `generate`), a friendly name is picked.
	 *
	 * `mayAddSeat` is asked only when everything else has passed and the join would add a new
	 * seat, so a resumed seat or a refused name never uses up the caller's allowance of new
	 * seats (limits.ts, NEW_SEATS); false refuses the join as busy.
	 */
	join(
		token: string | null,
		input: { nickname?: string; generate?: boolean },
		mayAddSeat: () => boolean = () => true
	): JoinResult {
		const existing = token ? this.#byToken.get(hashToken(token)) : undefined;
		if (existing?.status === 'banned') return { ok: false, problem: 'banned' };
		if (existing?.status === 'active') return { ok: true, seat: existing, token: null };

		const { phase } = this.#record;
		if (phase === 'ended') return { ok: false, problem: 'ended' };
		if (phase !== 'lobby' && !this.#record.lateJoin) return { ok: false, problem: 'closed' };
		if (!existing && this.#seats.size >= MAX_SEATS) return { ok: false, problem: 'full' };

		let nickname: string;
		let key: string;
		if (input.generate || !input.nickname?.trim()) {
			nickname = friendlyName(mulberry32(randomSeed()), this.#takenLooks());
			key = nicknameKey(nickname);
		} else {
			const parsed = parseNickname(input.nickname);
			if (!parsed.ok) return { ok: false, problem: parsed.problem };
			nickname = parsed.nickname;
			key = parsed.key;
		}
		const taken = this.#takenLooks();
		if (nicknameLooks(nickname).some((look) => taken.has(look))) {
			return { ok: false, problem: 'taken' };
		}
		if (!existing && !mayAddSeat()) return { ok: false, problem: 'busy' };

		const now = this.#now();
		if (existing) {
			try {
				this.#store.updateSeat(this.id, {
					id: existing.id,
					nickname,
					nicknameKey: key,
					status: 'active'
				});
			} catch (error) {
				if (isUniqueViolation(error)) return { ok: false, problem: 'taken' };
				throw error;
			}
			Object.assign(existing, { nickname, nicknameKey: key, status: 'active' });
			this.#seatChanged(existing.id);
			return { ok: true, seat: existing, token: null };
		}

		const newToken = randomToken();
		const seat: Seat = {
			id: newSeatId(),
			tokenHash: hashToken(newToken),
			nickname,
			nicknameKey: key,
			status: 'active',
			joinedAt: now,
			verdicts: new Map()
		};
		try {
			this.#store.insertSeat(
				this.id,
				{
					id: seat.id,
					tokenHash: seat.tokenHash,
					nickname,
					nicknameKey: key,
					status: 'active',
					joinedAt: now
				},
				now
			);
		} catch (error) {
			if (isUniqueViolation(error)) return { ok: false, problem: 'taken' };
			throw error;
		}
		this.#seats.set(seat.id, seat);
		this.#byToken.set(seat.tokenHash, seat);
		this.#seatChanged(seat.id);
		return { ok: true, seat, token: newToken };
	}

	/**
	 * Every form the active names take, so a new name may look like none of them. Kept until a
	 * seat changes, so a stream of refused names costs a lookup each, not a pass over the class.
	 */
	#takenLooks(): Set<string> {
		this.#taken ??= new Set(
			[...this.#seats.values()]
				.filter((seat) => seat.status === 'active')
				.flatMap((seat) => [seat.nicknameKey, ...nicknameLooks(seat.nickname)])
		);
		return this.#taken;
	}

	/** Whether a new seat could join now (the lobby, or late joining allowed). */
	get joinable(): boolean {
		const { phase, lateJoin } = this.#record;
		return phase === 'lobby' || (phase !== 'ended' && lateJoin);
	}

	// ---- verdicts ---------------------------------------------------------------------------

	/**
	 * Records a seat's verdict for the round it names. The server measures the response time;
	 * the first verdict of a seat for a round stands, later ones are acknowledged as duplicates.
	 * A verdict may also name what the round showed (`shown`, from the phone's state; the phone
	 * always sends it): if the host has swapped or skipped that round since, the verdict answers
	 * a pair no longer in play and is refused as stale rather than counted for the new one.
	 * Returns only after the verdict is committed to the database. The caller has found the
	 * seat behind the request (server/class/http.ts, seatVerdict).
	 */
	verdict(seatId: string, input: unknown): VerdictResult {
		const seat = this.#seats.get(seatId);
		if (!seat || seat.status === 'kicked') return { ok: false, problem: 'removed' };
		if (seat.status === 'banned') return { ok: false, problem: 'banned' };

		const now = this.#now();
		const { shown, ...body } =
			typeof input === 'object' && input !== null && !Array.isArray(input)
				? (input as { shown?: unknown })
				: {};
		const named = (body as { round?: unknown }).round;
		const round = this.#current();

		if (shown !== undefined && (typeof shown !== 'string' || shown.length > 64)) {
			return {
				ok: false,
				problem: 'invalid',
				error: 'shown: must be the text the round came with'
			};
		}
		if (typeof shown === 'string' && typeof named === 'number' && this.#record.rounds[named]) {
			if (shown !== this.#shownOf(named)) return { ok: false, problem: 'stale' };
		}

		// A repeat of a verdict already stored (a double tap, a retry after a lost response):
		// acknowledge it with the first verdict, even if the round has closed since.
		if (typeof named === 'number' && seat.verdicts.has(named)) {
			const first = seat.verdicts.get(named)!;
			return {
				ok: true,
				verdict: { round: first.round, answer: first.answer, confidence: first.confidence },
				duplicate: true
			};
		}

		this.#checkDeadline();
		const { phase, openedAt } = this.#record;
		const inGrace =
			phase === 'closed' && this.#closedAt !== null && now - this.#closedAt <= LATE_GRACE_MS;
		if (!round || (phase !== 'open' && !inGrace)) {
			const error = parseVerdict(body);
			if (!error.ok) return { ok: false, problem: 'invalid', error: error.error };
			return { ok: false, problem: named === this.#record.round ? 'too-late' : 'not-open' };
		}
		const parsed = parseVerdict(body, round);
		if (!parsed.ok) {
			if (typeof named === 'number' && Number.isInteger(named) && named !== round.index) {
				return { ok: false, problem: 'wrong-round' };
			}
			return { ok: false, problem: 'invalid', error: parsed.error };
		}

		const { verdict } = parsed;
		const record: VerdictRecord = {
			seatId: seat.id,
			round: verdict.round,
			answer: verdict.answer,
			confidence: verdict.confidence,
			responseMs: Math.round(Math.min(MAX_RESPONSE_MS, Math.max(0, now - (openedAt ?? now)))),
			correct: isCorrect(round, this.#pack, verdict.answer),
			createdAt: now
		};
		this.#store.insertVerdict(this.id, record);
		seat.verdicts.set(record.round, record);
		this.#seatChanged(seat.id);
		return {
			ok: true,
			verdict: { round: record.round, answer: record.answer, confidence: record.confidence },
			duplicate: false
		};
	}

	/**
	 * The name of what the session's round at `index` shows (see shownToken): its media, the same
	 * in every locale, so the pack's own language names it.
	 */
	#shownOf(index: number): string {
		const locale = this.#pack.language;
		const view = this.#sharedView(locale);
		if (index === view.round && view.shown) return view.shown;
		return shownToken(
			roundForPlayer(this.#record.rounds[index], this.#pack, locale, this.#address)
		);
	}

	// ---- the host's commands ----------------------------------------------------------------

	/** The state the command rules look at (see game/class/control.ts). */
	#control(): ControlState {
		const record = this.#record;
		return {
			phase: record.phase,
			round: record.round,
			rounds: record.rounds.length,
			part: this.#part(),
			timed: record.settings.timer > 0,
			paused: record.pausedLeft !== null
		};
	}

	command(command: HostCommand): CommandResult {
		this.#checkDeadline();
		switch (command.command) {
			case 'late-join':
				this.#record.lateJoin = command.allow;
				this.#record.activeAt = this.#now();
				this.#store.updateLateJoin(this.id, command.allow, this.#record.activeAt);
				this.#broadcastHost();
				return { ok: true };
			case 'kick':
			case 'ban':
				return this.#remove(command.seat, command.command === 'kick' ? 'kicked' : 'banned');
			case 'unban':
				return this.#unban(command.seat);
		}
		const target = 'round' in command ? command.round : undefined;
		const rule = commandRule(command.command, this.#control(), target);
		if (rule !== 'ok') return { ok: false, problem: rule };
		const { round } = this.#record;
		switch (command.command) {
			case 'start':
				this.#openRound(0);
				return { ok: true };
			case 'pause':
				return this.#pause();
			case 'resume':
				return this.#resume();
			case 'close':
				this.#setPhase('closed');
				return { ok: true };
			case 'reveal':
				this.#setPhase('revealed');
				return { ok: true };
			case 'skip':
				return this.#skip(command.round);
			case 'swap':
				return this.#swap(command.round);
			case 'next':
				if (round + 1 >= this.#record.rounds.length) this.#setPhase('ended');
				else this.#openRound(round + 1);
				return { ok: true };
			case 'end':
				this.#setPhase('ended');
				return { ok: true };
		}
	}

	/** Stops the open round's clock; the round still takes answers while the class talks. */
	#pause(): CommandResult {
		const record = this.#record;
		record.pausedLeft = Math.max(0, (record.deadline ?? this.#now()) - this.#now());
		record.deadline = null;
		this.#savePlan();
		this.#setPhase('open');
		return { ok: true };
	}

	/** Starts the clock again with the time that was left when it stopped. */
	#resume(): CommandResult {
		const record = this.#record;
		record.deadline = this.#now() + (record.pausedLeft ?? 0);
		record.pausedLeft = null;
		this.#savePlan();
		this.#setPhase('open');
		return { ok: true };
	}

	/**
	 * Drops a round the class should not play. In the lobby it leaves the list; in play its
	 * answers are forgotten and the next round opens in its place (or the session ends).
	 */
	#skip(index: number): CommandResult {
		const record = this.#record;
		record.rounds = withoutRound(record.rounds, index);
		record.pausedLeft = null;
		this.#savePlan(index);
		this.#forgetAnswers(index);
		if (record.phase === 'lobby') {
			this.#planChanged();
		} else if (index >= record.rounds.length) {
			record.round = index - 1;
			this.#setPhase('ended');
		} else {
			this.#openRound(index);
		}
		return { ok: true };
	}

	/**
	 * Puts another pair of the same kind in the round's place. In play the round starts again
	 * with the new pair: answers to the old one are forgotten, the timer starts from the top.
	 */
	#swap(index: number): CommandResult {
		const record = this.#record;
		// Sessions created before topics could be chosen drew from every topic.
		const topics = record.settings.topics ?? PAIR_TOPICS;
		const stand = replacementRound(
			onTopics(this.#pack, topics),
			record.rounds,
			index,
			mulberry32(randomSeed())
		);
		if (!stand) return { ok: false, problem: 'none-left' };
		record.rounds = record.rounds.map((round) => (round.index === index ? stand : round));
		record.pausedLeft = null;
		this.#savePlan(index);
		this.#forgetAnswers(index);
		if (record.phase === 'lobby') this.#planChanged();
		else this.#openRound(index);
		return { ok: true };
	}

	#savePlan(dropRound?: number): void {
		const { settings, rounds, pausedLeft } = this.#record;
		this.#store.updatePlan(this.id, { settings, rounds, pausedLeft }, dropRound);
	}

	#forgetAnswers(index: number): void {
		for (const seat of this.#seats.values()) {
			// Later rounds have no answers yet, so only this one's need forgetting.
			if (seat.verdicts.delete(index)) this.#changed.add(seat.id);
		}
	}

	/** The lobby's list of rounds changed: only the host sees it. */
	#planChanged(): void {
		this.#forgetViews();
		this.#broadcastSeats();
		this.#broadcastHost();
	}

	/**
	 * Lifts a block: the device may join again, under a name that is free then, like a removed
	 * one. It is not put back in the class by itself; the student rejoins.
	 */
	#unban(seatId: string): CommandResult {
		const seat = this.#seats.get(seatId);
		if (!seat) return { ok: false, problem: 'no-seat' };
		if (seat.status !== 'banned') return { ok: false, problem: 'stale' };
		this.#store.updateSeat(this.id, {
			id: seat.id,
			nickname: seat.nickname,
			nicknameKey: seat.nicknameKey,
			status: 'kicked'
		});
		seat.status = 'kicked';
		this.#seatChanged(seat.id);
		return { ok: true };
	}

	#remove(seatId: string, status: 'kicked' | 'banned'): CommandResult {
		const seat = this.#seats.get(seatId);
		if (!seat) return { ok: false, problem: 'no-seat' };
		if (seat.status === status) return { ok: false, problem: 'stale' };
		this.#store.updateSeat(this.id, {
			id: seat.id,
			nickname: seat.nickname,
			nicknameKey: seat.nicknameKey,
			status
		});
		seat.status = status;
		// The leaderboard on the phones no longer lists this seat.
		this.#forgetViews();
		this.#broadcast.removed(seat.id, status);
		this.#seatChanged(seat.id);
		return { ok: true };
	}

	#openRound(index: number): void {
		const now = this.#now();
		const timer = this.#record.settings.timer;
		if (this.#record.pausedLeft !== null) {
			this.#record.pausedLeft = null;
			this.#savePlan();
		}
		this.#record.round = index;
		this.#record.openedAt = now;
		this.#record.deadline = timer > 0 ? now + timer * 1000 : null;
		this.#setPhase('open');
	}

	#setPhase(phase: SessionRecord['phase']): void {
		const record = this.#record;
		record.phase = phase;
		record.activeAt = this.#now();
		this.#closedAt = phase === 'closed' ? record.activeAt : null;
		if (phase !== 'open') record.deadline = null;
		if (phase !== 'open' && record.pausedLeft !== null) {
			record.pausedLeft = null;
			this.#savePlan();
		}
		this.#store.updatePhase(record.id, {
			phase: record.phase,
			round: record.round,
			openedAt: record.openedAt,
			deadline: record.deadline,
			activeAt: record.activeAt
		});
		this.#armDeadline();
		this.#forgetViews();
		this.#changed.clear();
		this.#broadcastSeats();
		this.#broadcastHost();
	}

	/** Closes the open round if its deadline has passed. */
	#checkDeadline(): void {
		const { phase, deadline } = this.#record;
		if (phase === 'open' && deadline !== null && this.#now() > deadline) this.#setPhase('closed');
	}

	#armDeadline(): void {
		clearTimeout(this.#deadlineTimer);
		this.#deadlineTimer = undefined;
		const { phase, deadline } = this.#record;
		if (phase !== 'open' || deadline === null || this.#disposed) return;
		this.#deadlineTimer = setTimeout(
			() => {
				this.#deadlineTimer = undefined;
				this.#checkDeadline();
				// The clock may have been a hair early; look again.
				if (this.#record.phase === 'open') this.#armDeadline();
			},
			Math.max(0, deadline - this.#now() + 1)
		);
	}

	// ---- views (built by $lib/game/class/build-views.ts) --------------------------------------

	/** Rounds whose answers are final: everything before the current round, and it once closed. */
	get played(): number {
		return playedRounds(this.#record);
	}

	/** The views change with the state: built again on the next ask. */
	#forgetViews(): void {
		this.#shared.clear();
		this.#standing = undefined;
	}

	#standingNow(): Standing {
		if (this.#standing) return this.#standing;
		const record = this.#record;
		const board = record.settings.leaderboard ? leaderboard(record, this.#seats.values()) : null;
		const ranks = new Map((board ?? []).map((entry) => [entry.seatId, entry.rank]));
		return (this.#standing = { board, ranks });
	}

	/** The phones' shared view in `locale`, once per state change. */
	#sharedView(locale: string): SeatShared {
		let view = this.#shared.get(locale);
		if (!view) {
			view = seatShared(this.#record, this.#standingNow().board, {
				pack: this.#pack,
				locale,
				address: this.#address,
				shown: shownToken
			});
			this.#shared.set(locale, view);
		}
		return view;
	}

	#me(seat: Seat): SeatMe {
		return seatMe(this.#record, seat, this.#standingNow().ranks, this.#now());
	}

	/** A phone's whole view, the pack's words in `locale`, for its page data and state events. */
	seatState(seatId: string, locale: string): SeatState | undefined {
		const seat = this.#seats.get(seatId);
		if (!seat) return undefined;
		return { shared: this.#sharedView(locale), me: this.#me(seat) };
	}

	#online = (seat: { id: string }): boolean => this.#broadcast.online(seat.id);

	/** The host screen's whole view, the pack's words in `locale` (the host's). */
	hostState(locale: string): HostState {
		return hostState(
			this.#record,
			this.#sharedView(locale),
			this.#standingNow().board,
			[...this.#seats.values()],
			this.#online,
			{ pack: this.#pack, locale },
			this.#now()
		);
	}

	/** The report so far (host only). */
	report(): ClassReport {
		const record = this.#record;
		const verdicts = [...this.#seats.values()].flatMap((seat) => [...seat.verdicts.values()]);
		return classReport({
			run: {
				packId: record.packId,
				packVersion: record.packVersion,
				options: {
					seed: record.seed,
					mode: record.settings.mode,
					count: record.rounds.length,
					difficulty: record.settings.difficulty,
					kinds: record.settings.kinds
				},
				rounds: record.rounds
			},
			pack: this.#pack,
			seats: [...this.#seats.values()].map(({ id, nickname, status }) => ({
				id,
				nickname,
				status
			})),
			verdicts,
			played: this.played
		});
	}

	/** Every seat and verdict, for the CSV export. */
	records(): { seats: SeatRecord[]; verdicts: VerdictRecord[] } {
		return {
			seats: [...this.#seats.values()].map((seat) => ({
				id: seat.id,
				tokenHash: seat.tokenHash,
				nickname: seat.nickname,
				nicknameKey: seat.nicknameKey,
				status: seat.status,
				joinedAt: seat.joinedAt
			})),
			verdicts: [...this.#seats.values()]
				.flatMap((seat) => [...seat.verdicts.values()])
				.sort((a, b) => a.round - b.round || a.createdAt - b.createdAt)
		};
	}

	// ---- streams ----------------------------------------------------------------------------

	/** Opens the host's event stream, in the host's locale; it starts with the whole state. */
	connectHost(request: Request, locale: string): Response {
		return this.#broadcast.openHost(request, locale, this.hostState(locale));
	}

	/** Opens a phone's event stream, in the phone's locale; it starts with its whole state. */
	connectSeat(seatId: string, request: Request, locale: string): Response {
		const seat = this.#seats.get(seatId)!;
		const state =
			seat.status === 'active'
				? this.seatState(seatId, locale)!
				: { removed: seat.status === 'banned' ? ('banned' as const) : ('kicked' as const) };
		const { response, cameOnline } = this.#broadcast.openSeat(seatId, request, locale, state);
		if (cameOnline) this.#seatChanged(seat.id);
		return response;
	}

	#broadcastSeats(): void {
		this.#broadcast.seats(
			(locale) => this.#sharedView(locale),
			(seatId) => this.#me(this.#seats.get(seatId)!)
		);
	}

	#broadcastHost(): void {
		this.#broadcast.host((locale) => this.hostState(locale));
	}

	/**
	 * Notes a seat's change for the host and pushes it. The first change after a quiet spell
	 * (HOST_FLUSH_MS since the last push) goes out at once, so a small class's answers show on
	 * the projector as they come; changes that follow within HOST_FLUSH_MS wait for one push at
	 * its end, so a large class's burst costs one message per 100 ms, whatever its size.
	 */
	#seatChanged(seatId: string): void {
		this.#taken = undefined;
		this.#changed.add(seatId);
		if (this.#flushTimer || this.#disposed) return;
		const wait = this.#lastFlush + HOST_FLUSH_MS - this.#now();
		if (wait <= 0) this.#flushHost();
		else this.#flushTimer = setTimeout(() => this.#flushHost(), wait);
	}

	#flushHost(): void {
		this.#flushTimer = undefined;
		// A state broadcast took the changes since this was scheduled: nothing was pushed, so
		// the quiet spell goes on.
		if (this.#changed.size === 0) return;
		this.#lastFlush = this.#now();
		const changed = [...this.#changed];
		this.#changed.clear();
		if (!this.#broadcast.hostListening) return;
		const record = this.#record;
		const seats = changed
			.map((id) => this.#seats.get(id))
			.filter((seat): seat is Seat => seat !== undefined);
		this.#broadcast.live({
			round: record.round,
			...seatCounts(record, this.#seats.values(), this.#online),
			seats: seats.map((seat) => hostSeat(record, seat, this.#online(seat)))
		});
	}

	/** Sends a comment down every stream so dead connections are noticed and proxies stay open. */
	keepAlive(bytes: Uint8Array): void {
		this.#broadcast.keepAlive(bytes);
	}

	/**
	 * Stops timers and closes every stream. With `gone` (the session was deleted or expired), the
	 * browsers are told so and do not reconnect.
	 */
	dispose(gone: boolean): void {
		this.#disposed = true;
		clearTimeout(this.#deadlineTimer);
		clearTimeout(this.#flushTimer);
		this.#broadcast.close(gone);
	}
}
