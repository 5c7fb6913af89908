import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import {
	isLoopback,
	lanAddresses,
	reachableOrigins
} from '../../../../src/lib/server/http/addresses.js';

type Interfaces = ReturnType<typeof networkInterfaces>;

const entry = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
	({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;

const laptop: Interfaces = {
	lo: [entry('127.0.0.1', 'IPv4', true), entry('::1', 'IPv6', true)],
	wlan0: [
		entry('fe80::1c2:3ff:fe45:6789', 'IPv6'),
		entry('2001:db8::20', 'IPv6'),
		entry('192.168.1.20', 'IPv4')
	],
	eth1: [entry('10.0.0.5', 'IPv4')]
};

describe('isLoopback', () => {
	it('knows the names that only this computer can open', () => {
		for (const name of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) {
			expect(isLoopback(name), name).toBe(true);
		}
		for (const name of ['192.168.1.20', 'telltale.example.org', '[2001:db8::20]', '10.0.0.5']) {
			expect(isLoopback(name), name).toBe(false);
		}
	});
});

describe('lanAddresses', () => {
	it('lists IPv4 first, then routable IPv6, without loopback or link-local addresses', () => {
		expect(lanAddresses(laptop)).toEqual(['192.168.1.20', '10.0.0.5', '2001:db8::20']);
	});

	it('is empty on a computer with no network', () => {
		expect(lanAddresses({ lo: laptop.lo })).toEqual([]);
	});
});

describe('reachableOrigins', () => {
	it('gives a newcomer on localhost the network addresses on the same port', () => {
		expect(
			reachableOrigins({ requestOrigin: 'http://localhost:3000', interfaces: laptop })
		).toEqual(['http://192.168.1.20:3000', 'http://10.0.0.5:3000', 'http://[2001:db8::20]:3000']);
	});

	it('keeps an address the host opened that phones can open too', () => {
		expect(
			reachableOrigins({ requestOrigin: 'http://192.168.1.20:3000', interfaces: laptop })
		).toEqual(['http://192.168.1.20:3000']);
	});

	it('lets PUBLIC_URL win over everything', () => {
		expect(
			reachableOrigins({
				requestOrigin: 'http://localhost:3000',
				publicUrl: 'https://class.example.org/some/path',
				interfaces: laptop
			})
		).toEqual(['https://class.example.org']);
	});

	it('falls back to the host address on a computer with no network', () => {
		expect(
			reachableOrigins({ requestOrigin: 'http://127.0.0.1:3000', interfaces: { lo: laptop.lo } })
		).toEqual(['http://127.0.0.1:3000']);
	});
});
