// The home page is links and text: it ships no JavaScript, so it paints and responds at once on
// the slowest phone. Pages that need scripts load them when the player goes there.
export const csr = false;
