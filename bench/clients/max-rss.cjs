/**
 * Preloaded into a measured process (NODE_OPTIONS=--require): at exit, writes its peak resident
 * set size (getrusage ru_maxrss, in KiB — the kernel's VmHWM) to $BENCH_MAXRSS_FILE.
 */
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_MAXRSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
