import type { UsageDay } from '../contract/usage';
import type { DirectoryService } from '../hub/open-data/service-directory';

/** A terminal's synthetic day for the open-data bench: consistent counts, 8 of the services used. */
const SERVICES_PER_DAY = 8;

/** A deterministic pseudo-random sequence (mulberry32). */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function dayReport(day: string, services: readonly DirectoryService[], next: () => number): UsageDay {
  const pick = (n: number) => Math.floor(next() * n);
  const chosen = new Set<number>();
  while (chosen.size < SERVICES_PER_DAY) chosen.add(pick(services.length));
  const serviceDays = [...chosen].map((index) => {
    const service = services[index]!;
    const started = pick(8);
    const completed = Math.floor(started * next());
    const steps = service.steps.map((step) => step.stepId);
    const giveUpAt = steps[pick(steps.length)]!;
    return {
      serviceId: service.serviceId,
      started,
      completed,
      stepsReached: Object.fromEntries(
        steps.map((stepId, position) => [stepId, Math.max(completed, started - position)]),
      ),
      givenUp: started > completed ? { [giveUpAt]: { ended: started - completed } } : {},
      durations: started > 0 ? { '2to5': started } : {},
    };
  });
  const sessions = serviceDays.reduce((sum, service) => sum + service.started, 0) + pick(4);
  const sessionsByHour = new Array<number>(24).fill(0);
  for (let n = 0; n < sessions; n += 1) sessionsByHour[8 + pick(10)]! += 1;
  const called = pick(4);
  const helpByHour = new Array<number>(24).fill(0);
  for (let n = 0; n < called; n += 1) helpByHour[8 + pick(10)]! += 1;
  const english = Math.floor(sessions / 5);
  return {
    day,
    revision: 1,
    sessions,
    sessionsByHour,
    durations: { under2: sessions - english, '5to10': english },
    services: serviceDays,
    languages: { de: sessions - english, en: english },
    settings: { largeText: pick(3) % (sessions + 1), highContrast: 0, speech: 0 },
    help: { called, offered: 0, takenOver: 0, continuedAtDesk: 0 },
    helpByHour,
    feedback: { good: Math.floor(sessions / 2) },
  };
}
