import { describe, expect, it } from 'vitest';
import { CODE_MISSES } from '$lib/server/classroom/limits';
import { RateLimiter, addressKey } from '$lib/server/classroom/rate-limit';

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
