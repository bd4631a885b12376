import { describe, expect, it } from 'vitest';
import { coreProcessEnv, utilityCoreProcess, type UtilityChildLike } from '../../electron/main/core-process';
import { FakeEmitter } from './electron-fake';

/** Electron's utilityProcess cannot run here: a fake records what the shell asks of it. */
class FakeChild extends FakeEmitter implements UtilityChildLike {
  posted: unknown[] = [];
  killed = 0;
  pid = 4242;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed += 1;
    return true;
  }
}

function fakeUtilityProcess() {
  const forks: Array<{ modulePath: string; args: string[]; options: Record<string, unknown> }> = [];
  const child = new FakeChild();
  return {
    forks,
    child,
    utilityProcess: {
      fork(
        modulePath: string,
        args: string[],
        options: { serviceName: string; stdio: 'inherit'; env: Record<string, string> },
      ) {
        forks.push({ modulePath, args, options });
        return child;
      },
    },
  };
}

describe('core utility process (Electron side)', () => {
  it("keeps the kiosk's own settings and Node's switches out of the core process's environment", () => {
    expect(
      coreProcessEnv({
        PATH: '/usr/bin',
        LANG: 'de_DE.UTF-8',
        KIOSK_PORTAL_CLIENT_SECRET: 'secret',
        KIOSK_DATA_DIR: '/data',
        NODE_OPTIONS: '--inspect',
        EMPTY: undefined,
      }),
    ).toEqual({ PATH: '/usr/bin', LANG: 'de_DE.UTF-8' });
  });

  it('forks the core host with no arguments, passes frames both ways, and reports the exit once', () => {
    const fake = fakeUtilityProcess();
    const core = utilityCoreProcess(fake.utilityProcess, '/app/dist/electron/core-host.cjs', {
      PATH: '/bin',
      KIOSK_PORTAL_CLIENT_SECRET: 'secret',
    });
    expect(fake.forks).toEqual([
      {
        modulePath: '/app/dist/electron/core-host.cjs',
        args: [],
        options: { serviceName: 'Bürgerkiosk core', stdio: 'inherit', env: { PATH: '/bin' } },
      },
    ]);
    expect(core.pid).toBe(4242);
    const frames: unknown[] = [];
    core.onFrame((frame) => frames.push(frame));
    fake.child.emit('message', { kind: 'ready', catalogProblems: [] });
    expect(frames).toEqual([{ kind: 'ready', catalogProblems: [] }]);
    core.send({ kind: 'close' });
    expect(fake.child.posted).toEqual([{ kind: 'close' }]);

    const exits: Array<number | null> = [];
    core.onExit((code) => exits.push(code));
    fake.child.emit('exit', 9);
    fake.child.emit('exit', 9);
    expect(exits).toEqual([9]);
    expect(() => core.send({ kind: 'close' })).toThrow(/gone/);
    core.kill();
    expect(fake.child.killed).toBe(1);
  });
});
