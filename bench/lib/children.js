/**
 * Child processes of the bench: every one is tracked so that an exit, a failure or Ctrl+C ends
 * them all (by pid, never by name), and every run has a time bound.
 */
import { spawn } from 'node:child_process';

const live = new Set();

/** Ends every child still running (SIGTERM, then SIGKILL shortly after). */
export function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGTERM');
    } catch {
      // already gone
    }
  }
  const stubborn = [...live];
  if (stubborn.length === 0) return;
  setTimeout(() => {
    for (const child of stubborn) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, 1500).unref();
}

let hooked = false;
/** Installs exit and signal handlers once: children never outlive the bench. */
export function hookCleanup() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of live) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping child processes\n`);
      killAll();
      setTimeout(() => process.exit(130), 300).unref();
    });
  }
}

/** Starts a long-running child (a server); the caller stops it with `stop()`. */
export function startService(command, args, opts = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  live.add(child);
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (d) => {
    if (stdout.length < 64 * 1024) stdout += d;
  });
  child.stderr?.on('data', (d) => {
    if (stderr.length < 64 * 1024) stderr += d;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    live.delete(child);
    resolve({ code, signal });
  }));
  return {
    child,
    pid: child.pid,
    exited,
    output: () => ({ stdout, stderr }),
    /** Resolves when `pattern` appears on stderr or stdout; rejects on exit or after `timeoutMs`. */
    waitFor(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(stderr) ?? pattern.exec(stdout);
          if (m) {
            cleanup();
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${command} ${args.join(' ')}: no ${pattern} within ${timeoutMs} ms\n${stderr.slice(-2000)}`));
        }, timeoutMs);
        const onExit = (code) => {
          cleanup();
          reject(new Error(`${command} ${args.join(' ')} exited (${code}) before ${pattern}\n${stderr.slice(-2000)}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.stderr?.off('data', check);
          child.stdout?.off('data', check);
          child.off('exit', onExit);
        };
        child.stderr?.on('data', check);
        child.stdout?.on('data', check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * Runs a child to completion with a hard time limit. Resolves with exit code, output and wall
 * time (from spawn to exit, in ms); never rejects for a non-zero exit.
 */
export function runChild(command, args, opts = {}) {
  const { timeoutMs = 120_000, input, keepStdout = 1024 * 1024, ...spawnOpts } = opts;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let child;
    try {
      child = spawn(command, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], ...spawnOpts });
    } catch (error) {
      reject(error);
      return;
    }
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      if (stdout.length < keepStdout) stdout += d;
    });
    child.stderr.on('data', (d) => {
      if (stderr.length < 256 * 1024) stderr += d;
    });
    if (input !== undefined) child.stdin.end(input);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      live.delete(child);
      reject(error);
    });
    child.once('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, signal, stdout, stderr, wallMs, timedOut });
    });
  });
}
