/**
 * The first start of a kiosk, cut short: makes the master key in <dataDir> as the core does and
 * kills itself with SIGKILL at the step named on the command line (tests/unit/master-key-atomic.test.ts).
 * SIGKILL runs no cleanup code, as a crash would; the test then starts the real core on what is left.
 */
import { ATOMIC_WRITE_STEPS, type AtomicWriteStep } from '../../core/crypto/atomic-file';
import { fileMasterKeyProvider } from '../../core/crypto/master-key';

const [dataDir, killAt] = process.argv.slice(2) as [string, AtomicWriteStep];
if (!ATOMIC_WRITE_STEPS.includes(killAt)) throw new Error(`unknown step ${killAt}`);
const provider = fileMasterKeyProvider(dataDir, {
  onStep(step) {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
provider.load({ mayCreate: true });
process.stdout.write('NOT KILLED\n');
