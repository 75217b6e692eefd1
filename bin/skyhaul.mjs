#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx skyhaul` works on a clone without a build step.
import { tsImport } from 'tsx/esm/api';

process.env.SKYHAUL_CLI = '1';
await tsImport('../src/cli/main.ts', import.meta.url);
