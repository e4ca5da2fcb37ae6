/**
 * Preloaded into a measured process (NODE_OPTIONS=--require): at exit, writes the CPU time it
 * used, user + system in microseconds (getrusage), to $BENCH_CPU_FILE.
 */
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_CPU_FILE;
  if (!file) return;
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  writeFileSync(file, String(userCPUTime + systemCPUTime));
});
