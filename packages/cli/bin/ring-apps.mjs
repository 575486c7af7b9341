#!/usr/bin/env node
// Runs the TypeScript source through tsx, as the rest of the workspace's scripts do.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
