// A static page: the service worker caches it, and it runs a whole practice game on the device.
export const prerender = true;
