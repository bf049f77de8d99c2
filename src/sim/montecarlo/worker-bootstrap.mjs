// Worker entry of a sweep: registers tsx (workers do not inherit the parent's loader), then
// loads the TypeScript worker. Layer: sim.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
