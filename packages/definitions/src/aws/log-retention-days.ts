/**
 * The retention periods CloudWatch Logs accepts (PutRetentionPolicy's `retentionInDays`); any other value is refused
 * at deploy time, so stacks check it when they read their config.
 */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];
