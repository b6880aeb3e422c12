export {};

/**
 * node ops/dist/child-runner.js <script>: how npm start runs each service. The service runs
 * in its own process group (npm start spawns it detached), so it hears of a stop from npm
 * start alone, in order; when npm start is gone (its IPC channel closes, even after a
 * SIGKILL), the service gets the SIGTERM it would have sent.
 */
const script = process.argv[2];
if (!script) {
  console.error('usage: child-runner.js <script>');
  process.exit(2);
}
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
// The channel must not keep a service alive that has finished on its own.
process.channel?.unref();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(script);
