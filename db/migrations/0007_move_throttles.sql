-- Copy the counters of the two old throttle tables into `throttles` (same keys; the
-- prefixes "account:", "ip:" and "<limit>:" never collide), before 0008 drops them.
INSERT OR IGNORE INTO `throttles` (`key`, `count`, `window_start`, `last_at`, `blocked_until`)
  SELECT `key`, `failures`, `last_failure_at`, `last_failure_at`, `blocked_until` FROM `login_throttles`;
--> statement-breakpoint
INSERT OR IGNORE INTO `throttles` (`key`, `count`, `window_start`, `last_at`, `blocked_until`)
  SELECT `key`, `count`, `window_start`, `window_start`, 0 FROM `rate_limits`;
