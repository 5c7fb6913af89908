/**
 * One live class session in memory: its seats and the current round, over its records
 * (store.ts: SQLite, or PostgreSQL shared by several servers). The server decides everything
 * about it, each job in its own module: who may join (joining.ts), which round a verdict
 * counts for (verdicts.ts), which host command applies (host-commands.ts), when a round opens
 * and closes (round-phase.ts, with its deadline). What the phones and the host see, and when it
 * is pushed, is screens.ts (built by $lib/game/class/build-views.ts, framed and fanned out by
 * broadcast.ts). This class holds the state they share and is the one face the routes see.
 *
 * Node runs this single-threaded and each method checks and changes the state in memory
 * synchronously, so two taps of the same button cannot both pass a check. The writes it makes
 * are committed in order behind it (store.ts); whatever a browser is told of waits for them
 * (`committed`, and each verdict's own commit).
 */
import type { Pack } from '$lib/game/pack/schema';
import { classReport, type ClassReport } from '$lib/game/class/report';
import { playedRounds, type Board } from '$lib/game/class/build-views';
import type { HostState, SeatShared, SeatState } from '$lib/game/class/views';
import type { HostCommand } from '$lib/game/class/commands';
import type { SeatVerdict } from '$lib/game/class/seat-verdict';
import type { SeatJoin } from '$lib/game/class/seat-join';
import type { ClassRecords, SeatRecord, SessionRecord, VerdictRecord } from './store';
import { Broadcast } from './broadcast';
import type { EventPublisher, EventsMark } from './event-channel';
import type { EventSink } from './sse';
import { hashToken } from './tokens';
import { joinSeat, type JoinResult } from './joining';
import { recordVerdict, type VerdictResult } from './verdicts';
import { applyCommand, type CommandResult } from './host-commands';
import { armDeadline, checkDeadline } from './round-phase';
import { connectHost, connectSeat, hostView, seatChanged, seatView } from './screens';

/** A seat with its verdicts, by round. */
export interface Seat extends SeatRecord {
	verdicts: Map<number, VerdictRecord>;
}

/** The leaderboard and each seat's place on it: the same in every locale. */
export interface Standing {
	board: Board | null;
	ranks: Map<string, number>;
}

export interface SessionContext {
	store: ClassRecords;
	pack: Pack;
	/** Rendition URLs for this session's rounds: addresses that mean something here only. */
	address: (src: string) => string;
	now: () => number;
	/** Where its events go for streams other processes hold (event-channel.ts), if anywhere. */
	publisher?: EventPublisher;
}

/** What the session's modules share: its records, its seats, its streams and what is built on them. */
export interface SessionState extends Readonly<SessionContext> {
	record: SessionRecord;
	readonly seats: Map<string, Seat>;
	readonly byToken: Map<string, Seat>;
	readonly broadcast: Broadcast;
	/** Seats whose host-visible line changed since the last live push. */
	readonly changed: Set<string>;
	flushTimer: ReturnType<typeof setTimeout> | undefined;
	lastFlush: number;
	deadlineTimer: ReturnType<typeof setTimeout> | undefined;
	/** When the current round closed (in this process), for LATE_GRACE_MS. */
	closedAt: number | null;
	/** The phones' shared view per locale (the pack's words differ), once per state change. */
	readonly shared: Map<string, SeatShared>;
	standing: Standing | undefined;
	/** The active seats' names in every form they take (see joining.ts); reset on any change. */
	taken: Set<string> | undefined;
	idleSince: number;
	disposed: boolean;
	/** The commit of the session's latest write: it settles after every write before it. */
	commit: Promise<void>;
	/** A write failed: memory is ahead of the records, so the hub loads the session afresh. */
	lost: boolean;
	/** Keeps the commit of a write the session just made (see `committed`). */
	keep(commit: Promise<void>): void;
}

/** What a session is loaded with: its seats and their verdicts as stored. */
export interface StoredSession {
	record: SessionRecord;
	seats: SeatRecord[];
	verdicts: VerdictRecord[];
}

export class LiveSession {
	readonly #state: SessionState;

	constructor({ record, seats, verdicts }: StoredSession, context: SessionContext) {
		const state: SessionState = {
			record,
			store: context.store,
			pack: context.pack,
			address: context.address,
			now: context.now,
			seats: new Map(),
			byToken: new Map(),
			broadcast: new Broadcast({
				closed: (seat) => {
					if (seat?.offline) seatChanged(state, seat.id);
					state.idleSince = state.now();
				},
				publisher: context.publisher
			}),
			changed: new Set(),
			flushTimer: undefined,
			lastFlush: 0,
			deadlineTimer: undefined,
			closedAt: null,
			shared: new Map(),
			standing: undefined,
			taken: undefined,
			idleSince: context.now(),
			disposed: false,
			commit: Promise.resolve(),
			lost: false,
			keep(commit) {
				state.commit = commit;
				commit.catch((fault: unknown) => {
					if (!state.lost) console.error(`Class session ${record.id}: a write failed`, fault);
					state.lost = true;
				});
			}
		};
		this.#state = state;
		for (const seat of seats) {
			const live: Seat = { ...seat, verdicts: new Map() };
			state.seats.set(seat.id, live);
			state.byToken.set(seat.tokenHash, live);
		}
		for (const verdict of verdicts) {
			state.seats.get(verdict.seatId)?.verdicts.set(verdict.round, verdict);
		}
		// A round whose deadline passed while the server was down (or the session was asleep).
		checkDeadline(state);
		armDeadline(state);
	}

