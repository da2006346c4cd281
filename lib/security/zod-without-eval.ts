import { z } from 'zod';

// Zod probes `new Function('')` the first time it parses an object, to decide whether it may
// compile parsers. Under the pages' CSP (no 'unsafe-eval') the probe fails harmlessly but the
// browser still reports a violation. Client components that use zod import this first.
z.config({ jitless: true });
