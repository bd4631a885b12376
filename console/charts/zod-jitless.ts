import { z } from 'zod';

// zod decides at each schema's construction whether it may compile checks with `new Function`, probing once;
// under the hub's CSP that probe is refused and reported. Imported before any contract schema is built (load.ts).
z.config({ jitless: true });