	get id(): string {
		return this.#state.record.id;
	}

	get code(): string {
		return this.#state.record.code;
	}

	get record(): Readonly<SessionRecord> {
		return this.#state.record;
	}

	get pack(): Pack {
		return this.#state.pack;
	}

	/**
	 * Settles once every change the session has made so far is committed; rejects if one failed
	 * (the session is then lost: the hub loads it afresh from the records).
	 */
	async committed(): Promise<void> {
		if (!(await this.stored())) throw new Error(`class session ${this.id} lost a write`);
	}

	/**
	 * Settles once every write so far is done: false if one failed (another process took the
	 * session's lease, or the database refused), so memory is ahead of the records and the hub
	 * loads the session afresh; the request is then to be sent again.
	 */
	async stored(): Promise<boolean> {
		// A failed write has already marked the session lost (keep's own handler runs first).
		await this.#state.commit.catch(() => undefined);
		return !this.#state.lost;
	}

	/** Whether a write failed, so memory is ahead of the records (see `committed`). */
	get lost(): boolean {
		return this.#state.lost;
	}

	/** Whether any browser is connected; idle sessions may be dropped from memory. */
	idleFor(now: number): number {
		return this.#state.broadcast.connected ? 0 : now - this.#state.idleSince;
	}

	seatByToken(token: string): Readonly<SeatRecord> | undefined {
		return this.#state.byToken.get(hashToken(token));
	}

	/** Whether a new seat could join now (the lobby, or late joining allowed). */
	get joinable(): boolean {
		const { phase, lateJoin } = this.#state.record;
		return phase === 'lobby' || (phase !== 'ended' && lateJoin);
	}

	/** Gives a device a seat (see joinSeat). */
	join(
		token: string | null,
		input: Partial<SeatJoin>,
		mayAddSeat: () => boolean = () => true
	): JoinResult {
		return joinSeat(this.#state, token, input, mayAddSeat);
	}

	/** Records a seat's verdict for the round it names; settles once committed (see recordVerdict). */
	verdict(seatId: string, verdict: SeatVerdict): Promise<VerdictResult> {
		return recordVerdict(this.#state, seatId, verdict);
	}

	command(command: HostCommand): CommandResult {
		return applyCommand(this.#state, command);
	}

	/** Rounds whose answers are final: everything before the current round, and it once closed. */
	get played(): number {
		return playedRounds(this.#state.record);
	}

	/** A phone's whole view, the pack's words in `locale`, for its page data and state events. */
	seatState(seatId: string, locale: string): SeatState | undefined {
		return seatView(this.#state, seatId, locale);
	}

	/** The host screen's whole view, the pack's words in `locale` (the host's). */
	hostState(locale: string): HostState {
		return hostView(this.#state, locale);
	}

	/** The report so far (host only). */
	report(): ClassReport {
		const { record, seats, pack } = this.#state;
		const verdicts = [...seats.values()].flatMap((seat) => [...seat.verdicts.values()]);
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
			pack,
			seats: [...seats.values()].map(({ id, nickname, status }) => ({
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
		const seats = [...this.#state.seats.values()];
		return {
			seats: seats.map((seat) => ({
				id: seat.id,
				tokenHash: seat.tokenHash,
				nickname: seat.nickname,
				nicknameKey: seat.nicknameKey,
				status: seat.status,
				joinedAt: seat.joinedAt
			})),
			verdicts: seats
				.flatMap((seat) => [...seat.verdicts.values()])
				.sort((a, b) => a.round - b.round || a.createdAt - b.createdAt)
		};
	}

	/**
	 * Where a stream opened now for another process would start in the session's messages
	 * through Redis; undefined when they cannot go through Redis now (event-channel.ts).
	 */
	eventsMark(locale: string, seatId: string | null): EventsMark | undefined {
		return this.#state.broadcast.mark(locale, seatId);
	}

	/**
	 * Opens the host's event stream on `sink`, in the host's locale; it starts with the whole
	 * state. `relayed`: its later events go through Redis (after `eventsMark`).
	 */
	connectHost(sink: EventSink, locale: string, relayed = false): void {
		connectHost(this.#state, sink, locale, relayed);
	}

	/**
	 * Opens a phone's event stream on `sink`, in the phone's locale; it starts with its whole
	 * state. `relayed`: its later events go through Redis (after `eventsMark`).
	 */
	connectSeat(seatId: string, sink: EventSink, locale: string, relayed = false): void {
		connectSeat(this.#state, seatId, sink, locale, relayed);
	}

	/** Sends a comment down every stream so dead connections are noticed and proxies stay open. */
	keepAlive(bytes: Uint8Array): void {
		this.#state.broadcast.keepAlive(bytes);
	}

	/**
	 * Stops timers and closes every stream. With `gone` (the session was deleted or expired), the
	 * browsers are told so and do not reconnect.
	 */
	dispose(gone: boolean): void {
		const state = this.#state;
		state.disposed = true;
		clearTimeout(state.deadlineTimer);
		clearTimeout(state.flushTimer);
		state.broadcast.close(gone);
	}
}
