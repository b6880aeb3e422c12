import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * REHAB_CPU_PROFILE_DIR (set by `npm run bench -- --compare --cpu-profile`): the parent may
 * ask over the IPC channel for V8's CPU profile of a stretch of the service's life
 * ("cpu-profile:start", then "cpu-profile:stop"); the profile is written to that folder and
 * its path sent back. (--cpu-prof cannot be given through NODE_OPTIONS, and would profile start-up.)
 */
function profileWhenAsked(dir: string | undefined, service: string): void {
  if (!dir) return;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  const name = basename(dirname(dirname(service))) + (basename(service) === 'index.js' ? '' : `-${basename(service, '.js')}`);
  process.on('message', (message: unknown) => {
    if (message === 'cpu-profile:start') session.post('Profiler.start');
    if (message !== 'cpu-profile:stop') return;
    session.post('Profiler.stop', (error, result) => {
      const path = join(dir, `${name}-${process.pid}.cpuprofile`);
      if (!error) writeFileSync(path, JSON.stringify(result.profile));
      process.send?.({ cpuProfile: error ? null : path });
    });
  });
}

const script = process.argv[2];
if (!script) {
  console.error('usage: child-runner.js <script>');
  process.exit(2);
}
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
profileWhenAsked(process.env.REHAB_CPU_PROFILE_DIR, script);
// The channel must not keep a service alive that has finished on its own.
process.channel?.unref();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(script);
