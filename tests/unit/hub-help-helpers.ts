import { FIXTURE_RESOURCES, START_TIME } from '../fixtures/core-harness';
import {
  ADMIN,
  FakeClock,
  STAFF,
  enrol,
  login,
  startTestHub,
  type StaffSession,
  type TestHub,
} from '../fixtures/hub-harness';

/**
 * The real hub (createHub in-process on 127.0.0.1, temp dir; tests/fixtures/hub-harness.ts) with its desk
 * core, the admin's and Frau Meyer's API sessions, and one enrolled terminal ("Foyer") whose credential
 * the tests connect with. Shared by hub-help-flow.test.ts and hub-help-handover.test.ts.
 */
export interface HelpHub {
  t: TestHub;
  admin: StaffSession;
  meyer: StaffSession;
  credential: string;
  terminalId: string;
}

export async function startHelpHub(resourcesDir: string = FIXTURE_RESOURCES): Promise<HelpHub> {
  // The desk validates dates against "today": the fixture service's answers are valid on START_TIME.
  const t = await startTestHub({ clock: new FakeClock(START_TIME), desk: { resourcesDir } });
  const admin = await login(t.hub, ADMIN);
  const meyer = await login(t.hub, STAFF);
  const { credential, terminalId } = await enrol(t.hub, admin);
  return { t, admin, meyer, credential, terminalId };
}
