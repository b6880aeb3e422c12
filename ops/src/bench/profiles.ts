import { readFileSync } from 'node:fs';
import type { Child } from '../children';
import { selfTimeByOwner, type CpuProfile } from '../profile';

/** Asks each child (started with REHAB_CPU_PROFILE_DIR) to start its CPU profile. */
export function startProfiles(children: readonly Child[]): void {
  for (const child of children) child.process.send('cpu-profile:start');
}

/** Asks each child to stop and write its profile; the profiles, by child. */
export async function stopProfiles(children: readonly Child[]): Promise<{ child: Child; profile: CpuProfile }[]> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<{ child: Child; profile: CpuProfile }>((resolve, reject) => {
          const onMessage = (message: unknown) => {
            if (typeof message !== 'object' || message === null || !('cpuProfile' in message)) return;
            child.process.off('message', onMessage);
            const path = message.cpuProfile;
            if (typeof path !== 'string') reject(new Error(`${child.name} wrote no profile`));
            else resolve({ child, profile: JSON.parse(readFileSync(path, 'utf8')) as CpuProfile });
          };
          child.process.on('message', onMessage);
          child.process.send('cpu-profile:stop');
        }),
    ),
  );
}

/** Per process, the owners of its CPU samples in ms per request it served (the largest first, down to 0.1 ms). */
export function profileSummary(
  profiles: { child: Child; profile: CpuProfile }[],
  requestsOf: (child: Child) => number,
): string[] {
  if (profiles.length === 0) return [];
  const rows = profiles.map(({ child, profile }) => {
    const requests = Math.max(1, requestsOf(child));
    const owners = [...selfTimeByOwner(profile)].filter(([owner]) => owner !== '(idle)').sort((a, b) => b[1] - a[1]);
    const total = owners.reduce((t, [, ms]) => t + ms, 0) / requests;
    const top = owners
      .map(([owner, ms]): [string, number] => [owner, ms / requests])
      .filter(([, ms]) => ms >= 0.1)
      .map(([owner, ms]) => `${owner} ${ms.toFixed(2)}`)
      .join(', ');
    return `| ${child.name} | ${requests} | ${total.toFixed(2)} | ${top} |`;
  });
  return [
    '',
    'Where each process spent its CPU during the rounds (V8 samples, self time by whose code ran; Node internals charged to their caller), ms per request it served:',
    '',
    '| process | requests | sampled ms/request | largest owners (ms/request) |',
    '|---|---|---|---|',
    ...rows,
  ];
}
