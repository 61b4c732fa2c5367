/**
 * The form of every channel name: `capability.verb` (`session.login`, `lookup.search`). The contract
 * refuses any other at load (define.ts), and the renderer's bridged API relies on it to tell a
 * channel from anything else read off it (preload/api.ts, lazyApi). No zod here: the log-in
 * screen's script imports this.
 */
export const CHANNEL_NAME = /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/;
