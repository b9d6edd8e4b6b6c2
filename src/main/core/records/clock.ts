/** Times are stored as ISO 8601 UTC strings; a test may pass its own clock. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
export const iso = (clock: Clock): string => clock().toISOString();
