/** The promote API and the live clock helper the promote tests use. */
export * from '../../../src/live/promote/index.ts';
export { localTimeMs } from '../../../src/live/clock.ts';
