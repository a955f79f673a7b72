/** The bare-Temporal baseline's one activity (B1): returns at once. */
export const baselineActivities = {
  async noop(): Promise<void> {},
};
export type BaselineActivities = typeof baselineActivities;
