import { describe, expect, it } from 'vitest';
import { CODE_MISSES, NEW_SEATS, newSeatKey } from '$lib/server/class/limits';
import { ClassPlaces } from '$lib/server/class/places';
import { RateLimiter, addressKey } from '$lib/server/class/rate-limit';

const DAY = 86_400;

describe('the wrong-join-code allowance', () => {
	it('lets a class behind one router make 40 typos, then waits at most 3 s per code', () => {
		let now = 0;
		const limiter = new RateLimiter({ ...CODE_MISSES, now: () => now });
		for (let typo = 0; typo < 40; typo++) expect(limiter.take('school')).toBe(true);
		expect(limiter.allows('school')).toBe(false);
		expect(limiter.retryAfter('school')).toBeLessThanOrEqual(3);
		now += limiter.retryAfter('school') * 1000;
		expect(limiter.allows('school')).toBe(true);
	});

	it('still makes trying every code from one address take weeks', () => {
		const seconds = (1_000_000 - CODE_MISSES.capacity) / CODE_MISSES.perSecond;
		expect(seconds / DAY).toBeGreaterThan(21);
	});
});

describe('the new-seat allowance', () => {
	it("is a session's at an address: a class filled at a school leaves the next class room", () => {
		const limiter = new RateLimiter({ ...NEW_SEATS, now: () => 0 });
		for (let seat = 0; seat < NEW_SEATS.capacity; seat++) {
			expect(limiter.take(newSeatKey('class-a', '203.0.113.50'))).toBe(true);
		}
		expect(limiter.allows(newSeatKey('class-a', '203.0.113.50'))).toBe(false);
		expect(limiter.allows(newSeatKey('class-b', '203.0.113.50'))).toBe(true);
		expect(limiter.allows(newSeatKey('class-a', '203.0.113.51'))).toBe(true);
	});

	it('counts an IPv6 /64 as one address within a session', () => {
		const limiter = new RateLimiter({ capacity: 1, perSecond: 0.001, now: () => 0 });
		expect(limiter.take(newSeatKey('class-a', '2001:db8:aa:bb::1'))).toBe(true);
		expect(limiter.allows(newSeatKey('class-a', '2001:db8:aa:bb:9:9:9:9'))).toBe(false);
		expect(limiter.allows(newSeatKey('class-a', '2001:db8:aa:bc::1'))).toBe(true);
	});
});

describe('addressKey', () => {
	it('counts IPv4 addresses as they are, mapped ones as IPv4', () => {
		expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
		expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
		expect(addressKey('::FFFF:cb00:7109')).toBe('203.0.113.9');
	});

	it('counts an IPv6 client by its /64, whatever address it picks inside it', () => {
		const key = addressKey('2001:db8:aa:bb::1');
		expect(key).toBe('2001:db8:aa:bb::/64');
		expect(addressKey('2001:0db8:00aa:00bb:dead:beef:1:2')).toBe(key);
		expect(addressKey('2001:db8:aa:bb:ffff:ffff:ffff:ffff%eth0')).toBe(key);
		expect(addressKey('2001:db8:aa:bc::1')).not.toBe(key);
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
		expect(addressKey('fe80::1:2.3.4.5')).toBe('fe80:0:0:0::/64');
	});

	it('leaves anything it cannot read as it is', () => {
		expect(addressKey('not:an:address::at::all')).toBe('not:an:address::at::all');
		expect(addressKey('1:2:3:4:5:6:7:8:9')).toBe('1:2:3:4:5:6:7:8:9');
		expect(addressKey('unknown')).toBe('unknown');
	});
});

describe('RateLimiter keys', () => {
	it('counts every address of an IPv6 /64 as one client, whoever calls it', () => {
		const limiter = new RateLimiter({ capacity: 2, perSecond: 0.001, now: () => 0 });
		expect(limiter.take('2001:db8:aa:bb::1')).toBe(true);
		expect(limiter.take('2001:db8:aa:bb:1234:5678:9abc:def0')).toBe(true);
		expect(limiter.allows('2001:db8:aa:bb::ffff')).toBe(false);
		expect(limiter.retryAfter('2001:DB8:AA:BB::7')).toBeGreaterThan(0);
		// The next /64 and an IPv4 client are others.
		expect(limiter.allows('2001:db8:aa:bc::1')).toBe(true);
		expect(limiter.allows('203.0.113.9')).toBe(true);
		expect(limiter.size).toBe(1);
	});

	it('keeps other keys exactly, case included', () => {
		const limiter = new RateLimiter({ capacity: 1, perSecond: 0.001, now: () => 0 });
		expect(limiter.take('seat:AbC')).toBe(true);
		expect(limiter.take('seat:abc')).toBe(true);
		expect(limiter.take('seat:AbC')).toBe(false);
	});
});

describe('ClassPlaces', () => {
	it("knows a session at its host's and seats' networks, for a while", () => {
		let now = 0;
		const places = new ClassPlaces({ keepMs: 1000, perSession: 3, now: () => now });
		places.saw('s1', '2001:db8:aa:bb::1');
		expect(places.isAt('s1', '2001:db8:aa:bb::99')).toBe(true);
		expect(places.isAt('s1', '2001:db8:aa:bc::1')).toBe(false);
		expect(places.isAt('s2', '2001:db8:aa:bb::1')).toBe(false);
		now = 1001;
		expect(places.isAt('s1', '2001:db8:aa:bb::1')).toBe(false);
		places.sweep();
		places.saw('s1', '203.0.113.9');
		expect(places.isAt('s1', '203.0.113.9')).toBe(true);
	});

	it('remembers a bounded number of networks per session, the latest ones', () => {
		const places = new ClassPlaces({ keepMs: 1000, perSession: 2, now: () => 0 });
		places.saw('s1', '192.0.2.1');
		places.saw('s1', '192.0.2.2');
		places.saw('s1', '192.0.2.1');
		places.saw('s1', '192.0.2.3');
		expect(places.isAt('s1', '192.0.2.1')).toBe(true);
		expect(places.isAt('s1', '192.0.2.2')).toBe(false);
		expect(places.isAt('s1', '192.0.2.3')).toBe(true);
	});
});
